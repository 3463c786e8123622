import type { Database } from 'better-sqlite3';
import { THEMES } from '../themes.js';
import { tokenize } from '../text/french.js';
import type { SwitchyardConfig } from './config.js';
import { FtsFieldedIndex } from './fts-index.js';
import type { FtsIndexStore } from './fts-tables.js';
import { lazy } from './index-documents.js';
import { Vocabulary } from './text.js';
import type { SwitchyardCorpus, SwitchyardPage } from './types.js';

/*
 * The typo vocabulary of a switchyard index: the registry's words (records, notes, wiki pages),
 * the thesaurus, the theme lexicons and labels. On FTS5, the registry's words are counted by an
 * index of their own (`words`), so that a build analyses only the records that changed.
 */

/**
 * Builds the typo vocabulary.
 * @param ftsDb the connection holding the `words` index (in memory without it).
 * @param store name, document version and stale record of the `words` index.
 * @returns the vocabulary and, on FTS5, the `words` index (to report and drop).
 */
export function buildVocabulary(
  corpus: SwitchyardCorpus,
  pages: readonly SwitchyardPage[],
  config: SwitchyardConfig,
  ftsDb: Database | undefined,
  store: FtsIndexStore,
): { vocab: Vocabulary; words: FtsFieldedIndex<string> | undefined } {
  const { resources, people } = corpus;
  const { k1, b } = config.bm25;
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
  let words: FtsFieldedIndex<string> | undefined;
  if (ftsDb) {
    words = new FtsFieldedIndex<string>(
      ftsDb,
      lazy(vocabKeys, (key) => ({ words: vocabText(key) })),
      { words: 1 },
      k1,
      b,
      { ...store, keys: vocabKeys, analyse: tokenize },
    );
    for (const [w, n] of words.termCounts()) vocab.addCount(w, n);
  } else for (const key of vocabKeys) vocab.add(vocabText(key));
  for (const g of config.thesaurus) vocab.add(g.terms.join(' '));
  for (const words of Object.values(config.themeLexicon)) vocab.add(words.join(' '));
  for (const t of THEMES) vocab.add(t.fr);
  vocab.finish();
  return { vocab, words };
}
