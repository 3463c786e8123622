import { describe, expect, it } from 'vitest';
import { savePage } from '../../registry/wiki/pages.js';
import { deletePage } from '../../registry/wiki/deletion.js';
import { closed, collabFixture, rawSocket, until } from '../helpers/collab.js';

/*
 * Deleting a page that is being co-edited, with stock y-websocket clients on the real server:
 * what was typed is written as a revision before the deletion, open connections are closed with
 * a close code the stock client does not retry, new ones are refused, and a restoration lets
 * everyone back into the same document.
 */

// A long quiet period: co-edits stay pending until something writes them.
const fx = collabFixture(['admin', 'facilitator', 'contributor', 'reader'], {
  collabQuietMs: 60_000,
});
const { open, call, terminalClose } = fx;

describe('deleting a page that is being co-edited', () => {
  it('writes pending co-edits as a revision first, closes the connections with 4410, refuses new ones, and lets them back after a restoration', async () => {
    const { writer, writerClosed, watcherClosed } = await fx.pendingCoEdit('atelier');

    const del = await call('DELETE', '/api/pages/atelier', fx.users.facilitator.token, {
      reason: 'Doublon',
    });
    expect(del.status).toBe(200);
    // The co-edit became revision 2, before the deletion (which records revision 2).
    expect(del.json.deletion.revision).toBe(2);
    expect(await writerClosed).toEqual({ code: 4410, reason: 'page deleted' });
    expect(await watcherClosed).toEqual({ code: 4410, reason: 'page deleted' });
    expect(writer.provider.shouldConnect).toBe(false);

    const history = await call('GET', '/api/pages/atelier/revisions', fx.users.facilitator.token);
    expect(
      history.json.revisions.map(
        (r: { number: number; summary: string }) => `${r.number} ${r.summary}`,
      ),
    ).toEqual(['2 Co-édition', '1 ']);
    expect(history.json.revisions[0].authors.map((a: { id: number }) => a.id)).toEqual([
      fx.users.contributor.id,
    ]);
    const rev = await call('GET', '/api/pages/atelier/revisions/2', fx.users.facilitator.token);
    expect(rev.json.markdown).toBe('Début. Tapé juste avant.');
    const recent = await call('GET', '/api/recent-changes', fx.users.reader.token);
    expect(recent.json.changes.map((c: { kind: string }) => c.kind)).toEqual(['delete']);

    // New connections are refused like an unknown page, for everyone (a contributor cannot recreate it).
    for (const token of [fx.users.contributor.token, fx.users.admin.token, fx.users.reader.token]) {
      await expect(rawSocket(`${fx.env.wsUrl}/atelier?token=${token}`)).rejects.toThrow('HTTP 404');
    }
    await expect(rawSocket(`${fx.env.wsUrl}/atelier`)).rejects.toThrow('HTTP 404');
    expect(fx.env.server.app.services.collab.stats().loadedDocs).toBe(0);

    // Restored: the same document goes on; a client that kept its copy merges without duplicates.
    expect(
      (await call('POST', '/api/pages/atelier/restore', fx.users.admin.token, { reason: 'Erreur' }))
        .status,
    ).toBe(200);
    const fresh = open('atelier', fx.users.reader.token);
    await fresh.synced;
    await until(() => fresh.text.toString() === 'Début. Tapé juste avant.', 'restored text');
    writer.provider.connect();
    await until(() => writer.provider.synced, 'old client back');
    writer.text.insert(writer.text.length, ' Après.');
    await until(
      () => fresh.text.toString() === 'Début. Tapé juste avant. Après.',
      'edit after restoration',
    );
    expect(writer.text.toString()).toBe('Début. Tapé juste avant. Après.');
  });

  it('keeps co-edits that could not be written before a deletion in the document, and writes them after the restoration', async () => {
    // A deletion that did not go through the route (so nothing flushed the co-edits first).
    const { db } = fx.env;
    const { wiki } = fx.env.server.app.services;
    savePage(db, wiki, { slug: 'notes', title: 'Notes', markdown: 'A.', authorIds: [] });
    const writer = open('notes', fx.users.contributor.token);
    await writer.synced;
    await until(() => writer.text.toString() === 'A.', 'seeded');
    const gone = terminalClose(writer);
    writer.text.insert(2, ' B.');
    await until(
      () => fx.env.server.app.services.collab.documents.get('notes')?.text.toString() === 'A. B.',
      'edit stored',
    );
    deletePage(db, wiki, { slug: 'notes', userId: fx.users.admin.id, reason: 'Test' });
    expect((await gone).code).toBe(4410);
    expect(
      (await call('GET', '/api/pages/notes/revisions', fx.users.admin.token)).json.revisions,
    ).toHaveLength(1);
    expect((await call('POST', '/api/pages/notes/restore', fx.users.admin.token, {})).status).toBe(
      200,
    );
    // The restoration loads the document, still marked as holding co-edits: its quiet period (60 s
    // here) or the next write would save them; flushing does it now.
    fx.env.server.app.services.collab.flush('notes');
    await until(() => {
      const page = db.prepare(`SELECT markdown FROM pages WHERE slug = 'notes'`).get() as {
        markdown: string;
      };
      return page.markdown === 'A. B.';
    }, 'co-edits written after the restoration');
    const history = await call('GET', '/api/pages/notes/revisions', fx.users.reader.token);
    expect(history.json.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
  });

  it('closes a raw connection with the close code and reason, and the page stays deleted for co-editing saves', async () => {
    savePage(fx.env.db, fx.env.server.app.services.wiki, {
      slug: 'brouillon',
      title: 'Brouillon',
      markdown: 'Texte.',
      authorIds: [],
    });
    const raw = await rawSocket(`${fx.env.wsUrl}/brouillon?token=${fx.users.contributor.token}`);
    const done = closed(raw);
    expect(
      (await call('DELETE', '/api/pages/brouillon', fx.users.admin.token, { reason: 'Spam' }))
        .status,
    ).toBe(200);
    expect(await done).toEqual({ code: 4410, reason: 'page deleted' });
    // No revision was written by the connection closing (the page had no pending co-edits).
    const history = await call('GET', '/api/pages/brouillon/revisions', fx.users.admin.token);
    expect(history.json.revisions).toHaveLength(1);
    expect((await call('GET', '/api/pages/brouillon', fx.users.reader.token)).json.error.code).toBe(
      'page_deleted',
    );
  });
});
