import { performance } from 'node:perf_hooks';
import type { Database, Statement } from 'better-sqlite3';
import { sortedHas, type TermIndex } from './fielded-index.js';
import { buildFtsTables, type DocSource, type FtsBuildReport } from './fts-build.js';
import { parsePostings, pseudoTf, type FieldNorms, type Postings } from './fts-postings.js';
import { dropTempTables, ftsTables, type FtsIndexStore } from './fts-tables.js';

/*
 * The switchyard's BM25F computed from SQLite FTS5 data instead of an in-memory inverted index
 * (issue 14). FTS5's own bm25() has no per-term query weights and no per-field length
 * normalisation, so the score is computed here from what FTS5 stores:
 * - an FTS5 table with one column per field holding the field's stems (registry/switchyard/text.ts,
 *   the same analyser as FieldedIndex), space separated, so FTS5's tokens are exactly those stems;
 * - an `fts5vocab` table of type `instance` (term, doc, col, offset): per-document, per-field term
 *   frequencies of the query's terms only, counted in SQL;
 * - an `fts5vocab` table of type `row`: the terms, and their document frequencies;
 * - a side table of the documents: their key (a slug), a hash of their text and their field
 *   lengths (FTS5 keeps the lengths, but better-sqlite3 cannot register the auxiliary function that
 *   would read them).
 * The formula and its order of floating-point operations are FieldedIndex's, so scores are equal
 * (bench/switchyard-fts-parity.ts checks it on every corpus).
 *
 * This file holds the index itself: the postings reads and their cache, the scoring, and the
 * read-ahead of frequent terms (warm). The tables, their signature and meta data are in
 * fts-tables.ts; the build (hashing, stale record, carry-over between builds) in fts-build.ts.
 */

/** Postings kept per index (documents × terms), about 12 bytes each. */
const POSTINGS_CACHE_MAX = 2_000_000;

/** The last build of each named index, per connection (see `adoptCaches`). */
const lastBuilds = new WeakMap<
  Database,
  Map<string, { settings: string; index: FtsFieldedIndex<string> }>
>();

/**
 * Forgets the last builds of `db`'s named indexes (their caches and term counts are no longer taken
 * over): to call when a transaction holding builds rolled back.
 */
export function forgetBuilds(db: Database): void {
  lastBuilds.delete(db);
}

/** A BM25F index over FTS5 tables in `db`: same interface and scores as FieldedIndex. */
export class FtsFieldedIndex<F extends string> implements TermIndex {
  readonly size: number;
  private readonly fields: F[];
  private readonly w: Float64Array;
  private readonly table: string;
  private readonly persistent: boolean;
  /** `main` for a named index, `temp` otherwise. */
  private readonly schema: 'main' | 'temp';
  /** Field lengths: position × field, and per-field averages (as FieldedIndex computes them). */
  private readonly lens: Float64Array;
  private readonly avg: Float64Array;
  /** Lengths, averages, weights and b, as the pseudo-frequencies read them (fts-postings.ts). */
  private readonly norms: FieldNorms;
  /** FTS rowid of each position, and position of each rowid (−1: not a document of this index). */
  private readonly docidOf: Int32Array;
  private readonly posOf: Int32Array;
  private readonly idfCache = new Map<string, number>();
  private readonly allWeighted: boolean;
  /** The tables' generation this build left (see openFtsTables, fts-tables.ts). */
  private readonly generation: string;
  /** The documents' keys, by position (repeated ones made unique). */
  private readonly keys: readonly string[];
  /** Documents analysed by the last build (all of them for a new index; changes only otherwise). */
  readonly analysed: number;
  /** What this build did: documents analysed, removed, hashed, changed without being marked. */
  readonly report: FtsBuildReport;
  private readonly st: Record<'postings' | 'df' | 'dfWeighted' | 'row', Statement>;

  /**
   * @param db the connection holding the tables.
   * @param docs one entry per document: field → texts (as FieldedIndex).
   * @param weights field weights (a field missing from the map is ignored).
   * @param store a name and keys for persistent tables (temporary ones, dropped by `drop`, otherwise).
   */
  constructor(
    private readonly db: Database,
    docs: readonly Partial<Record<F, string | string[]>>[] | DocSource<F>,
    weights: Record<F, number>,
    private readonly k1: number,
    b: number,
    store: FtsIndexStore = {},
  ) {
    this.size = docs.length;
    this.fields = Object.keys(weights) as F[];
    this.w = Float64Array.from(this.fields.map((f) => weights[f]));
    this.allWeighted = this.w.every((x) => x !== 0);
    const nf = this.fields.length;
    const tables = ftsTables(this.fields, store);
    const { schema, name: t, cols } = tables;
    this.persistent = tables.persistent;
    this.schema = schema;
    this.table = t;
    // The previous build of these tables in this process (one process writes them): what the
    // build may carry over (rowids, lengths, term counts).
    const previous = this.persistent ? lastBuilds.get(db)?.get(t)?.index : undefined;
    const build = buildFtsTables(
      db,
      docs,
      this.fields,
      tables,
      store,
      previous && {
        keys: previous.keys,
        docidOf: previous.docidOf,
        lens: previous.lens,
        generation: previous.generation,
        totals: previous.totals,
      },
    );
    const { lens, docidOf } = build;
    this.keys = build.keys;
    this.analysed = build.analysed;
    this.generation = build.generation;
    if (build.totals) this.totals = build.totals;
    this.report = build.report;
    this.lens = lens;
    this.docidOf = docidOf;
    if (this.persistent) this.adoptCaches(this.report.removed, JSON.stringify([t, weights, k1, b]));
    let maxDocid = 0;
    for (const d of docidOf) if (d > maxDocid) maxDocid = d;
    this.posOf = new Int32Array(maxDocid + 1).fill(-1);
    docidOf.forEach((d, pos) => (this.posOf[d] = pos));
    const totals = new Float64Array(nf);
    for (let pos = 0; pos < this.size; pos++)
      for (let f = 0; f < nf; f++) totals[f] += lens[pos * nf + f];
    this.avg = new Float64Array(nf);
    for (let f = 0; f < nf; f++) this.avg[f] = Math.max(1, totals[f] / Math.max(1, this.size));
    this.norms = { lens, avg: this.avg, w: this.w, b };
    const weightedCols = cols.filter((_, i) => this.w[i] !== 0);
    this.st = {
      // One string per term, "doc·nf+field" per instance, instead of a row per (doc, field):
      // crossing into JavaScript costs about 2 µs a row, and a frequent term has thousands.
      postings: db
        .prepare(
          `SELECT group_concat(doc * ${nf} + CAST(substr(col, 2) AS INTEGER), ',') FROM ${schema}.${t}_vi WHERE term = ?`,
        )
        .pluck(),
      df: db.prepare(`SELECT doc FROM ${schema}.${t}_vr WHERE term = ?`).pluck(),
      dfWeighted: db
        .prepare(
          `SELECT count(DISTINCT doc) FROM ${schema}.${t}_vi WHERE term = ? AND col IN (${weightedCols.map((c) => `'${c}'`).join(', ') || "''"})`,
        )
        .pluck(),
      row: db
        .prepare(`SELECT ${cols.join(', ')} FROM ${schema}.${t} WHERE rowid = CAST(? AS INTEGER)`)
        .raw(),
    };
  }

  /**
   * Takes over the postings, document frequencies and read-ahead state of the previous build of the
   * same named index when nothing in it changed (same documents, same rowids, same weights): a
   * write to one record leaves the other indexes' caches warm.
   */
  private adoptCaches(removed: number, settings: string): void {
    let last = lastBuilds.get(this.db);
    if (!last) lastBuilds.set(this.db, (last = new Map()));
    const previous = last.get(this.table);
    last.set(this.table, { settings, index: this as FtsFieldedIndex<string> });
    if (!previous || previous.settings !== settings || this.analysed || removed) return;
    const other = previous.index;
    if (other.size !== this.size || other.docidOf.some((d, i) => d !== this.docidOf[i])) return;
    for (const [k, v] of other.postingsCache) this.postingsCache.set(k, v);
    this.cachedEntries = other.cachedEntries;
    for (const [k, v] of other.idfCache) this.idfCache.set(k, v);
    this.warmQueue = other.warmQueue;
  }

  /** Frequent terms not yet read by `warm` (undefined: not listed yet). */
  private warmQueue: string[] | undefined;

  /**
   * Reads ahead the postings of the index's frequent terms (in at least `minDocs` documents, most
   * frequent first), the ones that cost a query milliseconds on first use; rare terms are read on
   * demand. Works for about `budgetMs` and returns true when nothing is left: the service calls it
   * in slices while idle after a build.
   */
  warm(budgetMs: number, minDocs = 4): boolean {
    if (!this.warmQueue) {
      // Every term's document frequency in one pass (idfOf would otherwise ask SQL term by term),
      // when it counts every field (a field of weight 0 needs the per-field count).
      const queue: string[] = [];
      const rows = this.db
        .prepare(`SELECT term, doc FROM ${this.schema}.${this.table}_vr ORDER BY doc ASC`)
        .raw()
        .all() as [string, number][];
      for (const [term, df] of rows) {
        if (this.allWeighted && !this.idfCache.has(term))
          this.idfCache.set(term, this.idfFromDf(df));
        if (df >= minDocs) queue.push(term);
      }
      this.warmQueue = queue;
    }
    const until = performance.now() + budgetMs;
    while (this.warmQueue.length) {
      if (this.cachedEntries >= POSTINGS_CACHE_MAX / 2) {
        this.warmQueue.length = 0;
        break;
      }
      this.postings(this.warmQueue.pop()!);
      if (performance.now() >= until) break;
    }
    return this.warmQueue.length === 0;
  }

  /** Removes temporary tables (the index is unusable afterwards); a named index stays. */
  drop(): void {
    if (this.persistent) return;
    dropTempTables(this.db, this.table);
  }

  /**
   * Every term of the index → its number of occurrences: read from the row vocabulary once, or
   * carried over from the previous build with the changes of the documents it analysed.
   */
  private totals: Map<string, number> | undefined;

  private termTotals(): Map<string, number> {
    if (!this.totals) {
      const st = this.db.prepare(`SELECT term, cnt FROM ${this.schema}.${this.table}_vr`).raw();
      this.totals = new Map(st.all() as [string, number][]);
    }
    return this.totals;
  }

  /** Every term of the index with its number of occurrences (the typo vocabulary's counts). */
  termCounts(): IterableIterator<[string, number]> {
    return this.termTotals().entries();
  }

  /**
   * Documents containing `stem` in a weighted field, with their pseudo-frequencies: read from the
   * instance vocabulary on first use, then kept (least recently used first out, at most
   * POSTINGS_CACHE_MAX entries) for the life of the index. A write leads to a new build, which
   * replaces this object (the service never queries an index once a newer build of its tables
   * exists); the new one takes these postings over when its documents did not change
   * (`adoptCaches`). Reading a term's postings through SQL costs microseconds per posting, and a
   * query reads the same terms several times (the skill index once per top resource).
   */
  private postings(stem: string): Postings {
    const cached = this.postingsCache.get(stem);
    if (cached) {
      this.postingsCache.delete(stem);
      this.postingsCache.set(stem, cached);
      return cached;
    }
    const list = (this.st.postings.get(stem) as string | null) ?? '';
    const p = parsePostings(stem, list, this.posOf, this.norms);
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
    if (id < 0 || id >= this.size) return;
    const row = this.st.row.get(this.docidOf[id]) as string[] | undefined;
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
      const tf = pseudoTf(this.norms, id, counts);
      yield [s, ((tf * (k1 + 1)) / (tf + k1)) * this.idfOf(s)];
    }
  }

  /** Every stem of the index. */
  stems(): IterableIterator<string> {
    return this.termTotals().keys();
  }

  /** True when some document contains the stem. */
  has(stem: string): boolean {
    return this.idfOf(stem) !== 0;
  }

  /** True when document `id` contains `stem` in a weighted field (binary search in its postings). */
  contains(stem: string, id: number): boolean {
    return stem !== '' && sortedHas(this.postings(stem).docs, id);
  }
}
