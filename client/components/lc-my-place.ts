import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { MY_PLACE_EVENT, getMyPlace, setMyPlace, type MyPlace } from '../lib/registry-format.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

/**
 * Lets the visitor say which place is theirs (remembered in localStorage), so that lists can
 * show the nearest places first. Other components listen to `lc-my-place-changed` on window.
 */
@customElement('lc-my-place')
export class LcMyPlace extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 0.92rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    button { font: inherit; background: none; border: 0; color: #22613f; text-decoration: underline; cursor: pointer; padding: 0.1rem 0.2rem; }
    lc-record-picker { flex: 0 1 20rem; }
    .pin { color: #1f4f86; }
  `;

  @state() private _place: MyPlace | null = getMyPlace();
  @state() private _editing = false;

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener(MY_PLACE_EVENT, this._onChange);
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(MY_PLACE_EVENT, this._onChange);
  }
  private _onChange = () => {
    this._place = getMyPlace();
  };

  private _pick(e: CustomEvent<PickedRecord>) {
    const p = e.detail;
    this._editing = false;
    setMyPlace({
      slug: p.slug,
      name: p.name,
      lat: p.lat ?? null,
      lon: p.lon ?? null,
      region: p.region ?? null,
    });
  }

  override render() {
    if (this._editing || !this._place) {
      return html`<div class="row">
        <span>${this._place ? t('myPlace.choose') : t('myPlace.none')}</span>
        <lc-record-picker
          kind="place"
          data-testid="my-place-input"
          label=${t('myPlace.label')}
          placeholder=${t('myPlace.placeholder')}
          @lc-pick=${this._pick}
        ></lc-record-picker>
        ${this._editing ? html`<button @click=${() => (this._editing = false)}>${t('form.cancel')}</button>` : null}
      </div>`;
    }
    return html`<div class="row">
      <span class="pin" aria-hidden="true">●</span>
      <span data-testid="my-place">${t('myPlace.current', { name: this._place.name })}</span>
      <button @click=${() => (this._editing = true)}>${t('myPlace.change')}</button>
      <button @click=${() => setMyPlace(null)}>${t('myPlace.forget')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-my-place': LcMyPlace;
  }
}
