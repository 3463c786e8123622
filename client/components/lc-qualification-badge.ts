import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { label } from '../lib/registry-format.js';

const ICONS: Record<string, string> = {
  proposed: '○',
  'under-review': '◐',
  qualified: '✓',
  'to-review': '↻',
};

/** A readable badge for a resource's qualification status, with its meaning as a tooltip. */
@customElement('lc-qualification-badge')
export class LcQualificationBadge extends LitElement {
  static override styles = css`
    :host { display: inline-block; vertical-align: middle; }
    .badge { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.1rem 0.6rem; border-radius: 999px; font-size: 0.82rem; font-weight: 600; line-height: 1.6; border: 1px solid transparent; white-space: nowrap; }
    .proposed { background: #f1f1ef; color: #4d4d47; border-color: #cfcfc8; }
    .under-review { background: #e7f0fb; color: #1f4f86; border-color: #b7cde9; }
    .qualified { background: #e0f3e7; color: #1b5e36; border-color: #9fd1b2; }
    .to-review { background: #fff1dc; color: #8a4b00; border-color: #f0c987; }
    .icon { font-weight: 700; }
    .help { font-weight: normal; display: block; font-size: 0.85rem; color: #5b6b63; margin-top: 0.2rem; white-space: normal; }
  `;

  /** Qualification status: proposed, under-review, qualified or to-review. */
  @property() status = 'proposed';
  /** Shows the status's explanation under the badge (otherwise only as a tooltip). */
  @property({ type: Boolean }) explain = false;

  override render() {
    const help = t(`qualif.help.${this.status}`);
    return html`<span class="badge ${this.status}" title=${help} data-status=${this.status}
        ><span class="icon" aria-hidden="true">${ICONS[this.status] ?? '•'}</span>${label('qualif', this.status)}</span
      >${this.explain ? html`<span class="help">${help}</span>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-qualification-badge': LcQualificationBadge;
  }
}
