import { html } from 'lit';
import type { Route } from './router.js';
import { t } from './i18n/index.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [
  { pattern: '/', render: () => html`<h1>${t('app.name')}</h1>` },
  {
    // Real-time co-editing; the editor (CodeMirror, Yjs) is loaded on demand, in its own chunk.
    pattern: '/wiki/:slug/coedit',
    render: (p) => {
      void import('./components/lc-collab-editor.js');
      return html`<lc-collab-editor .slug=${p.slug}></lc-collab-editor>`;
    },
  },
];
