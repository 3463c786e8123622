import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { PROJECT_ROOT } from '../project-root.js';
import { registerTextFunctions } from '../../registry/text/fts.js';

/** The folder holding the numbered `NNNN_name.sql` migrations. */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations/');

/** One migration file: its number (the `PRAGMA user_version` it brings the database to). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Thrown when a database was written by a newer version of the code. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${databaseVersion}, but this version of Lieux Communs ` +
        `only knows up to ${codeVersion}. Upgrade the code; it will not open a newer database.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Reads the migrations folder, in order. Numbers must be unique and increasing; gaps are allowed
 * (features reserve their numbers).
 * @throws Error when two files share a number.
 */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const version = Number(file.slice(0, 4));
    if (seen.has(version)) throw new Error(`Two migrations share the number ${version}: ${file}`);
    seen.add(version);
    return { version, name: file, sql: readFileSync(join(dir, file), 'utf8') };
  });
}

/**
 * Brings the database to the latest schema, each migration in its own transaction. Registers the
 * French analyser's SQL functions first (registry/text/fts.ts): the full-text migration fills its
 * tables with them, and the full-text triggers call them on every later write of this connection.
 * @returns the schema version reached.
 * @throws DatabaseTooNewError when the database is newer than the code.
 */
export function migrate(db: Database, migrations: Migration[] = loadMigrations()): number {
  registerTextFunctions(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
