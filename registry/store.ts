import type { Database, Statement } from 'better-sqlite3';

/**
 * Change tracking for registry data. Every registry write calls `registryChanged(db)`; readers
 * that cache derived state (the faceted resource index, the switchyard's matcher) compare
 * `registryVersion(db)`, which also moves when another connection (a CLI import while the server
 * runs) commits, through SQLite's `PRAGMA data_version`.
 */

/** Called after registry data changed. */
export type RegistryListener = () => void;

interface Tracker {
  version: number;
  listeners: RegistryListener[];
  dataVersion?: Statement;
}

const TRACKERS = new WeakMap<Database, Tracker>();

function tracker(db: Database): Tracker {
  let t = TRACKERS.get(db);
  if (!t) {
    t = { version: 0, listeners: [] };
    TRACKERS.set(db, t);
  }
  return t;
}

/** Marks the registry of `db` as changed and tells the listeners (a failing listener is logged). */
export function registryChanged(db: Database): void {
  const t = tracker(db);
  t.version++;
  for (const l of t.listeners) {
    try {
      l();
    } catch (err) {
      console.error('[registry] change listener failed', err);
    }
  }
}

/** Registers a listener called after every registry write made through this connection. */
export function onRegistryChanged(db: Database, listener: RegistryListener): void {
  tracker(db).listeners.push(listener);
}

/** An opaque version string: different whenever registry data may have changed. */
export function registryVersion(db: Database): string {
  const t = tracker(db);
  // Prepared once per connection: db.pragma() would prepare a statement on every call.
  t.dataVersion ??= db.prepare('PRAGMA data_version').pluck();
  return `${t.dataVersion.get() as number}:${t.version}`;
}

/** Parses a JSON column, falling back to `fallback` on a malformed value. */
export function parseJson<T>(value: string | null | undefined, fallback: T): T {
  if (!value) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** The current time as stored in the database (ISO 8601, UTC, milliseconds). */
export const nowIso = (now: Date = new Date()) => now.toISOString();

const CACHES = new WeakMap<Database, Map<string, { version: string; value: unknown }>>();

/**
 * A value derived from registry data, rebuilt only when `registryVersion` moved.
 * @param key names the derived value (one cache entry per key and database).
 */
export function cachedByVersion<T>(db: Database, key: string, build: () => T): T {
  let caches = CACHES.get(db);
  if (!caches) {
    caches = new Map();
    CACHES.set(db, caches);
  }
  const version = registryVersion(db);
  const hit = caches.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = build();
  caches.set(key, { version, value });
  return value;
}

const STATEMENTS = new WeakMap<Database, Map<string, Statement>>();

/**
 * The prepared statement for `sql` on this connection, prepared once: imports run the same
 * few statements thousands of times, and preparing costs more than running them.
 */
export function stmt(db: Database, sql: string): Statement {
  let cache = STATEMENTS.get(db);
  if (!cache) {
    cache = new Map();
    STATEMENTS.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
