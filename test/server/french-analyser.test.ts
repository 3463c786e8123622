import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';
import { importBundle } from '../../registry/bundle.js';

/*
 * The shared French analyser (registry/text/french.ts) as the wiki search and the switchyard use
 * it: plurals in -x folded like the others, and no acronym or synonym fired by a common word.
 */

type App = Awaited<ReturnType<typeof testApp>>;
const DEV_BUNDLE = JSON.parse(readFileSync('/work/shared/data/switchyard-dev/bundle.json', 'utf8'));

const PAGES = [
  {
    slug: 'guide-wiki',
    title: 'Guide : documenter son tiers-lieu en wiki',
    markdown: 'Écrire les fiches du lieu, une page par atelier.',
  },
  {
    slug: 'carte',
    title: 'La carte des tiers-lieux',
    markdown: 'Tous les lieux du réseau sur une carte.',
  },
  { slug: 'jeux', title: 'Jeux coopératifs', markdown: 'Des jeux pour ouvrir une réunion.' },
  {
    slug: 'chantier',
    title: 'Le chantier',
    markdown: 'Les travaux de la grange commencent en mai.',
  },
  { slug: 'locaux', title: 'Nos locaux', markdown: 'Les bureaux et les réseaux du bâtiment.' },
];

describe('GET /api/search: French plurals', () => {
  let app: App;
  const slugs = async (q: string) =>
    (
      (await app.request('GET', `/api/search?q=${encodeURIComponent(q)}`)).json.results as {
        slug: string;
      }[]
    )
      .map((r) => r.slug)
      .sort();

  beforeAll(async () => {
    app = await testApp();
    for (const p of PAGES) {
      const res = await app.request('PUT', `/api/pages/${p.slug}`, {
        as: 'contributor',
        body: { title: p.title, markdown: p.markdown },
      });
      expect(res.status, res.text).toBeLessThan(300);
    }
  });

  it('finds the singular with the plural in -x, and the other way round', async () => {
    expect(await slugs('tiers-lieux')).toEqual(['carte', 'guide-wiki']);
    expect(await slugs('tiers-lieu')).toEqual(['carte', 'guide-wiki']);
    expect(await slugs('lieux')).toEqual(['carte', 'guide-wiki']);
    expect(await slugs('jeu')).toEqual(['jeux']);
    expect(await slugs('travail')).toEqual(['chantier']);
  });

  it('keeps folding -aux/-al and -eaux/-eau', async () => {
    expect(await slugs('local')).toEqual(['locaux']);
    expect(await slugs('bureau')).toEqual(['locaux']);
    expect(await slugs('réseau')).toEqual(['carte', 'locaux']);
  });
});

describe('POST /api/switchyard: no acronym or synonym on common words', () => {
  let app: App;
  const ask = async (problem: string) => {
    const res = await app.request('POST', '/api/switchyard', { body: { problem } });
    expect(res.status).toBe(200);
    return res.json as {
      themes: { slug: string; confidence: number }[];
      resources: { slug: string; reasons: string[] }[];
    };
  };
  const reasons = (a: { resources: { reasons: string[] }[] }) =>
    a.resources.flatMap((r) => r.reasons).join(' | ');

  beforeAll(async () => {
    app = await testApp();
    importBundle(app.db, DEV_BUNDLE);
  });

  it('reads "ça" as a pronoun, not as CA (conseil d\'administration)', async () => {
    const a = await ask('ça ne marche pas');
    expect(a.themes.map((t) => t.slug)).not.toContain('gouvernance');
    expect(reasons(a)).not.toMatch(/ça ≈|ca ≈/);
    const unaccented = await ask('ca ne marche pas');
    expect(unaccented.themes.map((t) => t.slug)).not.toContain('gouvernance');
    expect(reasons(unaccented)).not.toMatch(/ca ≈/);
  });

  it('still reads CA in capitals as the board', async () => {
    const a = await ask('Le CA ne se réunit plus et plus personne ne tranche');
    expect(a.themes[0].slug).toBe('gouvernance');
  });

  it('does not link "payé" to the payroll ("fiche de paie")', async () => {
    const a = await ask("Les membres n'ont pas payé leur cotisation");
    expect(reasons(a)).not.toMatch(/fiche de paie|salaire|URSSAF|déclaration sociale/);
    expect(a.resources[0].slug).toBe('paheko');
    expect(a.themes[0].slug).toBe('gestion');
    // Payroll (rh) is no longer read in the problem: only a resource's theme may still bring it in, faintly.
    expect(a.themes.find((t) => t.slug === 'rh')?.confidence ?? 0).toBeLessThan(0.1);
  });

  it('still links the payroll when the problem is about it', async () => {
    const a = await ask('Comment faire la paie de notre première salariée ?');
    expect(a.themes[0].slug).toBe('rh');
    expect(a.resources.slice(0, 3).map((r) => r.slug)).toContain('cheque-emploi-associatif');
  });
});

describe('POST /api/switchyard: plurals in -x', () => {
  it('finds a resource written in the singular from a problem in the plural', async () => {
    const app = await testApp();
    const { bundle } = fixtureRegistry();
    (bundle.resources as Record<string, unknown>[]).push({
      slug: 'brise-glace',
      name: 'Brise-glace',
      kind: 'method',
      summary: 'Un jeu coopératif pour ouvrir une rencontre entre inconnus.',
      themes: ['animation'],
    });
    importBundle(app.db, bundle as never);
    const res = await app.request('POST', '/api/switchyard', {
      body: { problem: 'des jeux pour démarrer nos soirées' },
    });
    expect(res.json.resources[0].slug).toBe('brise-glace');
  });
});

describe('GET /api/search: the y of -yer verbs', () => {
  it('does not read "payé" as the payroll nor "loyer" as the law, and still finds each family', async () => {
    const app = await testApp();
    const pages = [
      { slug: 'paie', title: 'La paie des salariés', markdown: 'Faire la paie chaque mois.' },
      {
        slug: 'cotisations',
        title: 'Cotisations',
        markdown: 'Qui a payé sa cotisation : la liste des membres qui ont payé.',
      },
      {
        slug: 'loi-1901',
        title: 'La loi de 1901',
        markdown: 'Ce que dit la loi sur les associations.',
      },
      { slug: 'bail', title: 'Le bail', markdown: 'Négocier le loyer avec le propriétaire.' },
    ];
    for (const p of pages) {
      const res = await app.request('PUT', `/api/pages/${p.slug}`, {
        as: 'contributor',
        body: { title: p.title, markdown: p.markdown },
      });
      expect(res.status, res.text).toBeLessThan(300);
    }
    const slugs = async (q: string) =>
      (
        (await app.request('GET', `/api/search?q=${encodeURIComponent(q)}`)).json.results as {
          slug: string;
        }[]
      )
        .map((r) => r.slug)
        .sort();
    expect(await slugs('payé')).toEqual(['cotisations']);
    expect(await slugs('paie')).toEqual(['paie']);
    expect(await slugs('loyer')).toEqual(['bail']);
    expect(await slugs('loi')).toEqual(['loi-1901']);
  });
});
