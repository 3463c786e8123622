import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import type { ResourceSummary } from '../api/registry.js';
import { formatKm, label, themeShort } from '../lib/registry-format.js';
import './lc-qualification-badge.js';
import './lc-license-flag.js';

/** A result card of the commons browser: name, kind, summary, themes, licence, qualification, usage. */
@customElement('lc-resource-card')
export class LcResourceCard extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .card { height: 100%; box-sizing: border-box; display: flex; flex-direction: column; gap: 0.35rem; }
      .top { display: flex; flex-wrap: wrap; gap: 0.35rem; align-items: center; }
      p.summary { margin: 0; flex: 1; }
      .foot { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; font-size: 0.86rem; color: #3c4d44; }
    `,
  ];

  /** The resource to show. */
  @property({ attribute: false }) resource?: ResourceSummary;

  override render() {
    const r = this.resource;
    if (!r) return null;
    const usage =
      r.usageCount === 0
        ? t('card.usage0')
        : r.usageCount === 1
          ? t('card.usage1')
          : t('card.usageN', { count: r.usageCount });
    return html`<article class="card" data-slug=${r.slug}>
      <h3><a href=${`/communs/${encodeURIComponent(r.slug)}`}>${r.name}</a></h3>
      <div class="top">
        <span class="chip kind">${label('kind', r.kind)}</span>
        <lc-qualification-badge status=${r.qualification?.status ?? 'proposed'}></lc-qualification-badge>
        <lc-license-flag .license=${r.license} flag=${r.licenseFlag}></lc-license-flag>
      </div>
      <p class="summary">${r.summary}</p>
      <ul class="chips">
        ${r.themes.map((th) => html`<li class="chip">${themeShort(th)}</li>`)}
      </ul>
      <div class="foot">
        <span data-testid="usage-count">${usage}</span>
        ${
          r.referentCount > 0
            ? html`<span>${r.referentCount === 1 ? t('card.referent1') : t('card.referents', { count: r.referentCount })}</span>`
            : null
        }
        ${r.distanceKm != null ? html`<span>${t('card.distance', { km: formatKm(r.distanceKm) })}</span>` : null}
      </div>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-resource-card': LcResourceCard;
  }
}
