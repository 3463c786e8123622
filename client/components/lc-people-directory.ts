import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { showFiltersInUrl } from '../lib/filter-url.js';
import { DirectoryPages } from '../lib/directory-pages.js';
import { registryStyles } from '../lib/registry-styles.js';
import { listPeople, type PublicPerson } from '../api/registry.js';
import { hasRole, SessionController } from '../session.js';
import './lc-facet-list.js';
import './lc-filters-panel.js';
import './lc-person-card.js';

const PAGE = 24;

interface Filters {
  q: string;
  theme: string;
  region: string;
  /** Hidden profiles too (facilitators and admins): `?visibility=all`. */
  all: boolean;
}

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') ?? '',
    theme: p.get('theme') ?? '',
    region: p.get('region') ?? '',
    all: p.get('visibility') === 'all',
  };
}

/** The people directory (/personnes): search, filters by theme and region, person cards. */
@customElement('lc-people-directory')
export class LcPeopleDirectory extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .layout { display: grid; grid-template-columns: 15rem 1fr; gap: 1.4rem; align-items: start; }
      @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
      .more { text-align: center; margin-top: 1rem; }
      .resultbar { display: flex; gap: 0.6rem; align-items: center; margin-bottom: 0.7rem; }
      .hidden-toggle { display: inline-flex; gap: 0.4rem; align-items: center; margin: 0 0 0.8rem; }
    `,
  ];

  @state() private _f: Filters = readFilters(location.search);
  private _session = new SessionController(this);
  private _list = new DirectoryPages<PublicPerson, 'theme' | 'region'>(this, (offset) => {
    const f = this._f;
    return listPeople({
      q: f.q || undefined,
      theme: f.theme || undefined,
      region: f.region || undefined,
      visibility: this._showHidden ? 'all' : undefined,
      limit: PAGE,
      offset,
    });
  });
  private _typing?: ReturnType<typeof setTimeout>;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('people.title')} · ${t('app.name')}`;
    window.addEventListener('popstate', this._onPop);
    window.addEventListener('lc-locale-changed', this._onLocale);
    window.addEventListener('lc-session-changed', this._onSession);
    void this._load(false);
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPop);
    window.removeEventListener('lc-locale-changed', this._onLocale);
    window.removeEventListener('lc-session-changed', this._onSession);
  }
  private _onPop = () => {
    if (location.pathname !== '/personnes') return;
    this._f = readFilters(location.search);
    void this._load(false);
  };
  private _onLocale = () => this.requestUpdate();
  /** Logged in or out: the hidden profiles come or go. */
  private _onSession = () => {
    if (this._f.all) void this._load(false);
  };

  /** Hidden profiles are asked for only by those allowed to see them. */
  private get _showHidden() {
    return this._f.all && hasRole(this._session.user, 'facilitator');
  }

  /** Never rejects: a failure is shown as the list's error (callers need not wait). */
  private _load(append: boolean) {
    return this._list.load(append);
  }

  private _apply(next: Filters, push: boolean) {
    this._f = next;
    showFiltersInUrl(
      '/personnes',
      { q: next.q, theme: next.theme, region: next.region, visibility: next.all ? 'all' : '' },
      push,
    );
    void this._load(false);
  }

  override render() {
    const f = this._f;
    return html`
      <h1>${t('people.title')}</h1>
      <p class="muted">${t('people.intro')}</p>
      <form class="searchbar" role="search" aria-label=${t('people.search')} @submit=${(e: Event) => e.preventDefault()}>
        <input
          type="search"
          aria-label=${t('people.search')}
          placeholder=${t('people.searchPlaceholder')}
          .value=${f.q}
          @input=${(e: InputEvent) => {
            const q = (e.target as HTMLInputElement).value.trim();
            clearTimeout(this._typing);
            this._typing = setTimeout(() => this._apply({ ...this._f, q }, false), 250);
          }}
        />
      </form>
      ${
        hasRole(this._session.user, 'facilitator')
          ? html`<label class="small hidden-toggle">
            <input
              type="checkbox"
              data-testid="people-show-hidden"
              .checked=${f.all}
              @change=${(e: Event) => this._apply({ ...this._f, all: (e.target as HTMLInputElement).checked }, true)}
            />
            ${t('people.showHidden')}
          </label>`
          : nothing
      }
      <div class="layout">
        <aside
          aria-label=${t('facet.filters')}
          @lc-facet-change=${(e: CustomEvent<{ facet: 'theme' | 'region'; value: string }>) => this._apply({ ...this._f, [e.detail.facet]: e.detail.value }, true)}
        >
          <lc-filters-panel active=${[f.theme, f.region].filter(Boolean).length}>
            <div class="facets">
              <lc-facet-list facet="theme" heading=${t('facet.theme')} .values=${this._list.facets.theme ?? []} selected=${f.theme}></lc-facet-list>
              <lc-facet-list facet="region" heading=${t('facet.region')} .values=${this._list.facets.region ?? []} selected=${f.region}></lc-facet-list>
            </div>
          </lc-filters-panel>
        </aside>
        <section aria-live="polite" aria-busy=${this._list.loading ? 'true' : 'false'}>
          <div class="resultbar">
            <strong data-testid="people-count">${this._list.total === 1 ? t('people.count1') : t('people.count', { count: this._list.total })}</strong>
            ${f.q || f.theme || f.region ? html`<button class="btn link" @click=${() => this._apply({ q: '', theme: '', region: '', all: f.all }, true)}>${t('browse.clear')}</button>` : nothing}
          </div>
          ${this._list.error ? html`<p class="notice error" role="alert">${this._list.error}</p>` : nothing}
          ${this._list.items.length === 0 && !this._list.loading ? html`<p class="empty">${t('people.none')}</p>` : nothing}
          <div class="grid">${this._list.items.map((p) => html`<lc-person-card .person=${p}></lc-person-card>`)}</div>
          ${
            this._list.items.length < this._list.total
              ? html`<div class="more"><button class="btn secondary" ?disabled=${this._list.loading} @click=${() => this._load(true)}>${t('people.more')}</button></div>`
              : nothing
          }
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-people-directory': LcPeopleDirectory;
  }
}
