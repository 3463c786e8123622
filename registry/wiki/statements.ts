import type { Statement } from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

const CACHE = new WeakMap<Database, Map<string, Statement>>();

/**
 * The prepared statement for `sql` on `db`, compiled once per database and reused: preparing costs
 * more than running a point query, and the wiki runs the same few dozen statements all day.
 * @throws SqliteError when the SQL does not compile (a programming error).
 */
export function stmt(db: Database, sql: string): Statement {
  let perDb = CACHE.get(db);
  if (!perDb) {
    perDb = new Map();
    CACHE.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s;
}
