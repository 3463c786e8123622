import type { Database } from '../db/open.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { stmt } from '../../registry/wiki/statements.js';
import { slugify } from '../../registry/text/slug.js';
import type { FileStorage, LocalFileStorage } from './storage.js';
import { isImage, sniffContentType } from './sniff.js';

/*
 * Files (issue 10 §3): a file is a name (`statuts-2024.pdf`) with numbered versions; uploading
 * again under the same name makes a new version. Pages use a file by linking to `/files/NAME`
 * (`![alt](/files/logo.png)` shows an image, `[Statuts](/files/statuts.pdf)` a link), or have it
 * attached from their files list. Recording a version is synchronous (`recordFileVersion`), so it
 * can join a caller's transaction; `storeFile` sniffs the type and stores the bytes first.
 */

/** File names: lowercase letters, digits and dashes, an optional extension. */
export const FILE_NAME_RE = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?(?:\.[a-z0-9]{1,10})?$/;

/** Where a file's current bytes are served (and what pages link to). */
export const fileUrl = (name: string) => `/files/${name}`;

/**
 * The name a file gets from the name it was uploaded under: the base slugified, the extension
 * lowercased ("Statuts 2024 (signés).PDF" → "statuts-2024-signes.pdf").
 * @throws AppError 400 (field `name`) when nothing usable is left.
 */
export function fileNameFrom(original: string, field = 'name'): string {
  const trimmed = original.trim().split(/[\\/]/).pop() ?? '';
  const dot = trimmed.lastIndexOf('.');
  const rawExt =
    dot > 0
      ? trimmed
          .slice(dot + 1)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
      : '';
  const base = slugify(dot > 0 ? trimmed.slice(0, dot) : trimmed)
    .slice(0, 100)
    .replace(/-+$/, '');
  const name = base && rawExt ? `${base}.${rawExt.slice(0, 10)}` : base;
  if (!name || !FILE_NAME_RE.test(name))
    throw badRequest(field, 'a file name with letters or digits');
  return name;
}

/** Someone named next to a file version: an account, or an imported author's name. */
export interface Uploader {
  id: number | null;
  name: string;
  /** Imported from another wiki: the author has no account here. */
  imported: boolean;
}

/** One version of a file. */
export interface FileVersion {
  number: number;
  sha256: string;
  size: number;
  contentType: string;
  originalName: string;
  comment: string;
  uploadedBy: Uploader | null;
  uploadedAt: string;
  /** Where this version's bytes are served. */
  url: string;
}

/** A file: its name, current version and whether pages show it as an image. */
export interface FileInfo {
  name: string;
  version: number;
  sha256: string;
  size: number;
  contentType: string;
  image: boolean;
  url: string;
  createdAt: string;
  updatedAt: string;
  uploadedBy: Uploader | null;
}

/** A file with its history and the pages using it (its page in the app). */
export interface FileDetails extends FileInfo {
  versions: FileVersion[];
  /** Live pages linking to the file or having it attached, by title. */
  usedBy: { slug: string; title: string; attached: boolean; linked: boolean }[];
}

/** What a version records (the bytes are already stored under `sha256`). */
export interface RecordVersionInput {
  name: string;
  sha256: string;
  size: number;
  contentType: string;
  originalName?: string;
  comment?: string;
  /** The account uploading, or null (an import: see `uploaderName`). */
  userId: number | null;
  /** An imported upload's author, shown when there is no account (MediaWiki's uploader). */
  uploaderName?: string | null;
  /** When the version was uploaded (ISO 8601; imports keep the source's date). Default: now. */
  uploadedAt?: string;
  /** A page to attach the file to, in the same transaction. */
  pageId?: number;
}

/** What recording a version did. */
export interface RecordResult {
  file: FileInfo;
  /** The name was new. */
  created: boolean;
  /** A version was written (false when the bytes are the current version's). */
  changed: boolean;
}

interface FileRow {
  id: number;
  name: string;
  version: number;
  created_at: string;
  sha256: string;
  size: number;
  content_type: string;
  uploaded_at: string;
  uploaded_by: number | null;
  uploader_name: string | null;
  user_name: string | null;
}

interface VersionRow {
  number: number;
  sha256: string;
  size: number;
  content_type: string;
  original_name: string;
  comment: string;
  uploaded_by: number | null;
  uploader_name: string | null;
  user_name: string | null;
  uploaded_at: string;
}

const FILE_COLUMNS = `f.id, f.name, f.version, f.created_at, v.sha256, v.size, v.content_type, v.uploaded_at,
  v.uploaded_by, v.uploader_name, u.name AS user_name
  FROM files f JOIN file_versions v ON v.file_id = f.id AND v.number = f.version LEFT JOIN users u ON u.id = v.uploaded_by`;
const SQL_FILE = `SELECT ${FILE_COLUMNS} WHERE f.name = @name`;
const SQL_FILES = `SELECT ${FILE_COLUMNS} ORDER BY f.name LIMIT @limit OFFSET @offset`;
const SQL_FILES_LIKE = `SELECT ${FILE_COLUMNS} WHERE f.name LIKE @like ESCAPE '\\' ORDER BY f.name LIMIT @limit OFFSET @offset`;
const SQL_COUNT_FILES = `SELECT COUNT(*) FROM files`;
const SQL_COUNT_FILES_LIKE = `SELECT COUNT(*) FROM files WHERE name LIKE @like ESCAPE '\\'`;
const SQL_FILES_NAMED = `SELECT ${FILE_COLUMNS} WHERE f.name IN (SELECT value FROM json_each(@names)) ORDER BY f.name`;
const SQL_VERSIONS = `SELECT v.number, v.sha256, v.size, v.content_type, v.original_name, v.comment, v.uploaded_by,
  v.uploader_name, u.name AS user_name, v.uploaded_at
  FROM file_versions v JOIN files f ON f.id = v.file_id LEFT JOIN users u ON u.id = v.uploaded_by
  WHERE f.name = @name ORDER BY v.number DESC`;
const SQL_VERSION = `SELECT v.number, v.sha256, v.size, v.content_type, v.original_name, v.comment, v.uploaded_by,
  v.uploader_name, u.name AS user_name, v.uploaded_at
  FROM file_versions v JOIN files f ON f.id = v.file_id LEFT JOIN users u ON u.id = v.uploaded_by
  WHERE f.name = @name AND v.number = @number`;
const SQL_FILE_HEAD = `SELECT f.id, f.version, v.sha256 FROM files f JOIN file_versions v ON v.file_id = f.id AND v.number = f.version
  WHERE f.name = @name`;
const SQL_INSERT_FILE = `INSERT INTO files (name, version, created_by, created_at) VALUES (@name, 1, @userId, @at)`;
const SQL_SET_VERSION = `UPDATE files SET version = @number WHERE id = @id`;
const SQL_INSERT_VERSION = `INSERT INTO file_versions (file_id, number, sha256, size, content_type, original_name, comment,
  uploaded_by, uploader_name, uploaded_at) VALUES (@fileId, @number, @sha256, @size, @contentType, @originalName, @comment,
  @userId, @uploaderName, @at)`;
const SQL_ATTACH = `INSERT OR IGNORE INTO page_files (page_id, file_id) VALUES (@pageId, @fileId)`;
const SQL_DETACH = `DELETE FROM page_files WHERE page_id = @pageId AND file_id = (SELECT id FROM files WHERE name = @name)`;
const SQL_FILE_ID = `SELECT id FROM files WHERE name = @name`;
const SQL_PAGE_ID = `SELECT id FROM pages WHERE id = @pageId AND deleted_at IS NULL`;
// Candidates only: the markdown is checked by `referencedFileNames` (the name must end there).
const SQL_LINKING_PAGES = `SELECT slug, title, markdown FROM pages WHERE deleted_at IS NULL AND instr(markdown, @needle) > 0`;
const SQL_ATTACHED_PAGES = `SELECT p.slug, p.title FROM page_files a JOIN pages p ON p.id = a.page_id JOIN files f ON f.id = a.file_id
  WHERE f.name = @name AND p.deleted_at IS NULL`;
const SQL_PAGE_ATTACHED = `SELECT f.name FROM page_files a JOIN files f ON f.id = a.file_id JOIN pages p ON p.id = a.page_id
  WHERE p.slug = @slug AND p.deleted_at IS NULL`;
const SQL_PAGE_MARKDOWN = `SELECT id, markdown FROM pages WHERE slug = @slug AND deleted_at IS NULL`;
const SQL_ALL_VERSIONS = `SELECT f.name, v.number, v.sha256, v.size, v.content_type FROM file_versions v JOIN files f ON f.id = v.file_id
  ORDER BY f.name, v.number`;

const now = () => new Date().toISOString();

const uploader = (
  id: number | null,
  userName: string | null,
  importedName: string | null,
): Uploader | null => {
  if (id !== null && userName !== null) return { id, name: userName, imported: false };
  if (importedName) return { id: null, name: importedName, imported: true };
  return null;
};

const toInfo = (r: FileRow): FileInfo => ({
  name: r.name,
  version: r.version,
  sha256: r.sha256,
  size: r.size,
  contentType: r.content_type,
  image: isImage(r.content_type),
  url: fileUrl(r.name),
  createdAt: r.created_at,
  updatedAt: r.uploaded_at,
  uploadedBy: uploader(r.uploaded_by, r.user_name, r.uploader_name),
});

const toVersion = (name: string, r: VersionRow): FileVersion => ({
  number: r.number,
  sha256: r.sha256,
  size: r.size,
  contentType: r.content_type,
  originalName: r.original_name,
  comment: r.comment,
  uploadedBy: uploader(r.uploaded_by, r.user_name, r.uploader_name),
  uploadedAt: r.uploaded_at,
  url: `${fileUrl(name)}?version=${r.number}`,
});

/**
 * Records a new version of a file (creating the file when the name is new), in one transaction
 * that may be the caller's. Bytes equal to the current version's write nothing (re-importing the
 * same upload is idempotent), but a `pageId` is still attached.
 * @throws AppError 400 (field `name`) for a name outside FILE_NAME_RE, 404 for an unknown page id.
 */
export function recordFileVersion(db: Database, input: RecordVersionInput): RecordResult {
  if (!FILE_NAME_RE.test(input.name))
    throw badRequest('name', 'lowercase letters, digits and dashes, with an optional extension');
  const at = input.uploadedAt ?? now();
  return db.transaction((): RecordResult => {
    const head = stmt(db, SQL_FILE_HEAD).get({ name: input.name }) as
      { id: number; version: number; sha256: string } | undefined;
    let fileId: number;
    let created = false;
    let changed = true;
    if (!head) {
      fileId = Number(
        stmt(db, SQL_INSERT_FILE).run({ name: input.name, userId: input.userId, at })
          .lastInsertRowid,
      );
      created = true;
      insertVersion(db, fileId, 1, input, at);
    } else if (head.sha256 === input.sha256) {
      fileId = head.id;
      changed = false;
    } else {
      fileId = head.id;
      insertVersion(db, fileId, head.version + 1, input, at);
      stmt(db, SQL_SET_VERSION).run({ id: fileId, number: head.version + 1 });
    }
    if (input.pageId !== undefined) {
      if (!stmt(db, SQL_PAGE_ID).get({ pageId: input.pageId }))
        throw notFound(`page ${input.pageId}`);
      stmt(db, SQL_ATTACH).run({ pageId: input.pageId, fileId });
    }
    return { file: getFileInfo(db, input.name), created, changed };
  })();
}

function insertVersion(
  db: Database,
  fileId: number,
  number: number,
  input: RecordVersionInput,
  at: string,
): void {
  stmt(db, SQL_INSERT_VERSION).run({
    fileId,
    number,
    sha256: input.sha256,
    size: input.size,
    contentType: input.contentType,
    originalName: (input.originalName ?? '').slice(0, 255),
    comment: (input.comment ?? '').slice(0, 500),
    userId: input.userId,
    uploaderName: input.userId === null ? (input.uploaderName ?? null) : null,
    at,
  });
}

/** What `storeFile` takes: the bytes and who, when and why. */
export interface StoreFileInput extends Omit<
  RecordVersionInput,
  'name' | 'sha256' | 'size' | 'contentType'
> {
  bytes: Uint8Array;
  /** The file's name; default: derived from `originalName` by `fileNameFrom`. */
  name?: string;
  originalName: string;
}

/**
 * Stores an upload: sniffs its type from the bytes, writes them to the storage, then records the
 * version (see `recordFileVersion`). The bytes are stored before the row that names them, so a
 * crash in between leaves an unnamed object, never a version without bytes.
 * @throws AppError 400 for an empty file or a bad name.
 */
export async function storeFile(
  db: Database,
  storage: FileStorage,
  input: StoreFileInput,
): Promise<RecordResult> {
  if (input.bytes.length === 0) throw badRequest('file', 'the file is empty');
  const name = input.name ? fileNameFrom(input.name) : fileNameFrom(input.originalName, 'file');
  const contentType = await sniffContentType(input.bytes);
  const sha256 = await storage.put(input.bytes);
  const { bytes: _bytes, ...rest } = input;
  return recordFileVersion(db, { ...rest, name, sha256, size: input.bytes.length, contentType });
}

/** A file's current version, or undefined. */
export function findFile(db: Database, name: string): FileInfo | undefined {
  const row = stmt(db, SQL_FILE).get({ name }) as FileRow | undefined;
  return row && toInfo(row);
}

/** A file's current version. @throws AppError 404. */
export function getFileInfo(db: Database, name: string): FileInfo {
  const file = findFile(db, name);
  if (!file) throw notFound(`file "${name}"`);
  return file;
}

/**
 * The names of files a markdown body uses (`/files/NAME` in a link or image), distinct, in order.
 */
export function referencedFileNames(markdown: string): string[] {
  const names = new Set<string>();
  for (const m of markdown.matchAll(
    /(?:^|[\s(<:"'])\/files\/([a-z0-9][a-z0-9.-]*[a-z0-9])(?![\w.-])/g,
  ))
    names.add(m[1]);
  return [...names];
}

/** A file with its versions (newest first) and the pages using it. @throws AppError 404. */
export function getFileDetails(db: Database, name: string): FileDetails {
  const info = getFileInfo(db, name);
  const versions = (stmt(db, SQL_VERSIONS).all({ name }) as VersionRow[]).map((r) =>
    toVersion(name, r),
  );
  const used = new Map<string, FileDetails['usedBy'][number]>();
  for (const p of stmt(db, SQL_ATTACHED_PAGES).all({ name }) as { slug: string; title: string }[]) {
    used.set(p.slug, { slug: p.slug, title: p.title, attached: true, linked: false });
  }
  for (const p of stmt(db, SQL_LINKING_PAGES).all({ needle: fileUrl(name) }) as {
    slug: string;
    title: string;
    markdown: string;
  }[]) {
    if (!referencedFileNames(p.markdown).includes(name)) continue;
    const seen = used.get(p.slug);
    if (seen) seen.linked = true;
    else used.set(p.slug, { slug: p.slug, title: p.title, attached: false, linked: true });
  }
  const usedBy = [...used.values()].sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  return { ...info, versions, usedBy };
}

/** One stored version, to serve its bytes. @throws AppError 404 for an unknown file or version. */
export function getFileVersion(db: Database, name: string, number?: number): FileVersion {
  const row = stmt(db, SQL_VERSION).get({
    name,
    number: number ?? getFileInfo(db, name).version,
  }) as VersionRow | undefined;
  if (!row) throw notFound(`version ${number} of file "${name}"`);
  return toVersion(name, row);
}

/** Files by name, paged; `q` keeps names containing it. */
export function listFiles(
  db: Database,
  query: { q?: string; limit: number; offset: number },
): { total: number; files: FileInfo[] } {
  const { limit, offset } = query;
  if (query.q?.trim()) {
    const like = `%${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return {
      total: stmt(db, SQL_COUNT_FILES_LIKE).pluck().get({ like }) as number,
      files: (stmt(db, SQL_FILES_LIKE).all({ like, limit, offset }) as FileRow[]).map(toInfo),
    };
  }
  return {
    total: stmt(db, SQL_COUNT_FILES).pluck().get() as number,
    files: (stmt(db, SQL_FILES).all({ limit, offset }) as FileRow[]).map(toInfo),
  };
}

/** A page's files: attached from its files list or used in its body, by name. @throws AppError 404. */
export function pageFiles(
  db: Database,
  slug: string,
): (FileInfo & { attached: boolean; linked: boolean })[] {
  const page = stmt(db, SQL_PAGE_MARKDOWN).get({ slug }) as
    { id: number; markdown: string } | undefined;
  if (!page) throw notFound(`page "${slug}"`);
  const attached = new Set(stmt(db, SQL_PAGE_ATTACHED).pluck().all({ slug }) as string[]);
  const linked = new Set(referencedFileNames(page.markdown));
  const rows = stmt(db, SQL_FILES_NAMED).all({
    names: JSON.stringify([...new Set([...attached, ...linked])]),
  }) as FileRow[];
  return rows.map((r) => ({
    ...toInfo(r),
    attached: attached.has(r.name),
    linked: linked.has(r.name),
  }));
}

/**
 * Attaches an existing file to a page (its files list), idempotently.
 * @throws AppError 404 for an unknown page id or file name.
 */
export function attachFile(db: Database, pageId: number, name: string): void {
  const file = stmt(db, SQL_FILE_ID).get({ name }) as { id: number } | undefined;
  if (!file) throw notFound(`file "${name}"`);
  if (!stmt(db, SQL_PAGE_ID).get({ pageId })) throw notFound(`page ${pageId}`);
  stmt(db, SQL_ATTACH).run({ pageId, fileId: file.id });
}

/** Removes a file from a page's files list (the file and its uses in the body stay). @returns whether it was attached. */
export function detachFile(db: Database, pageId: number, name: string): boolean {
  return stmt(db, SQL_DETACH).run({ pageId, name }).changes > 0;
}

/** Every version of every file (backups and exports). */
export function allFileVersions(
  db: Database,
): { name: string; number: number; sha256: string; size: number; contentType: string }[] {
  return (
    stmt(db, SQL_ALL_VERSIONS).all() as {
      name: string;
      number: number;
      sha256: string;
      size: number;
      content_type: string;
    }[]
  ).map((r) => ({
    name: r.name,
    number: r.number,
    sha256: r.sha256,
    size: r.size,
    contentType: r.content_type,
  }));
}

/** The error of a file whose bytes are missing from the storage (a restored database without its files). */
export const missingBytes = (name: string) =>
  new AppError(
    404,
    'not_found',
    `the contents of file "${name}" are missing from the file storage`,
  );

const SQL_FILE_ROW = `SELECT id, version FROM files WHERE name = @name`;
const SQL_VERSION_ROW = `SELECT id, sha256 FROM file_versions WHERE file_id = @fileId AND number = @number`;
const SQL_VERSION_COUNT = `SELECT COUNT(*) FROM file_versions WHERE file_id = @fileId`;
const SQL_DELETE_FILE = `DELETE FROM files WHERE id = @id`;
const SQL_DELETE_VERSION = `DELETE FROM file_versions WHERE id = @id`;
const SQL_LATEST_VERSION = `UPDATE files SET version = (SELECT MAX(number) FROM file_versions WHERE file_id = @id) WHERE id = @id`;
const SQL_LOG_FILE = `INSERT INTO file_log (action, file_name, version, sha256, user_id, reason) VALUES (@action, @name, @version, @sha256, @userId, @reason)`;
const SQL_FILE_LOG = `SELECT l.id, l.action, l.file_name, l.version, l.user_id, u.name AS user_name, l.reason, l.created_at
  FROM file_log l LEFT JOIN users u ON u.id = l.user_id ORDER BY l.id DESC LIMIT @limit`;
const SQL_REFERENCED_HASHES = `SELECT DISTINCT sha256 FROM file_versions`;

/** One entry of the file log (deletions). */
export interface FileLogEntry {
  id: number;
  action: 'delete' | 'delete-version';
  name: string;
  version: number | null;
  user: { id: number; name: string } | null;
  reason: string;
  createdAt: string;
}

/**
 * Deletes a file, all its versions and its attachments to pages, and logs it (one transaction).
 * Pages that show it keep their text: the image or link then finds no file (a placeholder in the
 * page). The bytes stay in the storage until `gcFiles` finds no version naming them.
 * @throws AppError 404 for an unknown file.
 */
export function deleteFile(db: Database, name: string, userId: number, reason: string): void {
  db.transaction(() => {
    const file = stmt(db, SQL_FILE_ROW).get({ name }) as
      { id: number; version: number } | undefined;
    if (!file) throw notFound(`file "${name}"`);
    stmt(db, SQL_DELETE_FILE).run({ id: file.id });
    stmt(db, SQL_LOG_FILE).run({
      action: 'delete',
      name,
      version: null,
      sha256: null,
      userId,
      reason: reason.slice(0, 500),
    });
  })();
}

/**
 * Deletes one version of a file and logs it; when it was the current one, the newest remaining
 * version becomes current. The only version of a file is not deleted alone (delete the file).
 * @throws AppError 404 for an unknown file or version, 409 (conflict, field n) for the only version.
 */
export function deleteFileVersion(
  db: Database,
  name: string,
  number: number,
  userId: number,
  reason: string,
): FileInfo {
  return db.transaction(() => {
    const file = stmt(db, SQL_FILE_ROW).get({ name }) as
      { id: number; version: number } | undefined;
    if (!file) throw notFound(`file "${name}"`);
    const version = stmt(db, SQL_VERSION_ROW).get({ fileId: file.id, number }) as
      { id: number; sha256: string } | undefined;
    if (!version) throw notFound(`version ${number} of file "${name}"`);
    if ((stmt(db, SQL_VERSION_COUNT).pluck().get({ fileId: file.id }) as number) === 1) {
      throw new AppError(
        409,
        'conflict',
        `version ${number} is the only version of "${name}": delete the file instead`,
        { field: 'n' },
      );
    }
    stmt(db, SQL_DELETE_VERSION).run({ id: version.id });
    stmt(db, SQL_LATEST_VERSION).run({ id: file.id });
    stmt(db, SQL_LOG_FILE).run({
      action: 'delete-version',
      name,
      version: number,
      sha256: version.sha256,
      userId,
      reason: reason.slice(0, 500),
    });
    return getFileInfo(db, name);
  })();
}

/** The file log, newest first. */
export function fileLog(db: Database, limit = 100): FileLogEntry[] {
  const rows = stmt(db, SQL_FILE_LOG).all({ limit }) as {
    id: number;
    action: 'delete' | 'delete-version';
    file_name: string;
    version: number | null;
    user_id: number | null;
    user_name: string | null;
    reason: string;
    created_at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    name: r.file_name,
    version: r.version,
    user: r.user_id !== null && r.user_name !== null ? { id: r.user_id, name: r.user_name } : null,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

/** What `gcFiles` found and did. */
export interface GcResult {
  /** Blobs in the storage. */
  stored: number;
  /** Blobs named by a file version (kept). */
  referenced: number;
  /** Unreferenced blobs removed (or that would be, with `dryRun`). */
  removed: string[];
  /** Unreferenced blobs kept because they are younger than the grace period (an upload in progress). */
  young: number;
  /** Bytes freed. */
  bytes: number;
}

/**
 * Garbage-collects the file storage: removes the blobs that no file version names. Never removes
 * a blob a version names (read from the database at the end, after listing the storage), nor one
 * written less than `graceMs` ago: an upload writes its bytes before the version that names them.
 * @param options.dryRun only report.
 */
export function gcFiles(
  db: Database,
  storage: LocalFileStorage,
  options: { graceMs?: number; dryRun?: boolean } = {},
): GcResult {
  const grace = options.graceMs ?? 60 * 60 * 1000;
  const stored = storage.listSync();
  // Read after listing: a version recorded in between names a blob that is in `stored` and is kept.
  const referenced = new Set(stmt(db, SQL_REFERENCED_HASHES).pluck().all() as string[]);
  const result: GcResult = {
    stored: stored.length,
    referenced: 0,
    removed: [],
    young: 0,
    bytes: 0,
  };
  const now = Date.now();
  for (const hash of stored) {
    if (referenced.has(hash)) {
      result.referenced++;
      continue;
    }
    const info = storage.statSync(hash);
    if (!info) continue;
    if (now - info.mtimeMs < grace) {
      result.young++;
      continue;
    }
    // Checked once more just before removing: the one version that matters is the newest.
    if (stmt(db, SQL_REFERENCED_ONE).get({ sha256: hash })) {
      result.referenced++;
      continue;
    }
    if (!options.dryRun) storage.removeSync(hash);
    result.removed.push(hash);
    result.bytes += info.size;
  }
  return result;
}
const SQL_REFERENCED_ONE = `SELECT 1 FROM file_versions WHERE sha256 = @sha256 LIMIT 1`;
