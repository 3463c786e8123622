import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { savePage, findPage } from '../../registry/wiki/pages.js';
import {
  client,
  closed,
  makeUsers,
  rawSocket,
  startOn,
  tempDir,
  until,
  type TestClient,
} from '../helpers/collab.js';

type Env = Awaited<ReturnType<typeof startOn>>;
let tmp: ReturnType<typeof tempDir>;
let env: Env;
let users: Awaited<ReturnType<typeof makeUsers>>;
const clients: TestClient[] = [];

const open = (slug: string, token?: string) => {
  const c = client(env.wsUrl, slug, token);
  clients.push(c);
  return c;
};

async function boot(config: Parameters<typeof startOn>[1] = {}) {
  env = await startOn(join(tmp.dir, 'db.sqlite'), config);
}

beforeEach(async () => {
  tmp = tempDir();
  await boot();
  users = await makeUsers(env.db);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await env.stop();
  tmp.cleanup();
});

const revisions = (slug: string) =>
  env.db
    .prepare(
      `SELECT r.number, r.markdown, (SELECT json_group_array(user_id) FROM (SELECT user_id FROM revision_authors ra WHERE ra.revision_id = r.id ORDER BY user_id)) AS authors
       FROM revisions r JOIN pages p ON p.id = r.page_id WHERE p.slug = ? ORDER BY r.number`,
    )
    .all(slug) as { number: number; markdown: string; authors: string }[];

async function put(
  slug: string,
  markdown: string,
  token = users.contributor.token,
  baseRevision?: number,
) {
  const res = await fetch(`${env.server.url}/api/pages/${slug}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: 'Page', markdown, baseRevision }),
  });
  return { status: res.status, json: (await res.json()) as { revision: number; markdown: string } };
}

describe('co-editing with stock y-websocket clients', () => {
  it('makes two clients converge after concurrent edits, and gives a later client the full state', async () => {
    const a = open('atelier', users.contributor.token);
    const b = open('atelier', users.admin.token);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'Bonjour ');
    b.text.insert(0, 'Salut ');
    for (let i = 0; i < 20; i++) {
      a.text.insert(a.text.length, `a${i} `);
      b.text.insert(0, `b${i} `);
    }
    await until(
      () => a.text.toString() === b.text.toString() && a.text.length > 100,
      'a and b converge',
    );
    const c = open('atelier', users.contributor.token);
    await c.synced;
    await until(() => c.text.toString() === a.text.toString(), 'late client has everything');
    for (let i = 0; i < 20; i++) {
      expect(c.text.toString().split(`a${i} `).length).toBe(2);
      expect(c.text.toString().split(`b${i} `).length).toBe(2);
    }
  });

  it('makes twenty clients converge', async () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      open('vingt', i % 2 ? users.contributor.token : users.admin.token),
    );
    await Promise.all(many.map((c) => c.synced));
    many.forEach((c, i) => {
      for (let k = 0; k < 5; k++) c.text.insert(k % 2 ? 0 : c.text.length, `[${i}.${k}]`);
    });
    const expected = many.reduce((n, c) => n + c.text.length, 0);
    await until(() => many.every((c) => c.text.length === expected), 'every client has every edit');
    const first = many[0].text.toString();
    expect(many.every((c) => c.text.toString() === first)).toBe(true);
    for (let i = 0; i < 20; i++)
      for (let k = 0; k < 5; k++) expect(first.split(`[${i}.${k}]`).length).toBe(2);
  });

  it('seeds an existing page from its markdown exactly once, also across restarts', async () => {
    savePage(env.db, env.server.app.services.wiki, {
      slug: 'charte',
      title: 'Charte',
      markdown: '# Charte\n\nNos règles.\n',
      authorIds: [users.admin.id],
    });
    const a = open('charte', users.contributor.token);
    const b = open('charte', users.reader.token);
    await Promise.all([a.synced, b.synced]);
    await until(() => b.text.toString() === '# Charte\n\nNos règles.\n', 'seeded text');
    a.text.insert(a.text.length, 'Ajout.\n');
    await until(() => b.text.toString().endsWith('Ajout.\n'), 'edit received');
    for (const c of clients.splice(0)) c.destroy();
    await env.stop();
    await boot();
    const c = open('charte', users.reader.token);
    await c.synced;
    await until(() => c.text.length > 0, 'state after restart');
    expect(c.text.toString()).toBe('# Charte\n\nNos règles.\nAjout.\n');
  });

  it('refuses bad requests before the upgrade', async () => {
    savePage(env.db, env.server.app.services.wiki, {
      slug: 'existe',
      title: 'Existe',
      markdown: 'x',
      authorIds: [],
    });
    await expect(rawSocket(`${env.wsUrl}/existe?token=nope`)).rejects.toThrow('HTTP 401');
    await expect(
      rawSocket(`${env.wsUrl}/Pas%20Un%20Slug?token=${users.contributor.token}`),
    ).rejects.toThrow('HTTP 400');
    await expect(rawSocket(`${env.wsUrl}/inconnue?token=${users.reader.token}`)).rejects.toThrow(
      'HTTP 404',
    );
    await expect(rawSocket(`${env.wsUrl}/inconnue`)).rejects.toThrow('HTTP 404');
    const res = await fetch(`${env.server.url}/collab/existe`);
    expect(res.status).toBe(426);
    // A contributor may open a page that does not exist yet; anonymous visitors may watch an existing one.
    (await rawSocket(`${env.wsUrl}/nouvelle-page?token=${users.contributor.token}`)).close();
    (await rawSocket(`${env.wsUrl}/existe`)).close();
  });

  it('refuses cookie-authenticated handshakes from another site', async () => {
    const login = await fetch(`${env.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'contributor@example.org', password: 'password123' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const host = new URL(env.server.url).host;
    await expect(
      rawSocket(`${env.wsUrl}/page-cookie`, { cookie, origin: 'https://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    (await rawSocket(`${env.wsUrl}/page-cookie`, { cookie, origin: `http://${host}` })).close();
  });

  it("never applies a reader's update, tells the reader, and keeps sending it the others' edits", async () => {
    savePage(env.db, env.server.app.services.wiki, {
      slug: 'lecture',
      title: 'Lecture',
      markdown: 'Texte.',
      authorIds: [],
    });
    const writer = open('lecture', users.contributor.token);
    const reader = open('lecture', users.reader.token);
    await Promise.all([writer.synced, reader.synced]);
    await until(() => reader.text.toString() === 'Texte.', 'reader synced');
    const denied: string[] = [];
    reader.provider.ws!.addEventListener('message', (e: MessageEvent) => {
      const d = decoding.createDecoder(new Uint8Array(e.data as ArrayBuffer));
      if (decoding.readVarUint(d) === 2 && decoding.readVarUint(d) === 0)
        denied.push(decoding.readVarString(d));
    });
    reader.text.insert(0, 'VANDALE ');
    await until(() => denied.length === 1, 'permission denied message');
    expect(denied[0]).toMatch(/read-only/);
    writer.text.insert(writer.text.length, ' Suite.');
    await until(() => reader.text.toString().endsWith('Suite.'), 'reader still receives');
    const fresh = open('lecture', users.admin.token);
    await fresh.synced;
    await until(() => fresh.text.toString().endsWith('Suite.'), 'fresh client synced');
    expect(fresh.text.toString()).toBe('Texte. Suite.');
    expect(writer.text.toString()).toBe('Texte. Suite.');
    expect(reader.provider.wsconnected).toBe(true);
  });

  it('does not refuse a reader whose re-sync only repeats what the server has, deletions included', async () => {
    savePage(env.db, env.server.app.services.wiki, {
      slug: 'relecture',
      title: 'Relecture',
      markdown: 'Un deux trois quatre.',
      authorIds: [],
    });
    const writer = open('relecture', users.contributor.token);
    const reader = open('relecture', users.reader.token);
    await Promise.all([writer.synced, reader.synced]);
    writer.text.delete(3, 5);
    writer.text.insert(0, '» ');
    await until(() => reader.text.toString() === '» Un trois quatre.', 'reader follows deletions');
    const denied: string[] = [];
    reader.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      reader.provider.ws!.addEventListener('message', (e: MessageEvent) => {
        const d = decoding.createDecoder(new Uint8Array(e.data as ArrayBuffer));
        if (decoding.readVarUint(d) === 2) denied.push('denied');
      });
    });
    reader.provider.disconnect();
    reader.provider.connect();
    await until(() => reader.provider.synced, 'reader re-synced');
    writer.text.insert(writer.text.length, ' Cinq.');
    await until(
      () => reader.text.toString() === '» Un trois quatre. Cinq.',
      'reader still follows',
    );
    expect(denied).toEqual([]);
  });

  it('echoes awareness to its sender (the stock client needs traffic to stay connected)', async () => {
    const a = open('presence', users.contributor.token);
    await a.synced;
    const raw = await rawSocket(`${env.wsUrl}/presence?token=${users.admin.token}`);
    const seen: number[] = [];
    raw.on('message', (data: ArrayBuffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 1) return;
      const update = decoding.readVarUint8Array(d);
      const u = decoding.createDecoder(update);
      for (let n = decoding.readVarUint(u); n > 0; n--) {
        seen.push(decoding.readVarUint(u));
        decoding.readVarUint(u);
        decoding.readVarString(u);
      }
    });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    const u = encoding.createEncoder();
    encoding.writeVarUint(u, 1);
    encoding.writeVarUint(u, 424242);
    encoding.writeVarUint(u, 1);
    encoding.writeVarString(u, JSON.stringify({ user: { name: 'Usurpateur', color: '#123456' } }));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
    raw.send(encoding.toUint8Array(e));
    await until(() => seen.includes(424242), 'own awareness echoed');
    // The others see it, under the authenticated name.
    await until(() => a.provider.awareness.getStates().has(424242), 'others see it');
    expect(
      (a.provider.awareness.getStates().get(424242) as { user: { name: string } }).user.name,
    ).toBe(users.admin.name);
    raw.close();
    await until(
      () => !a.provider.awareness.getStates().has(424242),
      'removed when the connection closes',
    );
  });

  it('closes a connection sending a malformed or oversized message, and nothing else', async () => {
    const a = open('robuste', users.contributor.token);
    const b = open('robuste', users.contributor.token);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'Solide.');
    await until(() => b.text.toString() === 'Solide.', 'b synced');

    const bad = await rawSocket(`${env.wsUrl}/robuste?token=${users.contributor.token}`);
    const badClosed = closed(bad);
    // sync / update / a length far beyond the message
    bad.send(Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]));
    expect((await badClosed).code).toBe(4400);

    const garbage = await rawSocket(`${env.wsUrl}/robuste?token=${users.contributor.token}`);
    const garbageClosed = closed(garbage);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, Uint8Array.from([5, 200, 1, 7, 7, 7, 7, 7, 7, 7]));
    garbage.send(encoding.toUint8Array(e));
    expect((await garbageClosed).code).toBe(4400);

    const unknownType = await rawSocket(`${env.wsUrl}/robuste?token=${users.contributor.token}`);
    const unknownClosed = closed(unknownType);
    unknownType.send(Uint8Array.from([9, 1, 2]));
    expect((await unknownClosed).code).toBe(4400);

    const big = await rawSocket(`${env.wsUrl}/robuste?token=${users.contributor.token}`);
    const bigClosed = closed(big);
    const huge = new Uint8Array(10 * 1024 * 1024);
    huge[0] = 0;
    huge[1] = 2;
    big.send(huge);
    expect((await bigClosed).code).toBe(1009);

    b.text.insert(b.text.length, ' Toujours.');
    await until(() => a.text.toString() === 'Solide. Toujours.', 'others unaffected');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    const c = open('robuste', users.admin.token);
    await c.synced;
    await until(() => c.text.toString() === 'Solide. Toujours.', 'stored document intact');
  });

  it('brings a REST edit to connected editors as a forward change', async () => {
    await put('guide', 'Ligne un.\nLigne deux.\nLigne trois.\n');
    const a = open('guide', users.contributor.token);
    const b = open('guide', users.admin.token);
    await Promise.all([a.synced, b.synced]);
    await until(() => a.text.toString() === 'Ligne un.\nLigne deux.\nLigne trois.\n', 'seeded');
    const deltas: unknown[] = [];
    b.text.observe((ev) => deltas.push(ev.delta));
    a.text.insert(a.text.length, 'Ajout direct.\n');
    await until(() => b.text.toString().endsWith('Ajout direct.\n'), 'co-edit received');
    deltas.length = 0;
    // The REST text is the new page text: the live document becomes exactly it.
    const res = await put('guide', 'Ligne un.\nLigne 2, corrigée.\nLigne trois.\nAjout direct.\n');
    expect(res.status).toBe(200);
    const merged = 'Ligne un.\nLigne 2, corrigée.\nLigne trois.\nAjout direct.\n';
    await until(
      () => a.text.toString() === merged && b.text.toString() === merged,
      'REST edit merged',
    );
    // A forward change: small retains/deletes/inserts, not a replacement of the whole text.
    const flat = JSON.stringify(deltas);
    expect(flat).toContain('"retain":16');
    expect(flat).not.toContain('Ligne un');
    // A client that was offline during the REST edit reconnects without duplicating anything.
    const c = open('guide', users.contributor.token);
    await c.synced;
    await until(() => c.text.toString() === merged, 'c synced');
    c.provider.disconnect();
    await put('guide', 'Ligne un.\nLigne 2, corrigée.\nLigne trois.\nAjout direct.\nAjout REST.\n');
    c.text.insert(0, 'Hors ligne. ');
    c.provider.connect();
    const final =
      'Hors ligne. Ligne un.\nLigne 2, corrigée.\nLigne trois.\nAjout direct.\nAjout REST.\n';
    await until(
      () => [a, b, c].every((x) => x.text.toString() === final),
      'converged after reconnect',
    );
  });

  it('brings a revert to connected editors as a forward change, without resurrecting anything on reconnect', async () => {
    await put('histoire', 'Version A.\n');
    await put('histoire', 'Version A.\nAjout B.\n');
    const a = open('histoire', users.contributor.token);
    const b = open('histoire', users.admin.token);
    await Promise.all([a.synced, b.synced]);
    await until(() => b.text.toString() === 'Version A.\nAjout B.\n', 'seeded');
    b.provider.disconnect();
    const res = await fetch(`${env.server.url}/api/pages/histoire/revert`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${users.contributor.token}`,
      },
      body: JSON.stringify({ revision: 1 }),
    });
    expect(res.status).toBeLessThan(300);
    await until(() => a.text.toString() === 'Version A.\n', 'revert reached a');
    b.provider.connect();
    await until(
      () => b.provider.synced && b.text.toString() === 'Version A.\n',
      'b re-synced without resurrecting',
    );
    expect(a.text.toString()).toBe('Version A.\n');
  });

  it('writes pending co-edits as a revision before a REST save, so a stale save conflicts and nothing is lost', async () => {
    await put('conflit', 'Base.\n', users.admin.token);
    const a = open('conflit', users.contributor.token);
    await a.synced;
    await until(() => a.text.toString() === 'Base.\n', 'seeded');
    a.text.insert(a.text.length, 'Co-édition.\n');
    await until(
      () => env.server.app.services.collab.stats().updatesPersisted >= 2,
      'co-edit stored',
    );
    const stale = await put('conflit', 'Base modifiée.\n', users.admin.token, 1);
    expect(stale.status).toBe(409);
    expect(revisions('conflit').map((r) => r.markdown)).toEqual([
      'Base.\n',
      'Base.\nCo-édition.\n',
    ]);
    expect(JSON.parse(revisions('conflit')[1].authors)).toEqual([users.contributor.id]);
    const blind = await put('conflit', 'Remplacé.\n', users.admin.token);
    expect(blind.status).toBe(200);
    await until(() => a.text.toString() === 'Remplacé.\n', 'REST text reached the editor');
    expect(revisions('conflit').map((r) => r.markdown)).toEqual([
      'Base.\n',
      'Base.\nCo-édition.\n',
      'Remplacé.\n',
    ]);
  });

  it('applies a REST edit to the stored document when nobody is connected', async () => {
    await env.stop();
    await boot({ collabUnloadMs: 20 });
    await put('stock', 'Version 1.\n');
    const a = open('stock', users.contributor.token);
    await a.synced;
    await until(() => a.text.toString() === 'Version 1.\n', 'seeded');
    a.destroy();
    clients.length = 0;
    await until(() => env.server.app.services.collab.stats().loadedDocs === 0, 'document unloaded');
    await put('stock', 'Version 2.\n');
    const stored = new Y.Doc();
    Y.applyUpdate(
      stored,
      Y.mergeUpdates(env.server.app.services.collab.store.read('stock')!.updates),
    );
    expect(stored.getText('markdown').toString()).toBe('Version 2.\n');
    const b = open('stock', users.reader.token);
    await b.synced;
    await until(() => b.text.toString() === 'Version 2.\n', 'stored document followed the page');
  });

  it('writes a revision after a quiet period and when the last editor leaves, with every co-author', async () => {
    await env.stop();
    await boot({ collabQuietMs: 300 });
    await put('revs', 'Départ.\n', users.admin.token);
    const a = open('revs', users.contributor.token);
    const b = open('revs', users.admin.token);
    await Promise.all([a.synced, b.synced]);
    await until(() => a.text.length > 0 && b.text.length > 0, 'seeded');
    a.text.insert(a.text.length, 'De A.\n');
    b.text.insert(0, 'De B.\n');
    await until(() => revisions('revs').length === 2, 'quiet-period revision');
    const quiet = revisions('revs')[1];
    expect(quiet.markdown).toBe('De B.\nDépart.\nDe A.\n');
    expect(JSON.parse(quiet.authors)).toEqual(
      [users.admin.id, users.contributor.id].sort((x, y) => x - y),
    );
    // Backlinks, categories and the search index follow savePage: the page itself is current.
    expect(findPage(env.db, 'revs')!.markdown).toBe('De B.\nDépart.\nDe A.\n');

    a.text.insert(a.text.length, 'Encore A.\n');
    await until(() => b.text.toString().endsWith('Encore A.\n'), 'b received');
    a.destroy();
    b.destroy();
    clients.length = 0;
    await until(() => revisions('revs').length === 3, 'last-leave revision');
    const last = revisions('revs')[2];
    expect(last.markdown).toBe('De B.\nDépart.\nDe A.\nEncore A.\n');
    expect(JSON.parse(last.authors)).toEqual([users.contributor.id]);
  });

  it('creates a page that did not exist from its first co-editing revision', async () => {
    const a = open('page-neuve', users.contributor.token);
    await a.synced;
    a.text.insert(0, '# Une page neuve\n\nÉcrite à plusieurs.\n');
    await until(() => env.server.app.services.collab.stats().updatesPersisted > 0, 'persisted');
    a.destroy();
    clients.length = 0;
    await until(() => findPage(env.db, 'page-neuve') !== undefined, 'page created');
    const page = findPage(env.db, 'page-neuve')!;
    expect(page.title).toBe('Une page neuve');
    expect(page.markdown).toBe('# Une page neuve\n\nÉcrite à plusieurs.\n');
    expect(JSON.parse(revisions('page-neuve')[0].authors)).toEqual([users.contributor.id]);
  });

  it('keeps everything across a clean restart, with compaction, and duplicates nothing', async () => {
    await env.stop();
    await boot({ collabCompactEvery: 25 });
    await put('redemarrage', 'Base.\n');
    const a = open('redemarrage', users.contributor.token);
    const b = open('redemarrage', users.admin.token);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < 60; i++) (i % 2 ? a : b).text.insert(0, `<${i}>`);
    await until(
      () =>
        a.text.toString() === b.text.toString() &&
        a.text.toString().includes('<59>') &&
        a.text.toString().includes('<58>'),
      'converged',
    );
    const port = env.server.port;
    const before = a.text.toString();
    expect(env.server.app.services.collab.store.logLength('redemarrage')).toBeLessThan(25);
    await env.stop();
    // Same port: the stock clients reconnect by themselves.
    await boot({ port, collabCompactEvery: 25 });
    await until(() => a.provider.synced && b.provider.synced, 'clients reconnected');
    a.text.insert(a.text.length, '<après>');
    await until(() => b.text.toString().endsWith('<après>'), 'edit after restart');
    expect(b.text.toString()).toBe(before + '<après>');
    const c = open('redemarrage', users.reader.token);
    await c.synced;
    await until(() => c.text.toString() === before + '<après>', 'fresh client');
    for (let i = 0; i < 60; i++) expect(c.text.toString().split(`<${i}>`).length).toBe(2);
    expect(c.text.toString().split('Base.').length).toBe(2);
  });
});

describe('the stored document', () => {
  it('matches the page text after a co-editing session (one Y.Text of markdown)', async () => {
    await put('source', 'Un.\n');
    const a = open('source', users.contributor.token);
    await a.synced;
    await until(() => a.text.length > 0, 'seeded');
    a.text.insert(a.text.length, 'Deux.\n');
    await until(() => env.server.app.services.collab.stats().updatesPersisted >= 2, 'persisted');
    a.destroy();
    clients.length = 0;
    await until(() => findPage(env.db, 'source')!.markdown === 'Un.\nDeux.\n', 'revision');
    const doc = new Y.Doc();
    const stored = env.server.app.services.collab.store.read('source')!;
    Y.applyUpdate(doc, Y.mergeUpdates(stored.updates));
    expect(doc.getText('markdown').toString()).toBe('Un.\nDeux.\n');
  });
});
