import { testApp, type AnswerJson } from './app.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;

/** A MediaWiki export (schema 0.10) of one page, « Atelier », with one revision: « Texte importé. ». */
export const ATELIER_EXPORT = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="fr">
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

/** A file sent in a form. */
export interface UploadedFile {
  bytes: Uint8Array;
  name: string;
}

/**
 * Posts a MediaWiki export and image archives to the web import as an admin
 * (`POST /api/admin/mediawiki/imports`, multipart): the status and the JSON answer.
 */
export async function uploadMediawiki(t: TestApp, file: UploadedFile, images: UploadedFile[] = []) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const i of images) form.append('images', new Blob([new Uint8Array(i.bytes)]), i.name);
  const res = await t.app.request('/api/admin/mediawiki/imports', {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as AnswerJson };
}
