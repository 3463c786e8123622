import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/open.js';
import { allFileVersions } from './files.js';
import { copyStorage, LocalFileStorage, type FileStorage } from './storage.js';

/*
 * Files in backups and exports. A backup (`backup FILE`) copies the database to FILE and the file
 * store to `FILE.files/` (same content-addressed layout: restoring is copying both back, or
 * pointing LC_DB and LC_FILES_DIR at them). Objects never change, so a second backup into the same
 * folder only copies the new ones. An export (`export-pages DIR`) writes every file's current
 * version under its name in `DIR/files/`, and every version's metadata in `DIR/files.json`.
 */

/** Where `backup FILE` puts the files. */
export const backupFilesDir = (backupFile: string) => `${backupFile}.files`;

/**
 * Copies the file store next to a database backup.
 * @returns how many objects were copied and how many were already there.
 */
export function backupFiles(
  storage: FileStorage,
  backupFile: string,
): Promise<{ copied: number; kept: number }> {
  return copyStorage(storage, new LocalFileStorage(backupFilesDir(backupFile)));
}

/**
 * Writes the current version of every file as `DIR/files/NAME` and the list of all versions as
 * `DIR/files.json` (nothing when there are no files). A version whose bytes are missing from the
 * store is listed with `missing: true` instead of stopping the export.
 * @returns the number of files written and of missing contents.
 */
export async function exportFiles(
  db: Database,
  storage: FileStorage,
  dir: string,
): Promise<{ files: number; missing: number }> {
  const versions = allFileVersions(db);
  if (versions.length === 0) return { files: 0, missing: 0 };
  const current = new Map<string, (typeof versions)[number]>();
  for (const v of versions) current.set(v.name, v); // ordered by number: the last one wins
  mkdirSync(join(dir, 'files'), { recursive: true });
  let missing = 0;
  const missingHashes = new Set<string>();
  for (const v of current.values()) {
    if (!(await storage.has(v.sha256))) {
      missing++;
      missingHashes.add(v.sha256);
      continue;
    }
    writeFileSync(join(dir, 'files', v.name), await storage.get(v.sha256));
  }
  const listed = versions.map((v) => ({
    ...v,
    current: current.get(v.name) === v,
    ...(missingHashes.has(v.sha256) ? { missing: true } : {}),
  }));
  writeFileSync(join(dir, 'files.json'), JSON.stringify(listed, null, 2) + '\n');
  return { files: current.size - missing, missing };
}
