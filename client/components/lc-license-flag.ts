import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/index.js';

/** Shows a resource's licence, with proprietary and unknown licences clearly flagged. */
@customElement('lc-license-flag')
export class LcLicenseFlag extends LitElement {
  static override styles = css`
    :host { display: inline-block; vertical-align: middle; }
    .flag { display: inline-flex; gap: 0.3rem; align-items: center; padding: 0.1rem 0.55rem; border-radius: 6px; font-size: 0.82rem; line-height: 1.6; white-space: nowrap; }
    .open { background: #eef5f0; color: #22513a; }
    .proprietary { background: #fde4e1; color: #8f1d12; font-weight: 700; border: 1px solid #f0a59c; }
    .unknown { background: #f3f0e6; color: #6a5a2a; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  /** The licence id (SPDX or CC), "proprietary" or empty. */
  @property() license: string | null | undefined = '';
  /** The server's verdict on the licence. */
  @property() flag: 'open' | 'proprietary' | 'unknown' = 'unknown';

  override render() {
    const flag = this.flag;
    const icon = flag === 'open' ? '✓' : flag === 'proprietary' ? '⚠' : '?';
    const text =
      flag === 'proprietary'
        ? t('license.proprietary')
        : this.license && this.license !== 'proprietary'
          ? this.license
          : t(`license.${flag}`);
    return html`<span class="flag ${flag}" data-flag=${flag} title=${t(`license.${flag}`)}
      ><span aria-hidden="true">${icon}</span><span class="sr-only"
        >${t(`license.${flag}`)} :</span
      >${text}</span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-license-flag': LcLicenseFlag;
  }
}
