import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { RecordPage } from '../lib/record-page.js';
import { registryStyles } from '../lib/registry-styles.js';
import { getPerson, type PersonDetail } from '../api/registry.js';
import { themeShort } from '../lib/registry-format.js';
import './lc-contact-person.js';

/** A person's public page (/personnes/:slug): place, themes, skills, the commons they help with, contact. */
@customElement('lc-person-page')
export class LcPersonPage extends RecordPage<PersonDetail> {
  static override styles = [
    registryStyles,
    css`
      .bio { max-width: 44rem; white-space: pre-line; }
      ul.plain { list-style: none; padding: 0; margin: 0; }
      ul.plain li { padding: 0.5rem 0; border-bottom: 1px solid #e6ebe8; }
      .expert { font-size: 0.78rem; font-weight: 700; padding: 0 0.5rem; border-radius: 999px; background: #fff1dc; color: #8a4b00; margin-left: 0.4rem; }
      .experienced { font-size: 0.78rem; padding: 0 0.5rem; border-radius: 999px; background: #eef0f2; margin-left: 0.4rem; }
      .contact { max-width: 34rem; margin: 1rem 0; }
    `,
  ];

  protected _fetch(slug: string) {
    return getPerson(slug);
  }

  override render() {
    const status = this._statusView('/personnes', t('person.back'), t('person.notFound'));
    const p = this._p;
    if (status || !p) return status;
    return html`
      <p class="small"><a href="/personnes">${t('person.back')}</a></p>
      <h1>${p.name}</h1>
      ${p.hidden ? html`<p class="notice warn" data-testid="person-hidden-notice">${t('person.hiddenNotice')}</p>` : nothing}
      ${p.place && p.placeConfirmed === false ? html`<p class="notice" data-testid="person-place-pending">${t('person.placePending')}</p>` : nothing}
      <p class="muted">
        ${p.place ? html`<a href=${`/lieux/${encodeURIComponent(p.place.slug)}`}>${p.place.name}</a>` : nothing}${p.place && p.region ? ' · ' : ''}${p.region ?? ''}
      </p>
      ${p.bio ? html`<p class="bio">${p.bio}</p>` : nothing}
      <div class="contact">
        ${p.contactable ? html`<lc-contact-person slug=${p.slug} name=${p.name}></lc-contact-person>` : html`<p class="muted">${t('person.notContactable')}</p>`}
      </div>

      ${
        p.themes?.length
          ? html`<h2>${t('person.themes')}</h2>
            <div class="chips">${p.themes.map((th) => html`<a class="chip" href=${`/personnes?theme=${encodeURIComponent(th)}`}>${themeShort(th)}</a>`)}</div>`
          : nothing
      }
      ${
        p.skills?.length
          ? html`<h2>${t('person.skills')}</h2>
            <div class="chips">${p.skills.map((s) => html`<span class="chip kind">${s}</span>`)}</div>`
          : nothing
      }
      <h2>${t('person.referentOf')}</h2>
      ${
        p.referentOf?.length
          ? html`<ul class="plain">
            ${p.referentOf.map(
              (r) => html`<li>
                <a href=${`/communs/${encodeURIComponent(r.resource.slug)}`}><strong>${r.resource.name}</strong></a>
                ${r.isExpert ? html`<span class="expert">★ ${t('resource.expert')}</span>` : html`<span class="experienced">${t('resource.experienced')}</span>`}
                ${r.note ? html`<div class="small">${r.note}</div>` : nothing}
              </li>`,
            )}
          </ul>`
          : html`<p class="empty">${t('person.referentNone')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-person-page': LcPersonPage;
  }
}
