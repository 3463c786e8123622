import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { savePage } from '../../registry/wiki/pages.js';
import { closed, collabFixture, rawSocket, until } from '../helpers/collab.js';

/*
 * Moving a page that is being co-edited, with stock y-websocket clients on the real server: what
 * was typed is written as a revision before the move, open connections are closed with 4411 and
 * the new slug as reason (a code the stock client does not retry), the old slug keeps answering
 * that way, and the stored document follows the page, so a client that kept its copy merges at
 * the new slug without duplicating anything.
 */

// A long quiet period: co-edits stay pending until something writes them.
const fx = collabFixture(['admin', 'contributor', 'reader'], { collabQuietMs: 60_000 });
const { open, call } = fx;
const providers: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

describe('moving a page that is being co-edited', () => {
  it('writes pending co-edits first, closes connections with 4411 and the new slug, and the document follows the page', async () => {
    const { writer, writerClosed, watcherClosed } = await fx.pendingCoEdit('atelier');

    const moved = await call('POST', '/api/pages/atelier/move', fx.users.contributor.token, {
      slug: 'atelier-partage',
      title: 'Atelier partagé',
    });
    expect(moved.status).toBe(200);
    // The co-edit became revision 2, before the move (which adds no revision).
    expect(moved.json.page.revision).toBe(2);
    expect(moved.json.page.markdown).toBe('Début. Tapé juste avant.');
    expect(await writerClosed).toEqual({ code: 4411, reason: 'atelier-partage' });
    expect(await watcherClosed).toEqual({ code: 4411, reason: 'atelier-partage' });
    expect(writer.provider.shouldConnect).toBe(false);
    const history = await call(
      'GET',
      '/api/pages/atelier-partage/revisions',
      fx.users.reader.token,
    );
    expect(
      history.json.revisions.map(
        (r: { number: number; summary: string }) => `${r.number} ${r.summary}`,
      ),
    ).toEqual(['2 Co-édition', '1 ']);

    // The stored document moved with the page: nothing is left under the old slug.
    const names = fx.env.db.prepare(`SELECT name FROM collab_docs ORDER BY name`).pluck().all();
    expect(names).toEqual(['atelier-partage']);
    expect(
      fx.env.db.prepare(`SELECT COUNT(*) FROM collab_updates WHERE doc = 'atelier'`).pluck().get(),
    ).toBe(0);

    // The old slug: every new connection is closed at once the same way (nothing is created there).
    for (const token of [fx.users.contributor.token, fx.users.reader.token]) {
      const raw = await rawSocket(`${fx.env.wsUrl}/atelier?token=${token}`);
      expect(await closed(raw)).toEqual({ code: 4411, reason: 'atelier-partage' });
    }
    expect((await call('GET', '/api/pages/atelier', fx.users.reader.token)).status).toBe(308);

    // The editor reopens at the new slug with the document it kept: it merges without duplicates.
    const reopened = new WebsocketProvider(fx.env.wsUrl, 'atelier-partage', writer.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token: fx.users.contributor.token },
      disableBc: true,
    });
    providers.push(reopened);
    const fresh = open('atelier-partage', fx.users.reader.token);
    await fresh.synced;
    await until(() => reopened.synced, 'reopened client synced');
    await until(
      () => fresh.text.toString() === 'Début. Tapé juste avant.',
      'fresh client has the text',
    );
    writer.text.insert(writer.text.length, ' Après.');
    await until(
      () => fresh.text.toString() === 'Début. Tapé juste avant. Après.',
      'edit after the move',
    );
    expect(writer.text.toString()).toBe('Début. Tapé juste avant. Après.');
    fx.env.server.app.services.collab.flush('atelier-partage');
    const page = await call('GET', '/api/pages/atelier-partage', fx.users.reader.token);
    expect(page.json).toMatchObject({
      revision: 3,
      markdown: 'Début. Tapé juste avant. Après.',
      title: 'Atelier partagé',
    });
  });

  it('refuses a move onto a page someone is creating by co-editing there (its text is written first)', async () => {
    savePage(fx.env.db, fx.env.server.app.services.wiki, {
      slug: 'source',
      title: 'Source',
      markdown: 'Texte.',
      authorIds: [],
    });
    const creator = open('nouvelle', fx.users.contributor.token);
    await creator.synced;
    creator.text.insert(0, 'Une page en cours.');
    await until(
      () =>
        fx.env.server.app.services.collab.documents.get('nouvelle')?.text.toString() ===
        'Une page en cours.',
      'typed',
    );
    const refused = await call('POST', '/api/pages/source/move', fx.users.contributor.token, {
      slug: 'nouvelle',
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', field: 'slug' });
    expect((await call('GET', '/api/pages/nouvelle', fx.users.reader.token)).json.markdown).toBe(
      'Une page en cours.',
    );
  });

  it('takes an empty document opened for creation at the target: its clients are sent to the moved page', async () => {
    savePage(fx.env.db, fx.env.server.app.services.wiki, {
      slug: 'source',
      title: 'Source',
      markdown: 'Texte.',
      authorIds: [],
    });
    const raw = await rawSocket(`${fx.env.wsUrl}/cible?token=${fx.users.contributor.token}`);
    const done = closed(raw);
    expect(
      (await call('POST', '/api/pages/source/move', fx.users.contributor.token, { slug: 'cible' }))
        .status,
    ).toBe(200);
    expect((await done).code).toBe(1012);
    const after = open('cible', fx.users.reader.token);
    await after.synced;
    await until(() => after.text.toString() === 'Texte.', 'the moved page at the target');
  });
});
