import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { openDatabase } from '../../server/db/open.js';
import { startServer } from '../../server/server.js';
import { createApiToken, createUser } from '../../server/auth/users.js';

const BUNDLE = JSON.parse(readFileSync('/work/shared/data/switchyard-dev/bundle.json', 'utf8'));
const MB = 1024 * 1024;

const PARAGRAPH =
  'Le tiers-lieu mutualise ses outils : adhésions, comptabilité, planning des ateliers et prêt de matériel. ' +
  'Chaque commun est documenté, relu par l’équipe d’animation et partagé avec le réseau régional. ';

/** A valid commons bundle of at least `bytes` bytes of JSON: the development bundle plus long resources. */
function bigBundle(bytes: number): { bundle: typeof BUNDLE; extra: number } {
  const description = PARAGRAPH.repeat(Math.floor(45_000 / PARAGRAPH.length));
  const resources = [...BUNDLE.resources];
  let size = JSON.stringify(BUNDLE).length;
  let extra = 0;
  while (size < bytes) {
    extra++;
    resources.push({
      slug: `outil-volumineux-${extra}`,
      name: `Outil volumineux ${extra}`,
      kind: 'software',
      summary: 'Un outil très documenté.',
      description,
      themes: ['gestion'],
      license: 'MIT',
    });
    size += description.length + 200;
  }
  return { bundle: { ...BUNDLE, resources }, extra };
}

describe('POST /api/import body limit', () => {
  it('imports a 6 MB bundle as admin while other routes keep the 5 MB limit', async () => {
    const t = await testApp();
    expect(t.config.bodyLimit).toBe(5 * MB);
    expect(t.config.importBodyLimit).toBe(64 * MB);
    const { bundle, extra } = bigBundle(6 * MB);
    const body = JSON.stringify(bundle);
    expect(body.length).toBeGreaterThan(6 * MB);
    const res = await t.request('POST', '/api/import', { as: 'admin', body });
    expect(res.status).toBe(200);
    expect(res.json.created.resources).toBe(BUNDLE.resources.length + extra);
    expect((await t.request('GET', `/api/resources/outil-volumineux-${extra}`)).status).toBe(200);

    // The same 6 MB on another route is still refused, naming the global limit.
    const page = await t.request('PUT', '/api/pages/trop-gros', {
      as: 'admin',
      body: { title: 'Trop gros', markdown: 'x'.repeat(6 * MB) },
    });
    expect(page.status).toBe(413);
    expect(page.json.error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining(String(5 * MB)),
    });
    const resource = await t.request('POST', '/api/resources', { as: 'admin', body });
    expect(resource.status).toBe(413);
  });

  it('refuses a body over importBodyLimit with 413 naming it, and checks the role before reading the body', async () => {
    const t = await testApp({ bodyLimit: 1024, importBodyLimit: 64 * 1024 });
    const small = {
      ...BUNDLE,
      resources: BUNDLE.resources.slice(0, 5),
      places: [],
      people: [],
      usages: [],
      referents: [],
    };
    // Between the two limits: accepted on this route only.
    const padded = JSON.stringify(small) + ' '.repeat(2000);
    expect(padded.length).toBeGreaterThan(1024);
    expect((await t.request('POST', '/api/import', { as: 'admin', body: padded })).status).toBe(
      200,
    );
    // Over the import limit: 413 naming it, nothing written.
    const over = JSON.stringify({
      ...small,
      resources: [
        ...small.resources,
        { ...small.resources[0], slug: 'de-trop', description: 'x'.repeat(70 * 1024) },
      ],
    });
    const res = await t.request('POST', '/api/import', { as: 'admin', body: over });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining(String(64 * 1024)),
    });
    expect((await t.request('GET', '/api/resources/de-trop')).status).toBe(404);
    // A chunked body (no Content-Length) is counted as it streams in.
    const chunks = new TextEncoder().encode(over);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 8192)
          controller.enqueue(chunks.subarray(i, i + 8192));
        controller.close();
      },
    });
    const chunked = await t.app.request('/api/import', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await t.tokenFor('admin')}`,
      },
      body: stream,
      // @ts-expect-error Node's fetch needs duplex for a streamed body
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    // Non-admins are refused by role whatever the size; other routes keep the small limit.
    expect((await t.request('POST', '/api/import', { body: over })).status).toBe(401);
    expect((await t.request('POST', '/api/import', { as: 'facilitator', body: over })).status).toBe(
      403,
    );
    expect(
      (await t.request('POST', '/api/import', { as: 'contributor', body: padded })).status,
    ).toBe(403);
    const page = await t.request('PUT', '/api/pages/p', {
      as: 'admin',
      body: { title: 'P', markdown: 'x'.repeat(2000) },
    });
    expect(page.status).toBe(413);
    expect(page.json.error.message).toContain('1024');
  });

  it('applies both limits from Content-Length on a real server', async () => {
    const db = openDatabase(':memory:');
    const admin = await createUser(db, {
      email: 'admin@example.org',
      name: 'Admin',
      password: 'password123',
      role: 'admin',
    });
    const token = createApiToken(db, admin.id, 'test');
    const server = await startServer(db, { port: 0, bodyLimit: 1024, importBodyLimit: 16 * 1024 });
    try {
      const post = (path: string, body: string) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
      const small = JSON.stringify({
        ...BUNDLE,
        resources: BUNDLE.resources.slice(0, 2),
        places: [],
        people: [],
        usages: [],
        referents: [],
      });
      expect((await post('/api/import', small + ' '.repeat(4096))).status).toBe(200);
      const over = await post('/api/import', small + ' '.repeat(20 * 1024));
      expect(over.status).toBe(413);
      expect((await over.json()).error.message).toContain(String(16 * 1024));
      const other = await post('/api/resources', small + ' '.repeat(4096));
      expect(other.status).toBe(413);
      expect((await other.json()).error.message).toContain('1024 bytes');
    } finally {
      await server.close();
    }
  });
});
