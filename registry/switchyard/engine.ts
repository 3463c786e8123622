import { THEMES, type ThemeSlug } from '../themes.js';
import { tokenizeCased } from '../text/french.js';
import { feedbackTerms } from './feedback.js';
import { isAcronymSpelling } from './expressions.js';
import type { ClarifyQuestion } from './lexicon.js';
import { analyseProblem, detectThemes } from './query-analysis.js';
import { rankPeople } from './rank-people.js';
import { rankResources, resourceProposals } from './rank-resources.js';
import { isThemeSlug, normalise, round, themeLabel, themeProbability } from './ranking-utils.js';
import type { ReasonLang } from './reasons.js';
import { guessLanguage } from './text.js';
import type { AskedQuestion, SwitchyardAnswer, SwitchyardIndex, SwitchyardQuery } from './types.js';

/**
 * The switchyard's matcher: analyses a problem (query-analysis.ts), ranks resources
 * (rank-resources.ts) and people (rank-people.ts) on indexes built once per registry snapshot
 * (index-build.ts), and adds detected themes, wiki pages and clarifying questions.
 */

export { buildSwitchyardIndex } from './index-build.js';
export type {
  AskedQuestion,
  PersonProposal,
  Proposal,
  ResourceProposal,
  SwitchyardAnswer,
  SwitchyardCorpus,
  SwitchyardIndex,
  SwitchyardOutcome,
  SwitchyardPage,
  SwitchyardQuery,
} from './types.js';

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
  const answeredTheme = answers.theme && isThemeSlug(answers.theme) ? answers.theme : undefined;
  const extraTexts: string[] = [];
  for (const q of cfg.clarifyTree) {
    const choice = answers[q.id];
    const c = choice ? q.choices.find((x) => x.id === choice) : undefined;
    if (c) extraTexts.push(c.terms);
  }

  // The problem's words written in capitals: only they can be acronyms of the vocabulary.
  const capitals = new Set(
    tokenizeCased(query.problem)
      .filter(isAcronymSpelling)
      .map((w) => w.toLowerCase()),
  );
  const terms = analyseProblem(ix, query.problem, textLang, extraTexts, capitals);
  const weights = new Map<string, number>();
  for (const [s, t] of terms) weights.set(s, t.weight);

  const lexThemes = normalise(detectThemes(ix, terms, capitals));
  if (answeredTheme) {
    for (const k of lexThemes.keys())
      lexThemes.set(k, (lexThemes.get(k) ?? 0) * cfg.themes.answeredDamping);
    lexThemes.set(answeredTheme, (lexThemes.get(answeredTheme) ?? 0) + 1);
  }

  // --- resources
  const rankCtx = { lexThemes, answeredTheme, region };
  let { top: topScore, ranked } = rankResources(ix, weights, rankCtx);
  // Query expansion from the registry's own words (feedback.ts), then a second, final ranking.
  const fb = cfg.feedback;
  const expansion = feedbackTerms(
    ix.resourceIndex,
    ranked.map((x) => ({ i: x.i, rel: x.s / topScore })),
    new Set(weights.keys()),
    fb,
  );
  const expanded = new Map(weights);
  for (const [stem, v] of expansion) expanded.set(stem, v);
  if (expansion.size && fb.resourceRerank)
    ({ top: topScore, ranked } = rankResources(ix, expanded, rankCtx));

  // --- themes: lexicon evidence plus the themes of the best resources
  const themeScores = new Map<ThemeSlug, number>();
  for (const [k, v] of lexThemes) themeScores.set(k, v);
  const topForThemes = ranked.slice(0, cfg.themes.resources);
  for (const { i, s } of topForThemes) {
    const r = ix.resources[i];
    for (const t of r.themes)
      themeScores.set(
        t,
        (themeScores.get(t) ?? 0) +
          (cfg.themes.fromResources * (s / topScore)) / r.themes.length / topForThemes.length,
      );
  }
  const themeDist = [...normalise(themeScores)].sort((a, b) => b[1] - a[1]);
  const confidence = answeredTheme ? 1 : (themeDist[0]?.[1] ?? 0);

  const resources = resourceProposals(ix, ranked, topScore, terms, themeDist, region, lang);

  // --- people: graph links to the best resources, own words, themes, proximity
  const peopleOut = rankPeople(ix, {
    query,
    ranked,
    topScore,
    personWeights: fb.people ? expanded : weights,
    terms,
    themeDist,
    region,
    askingPlace,
    circles,
    lang,
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
    .map(({ s, i }) => ({
      slug: ix.pages[i].slug,
      title: ix.pages[i].title,
      score: round(s / bestPage),
    }));

  // --- clarifying questions when unsure
  const contentTerms = [...terms.values()].filter((t) => t.origin !== 'thesaurus').length;
  const questions: AskedQuestion[] = [];
  if (
    !answeredTheme &&
    (confidence < cfg.clarify.minConfidence ||
      contentTerms < cfg.clarify.minTerms ||
      resources.length === 0)
  ) {
    const choices = (
      themeDist.length ? themeDist.map(([k]) => k) : THEMES.map((t) => t.slug)
    ).slice(0, cfg.clarify.maxThemeChoices);
    questions.push({
      id: 'theme',
      label: lang === 'en' ? 'What is your need mostly about?' : 'Votre besoin concerne surtout :',
      choices: choices.map((k) => ({ id: k, label: themeLabel(k, lang) })),
    });
  }
  const focus =
    answeredTheme ?? (confidence < cfg.clarify.minConfidence ? undefined : themeDist[0]?.[0]);
  if (focus && (answeredTheme || contentTerms < cfg.clarify.minTerms)) {
    const follow = cfg.clarifyTree.find((q: ClarifyQuestion) => q.theme === focus);
    if (follow && !answers[follow.id]) {
      questions.push({
        id: follow.id,
        label: follow.label[lang],
        choices: follow.choices.map((c) => ({ id: c.id, label: c.label[lang] })),
      });
    }
  }

  const understood = [
    ...new Set(
      [...terms.values()].filter((t) => t.origin !== 'thesaurus').flatMap((t) => [...t.words]),
    ),
  ];
  return {
    lang,
    themes: themeDist.slice(0, 5).map(([slug, c]) => ({
      slug,
      label: themeLabel(slug, lang),
      confidence: round(c),
      probability: round(themeProbability(cfg, c)),
    })),
    confidence: round(confidence),
    resources,
    people: peopleOut,
    pages: pagesOut,
    questions: questions.slice(0, 2),
    understood,
  };
}
