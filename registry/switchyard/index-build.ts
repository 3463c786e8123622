import { hash as digest } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { THEMES, type ThemeSlug } from '../themes.js';
import type { SwitchyardConfig } from './config.js';
import { FieldedIndex, type TermIndex } from './fielded-index.js';
import type { DocSource, FtsBuildReport } from './fts-build.js';
import { FtsFieldedIndex } from './fts-index.js';
import { isThin, KIND_WORDS, kindText, lazy } from './index-documents.js';
import { compileGlossary, compileThemeExpressions, compileThesaurus } from './index-thesaurus.js';
import { buildVocabulary } from './index-vocabulary.js';
import { pageMentions } from './page-mentions.js';
import { themeLabel, type ResourceExtras } from './ranking-utils.js';
import { textStems } from './text.js';
import type { SwitchyardCorpus, SwitchyardIndex } from './types.js';

/*
 * buildSwitchyardIndex: a registry snapshot's indexes, what each document holds, and the tables
 * the matcher reads beside them (referents, users, regions, outcomes). Document helpers are in
 * index-documents.ts, wiki passages in page-mentions.ts, the typo vocabulary in
 * index-vocabulary.ts, the compiled thesaurus, glossary and theme expressions in index-thesaurus.ts.
 */

/** Where the switchyard's BM25F indexes live. */
export interface SwitchyardIndexOptions {
  /**
   * A connection whose temp schema holds the indexes as FTS5 tables (FtsFieldedIndex): the
   * scores are the in-memory index's (bench/switchyard-fts-parity.ts); without it, in memory.
   */
  ftsDb?: Database;
  /**
   * Keep the FTS5 tables in the database (main schema) from one build to the next: a build then
   * analyses only the documents that changed (FtsFieldedIndex). Temporary tables otherwise.
   */
  persistent?: boolean;
  /**
   * Persistent indexes only: per index name, the keys of the documents written to since the last
   * build (migrations/0022_switchyard_stale.sql): only those are looked at again. Undefined: every
   * document is hashed and compared with the stored one.
   */
  stale?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Hash every document anyway and report those that changed without being in `stale`. */
  verify?: boolean;
  /** How the caller made the texts it passes (e.g. wiki markdown to plain text): part of docVersion. */
  sourceVersion?: string;
}

/**
 * Bump when what goes into a document changes in this file, index-documents.ts or page-mentions.ts
 * (fields, their order, how they are made): stored indexes are then hashed in full at the next
 * build, stale set or not.
 */
const DOCS_VERSION = 1;

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Builds the switchyard indexes for a registry snapshot.
 * @param corpus the registry (plus optional wiki pages and past outcomes).
 * @param config ranking weights and vocabulary (thesaurus may be the facilitators' edited one).
 * @param options where the indexes live (in memory by default).
 */
export function buildSwitchyardIndex(
  corpus: SwitchyardCorpus,
  config: SwitchyardConfig,
  options: SwitchyardIndexOptions = {},
): SwitchyardIndex {
  const ftsIndexes: FtsFieldedIndex<string>[] = [];
  const buildReport: Record<string, FtsBuildReport> = {};
  // Everything besides the records that enters a document: a change hashes every document again.
  const docVersion = digest(
    'sha1',
    JSON.stringify([
      DOCS_VERSION,
      options.sourceVersion ?? '',
      KIND_WORDS,
      THEMES,
      config.themeLexicon,
    ]),
    'base64',
  );
  const staleOf = (name: string) =>
    options.stale ? (options.stale.get(name) ?? NO_KEYS) : undefined;
  /** The indexes queries read postings from (the vocabulary's only gives its counts). */
  const ranked: FtsFieldedIndex<string>[] = [];
  const makeIndex = (
    name: string,
    keys: readonly string[],
    docs: DocSource<string>,
    weights: Record<string, number>,
    k1: number,
    b: number,
    keepForward = false,
  ): TermIndex => {
    if (!options.ftsDb)
      return new FieldedIndex<string>(
        Array.from({ length: docs.length }, (_, i) => docs.get(i)),
        weights,
        k1,
        b,
        keepForward,
      );
    const ix = new FtsFieldedIndex<string>(options.ftsDb, docs, weights, k1, b, {
      name: options.persistent ? name : undefined,
      keys,
      docVersion,
      stale: staleOf(name),
      verify: options.verify,
    });
    buildReport[name] = ix.report;
    ftsIndexes.push(ix);
    ranked.push(ix);
    return ix;
  };
  const resources = corpus.resources;
  const people = corpus.people;
  const places = new Map(corpus.places.map((p) => [p.slug, p]));
  const pages = corpus.pages ?? [];
  const resourceBySlug = new Map(resources.map((r, i) => [r.slug, i]));
  const personBySlug = new Map(people.map((p, i) => [p.slug, i]));
  const pageBySlug = new Map(pages.map((p) => [p.slug, p]));

  const referents: { person: number; isExpert: boolean }[][] = resources.map(() => []);
  const referentOf: { resource: number; isExpert: boolean }[][] = people.map(() => []);
  const referentNotes: string[][] = resources.map(() => []);
  const personRefNotes: string[][] = people.map(() => []);
  for (const ref of corpus.referents) {
    const r = resourceBySlug.get(ref.resource);
    const p = personBySlug.get(ref.person);
    if (r === undefined || p === undefined) continue;
    referents[r].push({ person: p, isExpert: ref.isExpert });
    referentOf[p].push({ resource: r, isExpert: ref.isExpert });
    if (ref.note) {
      referentNotes[r].push(ref.note);
      personRefNotes[p].push(ref.note);
    }
  }
  const users: string[][] = resources.map(() => []);
  const usageNotes: string[][] = resources.map(() => []);
  for (const u of corpus.usages) {
    const r = resourceBySlug.get(u.resource);
    if (r === undefined) continue;
    if (u.status !== 'stopped') users[r].push(u.place);
    if (u.note && u.status !== 'stopped') usageNotes[r].push(u.note);
  }
  const mentions = pageMentions(resources, pages);
  const usersByRegion = users.map((list) => {
    const m = new Map<string, number>();
    for (const slug of list) {
      const region = places.get(slug)?.region;
      if (region) m.set(region, (m.get(region) ?? 0) + 1);
    }
    return m;
  });
  const personRegion = people.map(
    (p) => p.region ?? (p.place ? places.get(p.place)?.region : undefined),
  );
  const peopleAt = new Map<string, number[]>();
  people.forEach((p, i) => {
    if (!p.place) return;
    const list = peopleAt.get(p.place);
    if (list) list.push(i);
    else peopleAt.set(p.place, [i]);
  });

  const resourceHelped = resources.map(() => 0);
  const personHelped = people.map(() => 0);
  const resourceOutcomes: string[][] = resources.map(() => []);
  const personOutcomes: string[][] = people.map(() => []);
  const resourceMissed: string[][] = resources.map(() => []);
  for (const o of corpus.outcomes ?? []) {
    if (!o.helped) {
      // A resource named in a request that did not help is pushed down for problems like it.
      const missed = o.resource ? resourceBySlug.get(o.resource) : undefined;
      if (missed !== undefined) resourceMissed[missed].push(o.problem);
      continue;
    }
    const r = o.resource ? resourceBySlug.get(o.resource) : undefined;
    if (r !== undefined) {
      resourceHelped[r]++;
      resourceOutcomes[r].push(o.problem);
    }
    const p = o.person ? personBySlug.get(o.person) : undefined;
    if (p !== undefined) {
      personHelped[p]++;
      personOutcomes[p].push(o.problem);
    }
  }

  const themeText = (themes: readonly string[] | undefined) =>
    (themes ?? []).map((t) => `${themeLabel(t, 'fr')} ${themeLabel(t, 'en')}`).join(' ');
  // A theme's vocabulary (its lexicon expressions): how problems of that theme are worded.
  const themeVocab = (themes: readonly string[]) =>
    themes.flatMap((t) => config.themeLexicon[t as ThemeSlug] ?? []);
  const { k1, b } = config.bm25;
  const resourceKeys = resources.map((r) => r.slug);
  const personKeys = people.map((p) => p.slug);
  const resourceIndex = makeIndex(
    'resources',
    resourceKeys,
    lazy(resources, (r, i) => {
      const extras = r as ResourceExtras;
      const wiki = extras.wikiPage ? pageBySlug.get(extras.wikiPage) : undefined;
      return {
        name: r.name,
        keywords: r.keywords ?? [],
        // The challenge ("défi") a resource answers is written like a problem: as telling as its summary.
        summary: [r.summary, extras.challenge ?? ''],
        features: r.features ?? [],
        description: r.description ?? '',
        themes: themeText(r.themes),
        usageNotes: usageNotes[i],
        referentNotes: referentNotes[i],
        // Its referents' skills and bio, in the order of the referent links.
        referentSkills: referents[i].flatMap(({ person }) => [
          ...(people[person].skills ?? []),
          people[person].bio ?? '',
        ]),
        wiki: wiki ? `${wiki.title}\n${wiki.text}` : '',
        outcomes: resourceOutcomes[i],
        // What every record has, however thin: its kind and whether its licence is open.
        kind: kindText(r),
      };
    }),
    config.resourceFields,
    k1,
    b,
    true,
  );
  // What surrounds a record, borrowed at low weights so that a thin record is still found by a
  // paraphrase: its themes' vocabulary and the wiki passages that name it (the skills of the
  // people of the places that use it were tried too: no gain on dev + train). A separate index, so a resource's own terms (docTerms: skill
  // links, query expansion) stay its own.
  const contextIndex = makeIndex(
    'context',
    resourceKeys,
    lazy(resources, (r, i) => ({
      // Only a thin record (no description, features nor keywords) borrows its themes' words:
      // a rich one has its own, and the borrowed ones only blur it (dev + train).
      themeVocab: isThin(r) ? themeVocab(r.themes) : [],
      pageMentions: mentions[i],
    })),
    config.contextFields,
    k1,
    b,
  );
  const personIndex = makeIndex(
    'people',
    personKeys,
    lazy(people, (p, i) => ({
      skills: p.skills ?? [],
      bio: p.bio ?? '',
      themes: themeText(p.themes),
      referentNotes: personRefNotes[i],
      outcomes: personOutcomes[i],
    })),
    config.personFields,
    k1,
    b,
  );
  const pageIndex = makeIndex(
    'pages',
    pages.map((p) => p.slug),
    lazy(pages, (p) => ({ title: p.title, text: p.text })),
    { title: config.pages.title, text: config.pages.text },
    k1,
    b,
  );

  const { vocab, words } = buildVocabulary(corpus, pages, config, options.ftsDb, {
    name: options.persistent ? 'words' : undefined,
    docVersion,
    stale: staleOf('words'),
    verify: options.verify,
  });
  if (words) {
    buildReport.words = words.report;
    ftsIndexes.push(words);
  }

  // Filler words never reach a query, so expressions are compiled without them.
  const fillerStems = new Set(textStems(config.fillerWords));
  const themeExpressions = compileThemeExpressions(config, fillerStems);
  const nextSession = new Map<string, string>();
  for (const a of corpus.availability ?? []) {
    const known = nextSession.get(a.person);
    if (!known || a.startsAt < known) nextSession.set(a.person, a.startsAt);
  }
  const personAvailable = people.map((p) => nextSession.get(p.slug));
  // Requests that did not help: none on most registries, and then no index of them.
  const anyMissed = resourceMissed.some((m) => m.length);
  const sortedStems = [...new Set([...resourceIndex.stems(), ...personIndex.stems()])].sort();

  const ix: SwitchyardIndex = {
    config,
    resources,
    people,
    places,
    pages,
    resourceIndex,
    contextIndex,
    personIndex,
    pageIndex,
    vocab,
    referents,
    users,
    usersByRegion,
    personRegion,
    peopleAt,
    referentOf,
    resourceHelped,
    personHelped,
    skillIndex: makeIndex(
      'skills',
      personKeys,
      lazy(people, (p) => ({ skills: p.skills ?? [] })),
      { skills: 1 },
      k1,
      b,
    ),
    skillHelpers: new Map(),
    personAvailable,
    missedIndex: makeIndex(
      'missed',
      anyMissed ? resourceKeys : [],
      lazy(anyMissed ? resourceMissed : [], (m) => ({ missed: m })),
      { missed: 1 },
      k1,
      b,
    ),
    themeExpressions,
    sortedStems,
    thesaurusByStem: compileThesaurus(config.thesaurus, fillerStems),
    englishGlossary: compileGlossary(config.englishGlossary),
    extraStopStems: fillerStems,
    resourceBySlug,
    builtAt: Date.now(),
    ...(options.ftsDb ? { buildReport } : {}),
    release: () => {
      for (const x of ftsIndexes) x.drop();
    },
    // Postings of frequent terms read ahead, index by index, about `budgetMs` per call.
    warm: (budgetMs: number) => {
      const until = performance.now() + budgetMs;
      for (const x of ranked) if (!x.warm(Math.max(0, until - performance.now()))) return false;
      return true;
    },
  };
  return ix;
}
