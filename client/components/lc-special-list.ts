import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  getCategories,
  getOrphans,
  getToImprove,
  getWanted,
  listPages,
  type PageListItem,
  type PageRef,
  type PageToImprove,
  type WantedPage,
} from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox, kindLabel, loadingLine, pageUrl } from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { LOG_PATH } from './lc-wiki-log.js';
import { DELETED_PAGES_PATH } from './lc-deleted-pages.js';
import { sharedStyles } from '../styles.js';

/** The special pages, by the name used in their URL (/special/<name>). */
export const SPECIAL_LISTS = [
  'wanted',
  'to-improve',
  'orphans',
  'all-pages',
  'categories',
] as const;
/** One special page, or the index of them. */
export type SpecialList = (typeof SPECIAL_LISTS)[number] | 'index';

const PAGE_SIZE = 100;
const TITLE_KEY: Record<SpecialList, string> = {
  index: 'wiki.special.heading',
  wanted: 'wiki.wanted.heading',
  'to-improve': 'wiki.special.toImprove',
  orphans: 'wiki.special.orphans',
  'all-pages': 'wiki.special.allPages',
  categories: 'wiki.special.categories',
};
const HELP_KEY: Record<SpecialList, string> = {
  index: 'wiki.special.indexHelp',
  wanted: 'wiki.special.wantedHelp',
  'to-improve': 'wiki.special.toImproveHelp',
  orphans: 'wiki.special.orphansHelp',
  'all-pages': 'wiki.special.allPagesHelp',
  categories: 'wiki.special.categoriesHelp',
};

type Loaded =
  | { list: 'wanted'; pages: WantedPage[] }
  | { list: 'to-improve'; pages: PageToImprove[] }
  | { list: 'orphans'; pages: PageRef[] }
  | { list: 'all-pages'; pages: PageListItem[]; total: number }
  | { list: 'categories'; categories: { name: string; count: number }[] }
  | { list: 'index' };

/**
 * The wiki's maintenance lists: pages à créer (linked but missing), pages à améliorer,
 * orphan pages, every page, every category; and the index of these lists.
 */
@customElement('lc-special-list')
export class LcSpecialList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      ul.rows.card { padding: 0.2rem 1.2rem; }
      ul.rows > li { padding: 0.6rem 0; border-bottom: 1px solid #ece8dd; display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; align-items: baseline; }
      ul.rows > li:last-child { border-bottom: 0; }
      .title { font-weight: 600; }
      a.missing { color: var(--lc-red); }
      .from { font-size: 0.88rem; color: var(--lc-muted); flex-basis: 100%; }
      .note { font-size: 0.9rem; color: var(--lc-muted); font-style: italic; }
      .pager { display: flex; gap: 0.5rem; align-items: center; margin-top: 1rem; flex-wrap: wrap; }
      .index { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
      .index a.card { display: block; text-decoration: none; color: inherit; padding: 1rem 1.2rem; }
      .index a.card:hover { border-color: var(--lc-green); }
      .index strong { color: var(--lc-green-dark); display: block; margin-bottom: 0.2rem; }
    `,
  ];

  /** Which list to show. */
  @property() list: SpecialList = 'index';
  /** First row shown (all pages only). */
  @property({ type: Number }) offset = 0;

  @state() private _data: Loaded | null = null;
  @state() private _error: unknown = null;
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('list') || changed.has('offset')) void this._load();
  }

  private async _load() {
    const list = this.list;
    this._data = null;
    this._error = null;
    document.title = `${t(TITLE_KEY[list] ?? TITLE_KEY.index)} · ${t('app.name')}`;
    try {
      let data: Loaded;
      switch (list) {
        case 'wanted':
          data = { list, pages: (await getWanted()).pages };
          break;
        case 'to-improve':
          data = { list, pages: (await getToImprove()).pages };
          break;
        case 'orphans':
          data = { list, pages: (await getOrphans()).pages };
          break;
        case 'all-pages': {
          const r = await listPages(PAGE_SIZE, this.offset);
          data = { list, pages: r.pages, total: r.total };
          break;
        }
        case 'categories':
          data = { list, categories: (await getCategories()).categories };
          break;
        default:
          data = { list: 'index' };
      }
      if (list === this.list) this._data = data;
    } catch (err) {
      if (list === this.list) this._error = err;
    }
  }

  override render() {
    const list = TITLE_KEY[this.list] ? this.list : 'index';
    return html`
      ${list === 'index' ? nothing : html`<p class="small"><a href="/special">← ${t('wiki.special.heading')}</a></p>`}
      <h1>${t(TITLE_KEY[list])}</h1>
      <p class="muted">${t(HELP_KEY[list])}</p>
      ${this._error ? errorBox(this._error) : this._data ? this._renderData(this._data) : loadingLine()}
    `;
  }

  private _empty() {
    return html`<p class="card muted" style="padding:1rem 1.2rem">${t('wiki.special.empty')}</p>`;
  }

  private _renderData(d: Loaded) {
    switch (d.list) {
      case 'index':
        return html`<div class="index">
          ${SPECIAL_LISTS.map(
            (name) => html`<a class="card" href="/special/${name}">
              <strong>${t(TITLE_KEY[name])}</strong>
              <span class="muted small">${t(HELP_KEY[name])}</span>
            </a>`,
          )}
          <a class="card" href="/recent">
            <strong>${t('wiki.recent.heading')}</strong>
            <span class="muted small">${t('wiki.special.recentHelp')}</span>
          </a>
          <a class="card" href=${LOG_PATH}>
            <strong>${t('wiki.log.heading')}</strong>
            <span class="muted small">${t('wiki.log.help')}</span>
          </a>
          <a class="card" href="/special/fiches">
            <strong>${t('fields.list.heading')}</strong>
            <span class="muted small">${t('fields.list.help')}</span>
          </a>
          <a class="card" href="/special/champs">
            <strong>${t('fields.defs.heading')}</strong>
            <span class="muted small">${t('fields.defs.help')}</span>
          </a>
          ${
            hasRole(this._session.user, 'facilitator')
              ? html`<a class="card" href=${DELETED_PAGES_PATH}>
                <strong>${t('wiki.deletedPages.heading')}</strong>
                <span class="muted small">${t('wiki.deletedPages.help')}</span>
              </a>`
              : nothing
          }
        </div>`;
      case 'wanted':
        if (!d.pages.length) return this._empty();
        return html`<ul class="plain rows card" data-testid="special-list">
          ${d.pages.map(
            (p) => html`<li>
              <a class="title missing" href="/new?${new URLSearchParams({ title: p.title, slug: p.slug })}">${p.title}</a>
              <span class="badge warn">${t('wiki.wanted.count', { n: p.count })}</span>
              <span class="from">
                ${t('wiki.wanted.from')}
                ${p.from.map((f, i) => html`${i ? ', ' : ''}<a href=${pageUrl(f.slug)}>${f.title}</a>`)}
              </span>
            </li>`,
          )}
        </ul>`;
      case 'to-improve':
        if (!d.pages.length) return this._empty();
        return html`<ul class="plain rows card" data-testid="special-list">
          ${d.pages.map(
            (p) => html`<li>
              <a class="title" href=${pageUrl(p.slug)}>${p.title}</a>
              <span class="badge warn">${p.reason === 'stub' ? t('wiki.toImprove.stub') : t('wiki.toImprove.flagged')}</span>
              ${p.note ? html`<span class="note">${p.note}</span>` : nothing}
            </li>`,
          )}
        </ul>`;
      case 'orphans':
        if (!d.pages.length) return this._empty();
        return html`<ul class="plain rows card" data-testid="special-list">
          ${d.pages.map((p) => html`<li><a class="title" href=${pageUrl(p.slug)}>${p.title}</a></li>`)}
        </ul>`;
      case 'all-pages':
        if (!d.pages.length) return this._empty();
        return html`<p class="muted small">${t('wiki.special.pageCount', { n: d.total })}</p>
          <ul class="plain rows card" data-testid="special-list">
            ${d.pages.map(
              (p) => html`<li>
                <a class="title" href=${pageUrl(p.slug)}>${p.title}</a>
                <span class="badge">${kindLabel(p.kind)}</span>
                <span class="muted small">${t('wiki.special.updatedOn', { date: formatDate(p.updatedAt) })}</span>
              </li>`,
            )}
          </ul>
          ${
            d.total > PAGE_SIZE
              ? html`<nav class="pager" aria-label=${t('wiki.special.pages')}>
                ${
                  this.offset > 0
                    ? html`<a class="btn small secondary" href="/special/all-pages?offset=${Math.max(0, this.offset - PAGE_SIZE)}"
                      >← ${t('wiki.special.previous')}</a
                    >`
                    : nothing
                }
                <span class="muted small">
                  ${t('wiki.special.range', { from: this.offset + 1, to: Math.min(this.offset + PAGE_SIZE, d.total), total: d.total })}
                </span>
                ${
                  this.offset + PAGE_SIZE < d.total
                    ? html`<a class="btn small secondary" href="/special/all-pages?offset=${this.offset + PAGE_SIZE}"
                      >${t('wiki.special.next')} →</a
                    >`
                    : nothing
                }
              </nav>`
              : nothing
          }`;
      case 'categories':
        if (!d.categories.length) return this._empty();
        return html`<ul class="plain rows card" data-testid="special-list">
          ${d.categories.map(
            (c) => html`<li>
              <a class="title" href="/category/${encodeURIComponent(c.name)}">${c.name}</a>
              <span class="muted small">${t('wiki.special.pageCount', { n: c.count })}</span>
            </li>`,
          )}
        </ul>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-special-list': LcSpecialList;
  }
}
