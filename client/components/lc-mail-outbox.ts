import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDate, t, withColon } from '../i18n/index.js';
import { listOutbox, retryMail, type OutboxMail } from '../api/mail.js';
import { sharedStyles } from '../styles.js';
import { errorBox, loadingLine } from '../format.js';
import { SessionController, hasRole } from '../session.js';

/** /admin/courriels: the admins' outbox — each mail with its text and attachment names, filter by status, retry a failed one. */
@customElement('lc-mail-outbox')
export class LcMailOutbox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      ul.mails { list-style: none; padding: 0; display: grid; gap: 0.6rem; }
      details summary { cursor: pointer; }
      pre { white-space: pre-wrap; font-size: 0.9rem; background: #f6f8f7; padding: 0.6rem; border-radius: 6px; }
      .filters { display: flex; gap: 0.6rem; align-items: end; margin: 0.8rem 0; }
      .filters .field { margin: 0; min-width: 12rem; }
    `,
  ];

  private _session = new SessionController(this);
  @state() private _mails: OutboxMail[] | null = null;
  @state() private _smtp = false;
  @state() private _next: number | null = null;
  @state() private _status = '';
  @state() private _error: unknown = null;

  override connectedCallback() {
    super.connectedCallback();
    void this._load();
  }

  private async _load(before?: number) {
    this._error = null;
    try {
      const out = await listOutbox({ status: this._status || undefined, before });
      this._smtp = out.smtp;
      this._mails = before ? [...(this._mails ?? []), ...out.mails] : out.mails;
      this._next = out.next;
    } catch (err) {
      this._error = err;
    }
  }

  private async _retry(id: number) {
    try {
      const mail = await retryMail(id);
      this._mails = (this._mails ?? []).map((m) => (m.id === id ? mail : m));
    } catch (err) {
      this._error = err;
    }
  }

  private _mail(m: OutboxMail) {
    return html`<li class="card" data-testid="outbox-mail">
      <details>
        <summary>
          <strong>${m.subject}</strong>
          <span class="muted small"> · ${t('outbox.to')} ${m.to} · ${formatDate(m.createdAt)}</span>
          <span class="badge ${m.status === 'failed' ? 'warn' : m.status === 'queued' ? 'new' : ''}">${t(`outbox.status.${m.status}`)}</span>
        </summary>
        <pre>${m.text}</pre>
        ${m.attachments.length ? html`<p>${withColon(t('outbox.attachments'))} ${m.attachments.map((a) => a.filename).join(', ')}</p>` : nothing}
        <p class="muted small">${m.kind} · ${t('outbox.attempts', { n: m.attempts })}${m.lastError ? ` · ${m.lastError}` : ''}</p>
        ${m.status === 'failed' ? html`<button class="btn secondary small" @click=${() => this._retry(m.id)}>${t('outbox.retry')}</button>` : nothing}
      </details>
    </li>`;
  }

  override render() {
    if (this._session.known && !hasRole(this._session.user, 'admin'))
      return html`<h1>${t('outbox.title')}</h1><p class="message warning">${t('outbox.adminOnly')}</p>`;
    return html`
      <h1>${t('outbox.title')}</h1>
      <p class="message info">${this._smtp ? t('outbox.smtpOn') : t('outbox.smtpOff')}</p>
      <div class="filters">
        <div class="field"><label for="ob-status">${t('outbox.filter')}</label>
          <select id="ob-status" @change=${(e: Event) => {
            this._status = (e.target as HTMLSelectElement).value;
            void this._load();
          }}>
            <option value="">${t('perm.filter.all')}</option>
            ${(['queued', 'sent', 'failed'] as const).map((s) => html`<option value=${s}>${t(`outbox.status.${s}`)}</option>`)}
          </select></div>
      </div>
      ${this._error ? errorBox(this._error) : nothing}
      ${
        this._mails === null
          ? this._error
            ? nothing
            : loadingLine()
          : this._mails.length
            ? html`<ul class="mails">${this._mails.map((m) => this._mail(m))}</ul>`
            : html`<p class="muted">${t('outbox.empty')}</p>`
      }
      ${this._next ? html`<button class="btn secondary" @click=${() => this._load(this._next!)}>${t('outbox.more')}</button>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-mail-outbox': LcMailOutbox;
  }
}
