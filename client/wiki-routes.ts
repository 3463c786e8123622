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
import './components/lc-category-page.js';
import './components/lc-login-form.js';
import './components/lc-register-form.js';
import { SPECIAL_LISTS, type SpecialList } from './components/lc-special-list.js';
import { t } from './i18n/index.js';

const num = (s: string | null) => {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/** The wiki's client routes (see WIKI-API.md for the URL scheme). */
export const WIKI_ROUTES: Route[] = [
  { pattern: '/', render: () => html`<lc-home></lc-home>` },
  { pattern: '/wiki/:slug', render: (p) => html`<lc-page-view .slug=${p.slug}></lc-page-view>` },
  { pattern: '/wiki/:slug/edit', render: (p) => html`<lc-page-editor .slug=${p.slug}></lc-page-editor>` },
  { pattern: '/wiki/:slug/history', render: (p) => html`<lc-page-history .slug=${p.slug}></lc-page-history>` },
  {
    pattern: '/wiki/:slug/diff',
    render: (p, q) => html`<lc-page-diff .slug=${p.slug} .from=${num(q.get('from'))} .to=${num(q.get('to'))}></lc-page-diff>`,
  },
  {
    pattern: '/wiki/:slug/revisions/:n',
    render: (p) => html`<lc-revision-view .slug=${p.slug} .revision=${num(p.n)}></lc-revision-view>`,
  },
  {
    pattern: '/new',
    render: (_p, q) =>
      html`<lc-page-editor creating .slug=${q.get('slug') ?? ''} .initialTitle=${q.get('title') ?? ''}></lc-page-editor>`,
  },
  { pattern: '/search', render: (_p, q) => html`<lc-search-page .query=${q.get('q') ?? ''}></lc-search-page>` },
  {
    pattern: '/recent',
    render: () => {
      document.title = `${t('wiki.recent.heading')} · ${t('app.name')}`;
      return html`<h1>${t('wiki.recent.heading')}</h1>
        <lc-recent-changes limit="50"></lc-recent-changes>`;
    },
  },
  { pattern: '/special', render: () => html`<lc-special-list list="index"></lc-special-list>` },
  {
    pattern: '/special/:list',
    render: (p, q) => {
      const list = (SPECIAL_LISTS as readonly string[]).includes(p.list) ? (p.list as SpecialList) : 'index';
      return html`<lc-special-list .list=${list} .offset=${num(q.get('offset'))}></lc-special-list>`;
    },
  },
  { pattern: '/category/:name', render: (p) => html`<lc-category-page .name=${p.name}></lc-category-page>` },
  { pattern: '/login', render: (_p, q) => html`<lc-login-form .next=${q.get('next') ?? '/'}></lc-login-form>` },
  { pattern: '/register', render: (_p, q) => html`<lc-register-form .next=${q.get('next') ?? '/'}></lc-register-form>` },
];
