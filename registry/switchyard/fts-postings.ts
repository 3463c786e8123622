/*
 * The postings of an FtsFieldedIndex (fts-index.ts) out of FTS5 data: a term's per-document,
 * per-field counts parsed from the instance vocabulary's string (one `group_concat` per term),
 * turned into BM25F pseudo-frequencies by FieldedIndex's formula, in the same order of
 * floating-point operations.
 */

/** A term's documents (positions, ascending) and their pseudo-frequencies. */
export interface Postings {
  docs: Int32Array;
  tf: Float64Array;
}

/** What a pseudo-frequency reads of an index: field lengths, their averages, field weights, b. */
export interface FieldNorms {
  /** Field lengths: position × field. */
  lens: Float64Array;
  /** Per-field average lengths. */
  avg: Float64Array;
  /** Field weights, in field order (one per field). */
  w: Float64Array;
  b: number;
}

/** Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f), in field order (FieldedIndex's pseudo-frequency). */
export function pseudoTf(norms: FieldNorms, pos: number, counts: Float64Array): number {
  const { lens, avg } = norms;
  const nf = norms.w.length;
  const b = norms.b;
  let acc = 0;
  let first = true;
  for (let f = 0; f < nf; f++) {
    const n = counts[f];
    const w = norms.w[f];
    if (!n || !w) continue;
    const norm = 1 - b + (b * lens[pos * nf + f]) / avg[f];
    const x = (w * n) / norm;
    acc = first ? x : acc + x;
    first = false;
  }
  return acc;
}

/**
 * Reads a term's postings from the instance vocabulary ("doc·nf+field" per instance, comma
 * separated, in `list`): the instances come ordered by document, field and offset, so each
 * document's per-field counts are gathered in one pass over the string. Positions follow the
 * documents' rowids, which need not follow their positions: the postings are sorted by position
 * when they do not.
 * @param posOf the position of each rowid (−1: not a document of this index).
 * @throws Error when the instances are not ordered by document.
 */
export function parsePostings(
  stem: string,
  list: string,
  posOf: Int32Array,
  norms: FieldNorms,
): Postings {
  const nf = norms.w.length;
  const docs: number[] = [];
  const tf: number[] = [];
  const counts = new Float64Array(nf);
  let current = -1;
  let weighted = false;
  let sorted = true;
  const flush = () => {
    const pos = current >= 0 && current < posOf.length ? posOf[current] : -1;
    if (pos >= 0 && weighted) {
      if (docs.length && docs[docs.length - 1] > pos) sorted = false;
      docs.push(pos);
      tf.push(pseudoTf(norms, pos, counts));
    }
    counts.fill(0);
    weighted = false;
  };
  let v = 0;
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 44;
    if (c !== 44) {
      v = v * 10 + (c - 48);
      continue;
    }
    if (i === 0) break;
    const doc = Math.floor(v / nf);
    const f = v - doc * nf;
    v = 0;
    if (doc !== current) {
      if (doc < current) throw new Error(`fts5vocab instances out of order for "${stem}"`);
      flush();
      current = doc;
    }
    if (!norms.w[f]) continue;
    counts[f]++;
    weighted = true;
  }
  flush();
  if (sorted) return { docs: Int32Array.from(docs), tf: Float64Array.from(tf) };
  const order = docs.map((_, k) => k).sort((x, y) => docs[x] - docs[y]);
  return {
    docs: Int32Array.from(order, (k) => docs[k]),
    tf: Float64Array.from(order, (k) => tf[k]),
  };
}
