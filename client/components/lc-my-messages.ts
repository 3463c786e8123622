import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox } from '../format.js';
import { ApiError } from '../api/http.js';
import { inboxChanged, listSent, markSentSeen, type SentMessage } from '../api/inbox.js';
import { sharedStyles } from '../styles.js';
import { messageCardStyles, replyLine } from './lc-inbox-message.js';

/**
 * In "Mes demandes": the messages the user sent to people while logged in, with their answers
 * (new ones marked, then counted as seen).
 */
@customElement('lc-my-messages')
export class LcMyMessages extends LitElement {
  static override styles = [
    sharedStyles,
    messageCardStyles,
    css`:host { display: block; margin-top: 2rem; }`,
  ];

  @state() private _messages: SentMessage[] | null = null;
  @state() private _error: unknown = null;

  override connectedCallback() {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      const r = await listSent();
      this._messages = r.messages;
      if (r.messages.some((m) => m.unread > 0)) {
        await markSentSeen();
        inboxChanged();
      }
    } catch (err) {
      // Anonymous visitors: the requests list above already asks them to log in.
      this._error = err instanceof ApiError && err.status === 401 ? null : err;
      this._messages = this._error ? null : [];
    }
  }

  override render() {
    return html`<h2 id="sent-h">${t('inbox.sent.title')}</h2>
      ${this._error ? errorBox(this._error) : nothing}
      ${this._messages && this._messages.length === 0 ? html`<p class="muted" data-testid="sent-empty">${t('inbox.sent.empty')}</p>` : nothing}
      ${(this._messages ?? []).map(
        (
          m,
        ) => html`<article class="msg ${m.unread ? 'unread' : ''}" data-testid="sent-message" aria-labelledby="sent-${m.id}">
          <h3 id="sent-${m.id}"><a href="/personnes/${encodeURIComponent(m.person.slug)}">${t('inbox.sent.to', { name: m.person.name })}</a></h3>
          <p class="meta">
            <time datetime=${m.createdAt}>${formatDate(m.createdAt)}</time>
            <span class="pill ${m.status}">${t(`inbox.status.${m.status}`)}</span>
            ${m.unread ? html`<span class="pill new">${t('inbox.sent.new', { n: m.unread })}</span>` : nothing}
          </p>
          <p class="text">${m.message}</p>
          ${m.replies.length ? html`<ul class="thread">${m.replies.map(replyLine)}</ul>` : html`<p class="muted small">${t('inbox.sent.waiting')}</p>`}
        </article>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-my-messages': LcMyMessages;
  }
}
