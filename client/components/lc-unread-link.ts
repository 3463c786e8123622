import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { unreadCounts } from '../api/inbox.js';
import { currentUser } from '../session.js';

/** How often the header counts again while a page stays open (ms). */
const REFRESH_MS = 60_000;

/**
 * In the header, for a logged-in user: *Messages* with the number of unread messages (when the
 * user has an inbox: a linked profile, or facilitator and above), and *Réponses* with the number
 * of new answers to the messages they sent. Counted again on each navigation, after an inbox
 * action (`lc-inbox-changed`) and every minute.
 */
@customElement('lc-unread-link')
export class LcUnreadLink extends LitElement {
  static override styles = css`
    :host { display: inline-flex; gap: 0.2rem; align-items: center; }
    a { color: #fff; text-decoration: none; padding: 0.3rem 0.5rem; border-radius: 5px; display: inline-flex; gap: 0.35rem; align-items: center; }
    a:hover { background: rgba(255, 255, 255, 0.12); }
    a:focus-visible { outline: 3px solid #f0b400; outline-offset: 1px; }
    .count { background: #f0c85a; color: #1d2a24; border-radius: 999px; padding: 0 0.45rem; font-size: 0.8rem; font-weight: 700; }
  `;

  @state() private _counts: { inbox: number; answers: number; handles: boolean } | null = null;
  private _timer: number | null = null;
  private _seq = 0;

  override connectedCallback() {
    super.connectedCallback();
    for (const e of ['lc-navigate', 'popstate', 'lc-inbox-changed', 'lc-session-changed'])
      window.addEventListener(e, this._refresh);
    this._timer = window.setInterval(this._refresh, REFRESH_MS);
    this._refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    for (const e of ['lc-navigate', 'popstate', 'lc-inbox-changed', 'lc-session-changed'])
      window.removeEventListener(e, this._refresh);
    if (this._timer !== null) clearInterval(this._timer);
    this._timer = null;
  }

  private _refresh = () => {
    const seq = ++this._seq;
    if (!currentUser()) {
      this._counts = null;
      return;
    }
    unreadCounts().then(
      (c) => {
        if (seq === this._seq) this._counts = c;
      },
      () => {
        // Logged out meanwhile, or offline: the next navigation counts again.
        if (seq === this._seq) this._counts = null;
      },
    );
  };

  override render() {
    const c = this._counts;
    if (!c) return nothing;
    return html`${
      c.handles
        ? html`<a href="/messages" data-testid="unread-inbox" aria-label=${c.inbox ? t('inbox.navUnread', { n: c.inbox }) : t('inbox.nav')}>
          ${t('inbox.nav')}${c.inbox ? html`<span class="count" aria-hidden="true">${c.inbox}</span>` : nothing}
        </a>`
        : nothing
    }
    ${
      c.answers
        ? html`<a href="/aiguillage/demandes" data-testid="unread-answers" aria-label=${t('inbox.navAnswersUnread', { n: c.answers })}>
          ${t('inbox.navAnswers')}<span class="count" aria-hidden="true">${c.answers}</span>
        </a>`
        : nothing
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-unread-link': LcUnreadLink;
  }
}
