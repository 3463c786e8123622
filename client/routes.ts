import { html } from 'lit';
import type { Route } from './router.js';
import { t } from './i18n/index.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [
  { pattern: '/', render: () => html`<h1>${t('app.name')}</h1>` },
];
