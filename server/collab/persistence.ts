import type { Database, Statement } from 'better-sqlite3';

/** A co-editing document as stored: snapshot, update log and the bookkeeping of revisions. */
export interface StoredDoc {
  name: string;
  /** Every stored update (snapshot first, then the log in order); empty for a new document. */
  updates: Uint8Array[];
  /** Id of the last update read (0 when none): compaction folds up to it. */
  lastUpdateId: number;
  /** How many log entries are not folded into the snapshot yet. */
  logLength: number;
  /** The page revision the document text last matched (0: none). */
  baseRevision: number;
  /** Co-edits not yet written as a page revision (left by a crash, for instance). */
  dirty: boolean;
  spanAuthors: number[];
}

interface DocRow {
  name: string;
  snapshot: Buffer | null;
  snapshot_seq: number;
  base_revision: number;
  dirty: number;
  span_authors: string;
}

const SQL_DOC = `SELECT name, snapshot, snapshot_seq, base_revision, dirty, span_authors FROM collab_docs WHERE name = @name`;
const SQL_LOG = `SELECT id, data FROM collab_updates WHERE doc = @name ORDER BY id`;
const SQL_ENSURE_DOC = `INSERT OR IGNORE INTO collab_docs (name) VALUES (@name)`;
const SQL_APPEND = `INSERT INTO collab_updates (doc, data, user_id) VALUES (@name, @data, @userId)`;
const SQL_SET_SNAPSHOT = `UPDATE collab_docs SET snapshot = @snapshot, snapshot_seq = @upTo WHERE name = @name`;
const SQL_TRIM_LOG = `DELETE FROM collab_updates WHERE doc = @name AND id <= @upTo`;
const SQL_SET_BASE = `UPDATE collab_docs SET base_revision = @revision WHERE name = @name`;
const SQL_SET_DIRTY = `UPDATE collab_docs SET dirty = @dirty, span_authors = @authors WHERE name = @name`;
const SQL_DIRTY_DOCS = `SELECT name FROM collab_docs WHERE dirty = 1 ORDER BY name`;
const SQL_HAS_DOC = `SELECT 1 AS one FROM collab_docs WHERE name = @name`;
const SQL_DELETE_DOC = `DELETE FROM collab_docs WHERE name = @name`;
const SQL_COUNT_LOG = `SELECT COUNT(*) AS n FROM collab_updates WHERE doc = @name`;

const SQL_PENDING = `SELECT 1 AS one FROM collab_docs WHERE name = @name AND dirty = 1`;

/**
 * Whether a co-editing document of that name holds edits not yet written as a page revision
 * (marked on disk at the first edit of a span, so any process sharing the database sees it): for
 * a slug without a page, someone is writing that page right now.
 */
export function hasPendingCoEdits(db: Database, name: string): boolean {
  return db.prepare(SQL_PENDING).get({ name }) !== undefined;
}

const asBytes = (b: Buffer | null) =>
  b ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : null;

/**
 * SQLite persistence of co-editing documents: an append-only log of Yjs updates (one prepared
 * INSERT per update, synchronous, so an update is on disk before anyone else receives it) folded
 * into a snapshot every so often. All methods are synchronous.
 */
export class CollabStore {
  private readonly append: Statement;
  private readonly setDirtyStmt: Statement;

  constructor(private readonly db: Database) {
    this.append = db.prepare(SQL_APPEND);
    this.setDirtyStmt = db.prepare(SQL_SET_DIRTY);
  }

  /**
   * Runs `fn` in one SQLite transaction (nested calls become savepoints).
   * @param immediate take the write lock at once (BEGIN IMMEDIATE), for a read-check-write.
   */
  transaction<T>(fn: () => T, immediate = false): T {
    const tx = this.db.transaction(fn);
    return immediate ? tx.immediate() : tx();
  }

  /** True when a document of that name was ever stored. */
  has(name: string): boolean {
    return this.db.prepare(SQL_HAS_DOC).get({ name }) !== undefined;
  }

  /** Reads a document (snapshot and log), or null when none is stored. */
  read(name: string): StoredDoc | null {
    const row = this.db.prepare(SQL_DOC).get({ name }) as DocRow | undefined;
    if (!row) return null;
    const updates: Uint8Array[] = [];
    if (row.snapshot) updates.push(asBytes(row.snapshot)!);
    let lastUpdateId = row.snapshot_seq;
    let logLength = 0;
    for (const u of this.db.prepare(SQL_LOG).iterate({ name }) as IterableIterator<{
      id: number;
      data: Buffer;
    }>) {
      updates.push(asBytes(u.data)!);
      lastUpdateId = u.id;
      logLength++;
    }
    return {
      name,
      updates,
      lastUpdateId,
      logLength,
      baseRevision: row.base_revision,
      dirty: row.dirty === 1,
      spanAuthors: JSON.parse(row.span_authors) as number[],
    };
  }

  /** Creates the document row when missing. */
  ensure(name: string): void {
    this.db.prepare(SQL_ENSURE_DOC).run({ name });
  }

  /**
   * Appends one update to the log (the document row must exist).
   * @returns the id of the update, increasing.
   */
  appendUpdate(name: string, update: Uint8Array, userId: number | null): number {
    return Number(this.append.run({ name, data: update, userId }).lastInsertRowid);
  }

  /** Replaces the snapshot by `state` (which must contain every update up to `upTo`) and trims the log, in one transaction. */
  compact(name: string, state: Uint8Array, upTo: number): void {
    this.transaction(() => {
      this.db.prepare(SQL_SET_SNAPSHOT).run({ name, snapshot: state, upTo });
      this.db.prepare(SQL_TRIM_LOG).run({ name, upTo });
    });
  }

  /** Records the page revision the document text matches. */
  setBase(name: string, revision: number): void {
    this.db.prepare(SQL_SET_BASE).run({ name, revision });
  }

  /** Records whether co-edits await a revision, and who made them. */
  setDirty(name: string, dirty: boolean, authors: Iterable<number>): void {
    this.setDirtyStmt.run({ name, dirty: dirty ? 1 : 0, authors: JSON.stringify([...authors]) });
  }

  /** Names of the documents with co-edits not yet written as a revision. */
  dirtyDocs(): string[] {
    return (this.db.prepare(SQL_DIRTY_DOCS).all() as { name: string }[]).map((r) => r.name);
  }

  /** Number of log entries not folded into the snapshot (for tests and figures). */
  logLength(name: string): number {
    return (this.db.prepare(SQL_COUNT_LOG).get({ name }) as { n: number }).n;
  }

  /** Forgets a document that never held anything (a page opened for creation, then left empty). */
  remove(name: string): void {
    this.db.prepare(SQL_DELETE_DOC).run({ name });
  }
}
