import type { Database } from 'better-sqlite3';
import { notFound } from './errors.js';
import { missingPage, savePageDetailed, type SaveResult } from './pages.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';

/** A user as public answers show it (never an e-mail). */
export interface UserRef {
  id: number;
  name: string;
}

/** One entry of a page's history. */
export interface RevisionSummary {
  number: number;
  title: string;
  summary: string;
  author: UserRef | null;
  authors: UserRef[];
  createdAt: string;
  /** Size of the body in UTF-8 bytes. */
  size: number;
  /** Size change from the previous revision (the whole size for the first one). */
  sizeDelta: number;
  /** Imported from a MediaWiki: the author there (no account here; name null for an IP or a suppressed user), else null. */
  imported: ImportedAuthor | null;
}

/** Who wrote an imported revision on the source wiki. */
export interface ImportedAuthor {
  name: string | null;
  kind: 'user' | 'ip' | 'suppressed';
}

/** One revision with its text. */
export interface Revision extends Omit<RevisionSummary, 'size' | 'sizeDelta' | 'imported'> {
  markdown: string;
}

interface RevisionRow {
  number: number;
  title: string;
  summary: string;
  author_id: number | null;
  author_name: string | null;
  authors: string;
  created_at: string;
  size: number;
  prev_size: number | null;
  markdown?: string;
  imported_author: string | null;
  imported_kind: ImportedAuthor['kind'] | null;
}

const AUTHORS_SUBQUERY = `(SELECT json_group_array(json_object('id', ua.id, 'name', ua.name))
    FROM revision_authors ra JOIN users ua ON ua.id = ra.user_id WHERE ra.revision_id = r.id)`;
const PREV_SIZE_SUBQUERY = `(SELECT length(CAST(p.markdown AS BLOB)) FROM revisions p WHERE p.page_id = r.page_id AND p.number = r.number - 1)`;

const SQL_PAGE_ID = `SELECT id, revision, deleted_at FROM pages WHERE slug = @slug`;
const SQL_HISTORY = `SELECT r.number, r.title, r.summary, r.author_id, u.name AS author_name, r.created_at, r.imported_author, r.imported_kind,
    length(CAST(r.markdown AS BLOB)) AS size, ${PREV_SIZE_SUBQUERY} AS prev_size, ${AUTHORS_SUBQUERY} AS authors
  FROM revisions r LEFT JOIN users u ON u.id = r.author_id
  WHERE r.page_id = @pageId AND r.number < @before ORDER BY r.number DESC LIMIT @limit`;
const SQL_REVISION = `SELECT r.number, r.title, r.summary, r.author_id, u.name AS author_name, r.created_at, r.markdown,
    0 AS size, NULL AS prev_size, ${AUTHORS_SUBQUERY} AS authors
  FROM revisions r LEFT JOIN users u ON u.id = r.author_id
  WHERE r.page_id = @pageId AND r.number = @number`;

/** Builds a user ref from an id and a name column (null when the user is gone or there was none). */
export const userRef = (id: number | null, name: string | null): UserRef | null =>
  id !== null && name !== null ? { id, name } : null;

const parseAuthors = (json: string) => (JSON.parse(json) as UserRef[]).sort((a, b) => a.id - b.id);

/** Who may read what: the history of a deleted page is for facilitators (`includeDeleted`). */
export interface HistoryAccess {
  includeDeleted?: boolean;
}

/**
 * The id and current revision of a page whose history is read.
 * @throws WikiError 404 (`page_deleted` for a deleted page unless `includeDeleted`, else `not_found`).
 */
export function historyPage(
  db: Database,
  slug: string,
  access: HistoryAccess = {},
): { id: number; revision: number; deleted: boolean } {
  const row = stmt(db, SQL_PAGE_ID).get({ slug }) as
    { id: number; revision: number; deleted_at: string | null } | undefined;
  if (!row || (row.deleted_at && !access.includeDeleted)) throw missingPage(db, slug);
  return { id: row.id, revision: row.revision, deleted: row.deleted_at !== null };
}

/**
 * A page's history, newest first.
 * @param options.limit at most this many (default 500); options.before: only revisions numbered below;
 *   options.includeDeleted: a deleted page's history too.
 * @throws WikiError 404 for an unknown page (or a deleted one, see `historyPage`).
 */
export function listRevisions(
  db: Database,
  slug: string,
  options: { limit?: number; before?: number } & HistoryAccess = {},
): RevisionSummary[] {
  const page = historyPage(db, slug, options);
  const rows = stmt(db, SQL_HISTORY).all({
    pageId: page.id,
    before: options.before ?? Number.MAX_SAFE_INTEGER,
    limit: options.limit ?? 500,
  }) as RevisionRow[];
  return rows.map((r) => ({
    number: r.number,
    title: r.title,
    summary: r.summary,
    author: userRef(r.author_id, r.author_name),
    authors: parseAuthors(r.authors),
    createdAt: r.created_at,
    size: r.size,
    sizeDelta: r.size - (r.prev_size ?? 0),
    imported: r.imported_kind ? { name: r.imported_author, kind: r.imported_kind } : null,
  }));
}

/**
 * One revision of a page (of a deleted page too with `includeDeleted`).
 * @throws WikiError 404 for an unknown page or revision (or a deleted page, see `historyPage`).
 */
export function getRevision(
  db: Database,
  slug: string,
  number: number,
  access: HistoryAccess = {},
): Revision {
  const page = historyPage(db, slug, access);
  const r = stmt(db, SQL_REVISION).get({ pageId: page.id, number }) as RevisionRow | undefined;
  if (!r) throw notFound(`revision ${number} of "${slug}"`);
  return {
    number: r.number,
    title: r.title,
    markdown: r.markdown ?? '',
    summary: r.summary,
    author: userRef(r.author_id, r.author_name),
    authors: parseAuthors(r.authors),
    createdAt: r.created_at,
  };
}

/**
 * Reverts a page to an older revision's title and text, as a NEW revision (history is never
 * rewritten). Explicit categories and the referent are kept.
 * @throws WikiError 404 (page or revision), 409 on a stale `baseRevision` or a deleted page.
 */
export function revertPage(
  db: Database,
  wiki: WikiServices,
  input: {
    slug: string;
    revision: number;
    baseRevision?: number;
    summary?: string;
    authorId: number;
  },
): SaveResult {
  const target = getRevision(db, input.slug, input.revision, { includeDeleted: true });
  return savePageDetailed(db, wiki, {
    slug: input.slug,
    title: target.title,
    markdown: target.markdown,
    summary: input.summary || `Révocation vers la révision ${input.revision}`,
    baseRevision: input.baseRevision,
    authorIds: [input.authorId],
    origin: 'revert',
  });
}
