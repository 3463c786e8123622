import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import {
  adminUsers,
  approveUser,
  deleteUser,
  forceReset,
  invitations,
  invite,
  revokeAll,
  revokeInvitation,
  setRole,
  setSignupPolicy,
  signupPolicy,
  type AdminUser,
  type Invitation,
  type Role,
  type SignupPolicy,
} from '../api/accounts.js';
import { formatDate, t } from '../i18n/index.js';
import { errorText, loadingLine } from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import { accountStyles } from '../lib/account-styles.js';
import { fieldErrors } from './auth-form.js';

const ROLES: Role[] = ['reader', 'contributor', 'facilitator', 'admin'];
const POLICIES: SignupPolicy[] = ['open', 'invitation', 'approval'];

/**
 * Accounts administration (`/admin/comptes`): the sign-up policy and account actions (roles,
 * forced reset, revoke all, deletion) for admins; the accounts list, approvals and invitations
 * for facilitators too. The server checks every action's role.
 */
@customElement('lc-admin-accounts')
export class LcAdminAccounts extends LitElement {
  static override styles = [
    sharedStyles,
    accountStyles,
    // The role picker in the accounts table: wide enough for "administrateur".
    css`
      td select { width: auto; min-width: 10rem; }
    `,
  ];

  private _session = new SessionController(this);
  @state() private _users: AdminUser[] | null = null;
  @state() private _invitations: Invitation[] | null = null;
  @state() private _policy: SignupPolicy | null = null;
  @state() private _notice = '';
  @state() private _error = '';
  @state() private _inviteError = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.admin.heading')} · ${t('app.name')}`;
    void this._load();
  }

  private async _load() {
    try {
      [this._users, this._invitations, this._policy] = await Promise.all([
        adminUsers(),
        invitations(),
        signupPolicy(),
      ]);
    } catch (err) {
      this._error = errorText(err);
    }
  }

  /** Runs an action, shows `notice` (or its result's) and reloads the lists. */
  private async _act(
    work: () => Promise<unknown>,
    notice: (result: unknown) => string = () => t('acc.admin.done'),
  ) {
    this._error = '';
    this._notice = '';
    this._busy = true;
    try {
      this._notice = notice(await work());
      await this._load();
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private async _invite(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._inviteError = '';
    this._busy = true;
    try {
      await invite(String(data.get('email') ?? '').trim(), String(data.get('role')) as Role);
      form.reset();
      this._notice = t('acc.admin.invited');
      await this._load();
    } catch (err) {
      if (err instanceof ApiError && err.details.field === 'email')
        this._inviteError = fieldErrors(err).email ?? err.message;
      else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private _state(u: AdminUser) {
    const badges = [];
    if (u.status === 'pending')
      badges.push(html`<span class="badge warn">${t('acc.admin.pending')}</span>`);
    if (!u.emailVerified)
      badges.push(html`<span class="badge new">${t('acc.admin.unverified')}</span>`);
    if (u.mustReset) badges.push(html`<span class="badge warn">${t('acc.admin.mustReset')}</span>`);
    return badges.length ? badges : html`<span class="muted">${t('acc.admin.active')}</span>`;
  }

  private _userRow(u: AdminUser, admin: boolean, withActions: boolean) {
    return html`<tr data-testid="user-row" data-email=${u.email}>
      <td>${u.name}</td>
      <td>${u.email}</td>
      <td>
        ${
          admin
            ? html`<select aria-label=${t('acc.admin.roleOf', { name: u.name })} ?disabled=${this._busy}
              @change=${(e: Event) => this._act(() => setRole(u.id, (e.target as HTMLSelectElement).value as Role))}>
              ${ROLES.map((r) => html`<option value=${r} ?selected=${r === u.role}>${t(`role.${r}`)}</option>`)}
            </select>`
            : t(`role.${u.role}`)
        }
      </td>
      <td>${this._state(u)}</td>
      <td>${u.lastSeenAt ? formatDate(u.lastSeenAt) : '—'}</td>
      ${
        withActions
          ? html`<td><div class="actions">
        ${
          u.status === 'pending'
            ? html`<button class="btn small" ?disabled=${this._busy} @click=${() => this._act(() => approveUser(u.id))}>${t('acc.admin.approve')}</button>`
            : nothing
        }
        ${
          admin
            ? html`<button class="btn secondary small" ?disabled=${this._busy} @click=${() => this._act(() => forceReset(u.id))}>${t('acc.admin.forceReset')}</button>
              <button class="btn secondary small" ?disabled=${this._busy}
                @click=${() =>
                  this._act(
                    () => revokeAll(u.id),
                    (r) => t('acc.admin.revoked', r as { sessions: number; tokens: number }),
                  )}>${t('acc.admin.revokeAll')}</button>
              <button class="btn danger small" ?disabled=${this._busy}
                @click=${() => confirm(t('acc.admin.confirmDelete', { name: u.name })) && this._act(() => deleteUser(u.id))}>${t('acc.admin.delete')}</button>`
            : nothing
        }
      </div></td>`
          : nothing
      }
    </tr>`;
  }

  private _invitationsList(list: Invitation[]) {
    if (!list.length) return html`<p class="muted">${t('acc.admin.noInvitations')}</p>`;
    return html`<div class="table-wrap"><table data-testid="invitations">
      <thead><tr><th scope="col">${t('acc.admin.email')}</th><th scope="col">${t('acc.admin.role')}</th><th scope="col">${t('acc.admin.state')}</th><th scope="col">${t('acc.admin.expires')}</th><th scope="col"><span class="visually-hidden">${t('acc.admin.actions')}</span></th></tr></thead>
      <tbody>
        ${list.map(
          (i) => html`<tr>
            <td>${i.email}</td>
            <td>${t(`role.${i.role}`)}</td>
            <td>${t(`acc.admin.inv.${i.status}`)}</td>
            <td>${formatDate(i.expiresAt)}</td>
            <td>${
              i.status === 'pending'
                ? html`<button class="btn danger small" ?disabled=${this._busy} aria-label=${t('acc.admin.revokeInvitation', { email: i.email })}
                  @click=${() => this._act(() => revokeInvitation(i.id))}>${t('acc.sec.revoke')}</button>`
                : nothing
            }</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  override render() {
    const me = this._session.user;
    if (this._session.known && !hasRole(me, 'facilitator')) {
      return html`<h1>${t('acc.admin.heading')}</h1><p class="message error" role="alert">${t('acc.admin.forbidden')}</p>`;
    }
    const admin = hasRole(me, 'admin');
    // Facilitators act only on accounts waiting for approval: no empty column otherwise.
    const withActions = admin || !!this._users?.some((u) => u.status === 'pending');
    return html`<h1>${t('acc.admin.heading')}</h1>
      ${admin ? html`<p><a href="/admin/journal">${t('acc.admin.auditLink')}</a></p>` : nothing}
      ${this._notice ? html`<div class="message info" role="status" data-testid="notice">${this._notice}</div>` : nothing}
      ${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
      ${
        admin && this._policy
          ? html`<section aria-labelledby="policy-h">
            <h2 id="policy-h">${t('acc.admin.policy')}</h2>
            <fieldset>
              <legend>${t('acc.admin.policyLegend')}</legend>
              ${POLICIES.map(
                (
                  p,
                ) => html`<label><input type="radio" name="policy" value=${p} .checked=${p === this._policy} ?disabled=${this._busy}
                  @change=${() =>
                    this._act(
                      () => setSignupPolicy(p),
                      () => t('acc.admin.policySaved'),
                    )} /> ${t(`acc.admin.policy.${p}`)}</label>`,
              )}
            </fieldset>
          </section>`
          : nothing
      }
      <section aria-labelledby="inv-h">
        <h2 id="inv-h">${t('acc.admin.invitations')}</h2>
        <form class="inline card" novalidate @submit=${this._invite} aria-busy=${this._busy}>
          <div class="field">
            <label for="invite-email">${t('acc.admin.inviteEmail')}</label>
            <input id="invite-email" name="email" type="email" required aria-invalid=${this._inviteError ? 'true' : 'false'} aria-describedby="invite-error" />
            ${this._inviteError ? html`<span class="field-error" id="invite-error">${this._inviteError}</span>` : nothing}
          </div>
          <div class="field">
            <label for="invite-role">${t('acc.admin.inviteRole')}</label>
            <select id="invite-role" name="role">
              ${ROLES.filter((r) => admin || !hasRole({ ...me!, role: r }, 'facilitator')).map(
                (r) =>
                  html`<option value=${r} ?selected=${r === 'contributor'}>${t(`role.${r}`)}</option>`,
              )}
            </select>
          </div>
          <button class="btn" type="submit" ?disabled=${this._busy}>${t('acc.admin.invite')}</button>
        </form>
        ${this._invitations ? this._invitationsList(this._invitations) : loadingLine()}
      </section>
      <section aria-labelledby="users-h">
        <h2 id="users-h">${t('acc.admin.users')}</h2>
        ${
          this._users
            ? html`<div class="table-wrap"><table data-testid="users">
              <thead><tr><th scope="col">${t('acc.admin.name')}</th><th scope="col">${t('acc.admin.email')}</th><th scope="col">${t('acc.admin.role')}</th><th scope="col">${t('acc.admin.state')}</th><th scope="col">${t('acc.sec.lastSeen')}</th>${withActions ? html`<th scope="col">${t('acc.admin.actions')}</th>` : nothing}</tr></thead>
              <tbody>${this._users.map((u) => this._userRow(u, admin, withActions))}</tbody>
            </table></div>`
            : loadingLine()
        }
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-admin-accounts': LcAdminAccounts;
  }
}
