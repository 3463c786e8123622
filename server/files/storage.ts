import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/*
 * Where file contents live. Contents are addressed by their SHA-256: the same bytes uploaded twice
 * (two names, two versions) are stored once, and a stored object never changes. The database
 * (files, file_versions) says which name and version is which hash. `FileStorage` is all the rest
 * of the code uses, so that an S3-compatible store can follow (put = PutObject under the hash,
 * get = GetObject, list = ListObjectsV2).
 */

/** A content-addressed store of file contents. */
export interface FileStorage {
  /** Stores bytes under their SHA-256 (nothing is written when they are already there). @returns the hash, hex. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under a hash. @throws Error when there are none. */
  get(sha256: string): Promise<Buffer>;
  /** Whether bytes are stored under a hash. */
  has(sha256: string): Promise<boolean>;
  /** Every stored hash (for backups). */
  list(): AsyncIterable<string>;
}

/** The SHA-256 of some bytes, hex. */
export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const HASH_RE = /^[0-9a-f]{64}$/;

/**
 * Files on the local disk: `DIR/ab/cd/abcd…` (two levels of two hex digits keep folders small).
 * Writes go to a temporary name and are renamed into place, so a crash never leaves half a file
 * under a hash. The synchronous methods serve command-line tools (importers, backups).
 */
export class LocalFileStorage implements FileStorage {
  constructor(readonly dir: string) {}

  /** Where the bytes of a hash are (or would be). @throws Error for a string that is not a hash. */
  pathOf(sha256: string): string {
    if (!HASH_RE.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** `put`, synchronously. */
  putSync(bytes: Uint8Array): string {
    const hash = sha256Of(bytes);
    const path = this.pathOf(hash);
    if (existsSync(path)) return hash;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    return hash;
  }

  async put(bytes: Uint8Array): Promise<string> {
    return this.putSync(bytes);
  }

  /** `get`, synchronously. */
  getSync(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return existsSync(this.pathOf(sha256));
  }

  /** Size and modification time of a blob, or undefined when it is not there. */
  statSync(sha256: string): { size: number; mtimeMs: number } | undefined {
    try {
      const s = statSync(this.pathOf(sha256));
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  /** Removes a blob (garbage collection: see `gcFiles`, which checks that nothing names it). */
  removeSync(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }

  /** `list`, synchronously. */
  listSync(): string[] {
    const out: string[] = [];
    if (!existsSync(this.dir)) return out;
    for (const a of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of readdirSync(join(this.dir, a))) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of readdirSync(join(this.dir, a, b)))
          if (HASH_RE.test(name)) out.push(name);
      }
    }
    return out;
  }

  async *list(): AsyncIterable<string> {
    yield* this.listSync();
  }
}

/**
 * The folder of uploaded files: `filesDir` when configured (LC_FILES_DIR), else `files` beside
 * the database file (`./data/files` by default). An in-memory database (tests, tools) gets a
 * fresh temporary folder, so nothing lands in the working directory.
 */
export function resolveFilesDir(
  filesDir: string | null | undefined,
  db: { memory: boolean; name: string },
): string {
  if (filesDir) return resolve(filesDir);
  if (db.memory) return mkdtempSync(join(tmpdir(), 'lieux-communs-files-'));
  return join(dirname(resolve(db.name)), 'files');
}

/**
 * Copies every stored content missing from `to` (backups: objects never change, so a copy made
 * earlier stays valid and only new ones are written).
 * @returns how many objects were copied and how many were there already.
 */
export async function copyStorage(
  from: FileStorage,
  to: FileStorage,
): Promise<{ copied: number; kept: number }> {
  let copied = 0;
  let kept = 0;
  for await (const hash of from.list()) {
    if (await to.has(hash)) kept++;
    else {
      await to.put(await from.get(hash));
      copied++;
    }
  }
  return { copied, kept };
}
