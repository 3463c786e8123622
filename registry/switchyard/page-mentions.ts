import type { SwitchyardCorpus, SwitchyardPage } from './types.js';

/*
 * Where wiki pages mention the registry's resources, by name as whole words: the passages a
 * resource's context document borrows (pageMentions, index-build.ts), and the resources a page
 * edit touches (resourcesMentioned, SwitchyardService's stale record).
 */

/**
 * For each resource, the passages of wiki pages that name it (around the first mention of its
 * name, at most three pages): what a page says about a resource it mentions describes it too.
 * Pages are found through a word → pages map, so the cost grows with the pages a name's words
 * appear in, not with resources × pages.
 */
export function pageMentions(
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
