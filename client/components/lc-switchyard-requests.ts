import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, t } from '../i18n/index.js';
import { ApiError } from '../api/http.js';
import { listRequests, STATUSES, type Status, type TrackedRequest } from '../api/switchyard.js';
import { themeName } from './switchyard-themes.js';
import { hasRole, SessionController, sessionKnown } from '../session.js';
import { sharedStyles } from '../styles.js';
import { backofficeStyles } from '../lib/backoffice-styles.js';

/** A list of requests: the asker's own ("mine"), the facilitators' queue, or the missing communs. */
@customElement('lc-switchyard-requests')
export class LcSwitchyardRequests extends LitElement {
  static override styles = [
    sharedStyles,
    backofficeStyles,
    css`
    :host { display: block; }
    .filters { display: flex; gap: 0.5rem; align-items: center; margin-bottom: 0.8rem; }
    .filters select { width: auto; min-width: 14rem; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.45rem 0.4rem; border-bottom: 1px solid #e1e6e3; vertical-align: top; }
    th { font-size: 0.85rem; color: #555; }
    .problem { max-width: 36rem; }
    .status { white-space: nowrap; border-radius: 999px; padding: 0.05rem 0.5rem; background: #eef2f0; font-size: 0.85rem; }
    .status-new { background: #fff1cc; }
    .status-in-contact { background: #dcecff; }
    .status-resolved { background: #dff3e4; }
    .unassigned { color: var(--lc-muted); font-style: italic; }
  `,
  ];

  /** Which list: the user's own requests, the facilitators' queue, or the missing communs. */
  @property() mode: 'mine' | 'queue' | 'missing' = 'mine';

  @state() private _items: TrackedRequest[] = [];
  @state() private _total = 0;
  @state() private _status: Status | '' = '';
  @state() private _error = '';
  @state() private _loaded = false;
  private _session = new SessionController(this);
  private _loadedFor: string | null | undefined = undefined;

  /** The queue and the missing commons are the team's: others are told so instead of a list of their own. */
  private get _reserved() {
    return this.mode !== 'mine' && !hasRole(this._session.user, 'facilitator');
  }

  override willUpdate() {
    // Loaded again when the session becomes known or changes (the list depends on who asks).
    const who = sessionKnown() ? (this._session.user?.role ?? null) : undefined;
    if (who !== this._loadedFor && who !== undefined) {
      this._loadedFor = who;
      void this._load();
    }
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('mode') && changed.get('mode') !== undefined) void this._load();
  }

  private async _load() {
    this._error = '';
    if (this._reserved) {
      this._loaded = true;
      return;
    }
    try {
      const r = await listRequests({
        mine: this.mode === 'mine',
        status: this._status || undefined,
        missing: this.mode === 'missing',
      });
      this._items = r.items;
      this._total = r.total;
    } catch (err) {
      this._error =
        err instanceof ApiError && err.status === 401
          ? t('sy.requests.loginNeeded')
          : err instanceof Error
            ? err.message
            : String(err);
    } finally {
      this._loaded = true;
    }
  }

  override render() {
    const title =
      this.mode === 'mine'
        ? t('sy.requests.mine')
        : this.mode === 'queue'
          ? t('sy.requests.queue')
          : t('sy.requests.missing');
    if (this._reserved) {
      const text = !this._session.user
        ? t('syb.loginFirst')
        : this.mode === 'queue'
          ? t('syb.queueReserved')
          : t('syb.missingReserved');
      return html`<h1>${title}</h1>
        <p data-testid="sy-reserved">${text} ${
          this._session.user
            ? html`<a href="/aiguillage/demandes">${t('sy.nav.requests')}</a>`
            : html`<a href="/login?next=${encodeURIComponent(location.pathname)}">${t('nav.login')}</a>`
        }</p>`;
    }
    return html`
      <h1>${title} ${this._loaded && !this._error ? html`<small>(${this._total})</small>` : nothing}</h1>
      ${
        this.mode !== 'missing'
          ? html`<div class="filters">
            <select
              aria-label=${t('syb.statusFilter')}
              @change=${(e: Event) => {
                this._status = (e.target as HTMLSelectElement).value as Status | '';
                void this._load();
              }}
            >
              <option value="">${t('sy.requests.all')}</option>
              ${STATUSES.map((s) => html`<option value=${s} ?selected=${this._status === s}>${t(`sy.status.${s}`)}</option>`)}
            </select>
          </div>`
          : nothing
      }
      ${this._error ? html`<p class="message error" role="alert">${this._error}</p>` : nothing}
      ${
        this._loaded && !this._error && this._items.length === 0
          ? html`<p data-testid="sy-requests-empty">${this.mode === 'missing' ? t('syb.missingNone') : t('sy.requests.empty')}</p>`
          : nothing
      }
      ${
        this._items.length
          ? html`<table>
            <thead>
              <tr>
                <th>#</th>
                <th>${t('syb.problem')}</th>
                <th>${t('sy.answer.themes')}</th>
                <th>${t('syb.statusColumn')}</th>
                ${this.mode !== 'mine' ? html`<th>${t('sy.requests.asker')}</th><th>${t('sy.requests.followedBy')}</th>` : nothing}
                <th>${t('sy.requests.created')}</th>
              </tr>
            </thead>
            <tbody>
              ${this._items.map(
                (r) => html`<tr data-testid="sy-request-row">
                  <td><a href="/aiguillage/demandes/${r.id}">${r.id}</a></td>
                  <td class="problem"><a href="/aiguillage/demandes/${r.id}">${r.problem.length > 160 ? `${r.problem.slice(0, 160)}…` : r.problem}</a></td>
                  <td>${themeName(r.mainTheme)}</td>
                  <td><span class="status status-${r.status}">${t(`sy.status.${r.status}`)}</span></td>
                  ${
                    this.mode !== 'mine'
                      ? html`<td>${r.asker?.name ?? ''}</td><td>${r.facilitator?.name ?? html`<span class="unassigned">${t('syb.unassigned')}</span>`}</td>`
                      : nothing
                  }
                  <td>${formatDate(r.createdAt)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-switchyard-requests': LcSwitchyardRequests;
  }
}
