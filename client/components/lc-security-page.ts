import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import {
  changePassword,
  createToken,
  endSession,
  mySessions,
  myTokens,
  revokeToken,
  type SessionInfo,
  type TokenInfo,
} from '../api/accounts.js';
import { formatDate, t } from '../i18n/index.js';
import { errorText, loadingLine } from '../format.js';
import { SessionController, setCurrentUser } from '../session.js';
import { sharedStyles } from '../styles.js';
import { accountStyles } from '../lib/account-styles.js';
import { fieldErrors } from './auth-form.js';

/** A short device name from a User-Agent ("Firefox · Linux"), or the raw string when unknown. */
function deviceLabel(ua: string): string {
  if (!ua) return t('acc.sec.unknownDevice');
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return browser || os ? [browser, os].filter(Boolean).join(' · ') : ua.slice(0, 60);
}

/** The user's "Sécurité" page: change the password, list and end sessions, list, create and revoke API tokens. */
@customElement('lc-security-page')
export class LcSecurityPage extends LitElement {
  static override styles = [sharedStyles, accountStyles];

  private _session = new SessionController(this);
  @state() private _sessions: SessionInfo[] | null = null;
  @state() private _tokens: TokenInfo[] | null = null;
  @state() private _newToken = '';
  @state() private _pwErrors: Record<string, string> = {};
  @state() private _pwDone = false;
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.sec.heading')} · ${t('app.name')}`;
    void this._load();
  }

  private async _load() {
    try {
      [this._sessions, this._tokens] = await Promise.all([mySessions(), myTokens()]);
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _act(work: () => Promise<unknown>) {
    this._error = '';
    this._busy = true;
    try {
      await work();
      await this._load();
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private async _endSession(s: SessionInfo) {
    if (!s.current) return this._act(() => endSession(s.id));
    try {
      await endSession(s.id);
      setCurrentUser(null);
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private async _changePassword(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._pwErrors = {};
    this._pwDone = false;
    this._busy = true;
    try {
      await changePassword(
        String(data.get('currentPassword') ?? ''),
        String(data.get('newPassword') ?? ''),
      );
      form.reset();
      this._pwDone = true;
      await this._load();
    } catch (err) {
      if (err instanceof ApiError && typeof err.details.field === 'string') {
        const errors = fieldErrors(err);
        if (err.details.field === 'currentPassword')
          errors.currentPassword = t('acc.error.currentWrong');
        this._pwErrors = errors;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private async _createToken(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    await this._act(async () => {
      const created = await createToken(
        String(data.get('name') ?? '').trim(),
        data.get('scope') === 'write' ? 'write' : 'read',
      );
      this._newToken = created.token;
      form.reset();
    });
  }

  private _pwField(
    id: 'currentPassword' | 'newPassword',
    label: string,
    autocomplete: string,
    hint = '',
  ) {
    const err = this._pwErrors[id];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} type="password" autocomplete=${autocomplete} required
        aria-invalid=${err ? 'true' : 'false'} aria-describedby="${id}-hint ${id}-error" />
      ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      ${err ? html`<span class="field-error" id="${id}-error">${err}</span>` : nothing}
    </div>`;
  }

  private _sessionsTable(sessions: SessionInfo[]) {
    return html`<div class="table-wrap"><table data-testid="sessions">
      <thead><tr><th scope="col">${t('acc.sec.device')}</th><th scope="col">${t('acc.sec.lastSeen')}</th><th scope="col">${t('acc.sec.since')}</th><th scope="col"><span class="visually-hidden">${t('acc.admin.actions')}</span></th></tr></thead>
      <tbody>
        ${sessions.map((s) => {
          const device = deviceLabel(s.userAgent);
          return html`<tr>
            <td title=${s.userAgent}>${device}${s.current ? html` <span class="badge">${t('acc.sec.thisDevice')}</span>` : nothing}</td>
            <td>${s.lastSeenAt ? formatDate(s.lastSeenAt) : '—'}</td>
            <td>${formatDate(s.createdAt)}</td>
            <td><button class="btn danger small" ?disabled=${this._busy} aria-label=${t('acc.sec.endSessionOf', { device })}
              @click=${() => this._endSession(s)}>${t('acc.sec.endSession')}</button></td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }

  private _tokensTable(tokens: TokenInfo[]) {
    if (!tokens.length) return html`<p class="muted">${t('acc.sec.noTokens')}</p>`;
    return html`<div class="table-wrap"><table data-testid="tokens">
      <thead><tr><th scope="col">${t('acc.sec.tokenName')}</th><th scope="col">${t('acc.sec.scope')}</th><th scope="col">${t('acc.sec.lastUsed')}</th><th scope="col">${t('acc.sec.since')}</th><th scope="col"><span class="visually-hidden">${t('acc.admin.actions')}</span></th></tr></thead>
      <tbody>
        ${tokens.map((tok) => {
          const name = tok.name || t('acc.sec.untitled');
          return html`<tr>
            <td>${name}</td>
            <td>${t(`acc.sec.scope.${tok.scope}`)}</td>
            <td>${tok.lastUsedAt ? formatDate(tok.lastUsedAt) : t('acc.sec.never')}</td>
            <td>${formatDate(tok.createdAt)}</td>
            <td><button class="btn danger small" ?disabled=${this._busy} aria-label=${t('acc.sec.revokeOf', { name })}
              @click=${() => this._act(() => revokeToken(tok.id))}>${t('acc.sec.revoke')}</button></td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }

  override render() {
    if (this._session.known && !this._session.user) {
      return html`<h1>${t('acc.sec.heading')}</h1><p><a href="/login?next=/securite">${t('nav.login')}</a></p>`;
    }
    return html`<h1>${t('acc.sec.heading')}</h1>
      <p class="muted">${t('acc.sec.intro')}</p>
      ${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
      <section aria-labelledby="pw-h">
        <h2 id="pw-h">${t('acc.sec.password')}</h2>
        ${this._pwDone ? html`<p class="message info" role="status" data-testid="password-changed">${t('acc.sec.changed')}</p>` : nothing}
        <form class="card" novalidate @submit=${this._changePassword} aria-busy=${this._busy}>
          ${this._pwField('currentPassword', t('acc.sec.current'), 'current-password')}
          ${this._pwField('newPassword', t('acc.sec.new'), 'new-password', t('acc.sec.newHint'))}
          <button class="btn" type="submit" ?disabled=${this._busy}>${t('acc.sec.change')}</button>
        </form>
      </section>
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">${t('acc.sec.sessions')}</h2>
        ${this._sessions ? this._sessionsTable(this._sessions) : loadingLine()}
      </section>
      <section aria-labelledby="tokens-h">
        <h2 id="tokens-h">${t('acc.sec.tokens')}</h2>
        <p class="muted small">${t('acc.sec.tokensIntro')}</p>
        ${
          this._newToken
            ? html`<div class="message info" role="status">${t('acc.sec.tokenCreated')}<code class="secret" data-testid="new-token">${this._newToken}</code></div>`
            : nothing
        }
        ${this._tokens ? this._tokensTable(this._tokens) : loadingLine()}
        <form class="inline card spaced" @submit=${this._createToken} aria-busy=${this._busy}>
          <div class="field">
            <label for="token-name">${t('acc.sec.tokenName')}</label>
            <input id="token-name" name="name" type="text" maxlength="120" />
          </div>
          <div class="field">
            <label for="token-scope">${t('acc.sec.scope')}</label>
            <select id="token-scope" name="scope">
              <option value="read">${t('acc.sec.scope.read')}</option>
              <option value="write">${t('acc.sec.scope.write')}</option>
            </select>
          </div>
          <button class="btn" type="submit" ?disabled=${this._busy}>${t('acc.sec.createToken')}</button>
        </form>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-security-page': LcSecurityPage;
  }
}
