import {
  CLARIFY_TREE,
  DEFAULT_THESAURUS,
  ENGLISH_GLOSSARY,
  FILLER_WORDS,
  THEME_LEXICON,
  type ClarifyQuestion,
  type ThesaurusGroup,
} from './lexicon.js';
import type { ThemeSlug } from '../themes.js';
import type { FeedbackConfig } from './feedback.js';
import { LEARNT_WEIGHTS } from './learnt-weights.js';

/**
 * Everything that tunes the switchyard lives here: field weights, query-expansion weights,
 * ranking priors, people-graph weights, thresholds, and the default vocabulary.
 * Handlers and the matcher read it; nothing else hard-codes a weight.
 */
export interface SwitchyardConfig {
  /** BM25 parameters. */
  bm25: { k1: number; b: number };
  /** Weight of each resource field in the BM25F pseudo-frequency. */
  resourceFields: Record<ResourceField, number>;
  /**
   * Weight of each field of a resource's context (its themes' vocabulary for a thin record, wiki
   * passages naming it); its score adds to the text score.
   */
  contextFields: Record<ContextField, number>;
  /** Weight of each person field. */
  personFields: Record<PersonField, number>;
  /** Weight of a query term by where it came from. */
  termWeights: {
    original: number;
    accentRestored: number;
    typo: number;
    prefix: number;
    thesaurus: number;
    english: number;
    englishRaw: number;
    answer: number;
  };
  /** Resource ranking beyond words. */
  resourceRank: {
    /** Multiplier of the text score by theme agreement: score × (1 + themeBoost × agreement). */
    themeBoost: number;
    /** Additive bonus for a qualified resource (× best text score). */
    qualified: number;
    /** Additive bonus per log(1 + places using it). */
    usage: number;
    /** Extra per log(1 + places using it in the asker's region). */
    usageNearby: number;
    /** Bonus per log(1 + requests it helped resolve with similar words). */
    outcome: number;
    /** Penalty for the requests it did not help: score × (1 − min(½, outcomeMissed × their text match ÷ best text match)). */
    outcomeMissed: number;
    /** Multipliers for statuses to push down. */
    archived: number;
    obsolete: number;
    proprietary: number;
    /** Boost of resources in a theme chosen by answering a clarifying question. */
    answeredTheme: number;
    /** Minimum score relative to the best one to be listed. */
    minRelative: number;
    /** How many best text matches are ranked in full (priors, themes). */
    candidates: number;
  };
  /** People ranking: graph links to the matched resources and to the detected themes. */
  peopleRank: {
    /** How many top resources feed people scores. */
    topResources: number;
    /** A link to a resource weighs (its score ÷ the best score) to this power. */
    linkSharpness: number;
    /** Share of a person's links beyond the strongest that counts (1: plain sum). */
    linkSpread: number;
    expertReferent: number;
    referent: number;
    placeUses: number;
    /** Weight of the person's own words (skills, bio, notes) matching the problem. */
    text: number;
    /** Weight of the person's themes agreeing with the detected themes. */
    themes: number;
    /** Multipliers for proximity. */
    sameRegion: number;
    sameCircle: number;
    /** Multiplier for a person whose place is within `nearKm` of the asking place. */
    near: number;
    nearKm: number;
    /** Bonus per request the person helped resolve. */
    outcome: number;
    /** How many people best matched by their own words compete. */
    textCandidates: number;
    /**
     * Weight of a person whose skills describe one of the best resources (the resource's most
     * telling words, with their thesaurus synonyms, matched against people's skills):
     * rel(resource) × similarity × skillLink.
     */
    skillLink: number;
    /** How many of a resource's most telling words are matched against skills. */
    skillTerms: number;
    /** How many people a resource links to at most. */
    skillHelpers: number;
    /** Least similarity to the resource's best-matching person for a skill link (0..1]. */
    skillMinSim: number;
    /** Multiplier of a skill link when the person shares no theme with the resource (1: off). */
    skillOffTheme: number;
    /** Multiplier for a person with a permanence session with seats left within `availableDays`. */
    available: number;
    availableDays: number;
  };
  /** Query expansion from the best first-pass resources' words (feedback.ts). */
  feedback: FeedbackConfig & {
    /** Rank resources again with the expanded query. */
    resourceRerank: boolean;
    /** Match people's own words with the expanded query. */
    people: boolean;
  };
  /** Theme detection: weight of the best resources' themes next to the problem's own words. */
  themes: {
    fromResources: number;
    resources: number;
    answeredDamping: number;
    /** Logistic calibration of a theme's share into a probability: σ(slope × share + intercept). */
    slope: number;
    intercept: number;
  };
  /** Related wiki pages: field weights and minimum score relative to the best page. */
  pages: { title: number; text: number; minRelative: number };
  /** When to ask clarifying questions. */
  clarify: { minConfidence: number; minTerms: number; maxThemeChoices: number };
  /** Typo tolerance: minimum word length for one edit. */
  typos: { minLength: number };
  /** Morphology tolerance: shortest stem matched by its beginning. */
  prefix: { minLength: number };
  /** How many results of each kind an answer carries. */
  limits: { resources: number; people: number; pages: number };
  thesaurus: ThesaurusGroup[];
  themeLexicon: Record<ThemeSlug, string[]>;
  englishGlossary: Record<string, string[]>;
  clarifyTree: ClarifyQuestion[];
  /** Words dropped from problems (space-separated). */
  fillerWords: string;
}

/** Fields of a resource document. */
export type ResourceField =
  | 'name'
  | 'keywords'
  | 'summary'
  | 'features'
  | 'description'
  | 'themes'
  | 'usageNotes'
  | 'referentNotes'
  | 'referentSkills'
  | 'wiki'
  | 'outcomes'
  | 'kind';

/** Fields of a resource's context document (what surrounds the record: index-build.ts). */
export type ContextField = 'themeVocab' | 'pageMentions';

/** Fields of a person document. */
export type PersonField = 'skills' | 'bio' | 'themes' | 'referentNotes' | 'outcomes';

/** Weight overrides: every weight group, each partly (what `bench:switchyard-tune` learns). */
export interface SwitchyardWeights {
  resourceFields?: Partial<SwitchyardConfig['resourceFields']>;
  contextFields?: Partial<SwitchyardConfig['contextFields']>;
  personFields?: Partial<SwitchyardConfig['personFields']>;
  termWeights?: Partial<SwitchyardConfig['termWeights']>;
  resourceRank?: Partial<SwitchyardConfig['resourceRank']>;
  peopleRank?: Partial<SwitchyardConfig['peopleRank']>;
  feedback?: Partial<SwitchyardConfig['feedback']>;
  themes?: Partial<SwitchyardConfig['themes']>;
}

/** The hand-set configuration, before the learnt weights (learnt-weights.ts) are applied. */
export const HAND_SET_SWITCHYARD_CONFIG: SwitchyardConfig = {
  bm25: { k1: 1.2, b: 0.5 },
  resourceFields: {
    name: 3,
    keywords: 2.5,
    summary: 2,
    features: 1.5,
    description: 1,
    themes: 0.3,
    usageNotes: 0.8,
    referentNotes: 0.8,
    referentSkills: 0.25,
    wiki: 0.6,
    outcomes: 1,
    kind: 0.3,
  },
  contextFields: { themeVocab: 0.3, pageMentions: 0.3 },
  personFields: { skills: 2, bio: 1, themes: 0.5, referentNotes: 1, outcomes: 1 },
  termWeights: {
    original: 1,
    accentRestored: 1,
    typo: 0.8,
    prefix: 0.6,
    thesaurus: 0.4,
    english: 0.9,
    englishRaw: 0.35,
    answer: 1,
  },
  resourceRank: {
    themeBoost: 0.5,
    qualified: 0.05,
    usage: 0.03,
    usageNearby: 0.03,
    outcome: 0.1,
    outcomeMissed: 1,
    archived: 0.3,
    obsolete: 0.6,
    proprietary: 0.8,
    answeredTheme: 0.6,
    minRelative: 0.1,
    candidates: 300,
  },
  peopleRank: {
    topResources: 8,
    linkSharpness: 1,
    linkSpread: 1,
    expertReferent: 1,
    referent: 0.6,
    placeUses: 0.4,
    text: 0.5,
    themes: 0.6,
    sameRegion: 1.2,
    sameCircle: 1.1,
    near: 1.1,
    nearKm: 60,
    outcome: 0.1,
    textCandidates: 300,
    skillLink: 0.5,
    skillTerms: 25,
    skillHelpers: 20,
    skillMinSim: 0.3,
    skillOffTheme: 1,
    available: 1.1,
    availableDays: 45,
  },
  // Learnt on the dev corpus (npm run bench:switchyard-tune), checked on the held-out one.
  feedback: {
    resources: 3,
    terms: 10,
    weight: 0.3,
    minShare: 0.34,
    resourceRerank: false,
    people: true,
  },
  themes: { fromResources: 0.8, resources: 5, answeredDamping: 0.3, slope: 6, intercept: -3 },
  pages: { title: 3, text: 1, minRelative: 0.3 },
  clarify: { minConfidence: 0.45, minTerms: 3, maxThemeChoices: 4 },
  typos: { minLength: 5 },
  prefix: { minLength: 5 },
  limits: { resources: 10, people: 5, pages: 3 },
  thesaurus: DEFAULT_THESAURUS,
  themeLexicon: THEME_LEXICON,
  englishGlossary: ENGLISH_GLOSSARY,
  clarifyTree: CLARIFY_TREE,
  fillerWords: FILLER_WORDS,
};

/**
 * `base` with some parts replaced (deep for the weight objects).
 * @param overrides whole parts (vocabulary…) or some weights of a group.
 */
export function mergeSwitchyardConfig(
  base: SwitchyardConfig,
  overrides: Omit<Partial<SwitchyardConfig>, keyof SwitchyardWeights> & SwitchyardWeights = {},
): SwitchyardConfig {
  return {
    ...base,
    ...overrides,
    bm25: { ...base.bm25, ...overrides.bm25 },
    resourceFields: { ...base.resourceFields, ...overrides.resourceFields },
    contextFields: { ...base.contextFields, ...overrides.contextFields },
    personFields: { ...base.personFields, ...overrides.personFields },
    termWeights: { ...base.termWeights, ...overrides.termWeights },
    resourceRank: { ...base.resourceRank, ...overrides.resourceRank },
    peopleRank: { ...base.peopleRank, ...overrides.peopleRank },
    clarify: { ...base.clarify, ...overrides.clarify },
    typos: { ...base.typos, ...overrides.typos },
    prefix: { ...base.prefix, ...overrides.prefix },
    themes: { ...base.themes, ...overrides.themes },
    feedback: { ...base.feedback, ...overrides.feedback },
    pages: { ...base.pages, ...overrides.pages },
    limits: { ...base.limits, ...overrides.limits },
  };
}

/** The shipped configuration: the hand-set one with the weights learnt on dev + train. */
export const DEFAULT_SWITCHYARD_CONFIG: SwitchyardConfig = mergeSwitchyardConfig(
  HAND_SET_SWITCHYARD_CONFIG,
  LEARNT_WEIGHTS,
);

/** The shipped configuration with some parts replaced (deep for the weight objects). */
export function switchyardConfig(
  overrides: Omit<Partial<SwitchyardConfig>, keyof SwitchyardWeights> & SwitchyardWeights = {},
): SwitchyardConfig {
  return mergeSwitchyardConfig(DEFAULT_SWITCHYARD_CONFIG, overrides);
}
