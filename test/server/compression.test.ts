import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { seedIfEmpty } from '../../server/seed/index.js';
import { createApiToken, createUser } from '../../server/auth/users.js';
import { Hono } from 'hono';
import { compressing, etagMatches, negotiateEncoding } from '../../server/compression.js';
import { rawRequest, type RawAnswer } from '../helpers/raw-http.js';
import { testApp } from '../helpers/app.js';

const CLIENT_DIR = join(process.cwd(), 'dist/client');
const BROWSER = 'gzip, deflate, br, zstd'; // what Chromium sends

const decode = (r: RawAnswer): Buffer => {
  const coding = r.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(r.body);
  if (coding === 'gzip') return gunzipSync(r.body);
  expect(coding).toBeUndefined();
  return r.body;
};
const varies = (r: RawAnswer) =>
  String(r.headers.vary ?? '')
    .toLowerCase()
    .includes('accept-encoding');

let db: Database;
let server: RunningServer;
let token: string;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawRequest(`${server.url}${path}`, { method, headers });

beforeAll(async () => {
  db = openDatabase(':memory:');
  await seedIfEmpty(db);
  const user = await createUser(db, {
    email: 'c@example.org',
    name: 'Contributrice',
    password: 'password123',
    role: 'contributor',
  });
  token = createApiToken(db, user.id, 'test');
  server = await startServer(db, { port: 0 });
});
afterAll(async () => {
  await server?.close();
  db?.close();
});

describe('Accept-Encoding negotiation', () => {
  it('prefers brotli, honours weights and refusals, and falls back to identity', () => {
    expect(negotiateEncoding(undefined)).toBeUndefined();
    expect(negotiateEncoding('')).toBeUndefined();
    expect(negotiateEncoding(BROWSER)).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
    expect(negotiateEncoding('BR')).toBe('br');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('gzip;q=1.0, br;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.8, gzip;q=0.8')).toBe('br');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0')).toBeUndefined();
    expect(negotiateEncoding('gzip;q=0, *')).toBe('br');
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding('deflate, zstd')).toBeUndefined();
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abc-br"', '"abc"')).toBe(false);
    expect(etagMatches('"ab"', '"abc"')).toBe(false);
  });
});

describe('the built browser application', () => {
  const assets = existsSync(join(CLIENT_DIR, 'assets'))
    ? readdirSync(join(CLIENT_DIR, 'assets'))
    : [];
  const scripts = assets.filter((f) => f.endsWith('.js'));

  it('has brotli and gzip copies of every script, decompressing to the very file (run `npx vite build` first)', () => {
    expect(scripts.length, 'dist/client is not built: run `npx vite build`').toBeGreaterThanOrEqual(
      3,
    );
    for (const name of [...scripts, '../index.html']) {
      const file = join(CLIENT_DIR, 'assets', name);
      const bytes = readFileSync(file);
      const br = readFileSync(`${file}.br`);
      const gz = readFileSync(`${file}.gz`);
      expect(brotliDecompressSync(br).equals(bytes), name).toBe(true);
      expect(gunzipSync(gz).equals(bytes), name).toBe(true);
      expect(br.length, name).toBeLessThan(bytes.length);
    }
    // Source maps are for developer tools only.
    expect(assets.some((f) => f.endsWith('.map.br') || f.endsWith('.map.gz'))).toBe(false);
  });

  it('sends a script as brotli to a browser, gzip to a gzip-only client, identity otherwise, cached for good', async () => {
    for (const name of scripts) {
      const path = `/assets/${name}`;
      const bytes = readFileSync(join(CLIENT_DIR, 'assets', name));

      const br = await get(path, { 'accept-encoding': BROWSER });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(varies(br)).toBe(true);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(bytes.length / 2);
      expect(brotliDecompressSync(br.body).equals(bytes)).toBe(true);

      const gz = await get(path, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(varies(gz)).toBe(true);
      expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
      expect(gunzipSync(gz.body).equals(bytes)).toBe(true);

      const plain = await get(path);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(varies(plain)).toBe(true);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.body.equals(bytes)).toBe(true);
      expect(Number(plain.headers['content-length'])).toBe(bytes.length);
    }
  });

  it('answers HEAD with the headers of the compressed file and no body; a missing asset is 404', async () => {
    const name = scripts[0];
    const head = await get(`/assets/${name}`, { 'accept-encoding': BROWSER }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(
      readFileSync(join(CLIENT_DIR, 'assets', `${name}.br`)).length,
    );
    expect(head.body.length).toBe(0);

    for (const headers of [{}, { 'accept-encoding': BROWSER }] as Record<string, string>[]) {
      const missing = await get('/assets/index-absent.js', headers);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(missing.body.toString()).error.code).toBe('not_found');
    }
  });

  it('sends index.html for client routes compressed when accepted, with an ETag that revalidates', async () => {
    const html = readFileSync(join(CLIENT_DIR, 'index.html'));
    const br = await get('/wiki/accueil', { 'accept-encoding': BROWSER });
    expect(br.status).toBe(200);
    expect(br.headers['content-type']).toMatch(/^text\/html/);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-cache');
    expect(varies(br)).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(brotliDecompressSync(br.body).equals(html)).toBe(true);
    expect(br.headers['x-frame-options']).toBe('SAMEORIGIN');

    const gz = await get('/lieux', { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gz.body).equals(html)).toBe(true);
    const plain = await get('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(html)).toBe(true);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);

    const again = await get('/registre', {
      'accept-encoding': BROWSER,
      'if-none-match': String(br.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
  });
});

describe('JSON answers', () => {
  it('leave compressed when larger than 1 KB and accepted, with the right length, decoding to the same JSON', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(64 * 1024); // compressed off the event loop
    for (const [accept, coding] of [
      [BROWSER, 'br'],
      ['gzip', 'gzip'],
      ['gzip;q=1.0, br;q=0.1', 'gzip'],
    ]) {
      const r = await get('/api/openapi.json', { 'accept-encoding': accept });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding'], accept).toBe(coding);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(varies(r)).toBe(true);
      expect(Number(r.headers['content-length'])).toBe(r.body.length);
      expect(r.body.length).toBeLessThan(plain.body.length / 4);
      expect(decode(r).equals(plain.body)).toBe(true);
      expect(r.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    const medium = await get('/api/pages?limit=100', { 'accept-encoding': 'gzip' });
    expect(medium.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode(medium).toString()).pages.length).toBeGreaterThan(10);
  });

  it('are sent as they are when small, when not accepted, and for errors below 1 KB', async () => {
    const health = await get('/api/health', { 'accept-encoding': BROWSER });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(Number(health.headers['content-length'])).toBe(health.body.length);
    expect(JSON.parse(health.body.toString())).toBeTruthy();

    const refused = await get('/api/openapi.json', {
      'accept-encoding': 'br;q=0, gzip;q=0, deflate',
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString()).openapi).toBeTruthy();

    const missing = await get('/api/pages/nulle-part', { 'accept-encoding': BROWSER });
    expect(missing.status).toBe(404);
    expect(JSON.parse(decode(missing).toString()).error.code).toBe('not_found');
    const bad = await get('/api/pages/PAS_UN_SLUG', { 'accept-encoding': BROWSER });
    expect(bad.status).toBe(400);
    expect(JSON.parse(decode(bad).toString()).error.field).toBe('slug');
  });

  it('answer HEAD with the compressed length, and compress write answers and feeds too', async () => {
    const get1 = await get('/api/openapi.json', { 'accept-encoding': 'gzip' });
    const head = await get('/api/openapi.json', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(get1.headers['content-length']);
    expect(head.body.length).toBe(0);

    const markdown = 'Un paragraphe assez long pour dépasser un kilo-octet. '.repeat(40);
    const put = await rawRequest(`${server.url}/api/pages/longue-page`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'accept-encoding': BROWSER,
      },
      body: JSON.stringify({ title: 'Longue page', markdown }),
    });
    expect(put.status).toBe(201);
    expect(put.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(put).toString())).toMatchObject({ slug: 'longue-page', markdown });

    const feed = await get('/feed/recent-changes.atom', { 'accept-encoding': 'gzip' });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-encoding']).toBe('gzip');
    expect(decode(feed).toString()).toContain('Longue page');
  });
});

describe('the compressing middleware', () => {
  const big = JSON.stringify({
    items: Array.from({ length: 200 }, (_, i) => ({ i, name: `élément ${i}` })),
  });
  const app = new Hono();
  app.use(
    '*',
    compressing((_c, next) => next()),
  );
  app.get('/stream', (c) =>
    c.body(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
      200,
      { 'content-type': 'application/json; charset=UTF-8' },
    ),
  );
  app.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'image/png' }));
  app.get('/no-transform', (c) =>
    c.body(big, 200, { 'content-type': 'application/json', 'cache-control': 'no-transform' }),
  );
  app.get('/events', (c) => c.body(big, 200, { 'content-type': 'text/event-stream' }));
  app.get('/cookies', (c) => {
    c.header('set-cookie', 'a=1');
    c.header('set-cookie', 'b=2', { append: true });
    c.header('vary', 'Cookie');
    return c.json(JSON.parse(big), 201);
  });
  const call = async (path: string, accept = 'gzip') => {
    const res = await app.request(path, { headers: { 'accept-encoding': accept } });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('compresses a streamed answer (read whole), keeping status, cookies and Vary', async () => {
    const streamed = await call('/stream');
    expect(streamed.res.headers.get('content-encoding')).toBe('gzip');
    expect(Number(streamed.res.headers.get('content-length'))).toBe(streamed.body.length);
    expect(gunzipSync(streamed.body).toString()).toBe(big);

    const cookies = await call('/cookies', 'br');
    expect(cookies.res.status).toBe(201);
    expect(cookies.res.headers.get('content-encoding')).toBe('br');
    expect(cookies.res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(cookies.res.headers.get('vary')).toBe('Cookie, Accept-Encoding');
    expect(JSON.parse(brotliDecompressSync(cookies.body).toString())).toEqual(JSON.parse(big));
  });

  it('leaves binary types, event streams and no-transform answers alone', async () => {
    for (const path of ['/png', '/no-transform', '/events']) {
      const r = await call(path);
      expect(r.res.status, path).toBe(200);
      expect(r.res.headers.get('content-encoding'), path).toBeNull();
    }
    expect((await call('/no-transform')).body.toString()).toBe(big);
  });
});

describe('page reads', () => {
  const slug = 'gouvernance-partagee';

  it('carry a strong ETag per form and no-cache; a matching If-None-Match gets a bodiless 304', async () => {
    // Without Accept-Encoding nor If-None-Match (curl, scripts): the same validator, so that a cache
    // in between can revalidate for them too.
    const bare = await get(`/api/pages/${slug}`);
    expect(bare.status).toBe(200);
    expect(bare.headers.etag).toMatch(/^"[\w-]{10,}"$/);
    expect(bare.headers['cache-control']).toBe('no-cache');
    expect(bare.headers.vary).toBe('Accept-Encoding');
    expect(bare.headers['content-encoding']).toBeUndefined();
    expect(bare.headers['content-type']).toBe('application/json');
    expect(Number(bare.headers['content-length'])).toBe(bare.body.length);

    const plain = await get(`/api/pages/${slug}`, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.body.equals(bare.body)).toBe(true);
    expect(plain.headers.etag).toBe(bare.headers.etag);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers.etag).toMatch(/^"[\w-]{10,}"$/);
    expect(varies(plain)).toBe(true);
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(JSON.parse(plain.body.toString()).slug).toBe(slug);

    const br = await get(`/api/pages/${slug}`, { 'accept-encoding': BROWSER });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true); // compressed once, not twice
    const gz = await get(`/api/pages/${slug}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    // Served again from the cache: same bytes, same validator.
    const brAgain = await get(`/api/pages/${slug}`, { 'accept-encoding': BROWSER });
    expect(brAgain.body.equals(br.body)).toBe(true);
    expect(brAgain.headers.etag).toBe(br.headers.etag);

    for (const [etag, accept] of [
      [String(plain.headers.etag), undefined],
      [String(br.headers.etag), BROWSER],
      [`W/${String(gz.headers.etag)}`, 'gzip'],
      [`"autre", ${String(plain.headers.etag)}`, undefined],
    ] as const) {
      const headers: Record<string, string> = { 'if-none-match': etag };
      if (accept) headers['accept-encoding'] = accept;
      const r = await get(`/api/pages/${slug}`, headers);
      expect(r.status, etag).toBe(304);
      expect(r.body.length).toBe(0);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers.etag).toBe(
        etag.startsWith('W/')
          ? etag.slice(2)
          : etag.startsWith('"autre"')
            ? plain.headers.etag
            : etag,
      );
    }
    // Another form's validator does not match: the client gets the form it asked for.
    const other = await get(`/api/pages/${slug}`, {
      'if-none-match': String(plain.headers.etag),
      'accept-encoding': 'gzip',
    });
    expect(other.status).toBe(200);
    expect(gunzipSync(other.body).equals(plain.body)).toBe(true);
  });

  it('keep their ETag while the answer is unchanged, and get a new one when the page changes', async () => {
    const before = await get(`/api/pages/${slug}`, { 'accept-encoding': BROWSER });
    // An unrelated write empties the answer cache; the refilled answer is the same bytes.
    const unrelated = await rawRequest(`${server.url}/api/pages/sans-rapport`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Sans rapport', markdown: 'Rien à voir.' }),
    });
    expect(unrelated.status).toBe(201);
    const same = await get(`/api/pages/${slug}`, {
      'accept-encoding': BROWSER,
      'if-none-match': String(before.headers.etag),
    });
    expect(same.status).toBe(304);

    const page = JSON.parse(brotliDecompressSync(before.body).toString()) as {
      title: string;
      markdown: string;
      revision: number;
    };
    const edit = await rawRequest(`${server.url}/api/pages/${slug}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: page.title,
        markdown: `${page.markdown}\n\nUne phrase de plus.`,
        baseRevision: page.revision,
      }),
    });
    expect(edit.status).toBe(200);
    const changed = await get(`/api/pages/${slug}`, {
      'accept-encoding': BROWSER,
      'if-none-match': String(before.headers.etag),
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(before.headers.etag);
    expect(JSON.parse(brotliDecompressSync(changed.body).toString())).toMatchObject({
      revision: page.revision + 1,
    });
  });

  it('stay uncompressed when small, and a missing page is 404 whatever If-None-Match says', async () => {
    const put = await rawRequest(`${server.url}/api/pages/courte`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Courte', markdown: 'Brève.' }),
    });
    expect(put.status).toBe(201);
    const small = await get('/api/pages/courte', { 'accept-encoding': BROWSER });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.etag).toBeTruthy();
    expect(JSON.parse(small.body.toString()).title).toBe('Courte');

    const missing = await get('/api/pages/absente', {
      'if-none-match': '*',
      'accept-encoding': BROWSER,
    });
    expect(missing.status).toBe(404);
  });

  it('send the same headers through app.request (no Node server)', async () => {
    const t = await testApp();
    await seedIfEmpty(t.db);
    const res = await t.app.request(`/api/pages/${slug}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const body = Buffer.from(await res.arrayBuffer());
    expect(JSON.parse(brotliDecompressSync(body).toString()).slug).toBe(slug);
    const etag = res.headers.get('etag')!;
    const again = await t.app.request(`/api/pages/${slug}`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const list = await t.app.request('/api/openapi.json', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(list.headers.get('content-encoding')).toBe('gzip');
    expect(
      JSON.parse(gunzipSync(Buffer.from(await list.arrayBuffer())).toString()).openapi,
    ).toBeTruthy();
  });
});
