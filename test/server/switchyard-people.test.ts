import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import {
  evaSessionIn,
  seedPermanences,
  type PermanenceAccounts,
} from '../helpers/permanences-fixture.js';
import { importBundle, type Bundle } from '../../registry/bundle.js';

/*
 * People ranking through the API (issue 13): a person who helps through their skills, without
 * any referent link, inherits the score of the resource their skills describe, with the reason
 * shown; a hidden person never does; an upcoming permanence session is shown and counts; detected
 * themes carry a calibrated probability.
 */

type T = Awaited<ReturnType<typeof testApp>>;
type PersonOut = { slug: string; score: number; reasons: string[] };

const BUNDLE: Bundle = {
  format: 'commons-bundle/1',
  resources: [
    {
      slug: 'trancheuse',
      name: 'Trancheuse',
      kind: 'software',
      summary:
        "Trancheur libre qui prépare les modèles pour l'imprimante 3D : couches, remplissage, supports et adhérence au plateau.",
      themes: ['fabrication'],
      license: 'GPL-3.0',
    },
    {
      slug: 'statuts-coop',
      name: 'Statuts coopératifs commentés',
      kind: 'legal-template',
      summary:
        "Modèle de statuts de SCIC pour transformer une association en coopérative d'intérêt collectif.",
      themes: ['juridique', 'gouvernance'],
      license: 'CC-BY-SA-4.0',
    },
    {
      slug: 'caisse-libre',
      name: 'Caisse libre',
      kind: 'software',
      summary: 'Caisse enregistreuse libre pour le bar et la boutique du lieu.',
      themes: ['gestion'],
      license: 'AGPL-3.0',
    },
  ],
  places: [],
  people: [
    {
      slug: 'iris-imprime',
      name: 'Iris',
      themes: ['fabrication'],
      skills: ['impression 3D', 'imprimante 3D', 'réglage des supports'],
      contactable: true,
    },
    {
      slug: 'zoe-cachee',
      name: 'Zoé',
      themes: ['fabrication'],
      skills: ['impression 3D', 'imprimante 3D', 'réglage des supports'],
      contactable: false,
    },
    {
      slug: 'marc-caisse',
      name: 'Marc',
      themes: ['gestion'],
      skills: ['caisse enregistreuse', 'bar associatif'],
      contactable: true,
    },
  ],
  usages: [],
  referents: [],
};

describe('POST /api/switchyard: people', () => {
  let t: T;
  let who: PermanenceAccounts;
  const ask = async (problem: string) => {
    const res = await t.request('POST', '/api/switchyard', { body: { problem } });
    expect(res.status, res.text).toBe(200);
    return res.json as {
      resources: { slug: string }[];
      people: PersonOut[];
      themes: { slug: string; confidence: number; probability: number }[];
    };
  };

  beforeAll(async () => {
    t = await testApp();
    who = await seedPermanences(t.db);
    importBundle(t.db, BUNDLE);
  });
  afterAll(() => t.services.close?.());

  it('proposes who knows the resource through their skills, without a referent link, and never a hidden person', async () => {
    // The problem shares no word with Iris's skills: she is found through the resource it reaches.
    const a = await ask(
      'Nos objets se décollent du plateau et le remplissage rate à chaque couche',
    );
    expect(a.resources[0].slug).toBe('trancheuse');
    const iris = a.people.find((p) => p.slug === 'iris-imprime');
    expect(iris, JSON.stringify(a.people)).toBeDefined();
    expect(iris!.reasons.join(' | ')).toMatch(/compétences correspondent à Trancheuse/);
    expect(a.people.map((p) => p.slug)).not.toContain('zoe-cachee');
    expect(a.people[0].slug).toBe('iris-imprime');
  });

  it('shows an upcoming permanence session and ranks the person holding it', async () => {
    const problem =
      'Nous voulons transformer notre association en SCIC, qui peut nous aider pour les statuts ?';
    const before = await ask(problem);
    const eva = () => before.people.find((p) => p.slug === 'eva-experte');
    expect(eva(), JSON.stringify(before.people)).toBeDefined();
    expect(eva()!.reasons.join(' | ')).not.toMatch(/permanence/);
    const res = await t.request('POST', '/api/permanences', {
      body: evaSessionIn(3),
      headers: { authorization: `Bearer ${who.facilitator}` },
    });
    expect(res.status, res.text).toBe(201);
    const after = await ask(problem);
    const reasons = after.people.find((p) => p.slug === 'eva-experte')?.reasons ?? [];
    expect(reasons.join(' | ')).toMatch(/tient une permanence le \d{1,2} \p{L}+/u);
    expect(after.people[0].slug).toBe('eva-experte');
  });

  it('gives each detected theme a calibrated probability, in the order of the confidences', async () => {
    const a = await ask('La caisse du bar ne marche plus, il nous faut une caisse enregistreuse');
    expect(a.themes[0].slug).toBe('gestion');
    for (const th of a.themes) {
      expect(th.probability).toBeGreaterThan(0);
      expect(th.probability).toBeLessThan(1);
    }
    for (let k = 1; k < a.themes.length; k++)
      expect(a.themes[k].probability).toBeLessThanOrEqual(a.themes[k - 1].probability);
  });
});

/*
 * A skill link counts in full only when the person works on one of the resource's themes: skills
 * that merely share words with a resource of another field are a weaker sign that they can help.
 */
const SKILLS_BUNDLE: Bundle = {
  format: 'commons-bundle/1',
  resources: [
    {
      slug: 'caisse-libre',
      name: 'Caisse libre',
      kind: 'software',
      summary:
        'Caisse enregistreuse libre pour le bar et la boutique du lieu : encaissements, tickets et clôture de caisse du soir.',
      themes: ['gestion'],
      license: 'AGPL-3.0',
    },
    {
      slug: 'atelier-bois',
      name: "Guide de l'atelier bois partagé",
      kind: 'guide',
      summary: "Machines, sécurité et entretien des outils d'un atelier de menuiserie partagé.",
      themes: ['fabrication'],
      license: 'CC-BY-SA-4.0',
    },
  ],
  places: [
    { slug: 'la-cale', name: 'La Cale', region: 'Bretagne' },
    { slug: 'le-quai', name: 'Le Quai', region: 'Occitanie' },
  ],
  people: [
    {
      // Skills close to the resource's words, but a woodworker: no shared theme.
      slug: 'paul-menuisier',
      name: 'Paul',
      place: 'le-quai',
      themes: ['fabrication'],
      skills: ['caisse enregistreuse', 'encaissements', 'tickets de caisse', 'menuiserie'],
      contactable: true,
    },
    {
      // Fewer of the resource's words, but works on its theme, in the asking region.
      slug: 'marc-tresorier',
      name: 'Marc',
      place: 'la-cale',
      themes: ['gestion'],
      skills: ['clôture de caisse', 'trésorerie associative'],
      contactable: true,
    },
    {
      // Paul's skills and no theme listed: nothing says they are off the resource's field, so
      // they are not weighed down.
      slug: 'lea-sans-theme',
      name: 'Léa',
      place: 'le-quai',
      skills: ['caisse enregistreuse', 'encaissements', 'tickets de caisse', 'menuiserie'],
      contactable: true,
    },
  ],
  usages: [],
  referents: [],
};

describe('POST /api/switchyard: people through skills, themes and region', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    importBundle(t.db, SKILLS_BUNDLE);
  });
  afterAll(() => t.services.close?.());

  it('ranks first the person with the skills whose themes are the resource’s, in the asking region, with the reasons named', async () => {
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: 'Comment suivre les ventes du bar et de la boutique ?', region: 'Bretagne' },
    });
    expect(res.status, res.text).toBe(200);
    const a = res.json as { resources: { slug: string }[]; people: PersonOut[] };
    expect(a.resources[0].slug).toBe('caisse-libre');
    const order = a.people.map((p) => p.slug);
    expect(order.indexOf('marc-tresorier'), JSON.stringify(a.people)).toBe(0);
    const score = (slug: string) => a.people.find((p) => p.slug === slug)?.score ?? 0;
    expect(score('paul-menuisier')).toBeGreaterThan(0);
    expect(score('lea-sans-theme'), JSON.stringify(a.people)).toBeGreaterThan(
      score('paul-menuisier'),
    );
    const reasons = a.people[0].reasons.join(' | ');
    expect(reasons).toMatch(/compétences correspondent à Caisse libre/);
    expect(reasons).toMatch(/dans votre région \(Bretagne\)/);
  });
});
