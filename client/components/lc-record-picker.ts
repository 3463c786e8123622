import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { listPeople, listPlaces } from '../api/registry.js';

/** A record chosen in the picker. */
export interface PickedRecord {
  slug: string;
  name: string;
  detail?: string;
  lat?: number | null;
  lon?: number | null;
  region?: string | null;
}

/**
 * A search-as-you-type picker of a place or a person of the directory. Fires `lc-pick`
 * ({ slug, name, … }) when the visitor chooses one.
 */
@customElement('lc-record-picker')
export class LcRecordPicker extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; }
    input { font: inherit; padding: 0.4rem 0.55rem; border: 1px solid #b9c5be; border-radius: 7px; width: 100%; box-sizing: border-box; }
    :host([invalid]) input { border-color: #a61b1b; }
    ul { list-style: none; margin: 0.2rem 0 0; padding: 0; border: 1px solid #dfe5e1; border-radius: 8px; background: #fff; position: absolute; left: 0; right: 0; z-index: 1000; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.08); }
    li button { all: unset; box-sizing: border-box; display: block; width: 100%; cursor: pointer; padding: 0.4rem 0.6rem; }
    li button:hover, li button:focus-visible, li button.active { background: #e6efe9; }
    .detail { color: #5b6b63; font-size: 0.88rem; }
  `;

  /** What to search: places or people. */
  @property() kind: 'place' | 'person' = 'place';
  /** Placeholder of the input. */
  @property() placeholder = '';
  /** Accessible name of the input. */
  @property() label = '';
  /** Text in the input. */
  @property() value = '';

  @state() private _options: PickedRecord[] = [];
  @state() private _active = -1;
  private _timer?: ReturnType<typeof setTimeout>;
  private _seq = 0;

  private _search(q: string) {
    this.value = q;
    clearTimeout(this._timer);
    if (q.trim().length < 2) {
      this._options = [];
      return;
    }
    const seq = ++this._seq;
    this._timer = setTimeout(() => void this._fetch(q, seq), 200);
  }

  /** Reads the matching records; a failure empties the list (the field stays usable). */
  private async _fetch(q: string, seq: number) {
    try {
      const options: PickedRecord[] =
        this.kind === 'place'
          ? (await listPlaces({ q: q.trim(), limit: 8 })).items.map((p) => ({
              slug: p.slug,
              name: p.name,
              detail: [p.city, p.region].filter(Boolean).join(', '),
              lat: p.lat,
              lon: p.lon,
              region: p.region,
            }))
          : (await listPeople({ q: q.trim(), limit: 8 })).items.map((p) => ({
              slug: p.slug,
              name: p.name,
              detail: [p.place?.name, p.region].filter(Boolean).join(', '),
              region: p.region,
            }));
      if (seq === this._seq) {
        this._options = options;
        this._active = -1;
      }
    } catch {
      if (seq === this._seq) this._options = [];
    }
  }

  private _onKey = (e: KeyboardEvent) => {
    const n = this._options.length;
    if (!n) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this._active =
        (this._active +
          (e.key === 'ArrowDown' ? 1 : n - 1) +
          (this._active < 0 && e.key === 'ArrowUp' ? 1 : 0)) %
        n;
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this._pick(this._options[Math.max(0, this._active)]);
    } else if (e.key === 'Escape') {
      this._options = [];
    }
  };

  private _pick(r: PickedRecord) {
    this.value = r.name;
    this._options = [];
    this.dispatchEvent(
      new CustomEvent<PickedRecord>('lc-pick', { detail: r, bubbles: true, composed: true }),
    );
  }

  override render() {
    return html`<input
        type="search"
        autocomplete="off"
        aria-label=${this.label}
        placeholder=${this.placeholder}
        .value=${this.value}
        @input=${(e: InputEvent) => this._search((e.target as HTMLInputElement).value)}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded=${this._options.length ? 'true' : 'false'}
        aria-controls="options"
        aria-activedescendant=${this._active >= 0 ? `opt-${this._active}` : ''}
        @keydown=${this._onKey}
      />
      ${
        this._options.length
          ? html`<ul role="listbox" id="options" aria-label=${this.label}>
            ${this._options.map(
              (
                r,
                i,
              ) => html`<li role="option" id=${`opt-${i}`} aria-selected=${i === this._active ? 'true' : 'false'}>
                <button type="button" tabindex="-1" class=${i === this._active ? 'active' : ''} data-slug=${r.slug} @click=${() => this._pick(r)}>
                  ${r.name} <span class="detail">${r.detail ?? ''}</span>
                </button>
              </li>`,
            )}
          </ul>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-record-picker': LcRecordPicker;
  }
}
