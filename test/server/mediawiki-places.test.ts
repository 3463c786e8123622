import { describe, expect, it } from 'vitest';
import { testApp, type AnswerJson } from '../helpers/app.js';

type T = Awaited<ReturnType<typeof testApp>>;

const page = (id: number, title: string, text: string) =>
  `<page><title>${title}</title><ns>0</ns><id>${id}</id><revision><id>${id * 10}</id><timestamp>2019-05-0${id}T10:00:00Z</timestamp>` +
  `<contributor><username>Margot</username><id>7</id></contributor><comment>fiche</comment><model>wikitext</model><format>text/x-wiki</format>` +
  `<text xml:space="preserve">${text}</text></revision></page>`;

// Three place sheets of a regional wiki, as its editors filled the {{Fiche lieu}} template.
const EXPORT = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="fr">
<siteinfo><sitename>Tiers-lieux en région</sitename><dbname>tlregion</dbname><namespaces><namespace key="0" case="first-letter" />
<namespace key="10" case="first-letter">Modèle</namespace><namespace key="14" case="first-letter">Catégorie</namespace></namespaces></siteinfo>
${page(1, 'La Coop des Communs', '{{Fiche lieu\n|nom=La Coop-des-Communs\n|ville=Lille\n|code postal=59 000\n}}\nUn tiers-lieu coopératif.')}
${page(2, 'Le Hangar', '{{Fiche lieu\n|ville=Rennes\n|code postal=35000\n|adresse=12, rue de la Fabrique\n|latitude=48,1113\n|longitude=-1,6800\n}}\nAtelier partagé et café.')}
${page(3, 'La Ruche (Dijon)', '{{Fiche lieu\n|nom=Ruche\n|ville=Dijon\n}}\nEspace de travail partagé.')}
</mediawiki>`;

const MAP = `Fiche lieu:
  kind: lieu
  fields:
    code postal: code_postal
  place:
    field: fiche
`;

async function upload(t: T, xml: string) {
  const form = new FormData();
  form.append('file', new Blob([xml]), 'region.xml');
  form.append('templates', MAP);
  const res = await t.app.request('/api/admin/mediawiki/imports', {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as AnswerJson };
}

describe('MediaWiki place sheets linked to registry places', () => {
  it('matches places by name and postcode (or town), normalised, creates the others with their address and coordinates, and links the pages', async () => {
    const t = await testApp();
    const fields = [
      { name: 'ville', label: { fr: 'Ville', en: 'Town' }, type: 'text' },
      { name: 'code_postal', label: { fr: 'Code postal', en: 'Postcode' }, type: 'text' },
      { name: 'fiche', label: { fr: 'Fiche du registre', en: 'Registry sheet' }, type: 'place' },
    ];
    expect(
      (await t.request('PUT', '/api/page-fields/lieu', { as: 'admin', body: { fields } })).status,
    ).toBe(200);
    // Already in the registry: the Coop (written differently), a Ruche in Dijon without postcode,
    // and another Hangar in another town (not the one of the sheet).
    await t.request('POST', '/api/places', {
      as: 'contributor',
      body: { slug: 'coop-lille', name: 'coop des communs', city: 'Lille', postcode: '59000' },
    });
    await t.request('POST', '/api/places', {
      as: 'contributor',
      body: { slug: 'ruche-dijon', name: 'La Ruche', city: 'Dijon' },
    });
    await t.request('POST', '/api/places', {
      as: 'contributor',
      body: { slug: 'le-hangar', name: 'Le Hangar', city: 'Brest', postcode: '29200' },
    });

    const r = await upload(t, EXPORT);
    expect(r.status).toBe(201);
    expect(r.json.import.report.places).toEqual({ matched: 2, created: 1 });
    expect(r.json.import.report.pages.created).toBe(3);

    const fiche = async (slug: string) =>
      (await t.request('GET', `/api/pages/${slug}/fields`)).json.fields.find(
        (f: { name: string }) => f.name === 'fiche',
      )?.value;
    expect(await fiche('la-coop-des-communs')).toBe('coop-lille');
    expect(await fiche('la-ruche-dijon')).toBe('ruche-dijon');
    const created = await fiche('le-hangar');
    expect(created).toBe('le-hangar-2');
    const place = (await t.request('GET', `/api/places/${created}`)).json;
    expect(place).toMatchObject({
      name: 'Le Hangar',
      city: 'Rennes',
      postcode: '35000',
      address: '12, rue de la Fabrique',
      lat: 48.1113,
      lon: -1.68,
    });

    // Importing again creates nothing more.
    const count = async () => {
      const j = (await t.request('GET', '/api/places?limit=100')).json;
      return j.total ?? j.places.length;
    };
    const before = await count();
    expect(before).toBe(4);
    const again = await upload(t, EXPORT);
    expect(again.json.import.report.pages.unchanged).toBe(3);
    expect(await count()).toBe(before);
    t.services.close?.();
  });

  it('refuses a place mapping with unknown keys', async () => {
    const t = await testApp();
    const form = new FormData();
    form.append('file', new Blob([EXPORT]), 'region.xml');
    form.append('templates', 'Fiche lieu:\n  place:\n    commune: ville\n');
    const res = await t.app.request('/api/admin/mediawiki/imports', {
      method: 'POST',
      headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('place');
  });
});
