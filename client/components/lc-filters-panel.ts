import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';

/** Below this width a directory shows one column, and its filters fold. */
const NARROW = '(max-width: 760px)';

/**
 * A directory's filters (its facet lists, slotted). On a wide screen they stand open beside the
 * results; on a narrow one they fold under a « Filtres (n) » summary, so that the results come
 * first instead of after every facet value, as in the directories of Comptoir du Libre or
 * OpenAgenda on a phone.
 */
@customElement('lc-filters-panel')
export class LcFiltersPanel extends LitElement {
  static override styles = css`
    summary { display: none; }
    @media (max-width: 760px) {
      summary {
        display: list-item;
        cursor: pointer;
        font-weight: 600;
        padding: 0.5rem 0.7rem;
        border: 1px solid #b8c4bd;
        border-radius: 6px;
        background: #fff;
      }
      details[open] > summary { margin-bottom: 0.8rem; }
    }
  `;

  /** How many filters are set (shown in the folded summary). */
  @property({ type: Number }) active = 0;

  private readonly _media = globalThis.matchMedia?.(NARROW);
  @state() private _narrow = this._media?.matches ?? false;
  private readonly _onMedia = (e: MediaQueryListEvent) => (this._narrow = e.matches);

  override connectedCallback() {
    super.connectedCallback();
    // The width may have changed while the panel was out of the page.
    this._narrow = this._media?.matches ?? false;
    this._media?.addEventListener('change', this._onMedia);
  }

  override disconnectedCallback() {
    this._media?.removeEventListener('change', this._onMedia);
    super.disconnectedCallback();
  }

  override render() {
    return html`<details ?open=${!this._narrow} data-testid="filters">
      <summary>${this.active ? t('facet.filtersActive', { n: this.active }) : t('facet.filters')}</summary>
      <slot></slot>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-filters-panel': LcFiltersPanel;
  }
}
