import { html } from 'lit';
import type { Route } from './router.js';
import { WIKI_ROUTES } from './wiki-routes.js';
import { REGISTRY_ROUTES } from './registry-routes.js';
import { ACCESSIBILITY_ROUTES } from './accessibility-routes.js';
import { switchyardNav } from './components/switchyard-nav.js';
import './components/lc-switchyard.js';
import './components/lc-switchyard-requests.js';
import './components/lc-switchyard-request.js';
import './components/lc-switchyard-dashboard.js';
import './components/lc-switchyard-thesaurus.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [
  ...WIKI_ROUTES,
  // Commons registry and directories (client/registry-routes.ts).
  ...REGISTRY_ROUTES,
  ...ACCESSIBILITY_ROUTES,
  // Gare d'aiguillage (switchyard)
  {
    pattern: '/aiguillage',
    render: (_p, q) => html`${switchyardNav()}<lc-switchyard detailed .place=${q.get('lieu') ?? ''} .region=${q.get('region') ?? ''}></lc-switchyard>`,
  },
  { pattern: '/aiguillage/demandes', render: () => html`${switchyardNav()}<lc-switchyard-requests mode="mine"></lc-switchyard-requests>` },
  { pattern: '/aiguillage/file', render: () => html`${switchyardNav()}<lc-switchyard-requests mode="queue"></lc-switchyard-requests>` },
  { pattern: '/aiguillage/manquants', render: () => html`${switchyardNav()}<lc-switchyard-requests mode="missing"></lc-switchyard-requests>` },
  { pattern: '/aiguillage/demandes/:id', render: (p) => html`${switchyardNav()}<lc-switchyard-request .requestId=${Number(p.id)}></lc-switchyard-request>` },
  { pattern: '/aiguillage/tableau-de-bord', render: () => html`${switchyardNav()}<lc-switchyard-dashboard></lc-switchyard-dashboard>` },
  { pattern: '/aiguillage/champ-lexical', render: () => html`${switchyardNav()}<lc-switchyard-thesaurus></lc-switchyard-thesaurus>` },
];
