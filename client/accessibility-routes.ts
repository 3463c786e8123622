import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-accessibility-statement.js';

/** The accessibility statement, linked from every page's footer (/accessibilite, the RGAA's usual address). */
export const ACCESSIBILITY_ROUTES: Route[] = [
  {
    pattern: '/accessibilite',
    render: () => html`<lc-accessibility-statement></lc-accessibility-statement>`,
  },
];
