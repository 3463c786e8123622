import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { registryStyles } from '../lib/registry-styles.js';
import type { FacetValue } from '../api/registry.js';
import { facetLabel } from '../lib/registry-format.js';

/**
 * One facet of a directory: its values with their counts; clicking a value selects it (or
 * clears it when already selected). Fires `lc-facet-change` ({ facet, value }) with value ''
 * for "no filter".
 */
@customElement('lc-facet-list')
export class LcFacetList extends LitElement {
  static override styles = registryStyles;

  /** The facet's name (theme, kind, license, qualification, region, family). */
  @property() facet = '';
  /** Its title, already translated. */
  @property() heading = '';
  /** The values offered by the server. */
  @property({ attribute: false }) values: FacetValue[] = [];
  /** The selected value ('' when none). */
  @property() selected = '';

  private _pick(value: string) {
    const next = value === this.selected ? '' : value;
    this.dispatchEvent(
      new CustomEvent('lc-facet-change', {
        detail: { facet: this.facet, value: next },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    let values = this.values;
    // A selected value missing from the server's list (no result any more) must stay visible to be cleared.
    if (this.selected && !values.some((v) => v.value === this.selected))
      values = [{ value: this.selected, count: 0 }, ...values];
    if (!values.length) return null;
    return html`<section class="facet" data-facet=${this.facet}>
      <h2 id="h">${this.heading}</h2>
      <ul aria-labelledby="h">
        ${values.map(
          (v) => html`<li>
            <button aria-pressed=${v.value === this.selected ? 'true' : 'false'} data-value=${v.value} @click=${() => this._pick(v.value)}>
              <span>${facetLabel(this.facet, v.value, v.label)}</span><span class="count">${v.count}</span>
            </button>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-facet-list': LcFacetList;
  }
}
