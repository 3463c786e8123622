import { hash as digest } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { THEMES, type ThemeSlug } from '../themes.js';
import { tokenize, tokenizeCased } from '../text/french.js';
import type { SwitchyardConfig } from './config.js';
import { compileExpression, type Expression } from './expressions.js';
import { FieldedIndex, type TermIndex } from './fielded-index.js';
import { FtsFieldedIndex, type DocSource, type FtsBuildReport } from './fts-index.js';
import type { ThesaurusGroup } from './lexicon.js';
import { isProprietary, themeLabel, type ResourceExtras } from './ranking-utils.js';
import { englishStem, textStems, Vocabulary } from './text.js';
import type { CompiledGroup, SwitchyardCorpus, SwitchyardIndex, SwitchyardPage } from './types.js';

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
 * Bump when what goes into a document changes in this file (fields, their order, how they are
 * made): stored indexes are then hashed in full at the next build, stale set or not.
 */
const DOCS_VERSION = 1;

const NO_KEYS: ReadonlySet<string> = new Set();

/** `list`'s documents, made when asked for (an FTS5 build makes only those it looks at). */
const lazy = <T>(
  list: readonly T[],
  make: (x: T, i: number) => Partial<Record<string, string | string[]>>,
): DocSource<string> => ({ length: list.length, get: (i) => make(list[i], i) });

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

  const vocab = new Vocabulary(config.typos.minLength);
  // The registry's words, one text per record (notes grouped by resource): on FTS5, counted by the
  // index's vocabulary, so that a build analyses only the records that changed.
  // Each text is made when asked for (the FTS5 build asks only for those of stale records): the
  // parts of a key, joined by spaces.
  const vocabParts = new Map<string, (() => string)[]>();
  const addText = (key: string, text: () => string) => {
    const known = vocabParts.get(key);
    if (known) known.push(text);
    else vocabParts.set(key, [text]);
  };
  for (const r of resources)
    addText(`r:${r.slug}`, () =>
      [r.name, r.summary, r.description ?? '', ...(r.features ?? []), ...(r.keywords ?? [])].join(
        ' ',
      ),
    );
  for (const p of people)
    addText(`p:${p.slug}`, () => [...(p.skills ?? []), p.bio ?? ''].join(' '));
  for (const u of corpus.usages) if (u.note) addText(`u:${u.resource}`, () => u.note!);
  for (const r of corpus.referents) if (r.note) addText(`n:${r.resource}`, () => r.note!);
  for (const p of pages) addText(`w:${p.slug}`, () => `${p.title} ${p.text.slice(0, 5000)}`);
  const vocabKeys = [...vocabParts.keys()];
  const vocabText = (key: string) =>
    vocabParts
      .get(key)!
      .map((part) => part())
      .join(' ');
  if (options.ftsDb) {
    const words = new FtsFieldedIndex(
      options.ftsDb,
      lazy(vocabKeys, (key) => ({ words: vocabText(key) })),
      { words: 1 },
      k1,
      b,
      {
        name: options.persistent ? 'words' : undefined,
        keys: vocabKeys,
        analyse: tokenize,
        docVersion,
        stale: staleOf('words'),
        verify: options.verify,
      },
    );
    buildReport.words = words.report;
    ftsIndexes.push(words);
    for (const [w, n] of words.termCounts()) vocab.addCount(w, n);
  } else for (const key of vocabKeys) vocab.add(vocabText(key));
  for (const g of config.thesaurus) vocab.add(g.terms.join(' '));
  for (const words of Object.values(config.themeLexicon)) vocab.add(words.join(' '));
  for (const t of THEMES) vocab.add(t.fr);
  vocab.finish();

  // Filler words never reach a query, so expressions are compiled without them.
  const fillerStems = new Set(textStems(config.fillerWords));
  const themeExpressions = new Map<ThemeSlug, Expression[]>();
  for (const t of THEMES) {
    // Each word of the label is an expression of its own; lexicon entries are whole expressions.
    const label = tokenizeCased(t.fr).map((w) => compileExpression(w, new Set()));
    const lexicon = (config.themeLexicon[t.slug] ?? []).map((e) =>
      compileExpression(e, fillerStems),
    );
    themeExpressions.set(
      t.slug,
      [...label, ...lexicon].filter((e): e is Expression => e !== null),
    );
  }
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

function compileThesaurus(
  groups: ThesaurusGroup[],
  filler: Set<string>,
): Map<string, CompiledGroup[]> {
  const byStem = new Map<string, CompiledGroup[]>();
  for (const g of groups) {
    const pairs = g.terms
      .map((t) => [compileExpression(t, filler), t] as const)
      .filter((p): p is [Expression, string] => p[0] !== null);
    const compiled: CompiledGroup = {
      expressions: pairs.map(([e]) => e),
      surfaces: pairs.map(([, t]) => t),
    };
    const firsts = new Set(compiled.expressions.map((e) => e.stems[0]));
    for (const s of firsts) {
      const list = byStem.get(s);
      if (list) list.push(compiled);
      else byStem.set(s, [compiled]);
    }
  }
  return byStem;
}

function compileGlossary(glossary: Record<string, string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [en, fr] of Object.entries(glossary)) {
    const key = englishStem(en.toLowerCase());
    out.set(key, [...(out.get(key) ?? []), ...fr]);
  }
  return out;
}

/** Words for a resource's kind, in French and English (a thin record still has its kind). */
const KIND_WORDS: Record<string, string> = {
  software: 'logiciel outil application software tool',
  method: 'méthode démarche method',
  'legal-template': 'modèle juridique modèle de contrat template',
  training: 'formation training',
  guide: 'guide fiche pratique',
  dataset: 'données dataset',
  hardware: 'matériel hardware',
  service: 'service accompagnement',
};

function kindText(r: ResourceExtras): string {
  const open = !isProprietary(r) && r.license ? ' libre open source' : '';
  return `${KIND_WORDS[r.kind] ?? ''}${r.kind === 'software' ? open : ''}`;
}

/**
 * For each resource, the passages of wiki pages that name it (around the first mention of its
 * name, at most three pages): what a page says about a resource it mentions describes it too.
 * Pages are found through a word → pages map, so the cost grows with the pages a name's words
 * appear in, not with resources × pages.
 */
function pageMentions(
  resources: SwitchyardCorpus['resources'],
  pages: SwitchyardPage[],
): string[][] {
  const out: string[][] = resources.map(() => []);
  if (!pages.length) return out;
  const lowered = pages.map((p) => p.text.toLowerCase());
  const byWord = new Map<string, number[]>();
  lowered.forEach((text, k) => {
    for (const w of new Set(text.match(/[\p{L}\p{N}]{3,}/gu) ?? [])) {
      const list = byWord.get(w);
      if (list) list.push(k);
      else byWord.set(w, [k]);
    }
  });
  resources.forEach((r, i) => {
    const name = r.name.toLowerCase().trim();
    const words = name.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
    if (name.length < 4 || !words.length) return;
    // The name's rarest word narrows the pages; the whole name must then appear.
    let candidates: number[] | undefined;
    for (const w of words) {
      const list = byWord.get(w) ?? [];
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    for (const k of candidates ?? []) {
      const at = mentionAt(lowered[k], name);
      if (at < 0) continue;
      out[i].push(pages[k].text.slice(Math.max(0, at - 200), at + name.length + 300));
      if (out[i].length >= 3) break;
    }
  });
  return out;
}

/**
 * The slugs of the resources whose name `texts` (plain page texts) mention as pageMentions sees a
 * mention: the whole lower-cased name, as whole words. A page whose text changed feeds the context
 * documents of the resources named in its text before or after the change, and no other.
 */
export function resourcesMentioned(
  resources: SwitchyardCorpus['resources'],
  texts: readonly string[],
): Set<string> {
  const out = new Set<string>();
  const lowered = texts.map((t) => t.toLowerCase());
  const words = lowered.map((t) => new Set(t.match(/[\p{L}\p{N}]{3,}/gu) ?? []));
  for (const r of resources) {
    const name = r.name.toLowerCase().trim();
    const nameWords = name.match(/[\p{L}\p{N}]{3,}/gu) ?? [];
    if (name.length < 4 || !nameWords.length) continue;
    for (let k = 0; k < lowered.length; k++) {
      if (!nameWords.every((w) => words[k].has(w))) continue;
      if (mentionAt(lowered[k], name) >= 0) {
        out.add(r.slug);
        break;
      }
    }
  }
  return out;
}

/** A thin record: nothing beyond name, summary, themes, kind and licence to match on. */
function isThin(r: SwitchyardCorpus['resources'][number]): boolean {
  return !r.description?.trim() && !r.features?.length && !r.keywords?.length;
}

/** Where `name` first appears in `text` as whole words ("Grav" is not in "gravure"), or −1. */
function mentionAt(text: string, name: string): number {
  const letter = /[\p{L}\p{N}]/u;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text[at - 1] : ' ';
    const after = text[at + name.length] ?? ' ';
    if (!letter.test(before) && !letter.test(after)) return at;
  }
  return -1;
}
