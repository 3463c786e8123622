import { textStems } from './text.js';

/** What the switchyard asks of a BM25F index (FieldedIndex in memory, FtsFieldedIndex on FTS5). */
export interface TermIndex {
  readonly size: number;
  docTerms(id: number): IterableIterator<[string, number]>;
  stems(): IterableIterator<string>;
  has(stem: string): boolean;
  idfOf(stem: string): number;
  score(terms: Map<string, number>): Float64Array;
  contains(stem: string, id: number): boolean;
}

/** A field's text: its string, or its list of strings joined (both index stores analyse this). */
export const fieldText = (raw: string | string[] | undefined): string =>
  raw === undefined ? '' : typeof raw === 'string' ? raw : raw.join(' \n ');

/** True when the ascending list `docs` holds `id` (binary search). */
export function sortedHas(docs: ArrayLike<number>, id: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * A small BM25F inverted index: each document has weighted fields; the per-(term, document)
 * pseudo-frequency Σ w_f · tf_f / (1 − b + b · len_f / avglen_f) is computed once at build time,
 * so a query costs one pass over the postings of its terms.
 */
export class FieldedIndex<F extends string> implements TermIndex {
  /** stem → ascending document ids and their pseudo-frequencies. */
  private readonly postings = new Map<string, { docs: number[]; tf: number[] }>();
  private readonly idf = new Map<string, number>();
  /** Per document, its stems and pseudo-frequencies (kept only when asked: see `docTerms`). */
  private readonly forward: { stems: string[]; tf: number[] }[] | null;
  readonly size: number;

  /**
   * @param docs one entry per document: field → texts (already concatenated or as a list).
   * @param weights field weights (a field missing from the map is ignored).
   * @param keepForward also keep each document's terms, for `docTerms` (query expansion).
   */
  constructor(
    docs: Partial<Record<F, string | string[]>>[],
    weights: Record<F, number>,
    private readonly k1: number,
    b: number,
    keepForward = false,
  ) {
    this.size = docs.length;
    this.forward = keepForward ? [] : null;
    const fields = Object.keys(weights) as F[];
    const lens: Record<string, number[]> = {};
    const counts: Map<string, number>[][] = [];
    const totals: Record<string, number> = {};
    for (const f of fields) {
      lens[f] = [];
      totals[f] = 0;
    }
    docs.forEach((doc) => {
      const perField: Map<string, number>[] = [];
      for (const f of fields) {
        const text = fieldText(doc[f]);
        const m = new Map<string, number>();
        const stems = text ? textStems(text) : [];
        for (const s of stems) m.set(s, (m.get(s) ?? 0) + 1);
        perField.push(m);
        lens[f].push(stems.length);
        totals[f] += stems.length;
      }
      counts.push(perField);
    });
    const avg: Record<string, number> = {};
    for (const f of fields) avg[f] = Math.max(1, totals[f] / Math.max(1, docs.length));
    counts.forEach((perField, id) => {
      const acc = new Map<string, number>();
      fields.forEach((f, fi) => {
        const w = weights[f];
        if (!w) return;
        const norm = 1 - b + (b * lens[f][id]) / avg[f];
        for (const [s, n] of perField[fi]) acc.set(s, (acc.get(s) ?? 0) + (w * n) / norm);
      });
      if (this.forward) this.forward.push({ stems: [...acc.keys()], tf: [...acc.values()] });
      for (const [s, tf] of acc) {
        let p = this.postings.get(s);
        if (!p) this.postings.set(s, (p = { docs: [], tf: [] }));
        p.docs.push(id);
        p.tf.push(tf);
      }
    });
    const n = docs.length;
    for (const [s, p] of this.postings)
      this.idf.set(s, Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5)));
  }

  /**
   * The stems of document `id` with their saturated weight in it, tf·(k1+1)/(tf+k1) × idf (what
   * the document would give a one-word query), or nothing when the index keeps no forward lists.
   */
  *docTerms(id: number): IterableIterator<[string, number]> {
    const d = this.forward?.[id];
    if (!d) return;
    const k1 = this.k1;
    for (let i = 0; i < d.stems.length; i++) {
      const tf = d.tf[i];
      yield [d.stems[i], ((tf * (k1 + 1)) / (tf + k1)) * (this.idf.get(d.stems[i]) ?? 0)];
    }
  }

  /** Every stem of the index. */
  stems(): IterableIterator<string> {
    return this.postings.keys();
  }

  /** True when some document contains the stem. */
  has(stem: string): boolean {
    return this.postings.has(stem);
  }

  /** Inverse document frequency of a stem (0 when absent). */
  idfOf(stem: string): number {
    return this.idf.get(stem) ?? 0;
  }

  /**
   * Scores every document for weighted query stems.
   * @returns dense scores (0 for documents that match nothing).
   */
  score(terms: Map<string, number>): Float64Array {
    const out = new Float64Array(this.size);
    const k1 = this.k1;
    for (const [s, w] of terms) {
      const p = this.postings.get(s);
      if (!p) continue;
      const idf = this.idf.get(s)!;
      const { docs, tf } = p;
      for (let i = 0; i < docs.length; i++)
        out[docs[i]] += (w * idf * tf[i] * (k1 + 1)) / (tf[i] + k1);
    }
    return out;
  }

  /** True when document `id` contains `stem` (binary search in the postings). */
  contains(stem: string, id: number): boolean {
    const p = this.postings.get(stem);
    return p !== undefined && sortedHas(p.docs, id);
  }
}
