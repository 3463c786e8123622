import { isProprietary, type ResourceExtras } from './ranking-utils.js';
import type { DocSource } from './fts-build.js';
import type { SwitchyardCorpus } from './types.js';

/*
 * Helpers for the documents the switchyard's indexes hold (index-build.ts makes them): documents
 * made on demand (a DocSource), the words of a resource's kind, and what makes a record thin.
 */

/** `list`'s documents, made when asked for (an FTS5 build makes only those it looks at). */
export const lazy = <T>(
  list: readonly T[],
  make: (x: T, i: number) => Partial<Record<string, string | string[]>>,
): DocSource<string> => ({ length: list.length, get: (i) => make(list[i], i) });

/** Words for a resource's kind, in French and English (a thin record still has its kind). */
export const KIND_WORDS: Record<string, string> = {
  software: 'logiciel outil application software tool',
  method: 'méthode démarche method',
  'legal-template': 'modèle juridique modèle de contrat template',
  training: 'formation training',
  guide: 'guide fiche pratique',
  dataset: 'données dataset',
  hardware: 'matériel hardware',
  service: 'service accompagnement',
};

/** A resource's kind words, with "libre open source" for open software. */
export function kindText(r: ResourceExtras): string {
  const open = !isProprietary(r) && r.license ? ' libre open source' : '';
  return `${KIND_WORDS[r.kind] ?? ''}${r.kind === 'software' ? open : ''}`;
}

/** A thin record: nothing beyond name, summary, themes, kind and licence to match on. */
export function isThin(r: SwitchyardCorpus['resources'][number]): boolean {
  return !r.description?.trim() && !r.features?.length && !r.keywords?.length;
}
