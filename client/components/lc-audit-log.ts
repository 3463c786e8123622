import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { auditLog, type AuditEntry } from '../api/accounts.js';
import { AUDIT_ACTIONS } from '../../server/auth/audit.js';
import { formatDate, t } from '../i18n/index.js';
import { errorText, loadingLine } from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import { accountStyles } from '../lib/account-styles.js';

/** The security log for admins (`/admin/journal`), filtered by action, paged with "older events". */
@customElement('lc-audit-log')
export class LcAuditLog extends LitElement {
  static override styles = [sharedStyles, accountStyles];

  private _session = new SessionController(this);
  @state() private _entries: AuditEntry[] | null = null;
  @state() private _next: number | null = null;
  @state() private _action = '';
  @state() private _error = '';

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.audit.heading')} · ${t('app.name')}`;
    void this._load(false);
  }

  private async _load(more: boolean) {
    this._error = '';
    try {
      const r = await auditLog({
        action: this._action || undefined,
        before: more ? (this._next ?? undefined) : undefined,
      });
      this._entries = more ? [...(this._entries ?? []), ...r.entries] : r.entries;
      this._next = r.next;
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private _detail(e: AuditEntry): string {
    const d = e.detail;
    if (e.action === 'role_changed' && typeof d.from === 'string' && typeof d.to === 'string')
      return `${t(`role.${d.from}`)} → ${t(`role.${d.to}`)}`;
    if (e.action === 'signup_policy_changed' && typeof d.to === 'string')
      return t(`acc.admin.policy.${d.to}`);
    if (e.action === 'account_deleted' && typeof d.name === 'string') return d.name;
    return e.email ?? '';
  }

  override render() {
    if (this._session.known && !hasRole(this._session.user, 'admin')) {
      return html`<h1>${t('acc.audit.heading')}</h1><p class="message warning" role="alert">${t('acc.audit.forbidden')}</p>`;
    }
    return html`<h1>${t('acc.audit.heading')}</h1>
      <p class="muted">${t('acc.audit.intro')}</p>
      <div class="field">
        <label for="action">${t('acc.audit.filter')}</label>
        <select id="action" @change=${(e: Event) => {
          this._action = (e.target as HTMLSelectElement).value;
          void this._load(false);
        }}>
          <option value="">${t('acc.audit.all')}</option>
          ${AUDIT_ACTIONS.map((a) => html`<option value=${a} ?selected=${a === this._action}>${t(`audit.${a}`)}</option>`)}
        </select>
      </div>
      ${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
      ${
        !this._entries
          ? loadingLine()
          : this._entries.length === 0
            ? html`<p class="muted">${t('acc.audit.empty')}</p>`
            : html`<div class="table-wrap"><table data-testid="audit">
              <thead><tr><th scope="col">${t('acc.audit.when')}</th><th scope="col">${t('acc.audit.what')}</th><th scope="col">${t('acc.audit.who')}</th><th scope="col">${t('acc.audit.whom')}</th><th scope="col">${t('acc.audit.from')}</th></tr></thead>
              <tbody>
                ${this._entries.map(
                  (e) => html`<tr data-action=${e.action}>
                    <td>${formatDate(e.at)}</td>
                    <td>${t(`audit.${e.action}`)} <span class="muted small">${this._detail(e)}</span></td>
                    <td>${e.actor?.name ?? '—'}</td>
                    <td>${e.target?.name ?? '—'}</td>
                    <td>${e.address || '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
      }
      ${this._next ? html`<p><button class="btn secondary" @click=${() => this._load(true)}>${t('acc.audit.more')}</button></p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-audit-log': LcAuditLog;
  }
}
