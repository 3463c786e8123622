import { hash as digest } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database, Statement } from 'better-sqlite3';
import { fieldText, sortedHas, type TermIndex } from './fielded-index.js';
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
 * - a side table of the documents: their key (a slug), a hash of their text and their field
 *   lengths (FTS5 keeps the lengths, but better-sqlite3 cannot register the auxiliary function that
 *   would read them).
 * The formula and its order of floating-point operations are FieldedIndex's, so scores are equal
 * (bench/switchyard-fts-parity.ts checks it on every corpus).
 *
 * A named index lives in the database itself (main schema) and outlives the process: building it
 * again re-analyses only the documents whose text changed (new, edited, removed). Given the keys
 * written to since the last build (`stale`, from the triggers of migration 0022), it looks at
 * those only; without them, it hashes every document and compares it with the stored one. Its tables are
 * created on first use and rebuilt when their signature (analyser version and output on a probe
 * sentence, fields) changes. One process writes them (the server's SwitchyardService).
 */

/** Bump when the analyser (textStems, tokenize) changes what a text gives: named indexes are rebuilt. */
const ANALYSER_VERSION = 1;

/**
 * A sentence whose analysis is part of a named index's signature: a change to the analyser that
 * alters it (plurals, accents, elisions, verb endings, English words) rebuilds the tables even if
 * nobody bumped ANALYSER_VERSION.
 */
const ANALYSER_PROBE =
  "L'Association gère les adhésions, vélos et bus ; nous cherchions des bénévoles motivés pour réparer l'éolienne d'Œuvre Commune, shared spreadsheets and bookings.";

let tableCounter = 0;
let generationCounter = 0;

/** Postings kept per index (documents × terms), about 12 bytes each. */
const POSTINGS_CACHE_MAX = 2_000_000;

interface Postings {
  docs: Int32Array;
  tf: Float64Array;
}

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

/** Where an FTS-backed index keeps its tables. */
export interface FtsIndexStore {
  /** Persistent tables named after it (lowercase letters), in the main schema; temporary otherwise. */
  name?: string;
  /** One stable key per document (slugs): what a rebuild compares to re-analyse only changes. */
  keys?: readonly string[];
  /** Text → tokens (default: the switchyard's stems). */
  analyse?: (text: string) => string[];
  /**
   * A fingerprint of how the documents are made from the data (code version, vocabularies that
   * enter them): when it differs from the stored one, the next build hashes every document.
   */
  docVersion?: string;
  /**
   * The keys of the documents that may have changed since the last build (recorded by the
   * database's triggers, migrations/0022_switchyard_stale.sql): only these, and keys the tables
   * do not hold yet, are hashed and, when their text changed, analysed again; the others keep
   * their stored rows without being looked at. Undefined: every document is hashed (no record of
   * the writes, or none to trust).
   */
  stale?: ReadonlySet<string>;
  /** Hash every document even with `stale`, and list in `report.unmarked` those that changed unmarked. */
  verify?: boolean;
}

/** What a build of an FTS-backed index did. */
export interface FtsBuildReport {
  /** Documents whose text was analysed (new or changed). */
  analysed: number;
  /** Documents removed (their key is gone). */
  removed: number;
  /** Documents hashed to compare them with the stored ones. */
  verified: number;
  /** Keys of documents that changed although `stale` did not name them (with `verify`). */
  unmarked: string[];
  /** True when every document was hashed (no trusted `stale` set, or `verify`). */
  full: boolean;
}

/** Reads "3,0,12" (a document's field lengths) into `out` from `at`, `n` fields (0 for missing ones). */
function parseLens(text: string, out: Float64Array, at: number, n: number): void {
  let f = 0;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      if (f < n) out[at + f] = v;
      f++;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  if (text.length && f < n) out[at + f++] = v;
  for (; f < n; f++) out[at + f] = 0;
}

/** Documents given one by one on demand (a build reads only those it has to). */
export interface DocSource<F extends string> {
  readonly length: number;
  get(pos: number): Partial<Record<F, string | string[]>>;
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
  /** FTS rowid of each position, and position of each rowid (−1: not a document of this index). */
  private readonly docidOf: Int32Array;
  private readonly posOf: Int32Array;
  private readonly idfCache = new Map<string, number>();
  private readonly allWeighted: boolean;
  /** The tables' generation this build left (see the constructor). */
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
    private readonly b: number,
    store: FtsIndexStore = {},
  ) {
    this.size = docs.length;
    this.fields = Object.keys(weights) as F[];
    this.w = Float64Array.from(this.fields.map((f) => weights[f]));
    this.allWeighted = this.w.every((x) => x !== 0);
    const nf = this.fields.length;
    const cols = this.fields.map((_, i) => `f${i}`);
    if (store.name !== undefined && !/^[a-z]+$/.test(store.name))
      throw new Error(`index name must be lowercase letters: ${store.name}`);
    this.persistent = store.name !== undefined;
    const schema = (this.schema = this.persistent ? 'main' : 'temp');
    const t = this.persistent
      ? `switchyard_fts_${store.name}`
      : `lc_sy_${process.pid}_${++tableCounter}`;
    this.table = t;
    const analyse = store.analyse ?? textStems;
    const signature = JSON.stringify({
      v: ANALYSER_VERSION,
      fields: this.fields,
      analyse: analyse.name,
      probe: analyse(ANALYSER_PROBE).join(' '),
    });
    // An fts5vocab table names its schema only in temp (it then reads any schema's table).
    const vocabOf = this.persistent ? t : `temp, ${t}`;
    const create = () =>
      db.exec(
        `CREATE VIRTUAL TABLE ${schema}.${t} USING fts5(${cols.join(', ')}, tokenize = 'unicode61 remove_diacritics 0');
         CREATE VIRTUAL TABLE ${schema}.${t}_vi USING fts5vocab(${vocabOf}, 'instance');
         CREATE VIRTUAL TABLE ${schema}.${t}_vr USING fts5vocab(${vocabOf}, 'row');
         CREATE TABLE ${schema}.${t}_docs (docid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
           hash TEXT NOT NULL, lens TEXT NOT NULL);`,
      );
    const docAt = Array.isArray(docs)
      ? (pos: number) => (docs as readonly Partial<Record<F, string | string[]>>[])[pos]
      : (pos: number) => (docs as DocSource<F>).get(pos);
    // Keys are slugs, unique by construction; a repeated one still gets a document of its own.
    const keys: string[] = [];
    const seen = new Set<string>();
    for (let pos = 0; pos < this.size; pos++) {
      let key = store.keys?.[pos] ?? String(pos);
      if (seen.has(key)) key = `${key}#${pos}`;
      seen.add(key);
      keys.push(key);
    }
    this.keys = keys;
    const lens = new Float64Array(this.size * nf);
    const docidOf = new Int32Array(this.size);
    let analysed = 0;
    let removed = 0;
    let verified = 0;
    const unmarked: string[] = [];
    // Whether the stored documents are the ones the stale set is relative to.
    let trusted = this.persistent && store.stale !== undefined;
    // The previous build of these tables in this process (one process writes them): its term
    // counts, when it has them, are carried over with the changes of the documents analysed here.
    const previous = this.persistent ? lastBuilds.get(db)?.get(t)?.index : undefined;
    let delta: Map<string, number> | undefined = previous?.totals ? new Map() : undefined;
    // Same documents in the same order as that build, and a record of the writes to trust: its
    // positions, rowids and lengths stand but for the stale keys (no need to read them all again).
    let carry =
      previous !== undefined &&
      previous.keys.length === keys.length &&
      previous.keys.every((k, i) => k === keys[i]);
    const count = (tokens: readonly string[], by: number) => {
      for (const w of tokens) delta!.set(w, (delta!.get(w) ?? 0) + by);
    };
    let generation = '';
    db.transaction(() => {
      if (this.persistent) {
        db.exec(
          `CREATE TABLE IF NOT EXISTS switchyard_fts_meta (name TEXT PRIMARY KEY, signature TEXT NOT NULL)`,
        );
        // Changed by every build that changes the tables: what this process remembers of its last
        // build holds only if no other connection changed them since.
        generation =
          (db
            .prepare(`SELECT signature FROM switchyard_fts_meta WHERE name = ?`)
            .pluck()
            .get(`${t}:generation`) as string | undefined) ?? '';
        if (previous?.generation !== generation) {
          delta = undefined;
          carry = false;
        }
        const known = db
          .prepare(`SELECT signature FROM switchyard_fts_meta WHERE name = ?`)
          .pluck()
          .get(t) as string | undefined;
        const exists = db
          .prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`)
          .pluck()
          .get(`${t}_docs`);
        if (known !== signature || !exists) {
          delta = undefined;
          carry = false;
          db.exec(
            `DROP TABLE IF EXISTS ${t}_vi; DROP TABLE IF EXISTS ${t}_vr;
             DROP TABLE IF EXISTS ${t}_docs; DROP TABLE IF EXISTS ${t};`,
          );
          create();
          db.prepare(
            `INSERT OR REPLACE INTO switchyard_fts_meta (name, signature) VALUES (?, ?)`,
          ).run(t, signature);
        }
        // How documents are made: a change means any stored one may differ, marked or not.
        const docVersion = store.docVersion ?? '';
        const knownDocs = db
          .prepare(`SELECT signature FROM switchyard_fts_meta WHERE name = ?`)
          .pluck()
          .get(`${t}:docs`) as string | undefined;
        if (knownDocs !== docVersion) {
          trusted = false;
          db.prepare(
            `INSERT OR REPLACE INTO switchyard_fts_meta (name, signature) VALUES (?, ?)`,
          ).run(`${t}:docs`, docVersion);
        }
      } else create();
      carry &&= trusted && !store.verify;
      const stored = new Map<string, { docid: number; hash: string; lens: string }>();
      const storedDoc = db.prepare(
        `SELECT docid, hash, lens FROM ${schema}.${t}_docs WHERE key = ?`,
      );
      if (carry) {
        // Only the stale documents' rows are read.
        docidOf.set(previous!.docidOf);
        lens.set(previous!.lens);
        for (const key of keys)
          if (store.stale!.has(key)) {
            const row = storedDoc.get(key) as
              { docid: number; hash: string; lens: string } | undefined;
            if (row) stored.set(key, row);
          }
      } else if (trusted && !store.verify) {
        // Hashes only for the stale documents (the others are not compared).
        for (const [docid, key, lens] of db
          .prepare(`SELECT docid, key, lens FROM ${schema}.${t}_docs`)
          .raw()
          .all() as [number, string, string][])
          stored.set(key, { docid, hash: '', lens });
        for (const key of store.stale!) {
          const known = stored.get(key);
          if (known) known.hash = (storedDoc.get(key) as { hash: string } | undefined)?.hash ?? '';
        }
      } else
        for (const [docid, key, hash, lens] of db
          .prepare(`SELECT docid, key, hash, lens FROM ${schema}.${t}_docs`)
          .raw()
          .all() as [number, string, string, string][])
          stored.set(key, { docid, hash, lens });
      const insert = db.prepare(
        `INSERT INTO ${schema}.${t} (rowid, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`,
      );
      const remove = db.prepare(`DELETE FROM ${schema}.${t} WHERE rowid = ?`);
      const addDoc = db.prepare(
        `INSERT INTO ${schema}.${t}_docs (key, hash, lens) VALUES (?, ?, ?) RETURNING docid`,
      );
      const updateDoc = db.prepare(
        `UPDATE ${schema}.${t}_docs SET hash = ?, lens = ? WHERE docid = ?`,
      );
      const removeDoc = db.prepare(`DELETE FROM ${schema}.${t}_docs WHERE docid = ?`);
      const storedRow = db.prepare(`SELECT ${cols.join(', ')} FROM ${schema}.${t} WHERE rowid = ?`);
      // The stored tokens of a document that is replaced or removed: what its counts lose.
      const uncount = (docid: number) => {
        const row = storedRow.raw().get(docid) as (string | null)[] | undefined;
        for (const text of row ?? []) if (text) count(text.split(' '), -1);
      };
      for (let pos = 0; pos < this.size; pos++) {
        const key = keys[pos];
        // Carried over from the previous build: only stale documents are looked at.
        if (carry && !store.stale!.has(key)) continue;
        const known = stored.get(key);
        stored.delete(key);
        let fieldLens: number[];
        if (known && trusted && !store.verify && !store.stale!.has(key)) {
          // Not written to since the last build: its stored rows stand, unread.
          docidOf[pos] = known.docid;
          parseLens(known.lens, lens, pos * nf, nf);
          continue;
        }
        const doc = docAt(pos);
        const texts = this.fields.map((f) => fieldText(doc[f]));
        const hash = digest('sha1', texts.join('\u0000'), 'base64');
        verified++;
        if (known && known.hash !== hash && trusted && !store.stale!.has(key)) unmarked.push(key);
        if (known && known.hash === hash) {
          docidOf[pos] = known.docid;
          fieldLens = known.lens ? known.lens.split(',').map(Number) : [];
        } else {
          const stems = texts.map((text) => (text ? analyse(text) : []));
          fieldLens = stems.map((s) => s.length);
          const lensText = fieldLens.join(',');
          let docid: number;
          if (delta) {
            for (const s of stems) count(s, 1);
            if (known) uncount(known.docid);
          }
          if (known) {
            remove.run(known.docid);
            updateDoc.run(hash, lensText, known.docid);
            docid = known.docid;
          } else docid = (addDoc.get(key, hash, lensText) as { docid: number }).docid;
          insert.run(docid, ...stems.map((s) => s.join(' ')));
          docidOf[pos] = docid;
          analysed++;
        }
        for (let f = 0; f < nf; f++) lens[pos * nf + f] = fieldLens[f] ?? 0;
      }
      removed = stored.size;
      for (const gone of stored.values()) {
        if (delta) uncount(gone.docid);
        remove.run(gone.docid);
        removeDoc.run(gone.docid);
      }
      if (this.persistent && (analysed || removed)) {
        generation = `${process.pid}.${Date.now()}.${++generationCounter}`;
        db.prepare(
          `INSERT OR REPLACE INTO switchyard_fts_meta (name, signature) VALUES (?, ?)`,
        ).run(`${t}:generation`, generation);
      }
      if (!this.persistent) db.prepare(`INSERT INTO temp.${t} (${t}) VALUES ('optimize')`).run();
    })();
    this.analysed = analysed;
    this.generation = generation;
    if (delta) {
      const totals = new Map(previous!.totals);
      for (const [w, n] of delta) {
        const v = (totals.get(w) ?? 0) + n;
        if (v > 0) totals.set(w, v);
        else totals.delete(w);
      }
      this.totals = totals;
    }
    this.report = { analysed, removed, verified, unmarked, full: !trusted || !!store.verify };
    this.lens = lens;
    this.docidOf = docidOf;
    if (this.persistent) this.adoptCaches(removed, JSON.stringify([t, weights, k1, b]));
    let maxDocid = 0;
    for (const d of docidOf) if (d > maxDocid) maxDocid = d;
    this.posOf = new Int32Array(maxDocid + 1).fill(-1);
    docidOf.forEach((d, pos) => (this.posOf[d] = pos));
    const totals = new Float64Array(nf);
    for (let pos = 0; pos < this.size; pos++)
      for (let f = 0; f < nf; f++) totals[f] += lens[pos * nf + f];
    this.avg = new Float64Array(nf);
    for (let f = 0; f < nf; f++) this.avg[f] = Math.max(1, totals[f] / Math.max(1, this.size));
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
    const t = this.table;
    this.db.exec(
      `DROP TABLE IF EXISTS temp.${t}_vi; DROP TABLE IF EXISTS temp.${t}_vr;
       DROP TABLE IF EXISTS temp.${t}_docs; DROP TABLE IF EXISTS temp.${t};`,
    );
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

  /** Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f), in field order (FieldedIndex's pseudo-frequency). */
  private pseudoTf(pos: number, counts: Float64Array): number {
    const { lens, avg } = this;
    const nf = this.fields.length;
    const b = this.b;
    let acc = 0;
    let first = true;
    for (let f = 0; f < nf; f++) {
      const n = counts[f];
      const w = this.w[f];
      if (!n || !w) continue;
      const norm = 1 - b + (b * lens[pos * nf + f]) / avg[f];
      const x = (w * n) / norm;
      acc = first ? x : acc + x;
      first = false;
    }
    return acc;
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
   * Positions follow the documents' rowids, which need not follow their positions: the postings
   * are sorted by position when they do not.
   */
  private readPostings(stem: string): Postings {
    const nf = this.fields.length;
    const list = (this.st.postings.get(stem) as string | null) ?? '';
    const docs: number[] = [];
    const tf: number[] = [];
    const counts = new Float64Array(nf);
    let current = -1;
    let weighted = false;
    let sorted = true;
    const flush = () => {
      const pos = current >= 0 && current < this.posOf.length ? this.posOf[current] : -1;
      if (pos >= 0 && weighted) {
        if (docs.length && docs[docs.length - 1] > pos) sorted = false;
        docs.push(pos);
        tf.push(this.pseudoTf(pos, counts));
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
    if (sorted) return { docs: Int32Array.from(docs), tf: Float64Array.from(tf) };
    const order = docs.map((_, k) => k).sort((x, y) => docs[x] - docs[y]);
    return {
      docs: Int32Array.from(order, (k) => docs[k]),
      tf: Float64Array.from(order, (k) => tf[k]),
    };
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
      const tf = this.pseudoTf(id, counts);
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
