import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/** The security headers of every answer (what hono/secure-headers sends, with our CSP). */
const HEADERS: [string, string][] = [
  [
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * Sets the security headers of every answer. hono/secure-headers (and `c.header`) go through a
 * WHATWG Headers object per request, which cost most of the throughput of cached page reads in
 * bench:wiki; on @hono/node-server they are set on Node's ServerResponse instead, which merges them
 * into whatever the handler answers. Elsewhere (tests through `app.request`) `c.header` is used.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && typeof outgoing.setHeader === 'function') {
    for (const [name, value] of HEADERS) outgoing.setHeader(name, value);
  } else {
    for (const [name, value] of HEADERS) c.header(name, value);
  }
  await next();
};
