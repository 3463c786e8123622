import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.js';
import { nodeResponse } from './request-headers.js';

type HeaderList = readonly (readonly [string, string])[];

/**
 * The browser application and its files: hono/secure-headers' defaults (COOP and CORP
 * same-origin, Origin-Agent-Cluster, Referrer-Policy no-referrer, HSTS, nosniff, X-Frame-Options
 * SAMEORIGIN…) with our CSP. HSTS is only heeded over HTTPS, and a browser learns it from the
 * pages it loads.
 */
export const documentSecurityHeaders: MiddlewareHandler<AppEnv> = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'https:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    frameAncestors: ["'self'"],
  },
});

/**
 * /embed pages, framed by partners' sites: no script, no cookie, styles inline, any site may
 * frame them (so no X-Frame-Options) and load them (CORP cross-origin); the rest as documents.
 */
export const embedSecurityHeaders: MiddlewareHandler<AppEnv> = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'unsafe-inline'"],
    frameAncestors: ['*'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
  crossOriginResourcePolicy: 'cross-origin',
  xFrameOptions: false,
});

/**
 * The API and the feeds (JSON, Atom): data that no browser should run, frame, sniff or hand to
 * another site (OWASP REST security cheat sheet). `frame-ancestors` is what X-Frame-Options was;
 * a data answer is never a document that links or navigates, so it needs no Referrer-Policy.
 * Few headers matter here: they are written on every read, and parsed by every client.
 */
const DATA: HeaderList = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
];

/**
 * The same headers as `setDataSecurityHeaders`, through hono/secure-headers: what
 * `npm run bench:compression` measures the fast path against.
 */
export const dataSecurityHeadersThroughHono: MiddlewareHandler<AppEnv> = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});

/** Whether `path` is `prefix` itself or below it (what Hono's `prefix/*` matches). */
export const isUnder = (path: string, prefix: string) =>
  path.startsWith(prefix) &&
  (path.length === prefix.length || path.charCodeAt(prefix.length) === 47); // '/'

/**
 * Sets the security headers of a data answer (API, feeds, uploaded files), before its handler
 * runs. A fast path kept on purpose: hono/secure-headers sets its headers on `c.res` after the
 * handler, which makes @hono/node-server turn its lightweight answer into a full Response with a
 * WHATWG Headers object on every request, and cached page reads are held to ≥ 0.5 of a bare
 * "hello" route (bench:wiki). Measured 7 Dec 2026 on the shared 2-core machine at load 15-21:
 * `npm run bench:compression` part (d), bare app, 5 KB JSON: this path 584/1513/1090 req/s per
 * round against 441/1132/748 for hono/secure-headers with the same three headers (24-31% fewer);
 * bench:wiki reads, two runs each way: page/hello medians 0.70 and 0.69 here, 0.70 and 0.68 with
 * hono/secure-headers, a difference the load's noise (round ratios 0.3-2.0) cannot show. To be
 * measured again on a quiet machine: swapping in `dataSecurityHeadersThroughHono` is one line in
 * server/app.ts, and test/server/node-server-paths.test.ts checks that both send the same headers.
 * On @hono/node-server the headers go on Node's ServerResponse, which merges them into whatever
 * the handler answers (errors included); elsewhere (`app.request`) `c.header`.
 */
export function setDataSecurityHeaders(c: Context<AppEnv>): void {
  const outgoing = nodeResponse(c);
  for (const [name, value] of DATA) {
    if (outgoing) outgoing.setHeader(name, value);
    else c.header(name, value);
  }
}
