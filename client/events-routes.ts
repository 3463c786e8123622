import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-events-page.js';
import './components/lc-event-page.js';
import './components/lc-event-form.js';
import './components/lc-campaigns.js';
import './components/lc-campaign-page.js';

/** Events and campaigns; /evenements/nouveau comes before /evenements/:id. */
export const EVENTS_ROUTES: Route[] = [
  { pattern: '/evenements', render: () => html`<lc-events-page></lc-events-page>` },
  {
    pattern: '/evenements/nouveau',
    render: (_p, q) =>
      html`<lc-event-form place=${q.get('lieu') ?? ''} campaign=${q.get('campagne') ?? ''}></lc-event-form>`,
  },
  {
    pattern: '/evenements/:id/modifier',
    render: (p) => html`<lc-event-form .eventId=${Number(p.id)}></lc-event-form>`,
  },
  {
    pattern: '/evenements/:id',
    render: (p) => html`<lc-event-page .eventId=${Number(p.id)}></lc-event-page>`,
  },
  { pattern: '/campagnes', render: () => html`<lc-campaigns></lc-campaigns>` },
  {
    pattern: '/campagnes/:slug',
    render: (p) => html`<lc-campaign-page slug=${p.slug}></lc-campaign-page>`,
  },
];
