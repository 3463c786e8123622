import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-home.js';
import './components/lc-page-view.js';
import './components/lc-page-editor.js';
import './components/lc-page-history.js';
import './components/lc-page-diff.js';
import './components/lc-revision-view.js';
import './components/lc-recent-changes.js';
import './components/lc-search-page.js';
import './components/lc-special-list.js';
import './components/lc-wiki-log.js';
import './components/lc-deleted-pages.js';
import './components/lc-category-page.js';
import './components/lc-login-form.js';
import './components/lc-register-form.js';
import { newPageUrl } from './components/lc-new-page.js';
import { SPECIAL_LISTS, type SpecialList } from './components/lc-special-list.js';
import { slugify } from '../registry/text/slug.js';
import { t } from './i18n/index.js';

/** The page editor: the real-time co-editor (loaded on demand, in its own chunk), or the plain form with ?mode=form. */
function pageEditor(slug: string, q: URLSearchParams) {
  const title = q.get('title') ?? '';
  if (q.get('mode') === 'form')
    return html`<lc-page-editor .slug=${slug} .initialTitle=${title}></lc-page-editor>`;
  void import('./components/lc-collab-editor.js');
  return html`<lc-collab-editor .slug=${slug} .initialTitle=${title}></lc-collab-editor>`;
}

const num = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/** The wiki's client routes (see WIKI-API.md for the URL scheme). */
export const WIKI_ROUTES: Route[] = [
  { pattern: '/', render: () => html`<lc-home></lc-home>` },
  { pattern: '/wiki/:slug', render: (p) => html`<lc-page-view .slug=${p.slug}></lc-page-view>` },
  // The co-editor is the page editor; ?mode=form keeps the plain form (no WebSocket, 409 conflicts).
  { pattern: '/wiki/:slug/edit', render: (p, q) => pageEditor(p.slug, q) },
  { pattern: '/wiki/:slug/coedit', render: (p, q) => pageEditor(p.slug, q) },
  {
    pattern: '/wiki/:slug/history',
    render: (p) => html`<lc-page-history .slug=${p.slug}></lc-page-history>`,
  },
  {
    pattern: '/wiki/:slug/diff',
    render: (p, q) =>
      // Without ?to the page's last change (MediaWiki's diff=cur); without ?from, the revision before ?to.
      html`<lc-page-diff .slug=${p.slug} .from=${q.has('from') ? num(q.get('from')) : undefined} .to=${q.has('to') ? num(q.get('to')) : undefined}></lc-page-diff>`,
  },
  {
    pattern: '/wiki/:slug/revisions/:n',
    render: (p) =>
      html`<lc-revision-view .slug=${p.slug} .revision=${num(p.n)}></lc-revision-view>`,
  },
  {
    // From a title (home form, search, red link): the co-editor at the page's address.
    pattern: '/new',
    render: (_p, q) => {
      const title = (q.get('title') ?? '').trim();
      const slug = q.get('slug') || slugify(title);
      if (q.get('mode') === 'form' || (title && !slug)) {
        return html`<lc-page-editor creating .slug=${q.get('slug') ?? ''} .initialTitle=${title}></lc-page-editor>`;
      }
      if (!title) return html`<lc-new-page></lc-new-page>`;
      history.replaceState(null, '', newPageUrl(title, slug));
      return pageEditor(slug, new URLSearchParams({ title }));
    },
  },
  {
    pattern: '/search',
    render: (_p, q) => html`<lc-search-page .query=${q.get('q') ?? ''}></lc-search-page>`,
  },
  {
    pattern: '/recent',
    render: () => {
      document.title = `${t('wiki.recent.heading')} · ${t('app.name')}`;
      return html`<h1>${t('wiki.recent.heading')}</h1>
        <lc-recent-changes limit="50"></lc-recent-changes>`;
    },
  },
  { pattern: '/special', render: () => html`<lc-special-list list="index"></lc-special-list>` },
  // The log and the deleted pages sit with the special lists (a /wiki/… address would hide a page of that name).
  {
    pattern: '/special/journal',
    render: (_p, q) =>
      html`<lc-wiki-log .actions=${q.get('action') ?? ''} .page=${q.get('page') ?? ''}></lc-wiki-log>`,
  },
  {
    pattern: '/special/pages-supprimees',
    render: (_p, q) => html`<lc-deleted-pages .offset=${num(q.get('offset'))}></lc-deleted-pages>`,
  },
  {
    pattern: '/special/:list',
    render: (p, q) => {
      const list = (SPECIAL_LISTS as readonly string[]).includes(p.list)
        ? (p.list as SpecialList)
        : 'index';
      return html`<lc-special-list .list=${list} .offset=${num(q.get('offset'))}></lc-special-list>`;
    },
  },
  {
    pattern: '/category/:name',
    render: (p) => html`<lc-category-page .name=${p.name}></lc-category-page>`,
  },
  {
    pattern: '/login',
    render: (_p, q) => html`<lc-login-form .next=${q.get('next') ?? '/'}></lc-login-form>`,
  },
  {
    pattern: '/register',
    render: (_p, q) =>
      html`<lc-register-form .next=${q.get('next') ?? '/'} .invitation=${q.get('invitation') ?? ''}></lc-register-form>`,
  },
];
