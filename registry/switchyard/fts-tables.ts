import type { Database } from 'better-sqlite3';
import { textStems } from './text.js';

/*
 * The FTS5 tables behind an FtsFieldedIndex (fts-index.ts): their names (temporary ones, or
 * `switchyard_fts_<name>` in the main schema), their signature (analyser version and output on a
 * probe sentence, fields), their creation, and the meta table where a named index records its
 * signature, how its documents are made (docVersion) and its generation. Tables whose signature
 * changed are dropped and created again.
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

/** The tables of one index: where they are, their columns, and what their tokens are made by. */
export interface FtsTables {
  /** Named (main schema, kept between builds) rather than temporary. */
  persistent: boolean;
  /** `main` for a named index, `temp` otherwise. */
  schema: 'main' | 'temp';
  /** The FTS5 table's name; the others add `_vi`, `_vr` and `_docs` to it. */
  name: string;
  /** One column per field, in field order: `f0`, `f1`, … */
  cols: string[];
  /** Text → tokens. */
  analyse: (text: string) => string[];
  /** What a named index's stored tables must match to be kept. */
  signature: string;
  /** The fts5vocab tables' argument naming the FTS5 table. */
  vocabOf: string;
}

/**
 * Names the tables of an index over `fields`.
 * @throws Error when `store.name` is not lowercase letters.
 */
export function ftsTables(fields: readonly string[], store: FtsIndexStore): FtsTables {
  const cols = fields.map((_, i) => `f${i}`);
  if (store.name !== undefined && !/^[a-z]+$/.test(store.name))
    throw new Error(`index name must be lowercase letters: ${store.name}`);
  const persistent = store.name !== undefined;
  const schema = persistent ? 'main' : 'temp';
  const t = persistent ? `switchyard_fts_${store.name}` : `lc_sy_${process.pid}_${++tableCounter}`;
  const analyse = store.analyse ?? textStems;
  const signature = JSON.stringify({
    v: ANALYSER_VERSION,
    fields,
    analyse: analyse.name,
    probe: analyse(ANALYSER_PROBE).join(' '),
  });
  // An fts5vocab table names its schema only in temp (it then reads any schema's table).
  const vocabOf = persistent ? t : `temp, ${t}`;
  return { persistent, schema, name: t, cols, analyse, signature, vocabOf };
}

/** Creates an index's FTS5 table, its two fts5vocab tables and its side table of documents. */
export function createFtsTables(db: Database, tables: FtsTables): void {
  const { schema, name: t, cols, vocabOf } = tables;
  db.exec(
    `CREATE VIRTUAL TABLE ${schema}.${t} USING fts5(${cols.join(', ')}, tokenize = 'unicode61 remove_diacritics 0');
     CREATE VIRTUAL TABLE ${schema}.${t}_vi USING fts5vocab(${vocabOf}, 'instance');
     CREATE VIRTUAL TABLE ${schema}.${t}_vr USING fts5vocab(${vocabOf}, 'row');
     CREATE TABLE ${schema}.${t}_docs (docid INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
       hash TEXT NOT NULL, lens TEXT NOT NULL);`,
  );
}

/** What opening a named index's tables found. */
export interface OpenedFtsTables {
  /** The tables' generation as the last build that changed them left it ('' for none). */
  generation: string;
  /** True when the tables were created (missing, or another signature): nothing stored stands. */
  created: boolean;
  /** True when the stored documents were made another way (another docVersion). */
  docsChanged: boolean;
}

/**
 * Opens a named index's tables (inside the build's transaction): creates the meta table, reads the
 * tables' generation, creates them again when their signature changed, and records `docVersion`.
 */
export function openFtsTables(
  db: Database,
  tables: FtsTables,
  docVersion: string,
): OpenedFtsTables {
  const t = tables.name;
  db.exec(
    `CREATE TABLE IF NOT EXISTS switchyard_fts_meta (name TEXT PRIMARY KEY, signature TEXT NOT NULL)`,
  );
  // Changed by every build that changes the tables: what this process remembers of its last
  // build holds only if no other connection changed them since.
  const generation =
    (db
      .prepare(`SELECT signature FROM switchyard_fts_meta WHERE name = ?`)
      .pluck()
      .get(`${t}:generation`) as string | undefined) ?? '';
  const known = db
    .prepare(`SELECT signature FROM switchyard_fts_meta WHERE name = ?`)
    .pluck()
    .get(t) as string | undefined;
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).pluck().get(`${t}_docs`);
  const created = known !== tables.signature || !exists;
  if (created) {
    db.exec(
      `DROP TABLE IF EXISTS ${t}_vi; DROP TABLE IF EXISTS ${t}_vr;
       DROP TABLE IF EXISTS ${t}_docs; DROP TABLE IF EXISTS ${t};`,
    );
    createFtsTables(db, tables);
    db.prepare(`INSERT OR REPLACE INTO switchyard_fts_meta (name, signature) VALUES (?, ?)`).run(
      t,
      tables.signature,
    );
  }
  // How documents are made: a change means any stored one may differ, marked or not.
  const knownDocs = db
    .prepare(`SELECT signature FROM switchyard_fts_meta WHERE name = ?`)
    .pluck()
    .get(`${t}:docs`) as string | undefined;
  const docsChanged = knownDocs !== docVersion;
  if (docsChanged)
    db.prepare(`INSERT OR REPLACE INTO switchyard_fts_meta (name, signature) VALUES (?, ?)`).run(
      `${t}:docs`,
      docVersion,
    );
  return { generation, created, docsChanged };
}

/** Records a new generation of a named index's tables (a build changed them) and returns it. */
export function newGeneration(db: Database, t: string): string {
  const generation = `${process.pid}.${Date.now()}.${++generationCounter}`;
  db.prepare(`INSERT OR REPLACE INTO switchyard_fts_meta (name, signature) VALUES (?, ?)`).run(
    `${t}:generation`,
    generation,
  );
  return generation;
}

/** Removes the temporary tables named `t`. */
export function dropTempTables(db: Database, t: string): void {
  db.exec(
    `DROP TABLE IF EXISTS temp.${t}_vi; DROP TABLE IF EXISTS temp.${t}_vr;
     DROP TABLE IF EXISTS temp.${t}_docs; DROP TABLE IF EXISTS temp.${t};`,
  );
}
