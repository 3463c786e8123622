import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, t } from '../i18n/index.js';
import { me, type SessionUser } from '../api/auth.js';
import {
  addNote,
  changeRequest,
  getRequest,
  recordOutcome,
  STATUSES,
  type RequestEvent,
  type Status,
  type TrackedRequest,
} from '../api/switchyard.js';
import { themeName } from './switchyard-themes.js';
import './lc-request-permanences.js';
import { sharedStyles } from '../styles.js';
import { backofficeStyles } from '../lib/backoffice-styles.js';

/** One request: problem, proposals, status changes (facilitators), dated notes, outcome. */
@customElement('lc-switchyard-request')
export class LcSwitchyardRequest extends LitElement {
  static override styles = [
    sharedStyles,
    backofficeStyles,
    css`
    :host { display: block; }
    .problem { white-space: pre-wrap; background: #f6f8f7; border-radius: 6px; padding: 0.7rem; }
    .meta { color: #555; font-size: 0.9rem; }
    .grid { display: grid; grid-template-columns: 2fr 1fr; gap: 1.2rem; }
    @media (max-width: 720px) { .grid { grid-template-columns: 1fr; } }
    ol { padding-left: 1.2rem; }
    li { margin: 0.35rem 0; }
    .note { white-space: pre-wrap; }
    textarea { font: inherit; width: 100%; min-height: 4rem; box-sizing: border-box; }
    select, button { font: inherit; padding: 0.3rem 0.7rem; }
    fieldset { border: 1px solid #d5dcd8; border-radius: 6px; margin: 0.8rem 0; }
    .status { font-weight: 600; }
    .missing { color: #a35b00; font-weight: 600; }
    .error { color: #a33; }
  `,
  ];

  /** The request id. */
  @property({ type: Number }) requestId = 0;

  @state() private _r: TrackedRequest | null = null;
  @state() private _user: SessionUser | null = null;
  @state() private _error = '';
  @state() private _note = '';
  @state() private _helped: boolean | null = null;
  @state() private _outResource = '';
  @state() private _outPerson = '';

  override connectedCallback() {
    super.connectedCallback();
    void this._load();
  }

  override updated(changed: Map<string, unknown>) {
    // The same element is reused when the route moves to another request.
    if (changed.has('requestId') && changed.get('requestId') !== undefined) void this._load();
  }

  private async _load() {
    try {
      this._user = await me();
      this._r = await getRequest(this.requestId);
    } catch (err) {
      this._error = err instanceof Error ? err.message : String(err);
    }
  }

  private async _do(action: () => Promise<TrackedRequest>) {
    this._error = '';
    try {
      this._r = await action();
    } catch (err) {
      this._error = err instanceof Error ? err.message : String(err);
    }
  }

  private get _isFacilitator() {
    return this._user?.role === 'facilitator' || this._user?.role === 'admin';
  }

  private _event(e: RequestEvent) {
    const what =
      e.kind === 'status'
        ? t('sy.event.status', {
            from: e.fromStatus ? t(`sy.status.${e.fromStatus}`) : '',
            to: e.toStatus ? t(`sy.status.${e.toStatus}`) : '',
          })
        : e.kind === 'contact'
          ? t('sy.event.contact', { person: e.body })
          : t(`sy.event.${e.kind}`);
    return html`<li>
      <span class="meta">${formatDate(e.createdAt)} · ${e.author?.name ?? ''}</span> — ${what}
      ${e.kind === 'note' ? html`<div class="note">${e.body}</div>` : nothing}
    </li>`;
  }

  override render() {
    if (this._error && !this._r) return html`<p class="error" role="alert">${this._error}</p>`;
    const r = this._r;
    if (!r) return html`<p>${t('loading')}</p>`;
    return html`
      <h1>${t('sy.request.title', { id: r.id })}</h1>
      <p class="meta">
        ${formatDate(r.createdAt)} · ${r.asker?.name ?? ''} · ${themeName(r.mainTheme)} ·
        <span class="status" data-testid="sy-status">${t(`sy.status.${r.status}`)}</span>
        ${r.facilitator ? html` · ${t('sy.requests.followedBy')} ${r.facilitator.name}` : nothing}
        ${r.missing ? html` · <span class="missing">${t('sy.request.missing')}</span>` : nothing}
      </p>
      <div class="problem">${r.problem}</div>
      ${this._error ? html`<p class="message error" role="alert">${this._error}</p>` : nothing}
      <div class="grid">
        <div>
          <h2>${t('sy.request.history')}</h2>
          ${
            (r.events ?? []).length
              ? html`<ol>${(r.events ?? []).map((e) => this._event(e))}</ol>`
              : html`<p class="muted" data-testid="sy-history-empty">${t('syb.historyEmpty')}</p>`
          }
          <fieldset>
            <legend>${t('sy.request.note')}</legend>
            <textarea aria-label=${t('sy.request.note')} .value=${this._note} @input=${(e: Event) => (this._note = (e.target as HTMLTextAreaElement).value)}></textarea>
            <button
              ?disabled=${!this._note.trim()}
              @click=${() =>
                this._do(async () => {
                  const out = await addNote(r.id, this._note);
                  this._note = '';
                  return out;
                })}
            >
              ${t('sy.request.noteSave')}
            </button>
          </fieldset>
        </div>
        <div>
          <h2>${t('sy.request.proposed')}</h2>
          <ul>
            ${r.proposal.people.map((p) => html`<li><a href="/personnes/${encodeURIComponent(p.slug)}">${p.name}</a></li>`)}
            ${r.proposal.resources.map((x) => html`<li><a href="/communs/${encodeURIComponent(x.slug)}">${x.name}</a></li>`)}
          </ul>
          ${
            this._isFacilitator
              ? html`<fieldset>
                <legend>${t('sy.request.setStatus')}</legend>
                <select aria-label=${t('sy.request.setStatus')} @change=${(e: Event) => this._do(() => changeRequest(r.id, { status: (e.target as HTMLSelectElement).value as Status }))}>
                  ${STATUSES.map((s) => html`<option value=${s} ?selected=${r.status === s}>${t(`sy.status.${s}`)}</option>`)}
                </select>
                <p>
                  ${
                    r.facilitator?.id === this._user?.id
                      ? html`<button @click=${() => this._do(() => changeRequest(r.id, { facilitator: null }))}>${t('sy.request.unfollow')}</button>`
                      : html`<button @click=${() => this._do(() => changeRequest(r.id, { facilitator: 'me' }))}>${t('sy.request.followIt')}</button>`
                  }
                </p>
                <button @click=${() => this._do(() => changeRequest(r.id, { missing: !r.missing }))}>
                  ${r.missing ? t('sy.request.unmarkMissing') : t('sy.request.markMissing')}
                </button>
              </fieldset>`
              : nothing
          }
          <fieldset>
            <legend>${t('sy.request.outcome')}</legend>
            ${r.outcome ? html`<p>${r.outcome.helped ? t('sy.request.outcomeHelped') : t('sy.request.outcomeNotHelped')}${r.outcome.note ? html` — ${r.outcome.note}` : nothing}</p>` : nothing}
            <label><input type="radio" name="helped" @change=${() => (this._helped = true)} /> ${t('sy.request.helpedYes')}</label>
            <label><input type="radio" name="helped" @change=${() => (this._helped = false)} /> ${t('sy.request.helpedNo')}</label>
            ${
              this._helped
                ? html`<p>
                  <label>${t('sy.request.outcomeResource')}
                    <select @change=${(e: Event) => (this._outResource = (e.target as HTMLSelectElement).value)}>
                      <option value=""></option>
                      ${r.proposal.resources.map((x) => html`<option value=${x.slug}>${x.name}</option>`)}
                    </select>
                  </label>
                  <label>${t('sy.request.outcomePerson')}
                    <select @change=${(e: Event) => (this._outPerson = (e.target as HTMLSelectElement).value)}>
                      <option value=""></option>
                      ${r.proposal.people.map((x) => html`<option value=${x.slug}>${x.name}</option>`)}
                    </select>
                  </label>
                </p>`
                : nothing
            }
            <button
              ?disabled=${this._helped === null}
              @click=${() =>
                this._do(() =>
                  recordOutcome(r.id, {
                    helped: this._helped === true,
                    resource: this._outResource || null,
                    person: this._outPerson || null,
                  }),
                )}
            >
              ${t('sy.request.outcomeSave')}
            </button>
          </fieldset>
        </div>
      </div>
      <lc-request-permanences .request=${r} @lc-booked=${() => void this._load()}></lc-request-permanences>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-switchyard-request': LcSwitchyardRequest;
  }
}
