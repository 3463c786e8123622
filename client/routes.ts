import { html } from 'lit';
import type { Route } from './router.js';
import { WIKI_ROUTES } from './wiki-routes.js';
import { REGISTRY_ROUTES } from './registry-routes.js';
import { FILES_ROUTES } from './files-routes.js';
import { EVENTS_ROUTES } from './events-routes.js';
import { PERMANENCE_ROUTES } from './permanence-routes.js';
import { ACCOUNT_ROUTES } from './account-routes.js';
import './components/lc-mediawiki-imports.js';
import { ACCESSIBILITY_ROUTES } from './accessibility-routes.js';
import { switchyardNav } from './components/switchyard-nav.js';
import './components/lc-switchyard.js';
import './components/lc-switchyard-requests.js';
import './components/lc-switchyard-request.js';
import './components/lc-switchyard-dashboard.js';
import './components/lc-switchyard-thesaurus.js';
import './components/lc-inbox.js';
import './components/lc-my-messages.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [
  // MediaWiki imports (admins).
  {
    pattern: '/admin/mediawiki',
    render: () => html`<lc-mediawiki-imports></lc-mediawiki-imports>`,
  },
  // Files and structured fields (client/files-routes.ts), before the wiki's /special/:list.
  ...FILES_ROUTES,
  ...WIKI_ROUTES,
  // Commons registry and directories (client/registry-routes.ts).
  ...REGISTRY_ROUTES,
  // Events and campaigns (client/events-routes.ts).
  ...EVENTS_ROUTES,
  // Expert permanences and the admins' outbox (client/permanence-routes.ts).
  ...PERMANENCE_ROUTES,
  // Accounts: verification and reset links, Sécurité, administration (client/account-routes.ts).
  ...ACCOUNT_ROUTES,
  ...ACCESSIBILITY_ROUTES,
  // Gare d'aiguillage (switchyard)
  {
    pattern: '/aiguillage',
    render: (_p, q) =>
      html`${switchyardNav()}<lc-switchyard detailed .place=${q.get('lieu') ?? ''} .region=${q.get('region') ?? ''}></lc-switchyard>`,
  },
  {
    pattern: '/aiguillage/demandes',
    render: () =>
      html`${switchyardNav()}<lc-switchyard-requests mode="mine"></lc-switchyard-requests><lc-my-messages></lc-my-messages>`,
  },
  // Contact messages received (the person's account, facilitators); /messages/:id is the alerts' link.
  { pattern: '/messages', render: () => html`<lc-inbox></lc-inbox>` },
  {
    pattern: '/messages/:id',
    render: (p) => html`<lc-inbox .messageId=${Number(p.id)}></lc-inbox>`,
  },
  {
    pattern: '/aiguillage/file',
    render: () =>
      html`${switchyardNav()}<lc-switchyard-requests mode="queue"></lc-switchyard-requests>`,
  },
  {
    pattern: '/aiguillage/manquants',
    render: () =>
      html`${switchyardNav()}<lc-switchyard-requests mode="missing"></lc-switchyard-requests>`,
  },
  {
    pattern: '/aiguillage/demandes/:id',
    render: (p) =>
      html`${switchyardNav()}<lc-switchyard-request .requestId=${Number(p.id)}></lc-switchyard-request>`,
  },
  {
    pattern: '/aiguillage/tableau-de-bord',
    render: () => html`${switchyardNav()}<lc-switchyard-dashboard></lc-switchyard-dashboard>`,
  },
  {
    pattern: '/aiguillage/champ-lexical',
    render: () => html`${switchyardNav()}<lc-switchyard-thesaurus></lc-switchyard-thesaurus>`,
  },
];
