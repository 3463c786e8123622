import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import type { CriterionAssessment } from '../api/registry.js';
import { formatDay } from '../lib/registry-format.js';

/** A table of assessed criteria: criterion, level 0–3 (drawn and spelled), evidence, who and when. */
@customElement('lc-criterion-table')
export class LcCriterionTable extends LitElement {
  static override styles = css`
    :host { display: block; overflow-x: auto; margin: 0.6rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.92rem; background: #fff; border: 1px solid #dfe5e1; border-radius: 8px; }
    th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid #e6ebe8; vertical-align: top; }
    th { background: #f2f5f3; font-weight: 600; }
    tr:last-child td { border-bottom: 0; }
    .dots { letter-spacing: 0.1rem; white-space: nowrap; }
    .on { color: #2f6f4f; }
    .off { color: #c9d3cd; }
    .lvl { display: block; font-size: 0.8rem; color: #5b6b63; }
    .evidence { white-space: pre-line; }
    .who { white-space: nowrap; color: #3c4d44; }
    tr.pending th { color: #5b6b63; font-weight: normal; }
  `;

  /** The assessments to list. */
  @property({ attribute: false }) rows: CriterionAssessment[] = [];

  override render() {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${t('qualif.criterion')}</th>
          <th scope="col">${t('qualif.level')}</th>
          <th scope="col">${t('qualif.evidence')}</th>
          <th scope="col">${t('qualif.by')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.rows.map(
          (c) => html`<tr data-criterion=${c.criterion} class=${c.level == null ? 'pending' : ''}>
            <th scope="row">${c.label || c.criterion}</th>
            <td>
              ${
                c.level == null
                  ? html`<span class="lvl">${t('qualif.notAssessed')}</span>`
                  : html`<span class="dots" role="img" aria-label=${t('qualif.levelOf', { level: c.level })}
                      >${[1, 2, 3].map((i) => html`<span class=${i <= c.level! ? 'on' : 'off'}>●</span>`)}</span
                    >
                    <span class="lvl">${t(`qualif.level${Math.max(0, Math.min(3, c.level))}`)}</span>`
              }
            </td>
            <td class="evidence">${c.evidence}</td>
            <td class="who">
              ${c.level == null ? '' : (c.by?.name ?? t('qualif.someone'))}<br /><span class="lvl">${c.at ? formatDay(c.at) : ''}</span>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-criterion-table': LcCriterionTable;
  }
}
