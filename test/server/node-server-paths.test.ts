// The fast paths that write to Node's request and answer directly (data security headers, headers
// read from Node's IncomingMessage) and the Hono middleware that replaced our own (secure-headers
// for documents and embeds, cookies, body limit), checked through the real @hono/node-server on
// port 0: `app.request` takes the other branch of each fast path.
import { request } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { dataSecurityHeadersThroughHono } from '../../server/security-headers.js';

const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Sends a body in several chunks without Content-Length (Transfer-Encoding: chunked). */
function chunkedPut(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'PUT', headers: { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer 413 and close before the last chunk: the answer is what counts.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

async function register(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'A', password: 'longenough-password' }),
  });
  expect(res.status).toBe(201);
  return res;
}

describe('on the real Node server', () => {
  let db: Database;
  let server: RunningServer;
  let secureDb: Database;
  let secure: RunningServer;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    server = await startServer(db, { port: 0, bodyLimit: 2_000 });
    secureDb = openDatabase(':memory:');
    secure = await startServer(secureDb, { port: 0, secureCookies: true });
  });
  afterAll(async () => {
    await server.close();
    await secure.close();
    db.close();
    secureDb.close();
  });

  it('sends the data security headers on API answers, errors and feeds, and no document headers there', async () => {
    for (const path of [
      '/api/health',
      '/api/pages/nulle-part',
      '/api/nothing-here',
      '/feed/recent-changes.atom',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      await res.arrayBuffer();
      expect(res.headers.get('content-security-policy'), path).toBe(DATA_CSP);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), path).toBeNull();
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('sends hono/secure-headers with our CSP on documents, and the framable set on embeds', async () => {
    const doc = await fetch(`${server.url}/wiki/accueil`);
    await doc.arrayBuffer();
    expect(doc.headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'self'",
    );
    expect(doc.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(doc.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(doc.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(doc.headers.get('referrer-policy')).toBe('no-referrer');
    expect(doc.headers.get('strict-transport-security')).toBe(
      'max-age=15552000; includeSubDomains',
    );
    expect(doc.headers.get('x-content-type-options')).toBe('nosniff');

    const embed = await fetch(`${server.url}/embed/campaigns/inconnue`);
    expect(embed.status).toBe(404);
    expect(embed.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await embed.text()).toContain('Programme introuvable');
    expect(embed.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'; form-action 'none'",
    );
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(embed.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Secure only when configured for HTTPS, and reads it among others', async () => {
    const plain = (await register(server.url, 'a@example.org')).headers.get('set-cookie')!;
    expect(plain).toMatch(/^lc_session=[^;]+;/);
    expect(plain).toMatch(/;\s*HttpOnly/i);
    expect(plain).toMatch(/;\s*SameSite=Lax/i);
    expect(plain).toMatch(/;\s*Path=\//i);
    expect(plain).not.toMatch(/;\s*Secure/i);
    const overHttps = (await register(secure.url, 'b@example.org')).headers.get('set-cookie')!;
    expect(overHttps).toMatch(/;\s*Secure/i);
    expect(overHttps).toMatch(/;\s*HttpOnly/i);

    const session = plain.split(';')[0];
    const me = await fetch(`${server.url}/api/auth/me`, {
      headers: { cookie: `theme=dark; ${session}; other="x y"` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('a@example.org');
    const anonymous = await fetch(`${server.url}/api/auth/me`, {
      headers: { cookie: 'theme=dark; lc_session=unknown' },
    });
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as { user: unknown }).user).toBeNull();
  });

  it('refuses a body over the limit with 413, whether announced by Content-Length or chunked, and writes nothing', async () => {
    const big = JSON.stringify({ title: 'Trop', markdown: 'x'.repeat(5_000) });
    const announced = await fetch(`${server.url}/api/pages/trop-gros`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(announced.status).toBe(413);
    expect(
      ((await announced.json()) as { error: { code: string; message: string } }).error,
    ).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('2000'),
    });
    expect(announced.headers.get('content-security-policy')).toBe(DATA_CSP);

    const chunked = await chunkedPut(`${server.url}/api/pages/trop-gros`, [
      big.slice(0, 1_500),
      big.slice(1_500, 3_000),
      big.slice(3_000),
    ]);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('payload_too_large');
    expect((await fetch(`${server.url}/api/pages/trop-gros`)).status).toBe(404);

    // Under the limit, the same route goes on to authentication (anonymous writes are refused).
    const small = await fetch(`${server.url}/api/pages/petit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"Petit","markdown":"x"}',
    });
    expect(small.status).toBe(401);
  });
});

describe('the data security headers through hono/secure-headers (what the fast path is measured against)', () => {
  it('are the same three headers as the fast path, and no more', async () => {
    const app = new Hono()
      .use(dataSecurityHeadersThroughHono)
      .get('/', (c) => c.json({ ok: true }));
    const res = await app.request('/');
    const security = [...res.headers.keys()].filter((name) => name !== 'content-type').sort();
    expect(security).toEqual([
      'content-security-policy',
      'cross-origin-resource-policy',
      'x-content-type-options',
    ]);
    expect(res.headers.get('content-security-policy')).toBe(DATA_CSP);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
