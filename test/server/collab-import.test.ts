import { describe, expect, it } from 'vitest';
import { collabFixture, until } from '../helpers/collab.js';
import { ATELIER_EXPORT } from '../helpers/mediawiki.js';

/*
 * A MediaWiki import writing a page that is being co-edited, on the real server with stock
 * y-websocket clients: what was typed and not yet written is written as a revision before the
 * imported text, like before a REST save, instead of being erased from the live document.
 */

const fx = collabFixture(['admin', 'contributor', 'reader'], { collabQuietMs: 60_000 });

describe('importing a page that is being co-edited', () => {
  it('writes the pending co-edits as a revision before the imported one: nothing typed is lost', async () => {
    const { writer, watcher } = await fx.pendingCoEdit('atelier');
    const form = new FormData();
    form.append('file', new File([ATELIER_EXPORT], 'export.xml', { type: 'application/xml' }));
    const res = await fetch(`${fx.env.server.url}/api/admin/mediawiki/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.users.admin.token}` },
      body: form,
    });
    expect(res.status).toBe(201);

    const history = await fx.call('GET', '/api/pages/atelier/revisions', fx.users.admin.token);
    const texts = await Promise.all(
      history.json.revisions.map(
        async (r: { number: number }) =>
          (await fx.call('GET', `/api/pages/atelier/revisions/${r.number}`, fx.users.admin.token))
            .json.markdown,
      ),
    );
    // Newest first: the import, the co-edit written just before it, the first text.
    expect(texts).toEqual(['Texte importé.', 'Début. Tapé juste avant.', 'Début.']);
    // The live document follows the imported text.
    await until(() => watcher.text.toString() === 'Texte importé.', 'import reached the editors');
    expect(writer.text.toString()).toBe('Texte importé.');
  });
});
