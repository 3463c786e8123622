import { THEMES, type ThemeSlug } from '../themes.js';
import type { Person, Place, RegistrySnapshot, Resource } from '../types.js';
import { foldAccents, tokenize, tokenizeCased } from '../text/french.js';
import type { SwitchyardConfig } from './config.js';
import { FieldedIndex } from './fielded-index.js';
import { feedbackTerms } from './feedback.js';
import { compileExpression, isAcronymSpelling, wordAgrees, type Expression, type SurfaceEvidence } from './expressions.js';
import type { ClarifyQuestion, ThesaurusGroup } from './lexicon.js';
import { reason, type ReasonLang } from './reasons.js';
import { englishStem, guessLanguage, isEnglishStopWord, stemToken, textStems, Vocabulary } from './text.js';

/** A wiki page the switchyard can point to. */
export interface SwitchyardPage {
  slug: string;
  title: string;
  /** Plain text or markdown of the page. */
  text: string;
}

/** A past request with its outcome: what helped (or not) feeds back into ranking. */
export interface SwitchyardOutcome {
  problem: string;
  resource?: string | null;
  person?: string | null;
  helped: boolean;
}

/** Everything the switchyard matches against: the registry plus wiki pages and past outcomes. */
export interface SwitchyardCorpus extends RegistrySnapshot {
  pages?: SwitchyardPage[];
  outcomes?: SwitchyardOutcome[];
}

/** A problem submitted to the switchyard. */
export interface SwitchyardQuery {
  problem: string;
  /** Slug of the asking place (its own people are never proposed to it). */
  place?: string;
  /** Slug of the asking person (never proposed to themself). */
  person?: string;
  region?: string;
  lang?: ReasonLang;
  /** Answers to clarifying questions: question id → choice id (`theme` → a theme slug). */
  answers?: Record<string, string>;
}

/** One ranked proposal. */
export interface Proposal {
  slug: string;
  name: string;
  /** Relative score, 1 for the best proposal of its kind. */
  score: number;
  reasons: string[];
}

/** A resource proposal with what a card needs. */
export interface ResourceProposal extends Proposal {
  kind: string;
  summary: string;
  license?: string;
  themes: string[];
}

/** A person proposal with where they are. */
export interface PersonProposal extends Proposal {
  region?: string;
  place: { slug: string; name: string } | null;
  themes: string[];
}

/** A clarifying question as sent to the asker. */
export interface AskedQuestion {
  id: string;
  label: string;
  choices: { id: string; label: string }[];
}

/** The switchyard's answer. */
export interface SwitchyardAnswer {
  lang: ReasonLang;
  /** Detected themes, most likely first, with a confidence (shares summing to at most 1). */
  themes: { slug: ThemeSlug; label: string; confidence: number }[];
  /** Confidence of the top theme (0..1). */
  confidence: number;
  resources: ResourceProposal[];
  people: PersonProposal[];
  pages: { slug: string; title: string; score: number }[];
  questions: AskedQuestion[];
  /** The problem's words that were understood (after normalisation), for display and analytics. */
  understood: string[];
}

type Origin = 'original' | 'accentRestored' | 'typo' | 'prefix' | 'thesaurus' | 'english' | 'englishRaw' | 'answer';

/**
 * Registry stems close to `stem` by their beginning: they share all but at most two letters of
 * the shorter one (and at least `minPrefix` letters), and differ in length by at most 4:
 * accessibl ~ accessibil, reuni ~ reunion. Found by binary search in the sorted stem list.
 */
function prefixNeighbours(sorted: string[], stem: string, minPrefix: number): string[] {
  const out: string[] = [];
  const head = stem.slice(0, Math.max(minPrefix, stem.length - 2));
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < head) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo, seen = 0; i < sorted.length && sorted[i].startsWith(head) && seen < 60; i++, seen++) {
    const other = sorted[i];
    if (other === stem || Math.abs(other.length - stem.length) > 4) continue;
    let common = 0;
    while (common < other.length && common < stem.length && other[common] === stem[common]) common++;
    if (common >= Math.max(minPrefix, Math.min(other.length, stem.length) - 2)) out.push(other);
    if (out.length >= 8) break;
  }
  return out;
}
interface QueryTerm {
  weight: number;
  /** Words of the problem this stem comes from (for reasons). */
  words: Set<string>;
  origin: Origin;
  /** For a thesaurus suggestion: the expression it stands for (shown as "cotisation ≈ adhésion"). */
  via?: string;
}

interface CompiledGroup {
  expressions: Expression[];
  surfaces: string[];
}

/**
 * Per-snapshot precomputed indexes: built once, reused by every query, rebuilt when the
 * registry (or the thesaurus, or the outcomes) change.
 */
export interface SwitchyardIndex {
  config: SwitchyardConfig;
  resources: Resource[];
  people: Person[];
  places: Map<string, Place>;
  pages: SwitchyardPage[];
  resourceIndex: FieldedIndex<string>;
  personIndex: FieldedIndex<string>;
  pageIndex: FieldedIndex<string>;
  vocab: Vocabulary;
  /** resource index → referents (person index, expert). */
  referents: { person: number; isExpert: boolean }[][];
  /** resource index → place slugs using it. */
  users: string[][];
  /** resource index → region → number of places there using it. */
  usersByRegion: Map<string, number>[];
  /** person index → region (own, or their place's). */
  personRegion: (string | undefined)[];
  /** place slug → person indexes. */
  peopleAt: Map<string, number[]>;
  /** person index → resource indexes they are referent for, with expertise. */
  referentOf: { resource: number; isExpert: boolean }[][];
  /** resource/person index → number of resolved requests they helped. */
  resourceHelped: number[];
  personHelped: number[];
  /** Per resource, the problems of the requests that it did not help (empty index when none). */
  missedIndex: FieldedIndex<string>;
  /** Per theme: its label's words and its lexicon's expressions, as stems. */
  themeExpressions: Map<ThemeSlug, Expression[]>;
  /** Every stem of the indexed documents, sorted (for prefix matching). */
  sortedStems: string[];
  thesaurusByStem: Map<string, CompiledGroup[]>;
  englishGlossary: Map<string, string[]>;
  extraStopStems: Set<string>;
  resourceBySlug: Map<string, number>;
  builtAt: number;
}

const THEME_LABEL = new Map<string, { fr: string; en: string }>(THEMES.map((t) => [t.slug, { fr: t.fr, en: t.en }]));
const themeLabel = (slug: string, lang: ReasonLang) => THEME_LABEL.get(slug)?.[lang] ?? slug;
/** Fields a registry may add to a resource beyond the bundle (read when present). */
type ResourceExtras = Resource & { wikiPage?: string | null; challenge?: string; licenseFlag?: string };
const isProprietary = (r: ResourceExtras) => r.licenseFlag === 'proprietary' || (r.license ?? '').toLowerCase() === 'proprietary';


/**
 * Builds the switchyard indexes for a registry snapshot.
 * @param corpus the registry (plus optional wiki pages and past outcomes).
 * @param config ranking weights and vocabulary (thesaurus may be the facilitators' edited one).
 */
export function buildSwitchyardIndex(corpus: SwitchyardCorpus, config: SwitchyardConfig): SwitchyardIndex {
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
  const referentSkills: string[][] = resources.map(() => []);
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
    const person = people[p];
    referentSkills[r].push(...(person.skills ?? []), person.bio ?? '');
  }
  const users: string[][] = resources.map(() => []);
  const usageNotes: string[][] = resources.map(() => []);
  for (const u of corpus.usages) {
    const r = resourceBySlug.get(u.resource);
    if (r === undefined) continue;
    if (u.status !== 'stopped') users[r].push(u.place);
    if (u.note && u.status !== 'stopped') usageNotes[r].push(u.note);
  }
  const usersByRegion = users.map((list) => {
    const m = new Map<string, number>();
    for (const slug of list) {
      const region = places.get(slug)?.region;
      if (region) m.set(region, (m.get(region) ?? 0) + 1);
    }
    return m;
  });
  const personRegion = people.map((p) => p.region ?? (p.place ? places.get(p.place)?.region : undefined));
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

  const themeText = (themes: readonly string[] | undefined) => (themes ?? []).map((t) => `${themeLabel(t, 'fr')} ${themeLabel(t, 'en')}`).join(' ');
  const { k1, b } = config.bm25;
  const resourceIndex = new FieldedIndex<string>(
    resources.map((r, i) => {
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
        referentSkills: referentSkills[i],
        wiki: wiki ? `${wiki.title}\n${wiki.text}` : '',
        outcomes: resourceOutcomes[i],
      };
    }),
    config.resourceFields,
    k1,
    b,
    true,
  );
  const personIndex = new FieldedIndex<string>(
    people.map((p, i) => ({
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
  const pageIndex = new FieldedIndex<string>(
    pages.map((p) => ({ title: p.title, text: p.text })),
    { title: config.pages.title, text: config.pages.text },
    k1,
    b,
  );

  const vocab = new Vocabulary(config.typos.minLength);
  for (const r of resources) vocab.add([r.name, r.summary, r.description ?? '', ...(r.features ?? []), ...(r.keywords ?? [])].join(' '));
  for (const p of people) vocab.add([...(p.skills ?? []), p.bio ?? ''].join(' '));
  for (const u of corpus.usages) if (u.note) vocab.add(u.note);
  for (const r of corpus.referents) if (r.note) vocab.add(r.note);
  for (const p of pages) vocab.add(`${p.title} ${p.text.slice(0, 5000)}`);
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
    const lexicon = (config.themeLexicon[t.slug] ?? []).map((e) => compileExpression(e, fillerStems));
    themeExpressions.set(t.slug, [...label, ...lexicon].filter((e): e is Expression => e !== null));
  }
  const sortedStems = [...new Set([...resourceIndex.stems(), ...personIndex.stems()])].sort();

  return {
    config,
    resources,
    people,
    places,
    pages,
    resourceIndex,
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
    missedIndex: new FieldedIndex<string>(
      resourceMissed.some((m) => m.length) ? resourceMissed.map((m) => ({ missed: m })) : [],
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
  };
}

function compileThesaurus(groups: ThesaurusGroup[], filler: Set<string>): Map<string, CompiledGroup[]> {
  const byStem = new Map<string, CompiledGroup[]>();
  for (const g of groups) {
    const pairs = g.terms.map((t) => [compileExpression(t, filler), t] as const).filter((p): p is [Expression, string] => p[0] !== null);
    const compiled: CompiledGroup = { expressions: pairs.map(([e]) => e), surfaces: pairs.map(([, t]) => t) };
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

function addTerm(terms: Map<string, QueryTerm>, stem: string, weight: number, word: string, origin: Origin) {
  const t = terms.get(stem);
  if (!t) terms.set(stem, { weight, words: new Set(word ? [word] : []), origin });
  else {
    if (weight > t.weight) {
      t.weight = weight;
      t.origin = origin;
    }
    if (word && (origin !== 'thesaurus' || t.words.size === 0)) t.words.add(word);
  }
}

/** Analyses a French word of the problem: accents restored from the registry, typos corrected. `shown` is the word as reasons show it. */
function analyseFrenchWord(ix: SwitchyardIndex, word: string, baseWeight: number, origin: Origin, terms: Map<string, QueryTerm>, shown = word) {
  const w = ix.config.termWeights;
  const direct = stemToken(word);
  if (direct === null) return;
  const folded = foldAccents(word);
  const restored = ix.vocab.restore(word);
  if (restored && restored !== word) {
    const s = stemToken(restored);
    if (s) addTerm(terms, s, baseWeight * w.accentRestored, shown, origin);
    if (s !== direct && ix.resourceIndex.has(direct)) addTerm(terms, direct, baseWeight, shown, origin);
    return;
  }
  if (ix.vocab.has(folded) || ix.resourceIndex.has(direct) || ix.personIndex.has(direct)) {
    addTerm(terms, direct, baseWeight, shown, origin);
    return;
  }
  const corrected = ix.vocab.correct(word);
  if (corrected) {
    const s = stemToken(corrected);
    if (s) addTerm(terms, s, baseWeight * w.typo, shown, 'typo');
    return;
  }
  addTerm(terms, direct, baseWeight, shown, origin);
}

/** Turns a problem (and answers) into weighted stems: language, accents, typos, English, thesaurus. */
function analyseProblem(ix: SwitchyardIndex, problem: string, lang: 'fr' | 'en', extra: string[], capitals: Set<string>): Map<string, QueryTerm> {
  const w = ix.config.termWeights;
  const terms = new Map<string, QueryTerm>();
  for (const cased of tokenizeCased(problem)) {
    const word = cased.toLowerCase();
    // "ca" in lower case is "ça" typed without its cedilla (a stop word), not the acronym CA.
    if (word === 'ca' && !isAcronymSpelling(cased)) continue;
    if (ix.extraStopStems.has(stemToken(word) ?? '')) continue;
    if (lang === 'en') {
      if (isEnglishStopWord(word)) continue;
      const fr = ix.englishGlossary.get(englishStem(word));
      if (fr) for (const expr of fr) for (const fw of tokenize(expr)) analyseFrenchWord(ix, fw, w.english, 'english', terms);
      analyseFrenchWord(ix, word, fr ? w.englishRaw : w.original, fr ? 'englishRaw' : 'original', terms);
    } else {
      // An acronym keeps its capitals in the reasons ("CA ≈ gouvernance").
      analyseFrenchWord(ix, word, w.original, 'original', terms, isAcronymSpelling(cased) ? cased : word);
    }
  }
  for (const text of extra) for (const word of tokenizeCased(text)) analyseFrenchWord(ix, word.toLowerCase(), w.answer, 'answer', terms);
  for (const s of ix.extraStopStems) terms.delete(s);

  // Morphology the stemmer misses (accessible / accessibilité, coordonner / coordination): a
  // problem stem that begins a registry stem, or that a registry stem begins, also matches it.
  const prefixed: [string, number, string][] = [];
  for (const [stem, t] of terms) {
    if (stem.length < ix.config.prefix.minLength) continue;
    for (const other of prefixNeighbours(ix.sortedStems, stem, ix.config.prefix.minLength)) if (!terms.has(other)) prefixed.push([other, t.weight * w.prefix, [...t.words][0] ?? '']);
  }
  for (const [s, weight, word] of prefixed) addTerm(terms, s, weight, word, 'prefix');

  // Thesaurus: an expression fully present suggests the other expressions of its group. The
  // weight a source word lends is shared among its suggestions, so a word with a large group
  // does not outweigh the problem's own words.
  const present = new Set(terms.keys());
  const expansions: [string, number, string, string][] = [];
  for (const stem of present) {
    for (const g of ix.thesaurusByStem.get(stem) ?? []) {
      const hit = g.expressions.some((e) => e.stems[0] === stem && expressionPresent(e, terms, capitals));
      if (!hit) continue;
      const source = terms.get(stem)!;
      const word = [...source.words][0] ?? '';
      const fresh: [string, string][] = [];
      g.expressions.forEach((e, k) => {
        for (const s of e.stems) if (!present.has(s)) fresh.push([s, g.surfaces[k]]);
      });
      const share = (w.thesaurus * Math.min(1, source.weight)) / Math.sqrt(Math.max(1, fresh.length / 2));
      for (const [s, surface] of fresh) expansions.push([s, share, word, surface]);
    }
  }
  for (const [s, weight, word, surface] of expansions) {
    addTerm(terms, s, weight, word, 'thesaurus');
    const t = terms.get(s)!;
    if (t.origin === 'thesaurus' && !t.via) t.via = surface;
  }
  return terms;
}

/** The surface evidence of an analysed term (see expressions.ts). */
const evidenceOf = (t: QueryTerm): SurfaceEvidence => ({ words: t.words, literal: t.origin === 'original' || t.origin === 'accentRestored' || t.origin === 'prefix' });

/** Whether every word of a vocabulary expression is in the problem, as that word (not a false friend). */
function expressionPresent(e: Expression, terms: Map<string, QueryTerm>, capitals: Set<string>): boolean {
  return e.stems.every((s, k) => {
    const t = terms.get(s);
    return t !== undefined && wordAgrees(e, k, evidenceOf(t), capitals);
  });
}

function detectThemes(ix: SwitchyardIndex, terms: Map<string, QueryTerm>, capitals: Set<string>): Map<ThemeSlug, number> {
  const raw = new Map<ThemeSlug, number>();
  for (const [slug, expressions] of ix.themeExpressions) {
    // Each stem of the problem counts once per theme, through the expressions it completes.
    const used = new Set<string>();
    for (const e of expressions) {
      if (!expressionPresent(e, terms, capitals)) continue;
      for (const st of e.stems) used.add(st);
    }
    let s = 0;
    for (const st of used) s += terms.get(st)!.weight;
    if (s > 0) raw.set(slug, s);
  }
  return raw;
}

const normalise = (m: Map<ThemeSlug, number>) => {
  let total = 0;
  for (const v of m.values()) total += v;
  const out = new Map<ThemeSlug, number>();
  if (total > 0) for (const [k, v] of m) out.set(k, v / total);
  return out;
};

/** The k-th largest positive value of an array (0 when there are fewer), by quickselect. */
function kthLargest(values: Float64Array, k: number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) n++;
  if (n <= k) return 0;
  const a = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) a[j++] = values[i];
  // Select the element that would sit at index k − 1 in descending order.
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let r = hi;
    while (i <= r) {
      while (a[i] > pivot) i++;
      while (a[r] < pivot) r--;
      if (i <= r) {
        const tmp = a[i];
        a[i] = a[r];
        a[r] = tmp;
        i++;
        r--;
      }
    }
    if (target <= r) hi = r;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target];
}

/** Great-circle distance in km between two places, or undefined when a position is missing. */
function distanceKm(a: Place | undefined, b: Place | undefined): number | undefined {
  if (!a || !b || a.lat === undefined || a.lon === undefined || b.lat === undefined || b.lon === undefined) return undefined;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Answers a problem: themes, ranked resources and people with reasons, related wiki pages,
 * and clarifying questions when the themes are uncertain. Never throws on any text.
 */
export function matchProblem(ix: SwitchyardIndex, query: SwitchyardQuery): SwitchyardAnswer {
  const cfg = ix.config;
  // The problem's language; reasons follow the asker's language, else the problem's.
  const textLang = query.lang === 'en' ? 'en' : guessLanguage(query.problem);
  const lang: ReasonLang = query.lang ?? textLang;
  const answers = query.answers ?? {};
  const askingPlace = query.place ? ix.places.get(query.place) : undefined;
  const region = query.region ?? askingPlace?.region;
  const circles = new Set(askingPlace?.networks ?? []);

  // Answers to clarifying questions: a chosen theme, and the words of chosen refinements.
  const answeredTheme = answers.theme && THEME_LABEL.has(answers.theme) ? (answers.theme as ThemeSlug) : undefined;
  const extraTexts: string[] = [];
  for (const q of cfg.clarifyTree) {
    const choice = answers[q.id];
    const c = choice ? q.choices.find((x) => x.id === choice) : undefined;
    if (c) extraTexts.push(c.terms);
  }

  // The problem's words written in capitals: only they can be acronyms of the vocabulary.
  const capitals = new Set(tokenizeCased(query.problem).filter(isAcronymSpelling).map((w) => w.toLowerCase()));
  const terms = analyseProblem(ix, query.problem, textLang, extraTexts, capitals);
  const weights = new Map<string, number>();
  for (const [s, t] of terms) weights.set(s, t.weight);

  const lexThemes = normalise(detectThemes(ix, terms, capitals));
  if (answeredTheme) {
    for (const k of lexThemes.keys()) lexThemes.set(k, (lexThemes.get(k) ?? 0) * cfg.themes.answeredDamping);
    lexThemes.set(answeredTheme, (lexThemes.get(answeredTheme) ?? 0) + 1);
  }

  // --- resources
  const rr = cfg.resourceRank;
  const rankResources = (queryWeights: Map<string, number>) => {
    const text = ix.resourceIndex.score(queryWeights);
    const missed = ix.missedIndex.size ? ix.missedIndex.score(queryWeights) : null;
    let bestText = 0;
    for (let i = 0; i < text.length; i++) if (text[i] > bestText) bestText = text[i];
    const scored: { i: number; s: number }[] = [];
    // Priors and theme agreement only reorder the best text matches: on a large registry the
    // long tail of weak matches is not worth scoring in full.
    const floor = kthLargest(text, rr.candidates);
    for (let i = 0; i < text.length; i++) {
      if (text[i] <= 0 || text[i] < floor) continue;
      const r = ix.resources[i];
      let agree = 0;
      for (const t of r.themes) agree = Math.max(agree, lexThemes.get(t) ?? 0);
      let s = text[i] * (1 + rr.themeBoost * agree);
      if (answeredTheme && r.themes.includes(answeredTheme)) s *= 1 + rr.answeredTheme;
      const places = ix.users[i];
      const nearby = region ? (ix.usersByRegion[i].get(region) ?? 0) : 0;
      let prior =
        rr.usage * Math.log1p(places.length) +
        rr.usageNearby * Math.log1p(nearby) +
        rr.outcome * Math.log1p(ix.resourceHelped[i]);
      if (r.qualification === 'qualified') prior += rr.qualified;
      s += bestText * prior * Math.min(1, text[i] / bestText + 0.2);
      if (r.status === 'archived') s *= rr.archived;
      if (r.developmentStatus === 'obsolete') s *= rr.obsolete;
      if (isProprietary(r)) s *= rr.proprietary;
      // Requests like this one that it did not help: down by up to half, as close as they are.
      if (missed && missed[i] > 0) s *= 1 - Math.min(0.5, (rr.outcomeMissed * missed[i]) / bestText);
      scored.push({ i, s });
    }
    scored.sort((a, b) => b.s - a.s);
    // Never an archived resource first: the best non-archived one leads when there is one.
    if (scored.length > 1 && ix.resources[scored[0].i].status === 'archived') {
      const k = scored.findIndex((x) => ix.resources[x.i].status !== 'archived');
      if (k > 0) scored.unshift(...scored.splice(k, 1));
    }
    const top = scored[0]?.s ?? 0;
    return { top, ranked: scored.filter((x) => x.s >= top * rr.minRelative) };
  };
  let { top: topScore, ranked } = rankResources(weights);
  // Query expansion from the registry's own words (feedback.ts), then a second, final ranking.
  const fb = cfg.feedback;
  const expansion = feedbackTerms(ix.resourceIndex, ranked.map((x) => ({ i: x.i, rel: x.s / topScore })), new Set(weights.keys()), fb);
  const expanded = new Map(weights);
  for (const [stem, v] of expansion) expanded.set(stem, v);
  if (expansion.size && fb.resourceRerank) ({ top: topScore, ranked } = rankResources(expanded));

  // --- themes: lexicon evidence plus the themes of the best resources
  const themeScores = new Map<ThemeSlug, number>();
  for (const [k, v] of lexThemes) themeScores.set(k, v);
  const topForThemes = ranked.slice(0, cfg.themes.resources);
  for (const { i, s } of topForThemes) {
    const r = ix.resources[i];
    for (const t of r.themes) themeScores.set(t, (themeScores.get(t) ?? 0) + (cfg.themes.fromResources * (s / topScore)) / r.themes.length / topForThemes.length);
  }
  const themeDist = [...normalise(themeScores)].sort((a, b) => b[1] - a[1]);
  const confidence = answeredTheme ? 1 : (themeDist[0]?.[1] ?? 0);

  const resources: ResourceProposal[] = ranked.slice(0, cfg.limits.resources).map(({ i, s }) => {
    const r = ix.resources[i];
    const reasons: string[] = [];
    // The problem's own words that matched, most specific first; thesaurus links only when few did.
    const direct = [...terms]
      .filter(([stem, t]) => t.origin !== 'thesaurus' && ix.resourceIndex.contains(stem, i))
      .sort((x, y) => ix.resourceIndex.idfOf(y[0]) - ix.resourceIndex.idfOf(x[0]));
    const words = new Set<string>();
    for (const [, t] of direct) for (const w of t.words) if (words.size < 5) words.add(w);
    if (words.size < 3) {
      for (const [stem, t] of terms) {
        if (t.origin === 'thesaurus' && words.size < 4 && ix.resourceIndex.contains(stem, i)) words.add(`${[...t.words][0] ?? ''} ≈ ${t.via ?? stem}`);
      }
    }
    if (words.size) reasons.push(reason(lang, 'words', { words: [...words].join(', ') }));
    const places = ix.users[i];
    const nearby = region ? (ix.usersByRegion[i].get(region) ?? 0) : 0;
    if (nearby > 0) reasons.push(reason(lang, 'usedRegion', { n: nearby, region: region! }));
    else if (places.length > 0) reasons.push(reason(lang, 'usedNetwork', { n: places.length }));
    if (r.qualification === 'qualified') reasons.push(reason(lang, 'qualified'));
    if (ix.resourceHelped[i] > 0) reasons.push(reason(lang, 'helped', { n: ix.resourceHelped[i] }));
    const mainTheme = r.themes.find((t) => themeDist.slice(0, 3).some(([k]) => k === t));
    if (mainTheme) reasons.push(reason(lang, 'theme', { theme: themeLabel(mainTheme, lang) }));
    if (isProprietary(r)) reasons.push(reason(lang, 'proprietary'));
    if (r.status === 'archived') reasons.push(reason(lang, 'archived'));
    if (r.developmentStatus === 'obsolete') reasons.push(reason(lang, 'obsolete'));
    return { slug: r.slug, name: r.name, score: round(s / topScore), reasons, kind: r.kind, summary: r.summary, license: r.license, themes: [...r.themes] };
  });

  // --- people: graph links to the best resources, own words, themes, proximity
  const pr = cfg.peopleRank;
  const personText = ix.personIndex.score(fb.people ? expanded : weights);
  let bestPersonText = 0;
  for (let p = 0; p < personText.length; p++) if (personText[p] > bestPersonText) bestPersonText = personText[p];
  const personScore = new Map<number, number>();
  // Why each person is linked, as lazy descriptors: only the proposed people get sentences.
  type Link = { kind: 'expertOf' | 'referentOf' | 'placeUses'; resource: number; place?: string };
  const personLinks = new Map<number, Link[]>();
  const link = (p: number, v: number, why: Link) => {
    personScore.set(p, (personScore.get(p) ?? 0) + v);
    const l = personLinks.get(p);
    if (l) l.push(why);
    else personLinks.set(p, [why]);
  };
  for (const { i, s } of ranked.slice(0, pr.topResources)) {
    const rel = s / topScore;
    for (const ref of ix.referents[i]) {
      link(ref.person, rel * (ref.isExpert ? pr.expertReferent : pr.referent), { kind: ref.isExpert ? 'expertOf' : 'referentOf', resource: i });
    }
    for (const placeSlug of ix.users[i]) {
      for (const p of ix.peopleAt.get(placeSlug) ?? []) link(p, rel * pr.placeUses, { kind: 'placeUses', resource: i, place: placeSlug });
    }
  }
  const linkReasons = (p: number): string[] => {
    const out: string[] = [];
    for (const l of personLinks.get(p) ?? []) {
      const resource = ix.resources[l.resource].name;
      const text =
        l.kind === 'placeUses'
          ? reason(lang, 'placeUses', { place: ix.places.get(l.place!)?.name ?? l.place!, resource })
          : reason(lang, l.kind, { resource });
      if (!out.includes(text)) out.push(text);
      if (out.length === 3) break;
    }
    return out;
  };
  if (bestPersonText > 0) {
    // Only the people whose own words match best compete on words (a large registry has
    // thousands of weak matches; scoring them all would cost more than it could change).
    const personFloor = kthLargest(personText, pr.textCandidates);
    for (let p = 0; p < personText.length; p++) {
      const v = personText[p];
      if (v > 0 && v >= personFloor) personScore.set(p, (personScore.get(p) ?? 0) + (pr.text * v) / bestPersonText);
    }
  }
  const themeShare = new Map(themeDist);
  const peopleRanked: { p: number; s: number }[] = [];
  for (const [p, base] of personScore) {
    const person = ix.people[p];
    if (!person.contactable) continue;
    if (query.place && person.place === query.place) continue;
    if (query.person && person.slug === query.person) continue;
    let themeFit = 0;
    for (const t of person.themes ?? []) themeFit = Math.max(themeFit, themeShare.get(t) ?? 0);
    let s = base + pr.themes * themeFit + pr.outcome * Math.log1p(ix.personHelped[p]);
    if (region && ix.personRegion[p] === region) s *= pr.sameRegion;
    const personPlace = person.place ? ix.places.get(person.place) : undefined;
    if (circles.size && personPlace?.networks?.some((n) => circles.has(n))) s *= pr.sameCircle;
    const km = distanceKm(askingPlace, personPlace);
    if (km !== undefined && km <= pr.nearKm) s *= pr.near;
    peopleRanked.push({ p, s });
  }
  peopleRanked.sort((a, b) => b.s - a.s);
  const topPerson = peopleRanked[0]?.s ?? 0;
  const peopleOut: PersonProposal[] = peopleRanked.slice(0, cfg.limits.people).map(({ p, s }) => {
    const person = ix.people[p];
    const reasons = linkReasons(p);
    const skills = (person.skills ?? []).filter((sk) => textStems(sk).some((st) => terms.has(st) && terms.get(st)!.origin !== 'thesaurus'));
    if (skills.length) reasons.push(reason(lang, 'skills', { skills: skills.slice(0, 3).join(', ') }));
    const personRegion = ix.personRegion[p];
    if (region && personRegion === region) reasons.push(reason(lang, 'sameRegion', { region }));
    const personPlace = person.place ? ix.places.get(person.place) : undefined;
    if (circles.size && personPlace?.networks?.some((n) => circles.has(n))) reasons.push(reason(lang, 'sameCircle'));
    const km = distanceKm(askingPlace, personPlace);
    if (km !== undefined && km <= pr.nearKm) reasons.push(reason(lang, 'near', { km: Math.max(1, Math.round(km)) }));
    if (ix.personHelped[p] > 0) reasons.push(reason(lang, 'helped', { n: ix.personHelped[p] }));
    if (reasons.length === 0) {
      const t = (person.themes ?? []).find((x) => themeShare.has(x));
      if (t) reasons.push(reason(lang, 'themesPerson', { theme: themeLabel(t, lang) }));
    }
    return {
      slug: person.slug,
      name: person.name,
      score: round(s / topPerson),
      reasons,
      region: personRegion,
      place: personPlace ? { slug: personPlace.slug, name: personPlace.name } : null,
      themes: [...(person.themes ?? [])],
    };
  });

  // --- wiki pages
  const pageScores = ix.pageIndex.size ? ix.pageIndex.score(weights) : new Float64Array(0);
  let bestPage = 0;
  for (const v of pageScores) if (v > bestPage) bestPage = v;
  const pagesOut = [...pageScores]
    .map((s, i) => ({ s, i }))
    .filter((x) => x.s > 0 && x.s >= bestPage * cfg.pages.minRelative)
    .sort((a, b) => b.s - a.s)
    .slice(0, cfg.limits.pages)
    .map(({ s, i }) => ({ slug: ix.pages[i].slug, title: ix.pages[i].title, score: round(s / bestPage) }));

  // --- clarifying questions when unsure
  const contentTerms = [...terms.values()].filter((t) => t.origin !== 'thesaurus').length;
  const questions: AskedQuestion[] = [];
  if (!answeredTheme && (confidence < cfg.clarify.minConfidence || contentTerms < cfg.clarify.minTerms || resources.length === 0)) {
    const choices = (themeDist.length ? themeDist.map(([k]) => k) : THEMES.map((t) => t.slug)).slice(0, cfg.clarify.maxThemeChoices);
    questions.push({
      id: 'theme',
      label: lang === 'en' ? 'What is your need mostly about?' : 'Votre besoin concerne surtout :',
      choices: choices.map((k) => ({ id: k, label: themeLabel(k, lang) })),
    });
  }
  const focus = answeredTheme ?? (confidence < cfg.clarify.minConfidence ? undefined : themeDist[0]?.[0]);
  if (focus && (answeredTheme || contentTerms < cfg.clarify.minTerms)) {
    const follow = cfg.clarifyTree.find((q: ClarifyQuestion) => q.theme === focus);
    if (follow && !answers[follow.id]) {
      questions.push({ id: follow.id, label: follow.label[lang], choices: follow.choices.map((c) => ({ id: c.id, label: c.label[lang] })) });
    }
  }

  const understood = [...new Set([...terms.values()].filter((t) => t.origin !== 'thesaurus').flatMap((t) => [...t.words]))];
  return {
    lang,
    themes: themeDist.slice(0, 5).map(([slug, c]) => ({ slug, label: themeLabel(slug, lang), confidence: round(c) })),
    confidence: round(confidence),
    resources,
    people: peopleOut,
    pages: pagesOut,
    questions: questions.slice(0, 2),
    understood,
  };
}
