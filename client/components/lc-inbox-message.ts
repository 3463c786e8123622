import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, t } from '../i18n/index.js';
import { errorText } from '../format.js';
import {
  inboxChanged,
  markRead,
  replyTo,
  setMessageStatus,
  type ContactReply,
  type InboxMessage,
} from '../api/inbox.js';
import { sharedStyles } from '../styles.js';

/** One answer, as a line of a thread (shared with the sender's view). */
export const replyLine = (r: ContactReply) =>
  html`<li class="reply" data-testid="inbox-reply">
    <p class="who">${r.author.role === 'team' ? t('inbox.by.team', { name: r.author.name }) : r.author.name} · <time datetime=${r.createdAt}>${formatDate(r.createdAt)}</time></p>
    <p class="body">${r.body}</p>
  </li>`;

/** Styles of a message card and its thread (shared with the sender's view). */
export const messageCardStyles = css`
  article.msg { background: var(--lc-surface); border: 1px solid var(--lc-line); border-radius: var(--lc-radius); padding: 0.8rem 1rem; margin: 0 0 0.8rem; }
  article.msg.unread { border-left: 4px solid var(--lc-green); }
  .msg h2, .msg h3 { font-size: 1.05rem; margin: 0 0 0.2rem; }
  .meta { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; font-size: 0.88rem; color: var(--lc-muted); margin: 0 0 0.5rem; align-items: center; }
  .pill { border-radius: 999px; padding: 0.05rem 0.55rem; background: #eef2f0; color: var(--lc-ink); font-size: 0.82rem; }
  .pill.new { background: #fff1cc; }
  .pill.relayed { background: #dff3e4; }
  .text, .body { white-space: pre-wrap; margin: 0.2rem 0 0.5rem; }
  ul.thread { list-style: none; padding: 0 0 0 0.8rem; margin: 0.4rem 0; border-left: 3px solid var(--lc-green-light); }
  .reply .who { font-size: 0.85rem; color: var(--lc-muted); margin: 0.3rem 0 0; }
`;

/**
 * A message of the inbox: who wrote, to whom, the text and the answers; opened, it is marked read
 * and shows the answer form and *Clore* / *Rouvrir*.
 */
@customElement('lc-inbox-message')
export class LcInboxMessage extends LitElement {
  static override styles = [
    sharedStyles,
    messageCardStyles,
    css`
      :host { display: block; }
      form { margin-top: 0.6rem; }
      textarea { min-height: 5rem; font-family: inherit; }
    `,
  ];

  /** The message. */
  @property({ attribute: false }) message!: InboxMessage;
  /** Show it opened (the page was reached from the alert's link). */
  @property({ type: Boolean }) open = false;

  @state() private _busy = false;
  @state() private _error: string | null = null;
  @state() private _draft = '';

  override connectedCallback() {
    super.connectedCallback();
    if (this.open) void this._markRead();
  }

  private _update(m: InboxMessage) {
    this.message = m;
    inboxChanged();
  }

  private async _markRead() {
    if (this.message.read) return;
    try {
      this._update(await markRead(this.message.id));
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _toggle() {
    this.open = !this.open;
    if (this.open) await this._markRead();
  }

  private async _reply(e: SubmitEvent) {
    e.preventDefault();
    const body = this._draft.trim();
    if (!body) {
      this._error = t('inbox.answerEmpty');
      return;
    }
    this._busy = true;
    this._error = null;
    try {
      this._update(await replyTo(this.message.id, body));
      this._draft = '';
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private async _setStatus(status: 'open' | 'closed') {
    this._busy = true;
    this._error = null;
    try {
      this._update(await setMessageStatus(this.message.id, status));
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const m = this.message;
    const unread = !m.read && m.status !== 'closed';
    const id = `answer-${m.id}`;
    return html`<article class="msg ${unread ? 'unread' : ''}" data-testid="inbox-message" aria-labelledby="h-${m.id}">
      <h2 id="h-${m.id}">${t('inbox.from', { name: m.sender ?? (m.from || t('inbox.fromAnonymous')) })}</h2>
      <p class="meta">
        <span>${t('inbox.for', { name: m.person.name })}</span>
        <time datetime=${m.createdAt}>${formatDate(m.createdAt)}</time>
        <span class="pill ${m.status}" data-testid="inbox-status">${t(`inbox.status.${m.status}`)}</span>
        ${unread ? html`<span class="pill new">${t('inbox.unread')}</span>` : nothing}
      </p>
      ${m.sender && m.from ? html`<p class="meta">${t('inbox.signed', { text: m.from })}</p>` : nothing}
      <p class="text">${m.message}</p>
      ${m.replies.length ? html`<ul class="thread">${m.replies.map(replyLine)}</ul>` : nothing}
      <div class="actions">
        <button class="btn secondary small" aria-expanded=${this.open ? 'true' : 'false'} @click=${this._toggle}>${this.open ? t('inbox.fold') : t('inbox.open')}</button>
        ${
          m.status === 'closed'
            ? html`<button class="btn secondary small" ?disabled=${this._busy} @click=${() => this._setStatus('open')}>${t('inbox.reopen')}</button>`
            : html`<button class="btn secondary small" ?disabled=${this._busy} @click=${() => this._setStatus('closed')}>${t('inbox.close')}</button>`
        }
      </div>
      ${
        this.open
          ? html`<form @submit=${this._reply}>
            <div class="field">
              <label for=${id}>${t('inbox.answer')}</label>
              <textarea id=${id} maxlength="4000" .value=${this._draft} @input=${(e: Event) => (this._draft = (e.target as HTMLTextAreaElement).value)}></textarea>
              <span class="hint">${m.sender ? t('inbox.answerHint') : t('inbox.anonymousHint')}</span>
            </div>
            <button class="btn small" type="submit" ?disabled=${this._busy}>${t('inbox.send')}</button>
          </form>`
          : nothing
      }
      ${this._error ? html`<p class="field-error" role="alert">${this._error}</p>` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-inbox-message': LcInboxMessage;
  }
}
