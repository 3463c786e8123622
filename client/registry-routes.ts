import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-registry-browse.js';
import './components/lc-resource-page.js';
import './components/lc-resource-form.js';
import './components/lc-places-directory.js';
import './components/lc-place-page.js';
import './components/lc-people-directory.js';
import './components/lc-person-page.js';

/** The commons registry and the directories (REGISTRY-API.md); /communs/new comes before /communs/:slug. */
export const REGISTRY_ROUTES: Route[] = [
  { pattern: '/communs', render: () => html`<lc-registry-browse></lc-registry-browse>` },
  { pattern: '/communs/new', render: () => html`<lc-resource-form></lc-resource-form>` },
  {
    pattern: '/communs/:slug/modifier',
    render: (p) => html`<lc-resource-form slug=${p.slug}></lc-resource-form>`,
  },
  {
    pattern: '/communs/:slug',
    render: (p) => html`<lc-resource-page slug=${p.slug}></lc-resource-page>`,
  },
  { pattern: '/lieux', render: () => html`<lc-places-directory></lc-places-directory>` },
  { pattern: '/lieux/:slug', render: (p) => html`<lc-place-page slug=${p.slug}></lc-place-page>` },
  { pattern: '/personnes', render: () => html`<lc-people-directory></lc-people-directory>` },
  {
    pattern: '/personnes/:slug',
    render: (p) => html`<lc-person-page slug=${p.slug}></lc-person-page>`,
  },
];
