import type { ThemeSlug } from '../themes.js';
import type { Person, Place, RegistrySnapshot, Resource } from '../types.js';
import type { SwitchyardConfig } from './config.js';
import type { Expression } from './expressions.js';
import type { TermIndex } from './fielded-index.js';
import type { FtsBuildReport } from './fts-build.js';
import type { ReasonLang } from './reasons.js';
import type { Vocabulary } from './text.js';

/**
 * The switchyard's types: what it is asked, what it answers, and the per-snapshot indexes that
 * the index builder (index-build.ts) fills and the matcher (engine.ts and the rank-*.ts files) reads.
 */

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
  /** Upcoming permanence sessions with seats left: who is available, and from when. */
  availability?: SwitchyardAvailability[];
}

/** A person's next permanence session with seats left. */
export interface SwitchyardAvailability {
  /** Person slug (the session's expert). */
  person: string;
  /** Start of the next session (ISO instant). */
  startsAt: string;
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
  /**
   * Detected themes, most likely first, with a confidence (shares summing to at most 1) and a
   * calibrated probability (0..1, learnt on judged problems: shown as a percentage).
   */
  themes: { slug: ThemeSlug; label: string; confidence: number; probability: number }[];
  /** Confidence of the top theme (0..1). */
  confidence: number;
  resources: ResourceProposal[];
  people: PersonProposal[];
  pages: { slug: string; title: string; score: number }[];
  questions: AskedQuestion[];
  /** The problem's words that were understood (after normalisation), for display and analytics. */
  understood: string[];
}

/** Where a query term came from (its weight depends on it). */
export type Origin =
  | 'original'
  | 'accentRestored'
  | 'typo'
  | 'prefix'
  | 'thesaurus'
  | 'english'
  | 'englishRaw'
  | 'answer';

/** One weighted stem of the analysed problem. */
export interface QueryTerm {
  weight: number;
  /** Words of the problem this stem comes from (for reasons). */
  words: Set<string>;
  origin: Origin;
  /** For a thesaurus suggestion: the expression it stands for (shown as "cotisation ≈ adhésion"). */
  via?: string;
}

/** A thesaurus group compiled for matching. */
export interface CompiledGroup {
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
  resourceIndex: TermIndex;
  /** Each resource's context (a thin record's themes' vocabulary, wiki mentions). */
  contextIndex: TermIndex;
  personIndex: TermIndex;
  pageIndex: TermIndex;
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
  /** People's skills alone (what people whose skills describe a resource are found by). */
  skillIndex: TermIndex;
  /**
   * resource index → people whose skills describe it (similarity to the best of them, 0..1],
   * best first: filled on first use by rank-people.ts, kept for the life of the indexes.
   */
  skillHelpers: Map<number, { person: number; sim: number }[]>;
  /** person index → start of their next permanence session with seats left (ISO), if any. */
  personAvailable: (string | undefined)[];
  /** resource/person index → number of resolved requests they helped. */
  resourceHelped: number[];
  personHelped: number[];
  /** Per resource, the problems of the requests that it did not help (empty index when none). */
  missedIndex: TermIndex;
  /** Per theme: its label's words and its lexicon's expressions, as stems. */
  themeExpressions: Map<ThemeSlug, Expression[]>;
  /** Every stem of the indexed documents, sorted (for prefix matching). */
  sortedStems: string[];
  thesaurusByStem: Map<string, CompiledGroup[]>;
  englishGlossary: Map<string, string[]>;
  extraStopStems: Set<string>;
  resourceBySlug: Map<string, number>;
  builtAt: number;
  /** Frees what the indexes hold outside the heap (FTS5 tables), when replaced. */
  release?: () => void;
  /** Per FTS5 index (resources, context, people, …): what its build analysed, removed, hashed. */
  buildReport?: Record<string, FtsBuildReport>;
  /**
   * Reads ahead what first queries would otherwise read from the database (FTS5 store), for about
   * `budgetMs`; true when done. Absent for in-memory indexes.
   */
  warm?: (budgetMs: number) => boolean;
}
