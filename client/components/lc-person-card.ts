import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { registryStyles } from '../lib/registry-styles.js';
import type { PublicPerson } from '../api/registry.js';
import { themeShort } from '../lib/registry-format.js';
import { t } from '../i18n/index.js';
import './lc-contact-person.js';

/** A person in the people directory: name, place, region, themes, skills, contact button. */
@customElement('lc-person-card')
export class LcPersonCard extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .card { height: 100%; box-sizing: border-box; display: flex; flex-direction: column; gap: 0.3rem; }
      .skills { font-size: 0.88rem; color: #3c4d44; margin: 0; }
      .grow { flex: 1; }
      .chip.hidden { background: #f6e3d4; color: #7a3b14; }
    `,
  ];

  /** The person to show. */
  @property({ attribute: false }) person?: PublicPerson;

  override render() {
    const p = this.person;
    if (!p) return nothing;
    return html`<article class="card" data-slug=${p.slug}>
      <h3><a href=${`/personnes/${encodeURIComponent(p.slug)}`}>${p.name}</a></h3>
      <div class="small muted">${[p.place?.name, p.region].filter(Boolean).join(' · ')}</div>
      ${p.hidden ? html`<div><span class="chip hidden" data-testid="person-hidden">${t('person.hidden')}</span></div>` : nothing}
      <div class="chips">${(p.themes ?? []).map((th) => html`<span class="chip">${themeShort(th)}</span>`)}</div>
      <p class="skills grow">${(p.skills ?? []).slice(0, 5).join(' · ')}</p>
      ${p.contactable ? html`<lc-contact-person slug=${p.slug} name=${p.name}></lc-contact-person>` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-person-card': LcPersonCard;
  }
}
