import { describe, expect, it } from 'vitest';
import { collabFixture, until } from '../helpers/collab.js';

/*
 * A MediaWiki import writing a page that is being co-edited, on the real server with stock
 * y-websocket clients: what was typed and not yet written is written as a revision before the
 * imported text, like before a REST save, instead of being erased from the live document.
 */

const fx = collabFixture(['admin', 'contributor', 'reader'], { collabQuietMs: 60_000 });

const XML = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="fr">
  <siteinfo><sitename>Movilab</sitename><dbname>movilab</dbname><base>https://movilab.example/wiki/Accueil</base>
    <namespaces><namespace key="0" case="first-letter" /></namespaces></siteinfo>
  <page>
    <title>Atelier</title><ns>0</ns><id>10</id>
    <revision><id>100</id><timestamp>2020-01-20T08:30:00Z</timestamp>
      <contributor><username>Rémi</username><id>9</id></contributor>
      <model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">Texte importé.</text></revision>
  </page>
</mediawiki>`;

describe('importing a page that is being co-edited', () => {
  it('writes the pending co-edits as a revision before the imported one: nothing typed is lost', async () => {
    const { writer, watcher } = await fx.pendingCoEdit('atelier');
    const form = new FormData();
    form.append('file', new File([XML], 'export.xml', { type: 'application/xml' }));
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
