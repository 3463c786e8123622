import type { Database, Statement } from 'better-sqlite3';
import type { TermIndex } from './fielded-index.js';
import { textStems } from './text.js';

/*
 * The switchyard's BM25F computed from SQLite FTS5 data instead of an in-memory inverted index
 * (issue 14). FTS5's own bm25() has no per-term query weights and no per-field length
 * normalisation, so the score is computed here from what FTS5 stores:
 * - an FTS5 table with one column per field holding the field's stems (registry/switchyard/text.ts,
 *   the same analyser as FieldedIndex), space separated, so FTS5's tokens are exactly those stems;
 * - an `fts5vocab` table of type `instance` (term, doc, col, offset): per-document, per-field term
 *   frequencies of the query's terms only, counted in SQL;
 * - an `fts5vocab` table of type `row`: the terms, and their document frequencies;
 * - a side table of per-document field lengths (FTS5 keeps them, but better-sqlite3 cannot register
 *   the auxiliary function that would read them).
 * The formula and its order of floating-point operations are FieldedIndex's, so scores are equal
 * (bench/switchyard-fts-parity.ts checks it on every corpus).
 */

let tableCounter = 0;

/** Postings kept per index (documents × terms), about 12 bytes each. */
const POSTINGS_CACHE_MAX = 2_000_000;

interface Postings {
  docs: Int32Array;
  tf: Float64Array;
}

/** A BM25F index over FTS5 tables in `db` (temp schema): same interface and scores as FieldedIndex. */
export class FtsFieldedIndex<F extends string> implements TermIndex {
  readonly size: number;
  private readonly fields: F[];
  private readonly w: Float64Array;
  private readonly table: string;
  /** Field lengths: doc × field (read back from the side table once, see `lengths`). */
  private lens: Float64Array | null = null;
  private avg: Float64Array | null = null;
  private readonly idfCache = new Map<string, number>();
  private readonly colIndex = new Map<string, number>();
  private readonly allWeighted: boolean;
  private readonly st: Record<
    'postings' | 'df' | 'dfWeighted' | 'row' | 'lens' | 'stems',
    Statement
  >;

  /**
   * @param db the connection whose temp schema holds the tables (dropped by `drop`).
   * @param docs one entry per document: field → texts (as FieldedIndex).
   * @param weights field weights (a field missing from the map is ignored).
   */
  constructor(
    private readonly db: Database,
    docs: Partial<Record<F, string | string[]>>[],
    weights: Record<F, number>,
    private readonly k1: number,
    private readonly b: number,
  ) {
    this.size = docs.length;
    this.fields = Object.keys(weights) as F[];
    this.w = Float64Array.from(this.fields.map((f) => weights[f]));
    this.allWeighted = this.w.every((x) => x !== 0);
    this.fields.forEach((_, i) => this.colIndex.set(`f${i}`, i));
    const t = `lc_sy_${process.pid}_${++tableCounter}`;
    this.table = t;
    const cols = this.fields.map((_, i) => `f${i}`);
    const lenCols = this.fields.map((_, i) => `l${i} INTEGER NOT NULL`);
    db.exec(
      `CREATE VIRTUAL TABLE temp.${t} USING fts5(${cols.join(', ')}, tokenize = 'unicode61 remove_diacritics 0');
       CREATE VIRTUAL TABLE temp.${t}_vi USING fts5vocab(temp, ${t}, 'instance');
       CREATE VIRTUAL TABLE temp.${t}_vr USING fts5vocab(temp, ${t}, 'row');
       CREATE TABLE temp.${t}_len (doc INTEGER PRIMARY KEY, ${lenCols.join(', ')});`,
    );
    const insert = db.prepare(
      `INSERT INTO temp.${t} (rowid, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
    );
    const insertLen = db.prepare(
      `INSERT INTO temp.${t}_len (doc, ${cols.map((_, i) => `l${i}`).join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      docs.forEach((doc, id) => {
        const values: string[] = [];
        const lengths: number[] = [];
        for (const f of this.fields) {
          const raw: string | string[] | undefined = doc[f];
          const text = raw === undefined ? '' : typeof raw === 'string' ? raw : raw.join(' \n ');
          const stems = text ? textStems(text) : [];
          values.push(stems.join(' '));
          lengths.push(stems.length);
        }
        insert.run(id, ...values);
        insertLen.run(id, ...lengths);
      });
      db.prepare(`INSERT INTO temp.${t} (${t}) VALUES ('optimize')`).run();
    })();
    const weightedCols = cols.filter((_, i) => this.w[i] !== 0);
    this.st = {
      // One string per term, "doc·nf+field" per instance, instead of a row per (doc, field):
      // crossing into JavaScript costs about 2 µs a row, and a frequent term has thousands.
      postings: db
        .prepare(
          `SELECT group_concat(doc * ${this.fields.length} + CAST(substr(col, 2) AS INTEGER), ',') FROM temp.${t}_vi WHERE term = ?`,
        )
        .pluck(),
      df: db.prepare(`SELECT doc FROM temp.${t}_vr WHERE term = ?`).pluck(),
      dfWeighted: db
        .prepare(
          `SELECT count(DISTINCT doc) FROM temp.${t}_vi WHERE term = ? AND col IN (${weightedCols.map((c) => `'${c}'`).join(', ') || "''"})`,
        )
        .pluck(),
      row: db
        .prepare(`SELECT ${cols.join(', ')} FROM temp.${t} WHERE rowid = CAST(? AS INTEGER)`)
        .raw(),
      lens: db.prepare(`SELECT * FROM temp.${t}_len ORDER BY doc`).raw(),
      stems: db.prepare(`SELECT term FROM temp.${t}_vr`).pluck(),
    };
  }

  /** Removes the tables (the index is unusable afterwards). */
  drop(): void {
    const t = this.table;
    this.db.exec(
      `DROP TABLE IF EXISTS temp.${t}_vi; DROP TABLE IF EXISTS temp.${t}_vr;
       DROP TABLE IF EXISTS temp.${t}_len; DROP TABLE IF EXISTS temp.${t};`,
    );
  }

  /** Per-document field lengths and per-field average lengths (as FieldedIndex computes them). */
  private lengths(): { lens: Float64Array; avg: Float64Array } {
    if (!this.lens || !this.avg) {
      const nf = this.fields.length;
      const lens = new Float64Array(this.size * nf);
      const totals = new Float64Array(nf);
      for (const row of this.st.lens.iterate() as IterableIterator<number[]>) {
        const doc = row[0];
        for (let f = 0; f < nf; f++) {
          lens[doc * nf + f] = row[f + 1];
          totals[f] += row[f + 1];
        }
      }
      const avg = new Float64Array(nf);
      for (let f = 0; f < nf; f++) avg[f] = Math.max(1, totals[f] / Math.max(1, this.size));
      this.lens = lens;
      this.avg = avg;
    }
    return { lens: this.lens, avg: this.avg };
  }

  /** Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f), in field order (FieldedIndex's pseudo-frequency). */
  private pseudoTf(doc: number, counts: Float64Array): number {
    const { lens, avg } = this.lengths();
    const nf = this.fields.length;
    const b = this.b;
    let acc = 0;
    let first = true;
    for (let f = 0; f < nf; f++) {
      const n = counts[f];
      const w = this.w[f];
      if (!n || !w) continue;
      const norm = 1 - b + (b * lens[doc * nf + f]) / avg[f];
      const x = (w * n) / norm;
      acc = first ? x : acc + x;
      first = false;
    }
    return acc;
  }

  /**
   * Documents containing `stem` in a weighted field, with their pseudo-frequencies: read from the
   * instance vocabulary on first use, then kept (least recently used first out, at most
   * POSTINGS_CACHE_MAX entries) for the life of the index, whose tables never change (a write
   * builds new indexes). Reading a term's postings through SQL costs microseconds per posting, and
   * a query reads the same terms several times (the skill index once per top resource).
   */
  private postings(stem: string): Postings {
    const cached = this.postingsCache.get(stem);
    if (cached) {
      this.postingsCache.delete(stem);
      this.postingsCache.set(stem, cached);
      return cached;
    }
    const p = this.readPostings(stem);
    this.postingsCache.set(stem, p);
    this.cachedEntries += p.docs.length + 1;
    for (const [k, v] of this.postingsCache) {
      if (this.cachedEntries <= POSTINGS_CACHE_MAX) break;
      this.postingsCache.delete(k);
      this.cachedEntries -= v.docs.length + 1;
    }
    return p;
  }

  private readonly postingsCache = new Map<string, Postings>();
  private cachedEntries = 0;

  /**
   * Reads a term's postings from the instance vocabulary: the instances come ordered by document,
   * field and offset, so each document's per-field counts are gathered in one pass over the string.
   */
  private readPostings(stem: string): Postings {
    const nf = this.fields.length;
    const list = (this.st.postings.get(stem) as string | null) ?? '';
    const docs: number[] = [];
    const tf: number[] = [];
    const counts = new Float64Array(nf);
    let current = -1;
    let weighted = false;
    const flush = () => {
      if (current >= 0 && weighted) {
        docs.push(current);
        tf.push(this.pseudoTf(current, counts));
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
      if (!this.w[f]) continue;
      counts[f]++;
      weighted = true;
    }
    flush();
    return { docs: Int32Array.from(docs), tf: Float64Array.from(tf) };
  }

  private idfFromDf(df: number): number {
    const n = this.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Inverse document frequency of a stem (0 when absent). */
  idfOf(stem: string): number {
    let idf = this.idfCache.get(stem);
    if (idf === undefined) {
      const df = this.allWeighted
        ? ((this.st.df.get(stem) as number | undefined) ?? 0)
        : (this.st.dfWeighted.get(stem) as number);
      idf = df ? this.idfFromDf(df) : 0;
      this.idfCache.set(stem, idf);
    }
    return idf;
  }

  /** Scores every document for weighted query stems (dense; 0 where nothing matches). */
  score(terms: Map<string, number>): Float64Array {
    const out = new Float64Array(this.size);
    const k1 = this.k1;
    for (const [s, w] of terms) {
      const { docs, tf } = this.postings(s);
      if (!docs.length) continue;
      const idf = this.idfFromDf(docs.length);
      for (let i = 0; i < docs.length; i++)
        out[docs[i]] += (w * idf * tf[i] * (k1 + 1)) / (tf[i] + k1);
    }
    return out;
  }

  /** The stems of document `id` with their saturated weight in it (see FieldedIndex.docTerms). */
  *docTerms(id: number): IterableIterator<[string, number]> {
    const row = this.st.row.get(id) as string[] | undefined;
    if (!row) return;
    const nf = this.fields.length;
    const perStem = new Map<string, Float64Array>();
    row.forEach((text, f) => {
      if (!this.w[f] || !text) return;
      for (const s of text.split(' ')) {
        let counts = perStem.get(s);
        if (!counts) perStem.set(s, (counts = new Float64Array(nf)));
        counts[f]++;
      }
    });
    const k1 = this.k1;
    for (const [s, counts] of perStem) {
      const tf = this.pseudoTf(id, counts);
      yield [s, ((tf * (k1 + 1)) / (tf + k1)) * this.idfOf(s)];
    }
  }

  /** Every stem of the index. */
  stems(): IterableIterator<string> {
    return this.st.stems.iterate() as IterableIterator<string>;
  }

  /** True when some document contains the stem. */
  has(stem: string): boolean {
    return this.idfOf(stem) !== 0;
  }

  /** True when document `id` contains `stem` in a weighted field (binary search in its postings). */
  contains(stem: string, id: number): boolean {
    if (!stem) return false;
    const { docs } = this.postings(stem);
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
}
