import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { findPage, savePage } from '../../registry/wiki/pages.js';
import { makeUsers, startOn, tempDir, until } from '../helpers/collab.js';

type Env = Awaited<ReturnType<typeof startOn>>;
let tmp: ReturnType<typeof tempDir>;
let env: Env;
let users: Awaited<ReturnType<typeof makeUsers>>;
const providers: WebsocketProvider[] = [];

/** A stock y-websocket client opening a page the way the browser editor opens a new one (`?title=`). */
function open(slug: string, token: string, title?: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(env.wsUrl, slug, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: title === undefined ? { token } : { token, title },
    disableBc: true,
  });
  providers.push(provider);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (s: boolean) => s && resolve());
  });
  return { doc, provider, text: doc.getText('markdown'), synced };
}

/** The page revision the server announces in its awareness state, as a client sees it (0: none). */
function announced(c: ReturnType<typeof open>): number {
  let revision = 0;
  c.provider.awareness.getStates().forEach((state) => {
    const page = (state as { page?: { revision?: unknown } }).page;
    if (typeof page?.revision === 'number') revision = Math.max(revision, page.revision);
  });
  return revision;
}

beforeEach(async () => {
  tmp = tempDir();
  env = await startOn(join(tmp.dir, 'db.sqlite'), { collabQuietMs: 150, collabUnloadMs: 100 });
  users = await makeUsers(env.db, ['admin', 'contributor', 'reader']);
});

afterEach(async () => {
  for (const p of providers.splice(0)) {
    p.destroy();
    p.doc.destroy();
  }
  await env.stop();
  tmp.cleanup();
});

const headings = (s: string) => s.split('\n').filter((l) => l.startsWith('# ')).length;

describe('a page created by co-editing', () => {
  it('gets its title heading once, from the server, when two writers open it and type at the same moment', async () => {
    const a = open('jardin-des-delices', users.admin.token, 'Jardin des délices');
    const b = open('jardin-des-delices', users.contributor.token, 'Jardin des délices');
    await Promise.all([a.synced, b.synced]);
    expect(a.text.toString()).toBe('# Jardin des délices\n\n');
    expect(b.text.toString()).toBe('# Jardin des délices\n\n');
    // Both type their first character at once, each after the heading it sees.
    a.text.insert(a.text.length, 'A');
    b.text.insert(b.text.length, 'B');
    await until(
      () =>
        a.text.toString() === b.text.toString() &&
        a.text.length === '# Jardin des délices\n\n'.length + 2,
      'converged',
    );
    expect(headings(a.text.toString())).toBe(1);
    expect(a.text.toString()).toMatch(/^# Jardin des délices\n\n(?:AB|BA)$/);
    await until(
      () => findPage(env.db, 'jardin-des-delices') !== undefined,
      'page created by the quiet-period revision',
    );
    const page = findPage(env.db, 'jardin-des-delices')!;
    expect(page.title).toBe('Jardin des délices');
    expect(headings(page.markdown)).toBe(1);
  });

  it('seeds nothing for an existing page, for a text that is not empty, or with an empty title', async () => {
    savePage(env.db, env.server.app.services.wiki, {
      slug: 'existe',
      title: 'Existe',
      markdown: 'Déjà là.\n',
      authorIds: [],
    });
    const a = open('existe', users.contributor.token, 'Autre titre');
    await a.synced;
    expect(a.text.toString()).toBe('Déjà là.\n');

    const first = open('vide', users.contributor.token, '   ');
    await first.synced;
    expect(first.text.toString()).toBe('');
    first.text.insert(0, 'Sans titre.');
    await until(
      () => env.server.app.services.collab.documents.get('vide')?.text.toString() === 'Sans titre.',
      'stored on the server',
    );
    const second = open('vide', users.admin.token, 'Trop tard');
    await second.synced;
    await until(
      () => second.text.toString() === 'Sans titre.',
      'second writer sees the text, no heading added',
    );
    // A title with line breaks stays one heading line.
    const c = open('titre-sur-deux-lignes', users.contributor.token, 'Ligne un\n# Ligne deux\r\n');
    await c.synced;
    expect(c.text.toString()).toBe('# Ligne un # Ligne deux\n\n');
  });

  it('creates no page when the writer leaves without typing, and forgets the seeded document', async () => {
    const a = open('juste-ouverte', users.contributor.token, 'Juste ouverte');
    await a.synced;
    expect(a.text.toString()).toBe('# Juste ouverte\n\n');
    a.provider.destroy();
    const collab = env.server.app.services.collab;
    await until(() => collab.documents.get('juste-ouverte') === undefined, 'unloaded');
    expect(findPage(env.db, 'juste-ouverte')).toBeUndefined();
    expect(collab.store.has('juste-ouverte')).toBe(false);
    // Opened again later with another title, it starts from that one.
    const b = open('juste-ouverte', users.contributor.token, 'Finalement');
    await b.synced;
    expect(b.text.toString()).toBe('# Finalement\n\n');
  });

  it('tells connected editors, through the server awareness state, that the page now exists and each new revision', async () => {
    const a = open('annoncee', users.contributor.token, 'Annoncée');
    await a.synced;
    expect(announced(a)).toBe(0);
    a.text.insert(a.text.length, 'Premier jet.');
    await until(() => announced(a) === 1, 'revision 1 announced to the writer');
    expect(findPage(env.db, 'annoncee')?.revision).toBe(1);
    // A later client gets the announcement in its greeting; a REST save is announced too.
    const b = open('annoncee', users.admin.token);
    await b.synced;
    await until(() => announced(b) === 1, 'greeting carries the revision');
    const res = await fetch(`${env.server.url}/api/pages/annoncee`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${users.admin.token}` },
      body: JSON.stringify({ title: 'Annoncée', markdown: '# Annoncée\n\nRéécrite.\n' }),
    });
    expect(res.status).toBe(200);
    await until(() => announced(a) === 2 && announced(b) === 2, 'revision 2 announced to both');
  });

  it('removes the announcement field from the states clients send (only the server announces)', async () => {
    const a = open('usurpee', users.contributor.token, 'Usurpée');
    const b = open('usurpee', users.admin.token, 'Usurpée');
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalState({
      user: { name: 'X', color: '#123456' },
      page: { revision: 99 },
    });
    await until(() => b.provider.awareness.getStates().has(a.doc.clientID), 'state relayed');
    const relayed = b.provider.awareness.getStates().get(a.doc.clientID) as {
      user?: { name: string };
      page?: unknown;
    };
    expect(relayed.user?.name).toBe(users.contributor.name);
    expect(relayed.page).toBeUndefined();
    expect(announced(b)).toBe(0);
  });
});
