import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-permanences.js';
import './components/lc-permanence-page.js';
import './components/lc-mail-outbox.js';

/** Expert permanences, and the admins' outbox ("Courriels"). */
export const PERMANENCE_ROUTES: Route[] = [
  { pattern: '/permanences', render: () => html`<lc-permanences></lc-permanences>` },
  {
    pattern: '/permanences/:id',
    render: (p) => html`<lc-permanence-page .permanenceId=${Number(p.id)}></lc-permanence-page>`,
  },
  { pattern: '/admin/courriels', render: () => html`<lc-mail-outbox></lc-mail-outbox>` },
];
