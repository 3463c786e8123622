import type { Database } from 'better-sqlite3';

/*
 * The switchyard documents made stale by writes since the last build, as the triggers of
 * migrations/0022_switchyard_stale.sql record them in each write's own transaction.
 */

const SQL_STALE = `SELECT ix, key FROM switchyard_stale`;
const SQL_STALE_PAGES = `SELECT s.page_id, s.markdown AS old,
  (SELECT markdown FROM pages p WHERE p.id = s.page_id AND p.deleted_at IS NULL) AS current
  FROM switchyard_stale_pages s`;

/** What the writes since the last build touched. */
export interface StaleRecord {
  /** A full hash pass is asked for (after the migration that created the triggers). */
  all: boolean;
  /** Index name → keys of its documents that may have changed. */
  keys: Map<string, Set<string>>;
  /**
   * Wiki pages whose text changed: their markdown as the last build saw it and as it is now
   * (null: not a live page then, or now). The context documents of the resources either names
   * are stale too.
   */
  pages: { old: string | null; current: string | null }[];
}

/** Reads the stale documents (call it in the build's transaction, before reading the data). */
export function readStale(db: Database): StaleRecord {
  const record: StaleRecord = {
    all: false,
    keys: new Map(),
    pages: db.prepare(SQL_STALE_PAGES).all() as { old: string | null; current: string | null }[],
  };
  for (const { ix, key } of db.prepare(SQL_STALE).iterate() as IterableIterator<{
    ix: string;
    key: string;
  }>) {
    if (ix === '*') record.all = true;
    else markStale(record, ix, key);
  }
  return record;
}

/** Empties the record (in the build's transaction, once the indexes hold every change). */
export function clearStale(db: Database): void {
  db.exec(`DELETE FROM switchyard_stale; DELETE FROM switchyard_stale_pages;`);
}

/** Adds `key` to index `ix`'s stale keys. */
export function markStale(record: StaleRecord, ix: string, key: string): void {
  let set = record.keys.get(ix);
  if (!set) record.keys.set(ix, (set = new Set()));
  set.add(key);
}
