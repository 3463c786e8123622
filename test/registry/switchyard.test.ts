import { describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHYARD_CONFIG, switchyardConfig } from '../../registry/switchyard/config.js';
import {
  buildSwitchyardIndex,
  matchProblem,
  type SwitchyardCorpus,
  type SwitchyardQuery,
} from '../../registry/switchyard/engine.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';

const registry = fixtureRegistry();
const index = buildSwitchyardIndex(registry, DEFAULT_SWITCHYARD_CONFIG);
const ask = (q: SwitchyardQuery | string, ix = index) =>
  matchProblem(ix, typeof q === 'string' ? { problem: q } : q);
const slugs = (xs: { slug: string }[]) => xs.map((x) => x.slug);

describe('switchyard matching: French text', () => {
  it('finds a resource whatever the accents and elisions', () => {
    for (const problem of [
      "l'adhesion et la comptabilite de l'asso",
      "L'ADHÉSION ET LA COMPTABILITÉ DE L'ASSO",
      'l’adhésion, la comptabilité d’une asso',
    ]) {
      expect(slugs(ask(problem).resources)[0], problem).toBe('gestasso');
    }
  });

  it('tolerates a typo', () => {
    expect(slugs(ask('notre comptabilitée et nos adhésoins').resources)[0]).toBe('gestasso');
  });

  it('matches word forms the stemmer keeps apart (accessibles / accessibilité)', () => {
    const corpus: SwitchyardCorpus = {
      resources: [
        {
          slug: 'recensement',
          name: 'Recensement',
          kind: 'dataset',
          summary: "Recenser l'accessibilité des lieux ouverts au public.",
          themes: ['inclusion'],
        },
      ],
      places: [],
      people: [],
      usages: [],
      referents: [],
    };
    // No thesaurus: only the morphology tolerance can link the two forms.
    const ix = buildSwitchyardIndex(corpus, switchyardConfig({ thesaurus: [] }));
    expect(slugs(ask('des locaux accessibles', ix).resources)).toEqual(['recensement']);
  });

  it('does not take a correct French word for a typo of a registry word', () => {
    const corpus: SwitchyardCorpus = {
      resources: [
        {
          slug: 'montage',
          name: 'Mont Aiguille',
          kind: 'guide',
          summary: 'On monte au mont Aiguille, on monte au mont Blanc.',
          themes: ['animation'],
        },
        {
          slug: 'accueil',
          name: 'Accueil',
          kind: 'guide',
          summary: 'Accueillir du public dans un tiers-lieu.',
          themes: ['inclusion'],
        },
      ],
      places: [],
      people: [],
      usages: [],
      referents: [],
    };
    const ix = buildSwitchyardIndex(corpus, switchyardConfig({ thesaurus: [] }));
    // "monde" is a word (one letter from the registry's "monte"/"mont", not a typo of it)…
    const answer = ask('accueillir tout le monde', ix);
    expect(slugs(answer.resources)).toEqual(['accueil']);
    // …while a misspelling still is corrected.
    expect(slugs(ask('le mont Aiguile', ix).resources)[0]).toBe('montage');
  });

  it('matches a plural in -os, -is or -us with its singular (vélos / vélo, wikis / wiki)', () => {
    const corpus: SwitchyardCorpus = {
      resources: [
        {
          slug: 'atelier-velo',
          name: 'Atelier vélo',
          kind: 'method',
          summary: 'Réparer son vélo ensemble.',
          themes: ['transition'],
        },
        {
          slug: 'wikis',
          name: 'Des wikis pour documenter',
          kind: 'software',
          summary: 'Comparatif de moteurs.',
          themes: ['documentation'],
        },
      ],
      places: [],
      people: [],
      usages: [],
      referents: [],
    };
    const ix = buildSwitchyardIndex(corpus, switchyardConfig({ thesaurus: [] }));
    expect(slugs(ask('des vélos abandonnés', ix).resources)).toEqual(['atelier-velo']);
    expect(slugs(ask('un wiki', ix).resources)).toEqual(['wikis']);
  });

  it('accepts any character without breaking', () => {
    for (const problem of [
      'compta: "adhésion" ^2 ~1 -bail +visio *',
      '🚀🚀 visioconférence 🎉',
      '((( ))) [[ ]] {{ }} \\ / ; \u0000',
      '',
      '   ',
      "'''",
      'a'.repeat(5000),
    ]) {
      const a = ask(problem);
      expect(Array.isArray(a.resources), problem.slice(0, 20)).toBe(true);
    }
    expect(slugs(ask('🚀🚀 visioconférence 🎉').resources)[0]).toBe('visiolibre');
  });

  it('asks a question when the problem says nothing', () => {
    const a = ask('bonjour, on a un souci');
    expect(a.resources).toEqual([]);
    expect(a.questions[0]?.id).toBe('theme');
    expect(a.questions[0].choices.length).toBeGreaterThan(1);
  });
});

describe('switchyard matching: thesaurus', () => {
  it('uses the champ lexical: "cotisations" finds a resource that only says "adhésions"', () => {
    // Gestasso speaks of adhésions, never of cotisations.
    const withThesaurus = ask('les cotisations');
    expect(slugs(withThesaurus.resources)).toContain('gestasso');
    expect(withThesaurus.resources.find((r) => r.slug === 'gestasso')!.reasons.join(' ')).toMatch(
      /≈/,
    );
    const without = ask(
      'les cotisations',
      buildSwitchyardIndex(registry, switchyardConfig({ thesaurus: [] })),
    );
    expect(slugs(without.resources)).not.toContain('gestasso');
  });

  it('an edited thesaurus changes the matches', () => {
    const edited = switchyardConfig({
      thesaurus: [
        ...DEFAULT_SWITCHYARD_CONFIG.thesaurus,
        { id: 'jargon', terms: ['zoomette', 'visioconférence'] },
      ],
    });
    expect(slugs(ask('une zoomette, vite').resources)).not.toContain('visiolibre');
    expect(
      slugs(ask('une zoomette, vite', buildSwitchyardIndex(registry, edited)).resources)[0],
    ).toBe('visiolibre');
  });
});

describe('switchyard matching: ranking', () => {
  it('never proposes an archived resource first', () => {
    // Vieilcompte repeats "comptabilité" three times but is archived.
    const a = ask('comptabilité associative en partie double');
    expect(a.resources[0].slug).not.toBe('vieilcompte');
    expect(slugs(a.resources)).toContain('vieilcompte');
  });

  it('ranks a proprietary resource after an identical open one, and says why', () => {
    const a = ask('service en ligne de comptabilité');
    const order = slugs(a.resources);
    expect(order.indexOf('comptalibre')).toBeLessThan(order.indexOf('comptapro'));
    expect(a.resources.find((r) => r.slug === 'comptapro')!.reasons.join(' ')).toMatch(
      /propriétaire/,
    );
  });

  it('explains proposals in French by default and in English on request', () => {
    const fr = ask({ problem: 'gérer les adhésions', region: 'Hauts-de-France' });
    const g = fr.resources.find((r) => r.slug === 'gestasso')!;
    expect(g.reasons).toContain('utilisé par 2 lieux en Hauts-de-France');
    expect(g.reasons.join(' ')).toMatch(/adhésions/);
    expect(fr.people[0].reasons).toContain('référent expert de Gestasso');
    const en = ask({ problem: 'gérer les adhésions', region: 'Hauts-de-France', lang: 'en' });
    expect(en.people[0].reasons).toContain('expert referent for Gestasso');
  });

  it('understands a problem written in English', () => {
    const a = ask(
      'We need a free tool to track membership fees and do the accounting of our nonprofit',
    );
    expect(a.resources[0].slug).toBe('gestasso');
    const b = ask('Any open source video conference tool for remote meetings?');
    expect(b.resources[0].slug).toBe('visiolibre');
    // No language given: the reasons follow the problem's language.
    expect(b.lang).toBe('en');
    expect(b.resources[0].reasons.join(' ')).toMatch(/matching words/);
    expect(ask('We need a free tool to track membership fees').people[0].reasons).toContain(
      'expert referent for Gestasso',
    );
  });

  it('past outcomes lift the resource that helped', () => {
    const base = ask('tableur des bénévoles');
    expect(slugs(base.resources)).not.toContain('gestasso');
    const corpus: SwitchyardCorpus = {
      ...registry,
      outcomes: [
        {
          problem: 'le tableur des bénévoles est ingérable',
          resource: 'gestasso',
          person: 'alice',
          helped: true,
        },
      ],
    };
    const after = ask(
      'tableur des bénévoles',
      buildSwitchyardIndex(corpus, DEFAULT_SWITCHYARD_CONFIG),
    );
    expect(after.resources[0].slug).toBe('gestasso');
    expect(after.resources[0].reasons.join(' ')).toMatch(/déjà aidé/);
  });
});

describe('switchyard matching: people', () => {
  it('puts the referent of the best resource before one linked weakly to several others', () => {
    const resource = (slug: string, summary: string) => ({
      slug,
      name: slug,
      kind: 'guide' as const,
      summary,
      themes: ['gestion' as const],
    });
    const person = (slug: string) => ({ slug, name: slug, contactable: true });
    const corpus: SwitchyardCorpus = {
      resources: [
        resource('caisse', 'Caisse et billetterie.'),
        resource('bar', 'Caisse du bar.'),
        resource('stock', 'Billetterie des concerts.'),
        resource('tarifs', 'Billetterie des spectacles.'),
      ],
      places: [],
      people: [person('specialiste'), person('generaliste')],
      usages: [],
      referents: [
        { resource: 'caisse', person: 'specialiste', isExpert: false },
        { resource: 'bar', person: 'generaliste', isExpert: false },
        { resource: 'stock', person: 'generaliste', isExpert: false },
        { resource: 'tarifs', person: 'generaliste', isExpert: false },
      ],
    };
    const problem = 'caisse et billetterie';
    const flat = buildSwitchyardIndex(
      corpus,
      switchyardConfig({ peopleRank: { linkSharpness: 1 } }),
    );
    const shipped = buildSwitchyardIndex(corpus, DEFAULT_SWITCHYARD_CONFIG);
    expect(ask(problem, flat).resources[0].slug).toBe('caisse');
    // Summed plainly, three weaker links outweigh the one to the best resource…
    expect(slugs(ask(problem, flat).people)[0]).toBe('generaliste');
    // …weighed by how close each resource comes to the best, they do not.
    expect(slugs(ask(problem, shipped).people)[0]).toBe('specialiste');
  });

  it('never proposes a person who is not contactable', () => {
    for (const problem of [
      'Gestasso',
      'comptabilité associative Gestasso adhésions',
      'développe Gestasso',
    ]) {
      expect(slugs(ask(problem).people)).not.toContain('carole');
    }
  });

  it("prefers people of the asker's region and circle", () => {
    const north = ask({ problem: 'gérer les adhésions', place: 'lieu-voisin' });
    expect(slugs(north.people)[0]).toBe('alice');
    expect(north.people[0].reasons).toContain('dans votre région (Hauts-de-France)');
    expect(north.people[0].reasons).toContain('même cercle que vous');
    expect(north.people[0].reasons).toContain('à 10 km de chez vous');
    const west = ask({ problem: 'gérer les adhésions', region: 'Bretagne' });
    expect(slugs(west.people)[0]).toBe('bruno');
  });

  it('a place never gets its own people', () => {
    const a = ask({ problem: 'gérer les adhésions', place: 'lieu-nord' });
    expect(slugs(a.people)).not.toContain('alice');
    expect(slugs(a.people)).toContain('bruno');
    const self = ask({ problem: 'gérer les adhésions', person: 'bruno' });
    expect(slugs(self.people)).not.toContain('bruno');
  });
});

describe('switchyard matching: clarifying questions', () => {
  it('refines the answer with the chosen theme and follow-up choice', () => {
    const vague = ask('un modèle');
    expect(vague.questions.map((q) => q.id)).toContain('theme');
    const themed = ask({ problem: 'un modèle', answers: { theme: 'juridique' } });
    expect(themed.themes[0].slug).toBe('juridique');
    expect(themed.questions[0]?.id).toBe('juridique.need');
    const choice = themed.questions[0].choices.find((c) => c.id === 'bail');
    expect(choice).toBeDefined();
    const refined = ask({
      problem: 'un modèle',
      answers: { theme: 'juridique', 'juridique.need': 'bail' },
    });
    expect(refined.resources[0].slug).toBe('bailtype');
    expect(refined.questions).toEqual([]);
  });
});
