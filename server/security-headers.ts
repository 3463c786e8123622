import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { nodeResponse } from './request-headers.js';

type HeaderList = readonly (readonly [string, string])[];

/** Sent with every answer. */
const COMMON: HeaderList = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
];

/**
 * The browser application and its files (what hono/secure-headers sends, with our CSP).
 * HSTS is only heeded over HTTPS, and a browser learns it from the pages it loads.
 */
const DOCUMENT: HeaderList = [
  [
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'self'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ...COMMON,
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * The API and the feeds (JSON, Atom): data that no browser should run, frame, sniff or hand to
 * another site (OWASP REST security cheat sheet). `frame-ancestors` is what X-Frame-Options was;
 * a data answer is never a document that links or navigates, so it needs no Referrer-Policy.
 * Few headers matter here: they are written on every read, and parsed by every client.
 */
const DATA: HeaderList = [['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"], ...COMMON];

/** Whether `path` is `prefix` itself or below it (what Hono's `prefix/*` matches). */
export const isUnder = (path: string, prefix: string) =>
  path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === 47); // '/'

// Uploaded files (/files/NAME) are data too: never a document of the application.
const isData = (path: string) => isUnder(path, '/api') || isUnder(path, '/feed') || isUnder(path, '/files');

/** The security headers an answer to `path` gets (for tests and documentation). */
export function securityHeadersFor(path: string): HeaderList {
  return isData(path) ? DATA : DOCUMENT;
}

/**
 * Sets the security headers of an answer, before its handler runs. hono/secure-headers (and
 * `c.header`) go through a WHATWG Headers object per request, which cost most of the throughput of
 * cached page reads in bench:wiki; on @hono/node-server they are set on Node's ServerResponse
 * instead, which merges them into whatever the handler answers. Elsewhere (tests through
 * `app.request`) `c.header` is used.
 */
export function setSecurityHeaders(c: Context<AppEnv>): void {
  const headers = securityHeadersFor(c.req.path);
  const outgoing = nodeResponse(c);
  for (const [name, value] of headers) {
    if (outgoing) outgoing.setHeader(name, value);
    else c.header(name, value);
  }
}
