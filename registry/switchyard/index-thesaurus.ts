import { THEMES, type ThemeSlug } from '../themes.js';
import { tokenizeCased } from '../text/french.js';
import type { SwitchyardConfig } from './config.js';
import { compileExpression, type Expression } from './expressions.js';
import type { ThesaurusGroup } from './lexicon.js';
import { englishStem } from './text.js';
import type { CompiledGroup } from './types.js';

/*
 * The switchyard's vocabularies compiled for the index: theme labels and lexicons, thesaurus
 * groups (by the first stem of each expression) and the English glossary (by English stem).
 */

/** Each theme's expressions: the words of its label, and its lexicon's entries (without `fillerStems`). */
export function compileThemeExpressions(
  config: SwitchyardConfig,
  fillerStems: Set<string>,
): Map<ThemeSlug, Expression[]> {
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
  return themeExpressions;
}

/** Thesaurus groups compiled (without `filler` stems), listed under the first stem of each expression. */
export function compileThesaurus(
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

/** English word stem → its French translations. */
export function compileGlossary(glossary: Record<string, string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [en, fr] of Object.entries(glossary)) {
    const key = englishStem(en.toLowerCase());
    out.set(key, [...(out.get(key) ?? []), ...fr]);
  }
  return out;
}
