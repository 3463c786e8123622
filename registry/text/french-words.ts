import { createRequire } from 'node:module';
import { foldAccents } from './french.js';

/**
 * Whether a word is French, from a maintained general word list (the npm package
 * `an-array-of-french-words`, MIT: about 336,000 inflected forms, lowercased). The switchyard's
 * typo correction only knows the registry's own words, so a correct French word that the registry
 * happens not to use ("monde", "rendre") was "corrected" into a registry word one letter away
 * ("mont", "prendre"); a word this list knows is a word, not a typo.
 *
 * Loaded once (SwitchyardService loads it with the first indexes; `npm run bench:switchyard` prints
 * the cost: about 0.8 s of CPU and 40–48 MB of heap on the shared 2-core machine), then
 * kept for the life of the process. Accents are folded, so a problem typed without accents is
 * still recognised ("evenement").
 */

let words: Set<string> | null = null;

/** The folded word list, loaded once. */
function frenchWords(): Set<string> {
  if (!words) {
    const list = createRequire(import.meta.url)('an-array-of-french-words') as string[];
    const set = new Set<string>();
    for (const w of list) set.add(foldAccents(w));
    words = set;
  }
  return words;
}

/** True when `word` (any case, with or without its accents) is a French word of the list. */
export function isFrenchWord(word: string): boolean {
  return frenchWords().has(foldAccents(word));
}

/** Loads the list now (so that the first problem does not pay for it); returns the time it took in ms. */
export function preloadFrenchWords(): number {
  const t0 = performance.now();
  frenchWords();
  return performance.now() - t0;
}
