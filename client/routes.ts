import type { Route } from './router.js';
import { WIKI_ROUTES } from './wiki-routes.js';
import { REGISTRY_ROUTES } from './registry-routes.js';

/** Every client route, first match wins. Features add theirs here. */
export const ROUTES: Route[] = [...WIKI_ROUTES, ...REGISTRY_ROUTES];
