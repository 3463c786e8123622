import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine } from '../format.js';
import { ApiError } from '../api/http.js';
import { listInbox, type InboxFilter, type InboxMessage } from '../api/inbox.js';
import { sharedStyles } from '../styles.js';
import './lc-inbox-message.js';

const FILTERS: InboxFilter[] = ['open', 'closed', 'all'];

/**
 * /messages: the contact messages the user handles, for their own profile (linked account) or,
 * for facilitators, all of them. `/messages/:id` (the alert's link) opens that message.
 */
@customElement('lc-inbox')
export class LcInbox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .filters { display: flex; gap: 0.5rem; align-items: center; margin: 0 0 1rem; }
      .filters select { width: auto; }
    `,
  ];

  /** The message to open (from `/messages/:id`), if any. */
  @property({ type: Number }) messageId = 0;

  @state() private _messages: InboxMessage[] | null = null;
  @state() private _scope: { all: boolean; person: string | null } | null = null;
  @state() private _filter: InboxFilter = 'open';
  @state() private _error: unknown = null;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('inbox.title')} · ${t('app.name')}`;
    window.addEventListener('lc-session-changed', this._reload);
    void this._load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lc-session-changed', this._reload);
  }

  private _reload = () => void this._load();

  private async _load() {
    this._error = null;
    try {
      // A message opened from its link shows even once closed.
      const filter = this.messageId && this._messages === null ? 'all' : this._filter;
      if (filter !== this._filter) this._filter = filter;
      const r = await listInbox(filter);
      this._scope = r.scope;
      this._messages = r.messages;
    } catch (err) {
      this._error = err;
    }
  }

  override render() {
    if (this._error instanceof ApiError && this._error.status === 401)
      return html`<h1>${t('inbox.title')}</h1><p>${t('inbox.loginNeeded')} <a href="/login?next=${encodeURIComponent(location.pathname)}">${t('nav.login')}</a></p>`;
    if (this._error) return html`<h1>${t('inbox.title')}</h1>${errorBox(this._error)}`;
    if (!this._messages || !this._scope) return html`<h1>${t('inbox.title')}</h1>${loadingLine()}`;
    const scope = this._scope;
    if (!scope.all && !scope.person)
      return html`<h1>${t('inbox.title')}</h1><p data-testid="inbox-none">${t('inbox.none')}</p>`;
    return html`<h1>${t('inbox.title')}</h1>
      <p class="muted">${scope.all ? t('inbox.intro.team') : t('inbox.intro.person')}</p>
      <div class="filters">
        <label for="inbox-filter">${t('inbox.filter')}</label>
        <select
          id="inbox-filter"
          @change=${(e: Event) => {
            this._filter = (e.target as HTMLSelectElement).value as InboxFilter;
            void this._load();
          }}
        >
          ${FILTERS.map((f) => html`<option value=${f} ?selected=${f === this._filter}>${t(`inbox.filter.${f}`)}</option>`)}
        </select>
      </div>
      ${this._messages.length === 0 ? html`<p data-testid="inbox-empty">${t(`inbox.empty.${this._filter}`)}</p>` : nothing}
      ${this._messages.map((m) => html`<lc-inbox-message .message=${m} .open=${m.id === this.messageId}></lc-inbox-message>`)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-inbox': LcInbox;
  }
}
