import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
const s = readFileSync('/tmp/prof2/page.json', 'utf8');
const b = Buffer.from(s);
const H: [string, string][] = [
  ['Content-Security-Policy', "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:"],
  ['Cross-Origin-Opener-Policy', 'same-origin'], ['Cross-Origin-Resource-Policy', 'same-origin'], ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'], ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'], ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'], ['X-Download-Options', 'noopen'], ['X-Frame-Options', 'SAMEORIGIN'], ['X-Permitted-Cross-Domain-Policies', 'none'], ['X-XSS-Protection', '0'],
];
const H3: [string, string][] = [['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"], ['Cross-Origin-Resource-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff']];
const app = new Hono<{ Bindings: { outgoing: import('node:http').ServerResponse } }>()
  .get('/', (c) => c.text('hello'))
  .get('/str', (c) => c.body(s, 200, { 'content-type': 'application/json' }))
  .get('/buf', (c) => c.body(b, 200, { 'content-type': 'application/json' }))
  .get('/str12', (c) => { for (const [k, v] of H) c.env.outgoing.setHeader(k, v); return c.body(s, 200, { 'content-type': 'application/json' }); })
  .get('/buf12', (c) => { for (const [k, v] of H) c.env.outgoing.setHeader(k, v); return c.body(b, 200, { 'content-type': 'application/json' }); })
  .get('/buf3', (c) => { for (const [k, v] of H3) c.env.outgoing.setHeader(k, v); return c.body(b, 200, { 'content-type': 'application/json' }); })
  .get('/buf3o', (c) => c.body(b, 200, { 'content-type': 'application/json', 'content-security-policy': H3[0][1], 'cross-origin-resource-policy': 'same-origin', 'x-content-type-options': 'nosniff' }));
serve({ fetch: app.fetch, port: 3998, hostname: '127.0.0.1' });
