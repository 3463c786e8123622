import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { campaignDates } from '../lib/event-format.js';
import { navigate } from '../router.js';
import { SessionController, hasRole } from '../session.js';
import { createCampaign, listCampaigns, type Campaign } from '../api/events.js';

/** The campaigns (/campagnes), and the form facilitators start one with. */
@customElement('lc-campaigns')
export class LcCampaigns extends LitElement {
  static override styles = [
    registryStyles,
    css`form.card { max-width: 40rem; } ul.plain { list-style: none; padding: 0; } ul.plain li { padding: 0.4rem 0; }`,
  ];

  private _session = new SessionController(this);
  @state() private _items: Campaign[] = [];
  @state() private _error = '';

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('campaigns.title')} · ${t('app.name')}`;
    listCampaigns().then(
      (r) => (this._items = r.items),
      (err: Error) => (this._error = err.message),
    );
  }

  private async _create(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(form.get(k) ?? '').trim();
    try {
      const c = await createCampaign({
        slug: get('slug'),
        title: get('title'),
        startsOn: get('startsOn'),
        endsOn: get('endsOn'),
        description: get('description') || undefined,
        regions: get('regions')
          ? get('regions')
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean)
          : undefined,
      });
      navigate(`/campagnes/${c.slug}`);
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  override render() {
    return html`
      <h1>${t('campaigns.title')}</h1>
      <p class="muted">${t('campaigns.intro')}</p>
      ${
        this._items.length
          ? html`<ul class="plain">${this._items.map((c) => html`<li><a href=${`/campagnes/${c.slug}`}><strong>${c.title}</strong></a> · ${campaignDates(c.startsOn, c.endsOn)}</li>`)}</ul>`
          : html`<p class="empty">${t('campaigns.none')}</p>`
      }
      ${
        hasRole(this._session.user, 'facilitator')
          ? html`<form class="card" @submit=${this._create}>
            <h2>${t('campaigns.new')}</h2>
            <div class="field"><label for="c-title">${t('campaigns.fieldTitle')}</label><input id="c-title" name="title" required /></div>
            <div class="field"><label for="c-slug">${t('campaigns.fieldSlug')}</label><input id="c-slug" name="slug" required pattern="[a-z0-9-]+" /></div>
            <div class="field"><label for="c-start">${t('campaigns.fieldStart')}</label><input id="c-start" type="date" name="startsOn" required /></div>
            <div class="field"><label for="c-end">${t('campaigns.fieldEnd')}</label><input id="c-end" type="date" name="endsOn" required /></div>
            <div class="field"><label for="c-regions">${t('campaigns.fieldRegions')}</label><input id="c-regions" name="regions" /></div>
            <div class="field"><label for="c-desc">${t('campaigns.fieldDescription')}</label><textarea id="c-desc" name="description" rows="3"></textarea></div>
            <button class="btn" type="submit">${t('campaigns.create')}</button>
          </form>`
          : nothing
      }
      ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-campaigns': LcCampaigns;
  }
}
