import { html } from 'lit';
import type { Route } from './router.js';
import { t } from './i18n/index.js';
import './components/lc-switchyard.js';
import './components/lc-switchyard-requests.js';
import './components/lc-switchyard-request.js';
import './components/lc-switchyard-dashboard.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [
  { pattern: '/', render: () => html`<h1>${t('app.name')}</h1>` },
  // Gare d'aiguillage (switchyard)
  { pattern: '/aiguillage', render: (_p, q) => html`<lc-switchyard detailed .place=${q.get('lieu') ?? ''} .region=${q.get('region') ?? ''}></lc-switchyard>` },
  { pattern: '/aiguillage/demandes', render: () => html`<lc-switchyard-requests mode="mine"></lc-switchyard-requests>` },
  { pattern: '/aiguillage/file', render: () => html`<lc-switchyard-requests mode="queue"></lc-switchyard-requests>` },
  { pattern: '/aiguillage/manquants', render: () => html`<lc-switchyard-requests mode="missing"></lc-switchyard-requests>` },
  { pattern: '/aiguillage/demandes/:id', render: (p) => html`<lc-switchyard-request .requestId=${Number(p.id)}></lc-switchyard-request>` },
  { pattern: '/aiguillage/tableau-de-bord', render: () => html`<lc-switchyard-dashboard></lc-switchyard-dashboard>` },
];
