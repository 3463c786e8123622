import { html } from 'lit';
import type { Route } from './router.js';
import { WIKI_ROUTES } from './wiki-routes.js';
import './components/lc-registry-browse.js';
import './components/lc-resource-page.js';
import './components/lc-resource-form.js';
import './components/lc-places-directory.js';
import './components/lc-place-page.js';
import './components/lc-people-directory.js';
import './components/lc-person-page.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [
  {
    // Real-time co-editing; the editor (CodeMirror, Yjs) is loaded on demand, in its own chunk.
    pattern: '/wiki/:slug/coedit',
    render: (p) => {
      void import('./components/lc-collab-editor.js');
      return html`<lc-collab-editor .slug=${p.slug}></lc-collab-editor>`;
    },
  },
  ...WIKI_ROUTES,
  // Commons registry and directories (/communs/new before /communs/:slug).
  { pattern: '/communs', render: () => html`<lc-registry-browse></lc-registry-browse>` },
  { pattern: '/communs/new', render: () => html`<lc-resource-form></lc-resource-form>` },
  { pattern: '/communs/:slug/modifier', render: (p) => html`<lc-resource-form slug=${p.slug}></lc-resource-form>` },
  { pattern: '/communs/:slug', render: (p) => html`<lc-resource-page slug=${p.slug}></lc-resource-page>` },
  { pattern: '/lieux', render: () => html`<lc-places-directory></lc-places-directory>` },
  { pattern: '/lieux/:slug', render: (p) => html`<lc-place-page slug=${p.slug}></lc-place-page>` },
  { pattern: '/personnes', render: () => html`<lc-people-directory></lc-people-directory>` },
  { pattern: '/personnes/:slug', render: (p) => html`<lc-person-page slug=${p.slug}></lc-person-page>` },
];
