import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { THEMES } from '../../registry/themes.js';
import {
  listPermanences,
  PUBLIC_FEED_URL,
  sessionIcsUrl,
  type Permanence,
  type PermanenceFilter,
} from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox, loadingLine } from '../format.js';
import { SessionController, hasRole } from '../session.js';
import { themeName } from './switchyard-themes.js';
import { seatsLabel, sessionWhen } from '../lib/permanence-format.js';
import './lc-permanence-form.js';

import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

/** /permanences: upcoming sessions, filtered by theme, expert, mode and date; the publishing form for facilitators. */
@customElement('lc-permanences')
export class LcPermanences extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin: 1rem 0; }
      form.filters .field { margin: 0; min-width: 10rem; }
      input[type='date'] { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid #b9b3a4; border-radius: 6px; }
      ul.sessions { list-style: none; padding: 0; display: grid; gap: 0.7rem; }
      .when { font-weight: 600; }
      .badges { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.3rem 0; }
      h2.session { font-size: 1.1rem; margin: 0.2rem 0; }
    `,
  ];

  private _session = new SessionController(this);
  @state() private _items: Permanence[] | null = null;
  @state() private _error: unknown = null;
  @state() private _filter: PermanenceFilter = {};
  @state() private _publishing = false;

  override connectedCallback() {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    this._error = null;
    try {
      this._items = (await listPermanences(this._filter)).items;
    } catch (err) {
      this._error = err;
    }
  }

  private _set(key: keyof PermanenceFilter) {
    return (e: Event) => {
      this._filter = { ...this._filter, [key]: (e.target as HTMLInputElement).value || undefined };
    };
  }

  private _card(p: Permanence) {
    return html`<li class="card" data-testid="perm-card">
      <div class="when">${sessionWhen(p)}</div>
      <h2 class="session"><a href="/permanences/${p.id}">${p.title}</a></h2>
      <div class="muted">${t('perm.with', { name: p.expert.name })}${p.mode === 'onsite' && p.place ? html` · ${t('perm.at', { place: p.place.name })}` : nothing}</div>
      <div class="badges">
        <span class="badge">${t(`perm.format.${p.format}`)}</span>
        <span class="badge">${t(`perm.mode.${p.mode}`)}</span>
        ${p.themes.map((th) => html`<span class="badge new">${themeName(th)}</span>`)}
        <span class="badge ${p.seatsLeft ? '' : 'warn'}">${seatsLabel(p)}</span>
      </div>
      <div class="actions">
        <a class="btn small" href="/permanences/${p.id}">${t('perm.open')}</a>
        <a class="btn secondary small" href=${sessionIcsUrl(p.id)} download>${t('perm.ics')}</a>
      </div>
    </li>`;
  }

  override render() {
    const user = this._session.user;
    return html`
      <h1>${t('perm.title')}</h1>
      <p>${t('perm.intro')}</p>
      <div class="actions">
        <a class="btn secondary small" href=${PUBLIC_FEED_URL}>${t('perm.feed')}</a>
        ${
          hasRole(user, 'contributor')
            ? html`<button class="btn secondary small" aria-expanded=${this._publishing ? 'true' : 'false'} @click=${() => (this._publishing = !this._publishing)}>${t('perm.publish.title')}</button>`
            : nothing
        }
      </div>
      ${this._publishing ? html`<lc-permanence-form @lc-published=${() => void this._load()}></lc-permanence-form>` : nothing}
      <form class="filters" @submit=${(e: Event) => {
        e.preventDefault();
        void this._load();
      }}>
        <div class="field"><label for="f-theme">${t('perm.filter.theme')}</label>
          <select id="f-theme" @change=${this._set('theme')}>
            <option value="">${t('perm.filter.all')}</option>
            ${THEMES.map((th) => html`<option value=${th.slug}>${themeName(th.slug)}</option>`)}
          </select></div>
        <div class="field"><label>${t('perm.filter.expert')}</label>
          <lc-record-picker
            id="f-expert"
            kind="person"
            label=${t('perm.filter.expert')}
            placeholder=${t('perm.filter.expertPlaceholder')}
            @lc-pick=${(e: CustomEvent<PickedRecord>) => (this._filter = { ...this._filter, expert: e.detail.slug })}
            @input=${() => (this._filter = { ...this._filter, expert: undefined })}
          ></lc-record-picker></div>
        <div class="field"><label for="f-mode">${t('perm.filter.mode')}</label>
          <select id="f-mode" @change=${this._set('mode')}>
            <option value="">${t('perm.filter.all')}</option>
            <option value="remote">${t('perm.mode.remote')}</option>
            <option value="onsite">${t('perm.mode.onsite')}</option>
          </select></div>
        <div class="field"><label for="f-from">${t('perm.filter.from')}</label><input id="f-from" type="date" @input=${this._set('from')} /></div>
        <button class="btn" type="submit">${t('perm.filter.apply')}</button>
      </form>
      ${this._error ? errorBox(this._error) : nothing}
      ${
        this._items === null
          ? this._error
            ? nothing
            : loadingLine()
          : this._items.length
            ? html`<ul class="sessions">${this._items.map((p) => this._card(p))}</ul>`
            : html`<p class="muted">${t('perm.empty')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-permanences': LcPermanences;
  }
}
