import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { getWanted, type WantedPage } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine } from '../format.js';
import { navigate } from '../router.js';
import { hasRole, SessionController } from '../session.js';
import { LOG_PATH } from './lc-wiki-log.js';
import { DELETED_PAGES_PATH } from './lc-deleted-pages.js';
import { sharedStyles } from '../styles.js';
import './lc-recent-changes.js';
import './lc-switchyard.js';

/** How many wanted pages the home page lists. */
const WANTED_ON_HOME = 8;

/** The home page: the switchyard box, then the wiki: start a page, the latest changes, the pages others are waiting for. */
@customElement('lc-home')
export class LcHome extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .switchyard { margin-bottom: 1.8rem; background: #fff; border: 1px solid var(--lc-line); border-top: 4px solid var(--lc-green); border-radius: var(--lc-radius); padding: 0.6rem 1.4rem 1.2rem; }
      @media (max-width: 40rem) { .switchyard { padding: 0.4rem 1rem 1rem; } }
      .intro { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-end; justify-content: space-between; margin-bottom: 1.4rem; }
      .intro p { margin: 0; max-width: 40rem; color: var(--lc-muted); }
      .intro h1 { margin-top: 0; }
      form.new { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: flex-end; }
      form.new .field { margin: 0; flex: 1 1 14rem; }
      .grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem; align-items: start; }
      @media (max-width: 52rem) { .grid { grid-template-columns: minmax(0, 1fr); } }
      section.card h2 { margin: 0 0 0.8rem; font-size: 1.15rem; }
      .wanted li { display: flex; justify-content: space-between; gap: 0.6rem; padding: 0.4rem 0; border-bottom: 1px solid #ece8dd; }
      .wanted li:last-child { border-bottom: 0; }
      a.missing { color: var(--lc-red); }
      nav.special ul { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      aside > section + section { margin-top: 1.2rem; }
    `,
  ];

  @state() private _wanted: WantedPage[] | null = null;
  @state() private _wantedError: unknown = null;
  @state() private _newTitle = '';
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    document.title = t('app.name');
    getWanted()
      .then((r) => (this._wanted = r.pages))
      .catch((err) => (this._wantedError = err));
  }

  private _create(e: SubmitEvent) {
    e.preventDefault();
    const title = this._newTitle.trim();
    navigate(title ? `/new?${new URLSearchParams({ title })}` : '/new');
  }

  override render() {
    const canEdit = this._session.canEdit || !this._session.user;
    return html`
      <!-- The switchyard box ("Décrivez votre problème") comes first: it is the network's front door. -->
      <section class="switchyard"><lc-switchyard></lc-switchyard></section>
      <div class="intro">
        <div>
          <h1>${t('wiki.home.title')}</h1>
          <p>${t('wiki.home.intro')}</p>
        </div>
        ${
          canEdit
            ? html`<form class="new" @submit=${this._create}>
              <div class="field">
                <label for="new-title">${t('wiki.home.newPage')}</label>
                <input
                  id="new-title"
                  type="text"
                  maxlength="200"
                  placeholder=${t('wiki.home.newPlaceholder')}
                  .value=${this._newTitle}
                  @input=${(e: Event) => (this._newTitle = (e.target as HTMLInputElement).value)}
                />
              </div>
              <button class="btn" type="submit" data-testid="new-page">+ ${t('wiki.home.create')}</button>
            </form>`
            : ''
        }
      </div>
      <div class="grid">
        <section class="card" aria-labelledby="recent-h">
          <h2 id="recent-h">${t('wiki.recent.heading')}</h2>
          <lc-recent-changes compact limit="10"></lc-recent-changes>
        </section>
        <aside>
          <section class="card wanted" aria-labelledby="wanted-h">
            <h2 id="wanted-h">${t('wiki.wanted.heading')}</h2>
            ${this._renderWanted()}
          </section>
          <section class="card">
            <nav class="special" aria-label=${t('wiki.special.heading')}>
              <h2>${t('wiki.special.heading')}</h2>
              <ul class="plain">
                <li><a class="badge" href="/special/all-pages">${t('wiki.special.allPages')}</a></li>
                <li><a class="badge" href="/special/to-improve">${t('wiki.special.toImprove')}</a></li>
                <li><a class="badge" href="/special/orphans">${t('wiki.special.orphans')}</a></li>
                <li><a class="badge" href="/special/categories">${t('wiki.special.categories')}</a></li>
                <li><a class="badge" href="/recent">${t('wiki.recent.heading')}</a></li>
                <li><a class="badge" href=${LOG_PATH}>${t('wiki.log.heading')}</a></li>
                ${
                  hasRole(this._session.user, 'facilitator')
                    ? html`<li><a class="badge" href=${DELETED_PAGES_PATH}>${t('wiki.deletedPages.heading')}</a></li>`
                    : ''
                }
              </ul>
            </nav>
          </section>
        </aside>
      </div>
    `;
  }

  private _renderWanted() {
    if (this._wantedError) return errorBox(this._wantedError);
    const w = this._wanted;
    if (!w) return loadingLine();
    if (!w.length) return html`<p class="muted small">${t('wiki.wanted.none')}</p>`;
    return html`<ul class="plain" data-testid="wanted">
        ${w.slice(0, WANTED_ON_HOME).map(
          (p) => html`<li>
            <a class="missing" href="/new?${new URLSearchParams({ title: p.title, slug: p.slug })}">${p.title}</a>
            <span class="muted small">${t('wiki.wanted.count', { n: p.count })}</span>
          </li>`,
        )}
      </ul>
      ${w.length > WANTED_ON_HOME ? html`<p class="small"><a href="/special/wanted">${t('wiki.wanted.all')} →</a></p>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-home': LcHome;
  }
}
