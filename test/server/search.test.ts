import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { openDatabase } from '../../server/db/open.js';
import { createApp } from '../../server/app.js';
import { EXACT_LIMIT, WikiSearch } from '../../registry/wiki/search.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type App = Awaited<ReturnType<typeof testApp>>;

const PAGES = [
  {
    slug: 'gouvernance-partagee',
    title: 'Gouvernance partagée',
    markdown:
      "# Gouvernance partagée\n\nL'association réunit ses bénévoles chaque mois. Les **décisions** sont prises par " +
      'consentement, voir [[Assemblée générale]] et [la charte](https://example.org/charte).',
  },
  {
    slug: 'jardin-partage',
    title: 'Jardin partagé',
    markdown:
      'Un potager cultivé par les habitants du quartier. Les légumes sont récoltés ensemble le samedi.',
  },
  {
    slug: 'fablab',
    title: 'Fablab et réparation',
    markdown:
      "Les machines de l'atelier : imprimante 3D, découpeuse laser. Un café réparation a lieu le jeudi.",
  },
  {
    slug: 'cafe-associatif',
    title: 'Café associatif',
    markdown: 'Le café est tenu par des bénévoles. Les activités culturelles ont lieu le soir.',
  },
  {
    slug: 'statuts',
    title: 'Statuts et forme juridique',
    markdown:
      "Choisir entre une association loi 1901 et une SCIC. L'assemblée générale vote les statuts.",
  },
];

const slugs = (res: { json: { results: { slug: string }[] } }) =>
  res.json.results.map((r) => r.slug);

async function put(app: App, slug: string, title: string, markdown: string, baseRevision?: number) {
  const res = await app.request('PUT', `/api/pages/${slug}`, {
    as: 'contributor',
    body: { title, markdown, baseRevision },
  });
  expect(res.status, res.text).toBeLessThan(300);
  return res.json as { revision: number };
}

describe('GET /api/search', () => {
  let app: App;
  const search = (q: string, extra = '') =>
    app.request('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);

  beforeAll(async () => {
    app = await testApp();
    for (const p of PAGES) await put(app, p.slug, p.title, p.markdown);
  });

  it('answers { query, total, results: [{ slug, title, snippet, score }] }', async () => {
    const res = await search('jardin');
    expect(res.status).toBe(200);
    expect(res.json.query).toBe('jardin');
    expect(res.json.total).toBe(1);
    expect(res.json.results).toEqual([
      {
        slug: 'jardin-partage',
        title: 'Jardin partagé',
        snippet: expect.any(String),
        score: expect.any(Number),
        highlights: expect.any(Object),
      },
    ]);
    expect(res.json.results[0].score).toBeGreaterThan(0);
  });

  it('matches with or without accents, both ways', async () => {
    expect(slugs(await search('benevoles'))).toEqual(
      expect.arrayContaining(['gouvernance-partagee', 'cafe-associatif']),
    );
    expect(slugs(await search('bénévoles'))).toEqual(
      expect.arrayContaining(['gouvernance-partagee', 'cafe-associatif']),
    );
    expect(slugs(await search('decisions'))).toEqual(['gouvernance-partagee']);
    expect(slugs(await search('activites'))).toEqual(['cafe-associatif']);
    expect(slugs(await search('activités'))).toEqual(['cafe-associatif']);
    expect(slugs(await search('REPARATION'))).toEqual(['fablab']);
  });

  it('stems plurals and inflections', async () => {
    expect(slugs(await search('légume'))).toEqual(['jardin-partage']); // text says "légumes"
    expect(slugs(await search('décision'))).toEqual(['gouvernance-partagee']); // text says "décisions"
    expect(slugs(await search('machine'))).toEqual(['fablab']);
    expect(slugs(await search('cultiver'))).toEqual(['jardin-partage']); // text says "cultivé"
  });

  it("splits elisions: l'association finds association and the other way round", async () => {
    const both = ['gouvernance-partagee', 'statuts'];
    expect(slugs(await search('association'))).toEqual(expect.arrayContaining(both));
    expect(slugs(await search("l'association"))).toEqual(expect.arrayContaining(both));
    expect(slugs(await search('l’atelier'))).toEqual(['fablab']);
    expect(slugs(await search('atelier'))).toEqual(['fablab']);
  });

  it('requires every word when some page has them all', async () => {
    expect(slugs(await search('café réparation'))).toEqual(['fablab']);
    expect(slugs(await search('assemblée statuts'))).toEqual(['statuts']);
  });

  it('matches the last word as a prefix while typing, and tolerates a typo', async () => {
    expect(slugs(await search('imprim'))).toEqual(['fablab']);
    expect(slugs(await search('potag'))).toEqual(['jardin-partage']);
    expect(slugs(await search('imp'))).toEqual(['fablab']);
    // A finished word (trailing space) is not a prefix.
    expect(slugs(await search('imp '))).toEqual([]);
    expect(slugs(await search('consentment'))).toEqual(['gouvernance-partagee']);
    expect(slugs(await search('gouvernence'))).toEqual(['gouvernance-partagee']);
    expect(slugs(await search('reparaton'))).toEqual(['fablab']);
    expect(slugs(await search('potagr'))).toEqual(['jardin-partage']);
  });

  it('ranks title matches above body matches', async () => {
    await put(
      app,
      'recettes',
      'Recettes du quartier',
      'Des soupes faites avec les légumes du jardin, le jardin, encore le jardin.',
    );
    const res = await search('jardin');
    expect(slugs(res)).toEqual(['jardin-partage', 'recettes']);
    expect(res.json.results[0].score).toBeGreaterThan(res.json.results[1].score);
  });

  it('locates the matched words in the title and the snippet, as the analyzer sees them', async () => {
    const [hit] = (await search("benevole l'assemblee")).json.results;
    expect(hit.slug).toBe('gouvernance-partagee');
    const words = (text: string, ranges: [number, number][]) =>
      ranges.map(([a, b]) => text.slice(a, b));
    expect(words(hit.snippet, hit.highlights.snippet)).toEqual(['bénévoles', 'Assemblée']);
    expect(hit.highlights.title).toEqual([]);
    const typed = (await search('partag')).json.results.find(
      (r: { slug: string }) => r.slug === 'gouvernance-partagee',
    );
    expect(words(typed.title, typed.highlights.title)).toEqual(['partagée']);
  });

  it('highlights every written form of a word: capitals, accents, ligatures, elisions', async () => {
    await put(
      app,
      'economie-sociale',
      'ÉCONOMIE des œuvres',
      "Économie des œuvres, l'économie : ECONOMIES, Œuvre, economie.",
    );
    const [hit] = (await search('economie oeuvre')).json.results;
    expect(hit.slug).toBe('economie-sociale');
    const words = (text: string, ranges: [number, number][]) =>
      ranges.map(([a, b]) => text.slice(a, b));
    expect(words(hit.title, hit.highlights.title)).toEqual(['ÉCONOMIE', 'œuvres']);
    expect(words(hit.snippet, hit.highlights.snippet)).toEqual([
      'Économie',
      'œuvres',
      'économie',
      'ECONOMIES',
      'Œuvre',
      'economie',
    ]);
  });

  it('gives a plain-text snippet around the first match', async () => {
    const res = await search('consentement');
    const snippet: string = res.json.results[0].snippet;
    expect(snippet).toContain('consentement');
    expect(snippet).not.toMatch(/[*#[\]]|https?:/);
    expect(snippet).toContain('Assemblée générale');

    await put(
      app,
      'budget-machines',
      'Budget des machines',
      '# Budget des machines\n\n| Machine | Prix |\n|---|---:|\n| Laser | 9 000 € |\n\n- [ ] devis',
    );
    expect((await search('budget')).json.results[0].snippet).toBe(
      'Machine Prix Laser 9 000 € devis',
    );

    // A word inside a URL is not a match to show: the snippet goes to the word in the text.
    await put(
      app,
      'lombric',
      'Lombrics',
      `Voir [ce site](https://vermicompostage.example.org/guide).\n\n${'Autre chose. '.repeat(30)}\n\nLe vermicompostage en appartement.`,
    );
    const s3: string = (await search('vermicompostage')).json.results[0].snippet;
    expect(s3).toContain('Le vermicompostage en appartement');
    expect(s3).not.toContain('example');

    const long = `${'Introduction sans rapport. '.repeat(40)}Ici on parle de compostage collectif. ${'Suite du texte. '.repeat(40)}`;
    await put(app, 'compost', 'Notes', long);
    const s2: string = (await search('compostage')).json.results[0].snippet;
    expect(s2).toContain('compostage collectif');
    expect(s2.startsWith('…')).toBe(true);
    expect(s2.endsWith('…')).toBe(true);
    expect(s2.length).toBeLessThan(260);
  });

  it('honours limit and counts every match in total', async () => {
    for (let i = 0; i < 7; i++)
      await put(app, `atelier-velo-${i}`, `Atelier vélo ${i}`, 'Réparer son vélo ensemble.');
    const res = await search('vélo', '&limit=3');
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(3);
    expect(res.json.total).toBe(7);
    expect((await search('vélo')).json.results).toHaveLength(7);
  });

  it('refuses an invalid limit with a 400 naming the field', async () => {
    for (const limit of ['0', '-1', 'abc', '1000', '2.5']) {
      const res = await search('vélo', `&limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.json.error.field).toBe('limit');
    }
  });

  it('never fails on special characters, garbage or empty input', async () => {
    const nasty = [
      '',
      ' ',
      ':',
      'title:jardin',
      '^',
      'jardin^10',
      '~',
      'jardin~2',
      '-',
      '-jardin',
      '+jardin +café',
      '*',
      'jard*',
      '"jardin partagé"',
      "'",
      "l'",
      '\\',
      '()[]{}',
      '🌱🌻',
      'jardin 🌱',
      '\u0000\u0001',
      '%',
      'a'.repeat(300),
      'le la les de des',
      '1901',
      // 10 KB of garbage: printable ASCII, accents, CJK, emoji (no lone surrogates: URLs cannot carry them).
      Array.from({ length: 10_000 }, (_, i) =>
        String.fromCodePoint(33 + ((i * 7919) % 0xd000), 0x1f331 + (i % 40)),
      ).join(''),
    ];
    for (const q of nasty) {
      const res = await search(q);
      expect(res.status, `q=${JSON.stringify(q.slice(0, 40))}`).toBe(200);
      expect(res.json.query).toBe(q);
      expect(Array.isArray(res.json.results)).toBe(true);
    }
    expect((await search('')).json).toEqual({ query: '', total: 0, results: [] });
    expect((await app.request('GET', '/api/search')).json).toEqual({
      query: '',
      total: 0,
      results: [],
    });
    const repeated = await app.request('GET', '/api/search?q=jardin&q=vélo');
    expect(repeated.status).toBe(200);
    expect(repeated.json.query).toBe('jardin');
    expect((await app.request('GET', '/api/search?q=%E0%A4%A')).status).toBeLessThan(500); // broken percent-encoding
    expect(slugs(await search('jardin^10'))).toContain('jardin-partage');
    expect(slugs(await search('"jardin partagé"'))).toEqual(['jardin-partage']);
    expect(slugs(await search('1901'))).toEqual(['statuts']);
  });

  it('finds an edit by its new words as soon as the save returns, and not by removed words', async () => {
    const page = await put(
      app,
      'ressourcerie',
      'Ressourcerie',
      'On collecte des meubles et des vêtements.',
    );
    expect(slugs(await search('meubles'))).toEqual(['ressourcerie']);
    await put(
      app,
      'ressourcerie',
      'Ressourcerie solidaire',
      'On collecte des livres et de la vaisselle.',
      page.revision,
    );
    expect(slugs(await search('vaisselle'))).toEqual(['ressourcerie']);
    expect(slugs(await search('livre'))).toEqual(['ressourcerie']);
    expect(slugs(await search('solidaire'))).toEqual(['ressourcerie']);
    expect(slugs(await search('meubles'))).toEqual([]);
    expect(slugs(await search('vêtements'))).toEqual([]);
    expect((await search('ressourcerie')).json.total).toBe(1);
  });

  it('matches a typed prefix by every word it begins, words written after an earlier search too', async () => {
    await put(app, 'mutualisation', 'Mutualisation', 'La mutualisation des outils entre voisins.');
    expect(slugs(await search('mutua'))).toEqual(['mutualisation']);
    // A new word beginning with the same prefix is found at the next search.
    await put(app, 'mutuelle', 'Une mutuelle', 'Les mutualistes et leur caisse commune.');
    expect(slugs(await search('mutua')).sort()).toEqual(['mutualisation', 'mutuelle']);
    expect(slugs(await search('mutu')).sort()).toEqual(['mutualisation', 'mutuelle']);
    // A prefix of many words: every page with one of them, with another required word too.
    const words = [
      'vitrail',
      'vitrine',
      'vitrage',
      'vitrier',
      'vitriol',
      'vitrifier',
      'vitreux',
      'vitres',
      'vitraux',
      'vitrocéramique',
    ];
    for (const [i, w] of words.entries())
      await put(app, `vitr-${i}`, `Atelier ${i}`, `Un ${w} au marché couvert.`);
    expect((await search('vitr')).json.total).toBe(words.length);
    expect((await search('couvert vitr')).json.total).toBe(words.length);
    expect(slugs(await search('couvert vitrai'))).toContain('vitr-0');
  });
});

describe('search index build', () => {
  it('indexes pages written before the app existed (the seed)', async () => {
    const db = openDatabase(':memory:');
    savePage(db, new WikiServices(), {
      slug: 'avant',
      title: 'Écrite avant',
      markdown: 'Une tiers-lieu rural.',
      authorIds: [],
      origin: 'seed',
    });
    const { app } = createApp({ db });
    const res = await app.request('/api/search?q=rural');
    expect(res.status).toBe(200);
    expect(
      ((await res.json()) as { results: { slug: string }[] }).results.map((r) => r.slug),
    ).toEqual(['avant']);
  });
});

describe('saves inside a larger transaction', () => {
  it('are found once committed, and never when rolled back', async () => {
    const t = await testApp();
    const wiki = t.services.wiki;
    const find = async (q: string) => slugs(await t.request('GET', `/api/search?q=${q}`));
    t.db.transaction(() => {
      savePage(t.db, wiki, {
        slug: 'lot-1',
        title: 'Lot importé',
        markdown: 'Une friche industrielle.',
        authorIds: [],
        origin: 'import',
      });
    })();
    expect(await find('friche')).toEqual(['lot-1']);
    expect(() =>
      t.db.transaction(() => {
        savePage(t.db, wiki, {
          slug: 'lot-2',
          title: 'Lot annulé',
          markdown: 'Une péniche amarrée.',
          authorIds: [],
          origin: 'import',
        });
        savePage(t.db, wiki, {
          slug: 'lot-1',
          title: 'Lot importé',
          markdown: 'Une péniche aussi.',
          authorIds: [],
          origin: 'import',
        });
        throw new Error('import failed');
      })(),
    ).toThrow('import failed');
    expect(await find('peniche')).toEqual([]);
    expect(await find('friche')).toEqual(['lot-1']);
  });
});

describe('writes by another process', () => {
  it('are found at the next search (the CLI, an import), deletions too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-search-'));
    try {
      const file = join(dir, 'wiki.sqlite');
      const serverDb = openDatabase(file);
      const { app } = createApp({ db: serverDb });
      const find = async (q: string) =>
        (
          (await (await app.request(`/api/search?q=${encodeURIComponent(q)}`)).json()) as {
            results: { slug: string }[];
          }
        ).results.map((r) => r.slug);
      const cliDb = openDatabase(file);
      savePage(cliDb, new WikiServices(cliDb), {
        slug: 'importee',
        title: 'Page importée',
        markdown: 'Une recyclerie de quartier.',
        authorIds: [],
        origin: 'import',
      });
      expect(await find('recyclerie')).toEqual(['importee']);
      savePage(cliDb, new WikiServices(cliDb), {
        slug: 'importee',
        title: 'Page importée',
        markdown: 'Une conciergerie de quartier.',
        authorIds: [],
        origin: 'import',
      });
      expect(await find('recyclerie')).toEqual([]);
      expect(await find('conciergerie')).toEqual(['importee']);
      cliDb.prepare(`DELETE FROM pages WHERE slug = 'importee'`).run();
      expect(await find('conciergerie')).toEqual([]);
      cliDb.close();
      serverDb.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('typo tolerance', () => {
  it('follows writes: a misspelt word finds a page written after an earlier misspelt search, by this process or another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-search-'));
    try {
      const file = join(dir, 'wiki.sqlite');
      const serverDb = openDatabase(file);
      const { app } = createApp({ db: serverDb });
      const find = async (q: string) =>
        (
          (await (await app.request(`/api/search?q=${encodeURIComponent(q)}`)).json()) as {
            results: { slug: string }[];
          }
        ).results.map((r) => r.slug);
      savePage(serverDb, new WikiServices(serverDb), {
        slug: 'recyclerie',
        title: 'Recyclerie',
        markdown: 'Une recyclerie de quartier.',
        authorIds: [],
        origin: 'import',
      });
      expect(await find('recyclarie ')).toEqual(['recyclerie']);
      expect(await find('ressourcarie ')).toEqual([]);
      const cliDb = openDatabase(file);
      savePage(cliDb, new WikiServices(cliDb), {
        slug: 'ressourcerie',
        title: 'Page importée',
        markdown: 'Une ressourcerie solidaire.',
        authorIds: [],
        origin: 'import',
      });
      expect(await find('ressourcarie ')).toEqual(['ressourcerie']);
      savePage(serverDb, new WikiServices(serverDb), {
        slug: 'reemploi',
        title: 'Réemploi',
        markdown: 'Un atelier de rempaillage.',
        authorIds: [],
        origin: 'import',
      });
      expect(await find('rempoillage ')).toEqual(['reemploi']);
      cliDb.prepare(`DELETE FROM pages WHERE slug = 'recyclerie'`).run();
      expect(await find('recyclarie ')).toEqual([]);
      cliDb.close();
      serverDb.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('private wiki', () => {
  it('refuses anonymous searches with 401 and answers logged-in users', async () => {
    const app = await testApp({ publicRead: false });
    await put(app, 'secret', 'Secret', 'Contenu réservé aux membres.');
    const anon = await app.request('GET', '/api/search?q=membres');
    expect(anon.status).toBe(401);
    expect(anon.json.error.code).toBe('unauthenticated');
    const reader = await app.request('GET', '/api/search?q=membres', { as: 'reader' });
    expect(reader.status).toBe(200);
    expect(slugs(reader)).toEqual(['secret']);
  });
});

describe('queries matching most pages (ranked over a bounded set)', () => {
  // More pages than EXACT_LIMIT match: "tiers-lieu" is in every page, "atelier" in 45 % of them,
  // "ressourcerie" in one.
  const PAGE_COUNT = 2600;
  const db = openDatabase(':memory:');
  const insert = db.prepare(
    `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)`,
  );
  db.transaction(() => {
    for (let i = 0; i < PAGE_COUNT; i++) {
      const atelier = i % 20 < 9;
      insert.run({
        slug: `fiche-${i}`,
        title: `Fiche ${i}`,
        markdown: `Le tiers-lieu ouvre ses portes.${atelier ? ` Un atelier ${i % 3 ? 'par mois' : 'chaque semaine, atelier ouvert'}.` : ''} Fiche numéro ${i}.`,
      });
    }
    insert.run({
      slug: 'reseau-des-tiers-lieux',
      title: 'Réseau des tiers-lieux',
      markdown: 'Le tiers-lieu en réseau.',
    });
    insert.run({
      slug: 'atelier-velo',
      title: 'Atelier vélo',
      markdown: 'Le tiers-lieu répare les vélos : un atelier ouvert à tous, atelier du samedi.',
    });
    insert.run({
      slug: 'ressourcerie',
      title: 'Fiche ressourcerie',
      markdown: 'Le tiers-lieu a une ressourcerie et un atelier.',
    });
  })();
  const { app } = createApp({ db });
  const search = async (q: string) => {
    const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      total: number;
      results: { slug: string; score: number }[];
    };
  };

  it('ranks by the rarer words like bm25() over every match, and counts every match', async () => {
    const answer = await search('tiers-lieu atelier');
    expect(answer.total).toBeGreaterThan(EXACT_LIMIT);
    expect(answer.total).toBe(
      db.prepare(`SELECT count(*) FROM pages WHERE markdown LIKE '%atelier%'`).pluck().get(),
    );
    expect(answer.results[0].slug).toBe('atelier-velo');
    const exact = new WikiSearch(db, undefined, { exactLimit: Infinity }).search(
      'tiers-lieu atelier',
    );
    expect(answer.results.map((r) => r.slug)).toEqual(exact.results.map((r) => r.slug));
    expect(answer.results.map((r) => r.score)).toEqual(exact.results.map((r) => r.score));
    // A stop word being typed ("sa", a prefix of "samedi") is not part of the ranking either.
    const typing = await search('tiers-lieu atelier sa');
    const typingExact = new WikiSearch(db, undefined, { exactLimit: Infinity }).search(
      'tiers-lieu atelier sa',
    );
    expect(typing.total).toBe(answer.total);
    expect(typing.results.map((r) => [r.slug, r.score])).toEqual(
      typingExact.results.map((r) => [r.slug, r.score]),
    );
    expect((await search('tiers-lieu ressourcerie')).results.map((r) => r.slug)).toEqual([
      'ressourcerie',
    ]);
  });

  it('puts pages with the word in their title first when every page has it', async () => {
    const answer = await search('tiers-lieu');
    expect(answer.total).toBe(PAGE_COUNT + 3);
    expect(answer.results).toHaveLength(20);
    expect(answer.results[0].slug).toBe('reseau-des-tiers-lieux');
    for (const r of answer.results) expect(r.score).toBeGreaterThan(0);
    expect(new Set(answer.results.map((r) => r.slug)).size).toBe(20);
  });
});

describe('broad queries ranked by their rarest words first (bm25() bound)', () => {
  // 2200 pages: "atelier" in 1050 of them (under half: a rare phrase for the ranking), "compost"
  // in 40 others, so "compost atelier" matches more than EXACT_LIMIT pages and no page has both.
  const db = openDatabase(':memory:');
  const insert = db.prepare(
    `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)`,
  );
  db.transaction(() => {
    for (let i = 0; i < 2200; i++) {
      const words =
        i < 1050
          ? `Un atelier${i % 7 === 0 ? ', atelier ouvert' : ''} au jardin.`
          : i < 1090
            ? `Le compost du jardin.${' Retourner le compost.'.repeat(i % 4)}${'Long texte. '.repeat(i % 9)}`
            : 'Le jardin partagé.';
      insert.run({
        slug: `page-${i}`,
        title: i >= 1050 && i < 1090 && i % 3 === 0 ? `Compost ${i}` : `Page ${i}`,
        markdown: words,
      });
    }
  })();
  const { app } = createApp({ db });
  const exact = new WikiSearch(db, undefined, { exactLimit: Infinity });
  const search = async (q: string, limit: number) => {
    const res = await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`);
    expect(res.status).toBe(200);
    return (await res.json()) as WikiSearchAnswerJson;
  };
  type WikiSearchAnswerJson = ReturnType<WikiSearch['search']>;

  it('gives the answer of bm25() over every match, whatever the page size', async () => {
    for (const limit of [5, 20, 39, 40, 50]) {
      const answer = await search('compost atelier', limit);
      expect(answer.total).toBe(1090);
      expect(answer.total).toBeGreaterThan(EXACT_LIMIT);
      // Byte for byte: pages, order, scores, snippets, highlights.
      expect(JSON.stringify(answer)).toBe(JSON.stringify(exact.search('compost atelier', limit)));
      expect(answer.results[0].slug).toMatch(/^page-10[5-8]\d$/);
    }
  });

  it('finds a word misspelt in its second or third letter (one edit, without a scan of its letter)', async () => {
    for (const typo of [
      'cpmpost',
      'copmost',
      'cmopost',
      'cmpost',
      'coompost',
      'comppost',
      'cojpost',
    ]) {
      const answer = await search(`${typo} `, 5);
      expect(answer.total, typo).toBeGreaterThan(0);
      expect(answer.results[0].highlights.snippet.length, typo).toBeGreaterThan(0);
    }
  });
});
