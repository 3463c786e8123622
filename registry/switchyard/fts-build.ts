import { hash as digest } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { fieldText } from './fielded-index.js';
import {
  createFtsTables,
  newGeneration,
  openFtsTables,
  type FtsIndexStore,
  type FtsTables,
} from './fts-tables.js';

/*
 * The build of an FtsFieldedIndex's tables (fts-index.ts): documents in, FTS5 rows, field lengths
 * and rowids out. A named index lives in the database itself (main schema) and outlives the
 * process: building it again re-analyses only the documents whose text changed (new, edited,
 * removed). Given the keys written to since the last build (`stale`, from the triggers of
 * migration 0022), it looks at those only; without them, it hashes every document and compares it
 * with the stored one. When the previous build of the same tables in this process holds the same
 * documents, its rowids, lengths and term counts are carried over with the changes made here.
 * One process writes the tables (the server's SwitchyardService).
 */

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

/** Documents given one by one on demand (a build reads only those it has to). */
export interface DocSource<F extends string> {
  readonly length: number;
  get(pos: number): Partial<Record<F, string | string[]>>;
}

/** What the previous build of the same named tables in this process left. */
export interface PreviousFtsBuild {
  readonly keys: readonly string[];
  readonly docidOf: Int32Array;
  readonly lens: Float64Array;
  readonly generation: string;
  /** Its term counts, when it has them. */
  readonly totals: Map<string, number> | undefined;
}

/** What a build leaves: the documents' keys, rowids and field lengths, and what it did. */
export interface FtsBuild {
  /** The documents' keys, by position (repeated ones made unique). */
  keys: readonly string[];
  /** Field lengths: position × field. */
  lens: Float64Array;
  /** FTS rowid of each position. */
  docidOf: Int32Array;
  /** Documents analysed (all of them for a new index; changes only otherwise). */
  analysed: number;
  /** The tables' generation this build left. */
  generation: string;
  /** Every term's number of occurrences, when carried over from the previous build. */
  totals: Map<string, number> | undefined;
  report: FtsBuildReport;
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

/**
 * Writes `docs` into the index's tables, in one transaction.
 * @param db the connection holding the tables.
 * @param docs one entry per document: field → texts (as FieldedIndex).
 * @param fields the fields, in column order.
 * @param tables the tables (ftsTables).
 * @param store keys, stale record and document version of a named index.
 * @param previous the previous build of these tables in this process (one process writes them):
 *   its term counts, when it has them, are carried over with the changes of the documents analysed
 *   here.
 */
export function buildFtsTables<F extends string>(
  db: Database,
  docs: readonly Partial<Record<F, string | string[]>>[] | DocSource<F>,
  fields: readonly F[],
  tables: FtsTables,
  store: FtsIndexStore,
  previous: PreviousFtsBuild | undefined,
): FtsBuild {
  const size = docs.length;
  const nf = fields.length;
  const { persistent, schema, name: t, cols, analyse } = tables;
  const docAt = Array.isArray(docs)
    ? (pos: number) => (docs as readonly Partial<Record<F, string | string[]>>[])[pos]
    : (pos: number) => (docs as DocSource<F>).get(pos);
  // Keys are slugs, unique by construction; a repeated one still gets a document of its own.
  const keys: string[] = [];
  const seen = new Set<string>();
  for (let pos = 0; pos < size; pos++) {
    let key = store.keys?.[pos] ?? String(pos);
    if (seen.has(key)) key = `${key}#${pos}`;
    seen.add(key);
    keys.push(key);
  }
  const lens = new Float64Array(size * nf);
  const docidOf = new Int32Array(size);
  let analysed = 0;
  let removed = 0;
  let verified = 0;
  const unmarked: string[] = [];
  // Whether the stored documents are the ones the stale set is relative to.
  let trusted = persistent && store.stale !== undefined;
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
    if (persistent) {
      const opened = openFtsTables(db, tables, store.docVersion ?? '');
      generation = opened.generation;
      // Tables changed by another connection, or created anew: nothing of that build stands.
      if (previous?.generation !== generation || opened.created) {
        delta = undefined;
        carry = false;
      }
      if (opened.docsChanged) trusted = false;
    } else createFtsTables(db, tables);
    carry &&= trusted && !store.verify;
    const stored = new Map<string, { docid: number; hash: string; lens: string }>();
    const storedDoc = db.prepare(`SELECT docid, hash, lens FROM ${schema}.${t}_docs WHERE key = ?`);
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
    for (let pos = 0; pos < size; pos++) {
      const key = keys[pos];
      // Carried over from the previous build: only stale documents are looked at.
      if (carry && !store.stale!.has(key)) continue;
      const known = stored.get(key);
      stored.delete(key);
      if (known && trusted && !store.verify && !store.stale!.has(key)) {
        // Not written to since the last build: its stored rows stand, unread.
        docidOf[pos] = known.docid;
        parseLens(known.lens, lens, pos * nf, nf);
        continue;
      }
      const doc = docAt(pos);
      const texts = fields.map((f) => fieldText(doc[f]));
      const hash = digest('sha1', texts.join('\u0000'), 'base64');
      verified++;
      if (known && known.hash !== hash && trusted && !store.stale!.has(key)) unmarked.push(key);
      if (known && known.hash === hash) {
        docidOf[pos] = known.docid;
        parseLens(known.lens, lens, pos * nf, nf);
      } else {
        const stems = texts.map((text) => (text ? analyse(text) : []));
        const fieldLens = stems.map((s) => s.length);
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
        for (let f = 0; f < nf; f++) lens[pos * nf + f] = fieldLens[f];
      }
    }
    removed = stored.size;
    for (const gone of stored.values()) {
      if (delta) uncount(gone.docid);
      remove.run(gone.docid);
      removeDoc.run(gone.docid);
    }
    if (persistent && (analysed || removed)) generation = newGeneration(db, t);
    if (!persistent) db.prepare(`INSERT INTO temp.${t} (${t}) VALUES ('optimize')`).run();
  })();
  let totals: Map<string, number> | undefined;
  if (delta) {
    totals = new Map(previous!.totals);
    for (const [w, n] of delta) {
      const v = (totals.get(w) ?? 0) + n;
      if (v > 0) totals.set(w, v);
      else totals.delete(w);
    }
  }
  const report = { analysed, removed, verified, unmarked, full: !trusted || !!store.verify };
  return { keys, lens, docidOf, analysed, generation, totals, report };
}
