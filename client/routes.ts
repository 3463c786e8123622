import { html } from 'lit';
import type { Route } from './router.js';
import { WIKI_ROUTES } from './wiki-routes.js';

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
];
