import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { savePage } from '../../registry/wiki/pages.js';
import { collabFixture, until } from '../helpers/collab.js';

/*
 * The co-editor's "Enregistrer maintenant" (POST /api/pages/:slug/collab-save), with stock
 * y-websocket clients on the real server: the pending co-edits become a revision with the summary
 * given, the last keystrokes included, for writers only, and the server announces the revision.
 */

// A long quiet period: without the request, the co-edits would stay pending for a minute.
const fx = collabFixture(['admin', 'contributor', 'reader'], { collabQuietMs: 60_000 });
const { open, call } = fx;

const stateVector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64');
const announced = (c: ReturnType<typeof open>) => {
  let revision = 0;
  c.provider.awareness.getStates().forEach((s) => {
    const r = (s as { page?: { revision?: number } }).page?.revision;
    if (typeof r === 'number' && r > revision) revision = r;
  });
  return revision;
};

describe('saving co-edits on request', () => {
  it('writes the pending co-edits with the summary, last keystrokes included, and announces the revision', async () => {
    savePage(fx.env.db, fx.env.server.app.services.wiki, {
      slug: 'four',
      title: 'Four à pain',
      markdown: 'Début.',
      authorIds: [fx.users.admin.id],
    });
    const writer = open('four', fx.users.contributor.token);
    const watcher = open('four', fx.users.reader.token);
    await Promise.all([writer.synced, watcher.synced]);
    await until(() => writer.text.toString() === 'Début.', 'seeded');
    await until(() => announced(writer) === 1, 'revision 1 announced');

    // Typed and saved at once: the request carries the state vector, so the server waits for the edit.
    writer.text.insert(writer.text.length, ' Cuisson le jeudi.');
    const saved = await call('POST', '/api/pages/four/collab-save', fx.users.contributor.token, {
      summary: 'Horaires de cuisson',
      stateVector: stateVector(writer.doc),
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ revision: 2, saved: true, complete: true });
    const page = await call('GET', '/api/pages/four', fx.users.reader.token);
    expect(page.json.markdown).toBe('Début. Cuisson le jeudi.');
    const history = await call('GET', '/api/pages/four/revisions', fx.users.reader.token);
    expect(history.json.revisions[0]).toMatchObject({ number: 2, summary: 'Horaires de cuisson' });
    expect(history.json.revisions[0].authors.map((a: { id: number }) => a.id)).toEqual([
      fx.users.contributor.id,
    ]);
    await until(
      () => announced(watcher) === 2 && announced(writer) === 2,
      'revision 2 announced to everyone',
    );

    // Nothing pending: no new revision, the current one is answered.
    const again = await call('POST', '/api/pages/four/collab-save', fx.users.contributor.token, {});
    expect(again.json).toEqual({ revision: 2, saved: false, complete: true });
    // Without a summary, the usual one.
    writer.text.insert(0, 'Note. ');
    expect(
      (
        await call('POST', '/api/pages/four/collab-save', fx.users.contributor.token, {
          stateVector: stateVector(writer.doc),
        })
      ).json.revision,
    ).toBe(3);
    const h3 = await call('GET', '/api/pages/four/revisions', fx.users.reader.token);
    expect(h3.json.revisions[0]).toMatchObject({ number: 3, summary: 'Co-édition' });
  });

  it('is refused to readers and anonymous callers, and names the bad field', async () => {
    savePage(fx.env.db, fx.env.server.app.services.wiki, {
      slug: 'four',
      title: 'Four',
      markdown: 'Début.',
      authorIds: [fx.users.admin.id],
    });
    const writer = open('four', fx.users.contributor.token);
    await writer.synced;
    writer.text.insert(0, 'En attente. ');
    await until(
      () =>
        fx.env.server.app.services.collab.documents.get('four')?.text.toString() ===
        'En attente. Début.',
      'edit arrived',
    );

    const reader = await call('POST', '/api/pages/four/collab-save', fx.users.reader.token, {
      summary: 'non',
    });
    expect(reader.status).toBe(403);
    const anonymous = await fetch(`${fx.env.server.url}/api/pages/four/collab-save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    // Still pending: nothing was written by the refused calls.
    expect((await call('GET', '/api/pages/four', fx.users.reader.token)).json.revision).toBe(1);

    const badSummary = await call(
      'POST',
      '/api/pages/four/collab-save',
      fx.users.contributor.token,
      { summary: 'a\nb' },
    );
    expect(badSummary.status).toBe(400);
    expect(badSummary.json.error.field).toBe('summary');
    const badVector = await call(
      'POST',
      '/api/pages/four/collab-save',
      fx.users.contributor.token,
      { stateVector: '%%%' },
    );
    expect(badVector.status).toBe(400);
    expect(badVector.json.error.field).toBe('stateVector');
    const badSlug = await call(
      'POST',
      '/api/pages/Four!/collab-save',
      fx.users.contributor.token,
      {},
    );
    expect(badSlug.status).toBe(400);
    expect(badSlug.json.error.field).toBe('slug');

    expect(
      (await call('DELETE', '/api/pages/four', fx.users.admin.token, { reason: 'Doublon' })).status,
    ).toBe(200);
    const deleted = await call(
      'POST',
      '/api/pages/four/collab-save',
      fx.users.contributor.token,
      {},
    );
    expect(deleted.status).toBe(409);
    expect(deleted.json.error.code).toBe('page_deleted');
  });
});
