import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-files-list.js';
import './components/lc-file-page.js';
import './components/lc-field-defs.js';
import './components/lc-pages-by-fields.js';

/** Filters of the structured-fields list: every query parameter but `kind`. */
const filtersOf = (q: URLSearchParams) => Object.fromEntries([...q].filter(([k]) => k !== 'kind'));

/** Files and structured fields (issue 10 §2 and §3). Listed before the wiki's `/special/:list`. */
export const FILES_ROUTES: Route[] = [
  { pattern: '/fichiers', render: () => html`<lc-files-list></lc-files-list>` },
  {
    pattern: '/fichiers/:name',
    render: (p) => html`<lc-file-page .name=${p.name}></lc-file-page>`,
  },
  { pattern: '/special/champs', render: () => html`<lc-field-defs></lc-field-defs>` },
  {
    pattern: '/special/fiches',
    render: (_p, q) =>
      html`<lc-pages-by-fields .kind=${q.get('kind') ?? 'place'} .filters=${filtersOf(q)}></lc-pages-by-fields>`,
  },
];
