import type { Database } from 'better-sqlite3';
import { userRef, type UserRef } from './revisions.js';
import { stmt } from './statements.js';

/*
 * The wiki's log (MediaWiki's Special:Log) and the list of deleted pages. The log reads
 * `page_log` generically: whatever actions it holds (delete, restore, and those added later, such
 * as move) are listed the same way, and any column beyond the common ones comes back in
 * `details`, so that a new kind of entry shows up without a change here.
 */

/** One entry of the wiki's log. */
export interface LogEntry {
  id: number;
  /** What happened: 'delete', 'restore', or any action added later (shown by its name). */
  action: string;
  slug: string;
  /** The page's title at the time. */
  title: string;
  /** The page's revision at the time. */
  revision: number;
  user: UserRef | null;
  reason: string;
  createdAt: string;
  /** The entry's other non-null columns (those of actions added later), camelCased: e.g. `{ newSlug }`. */
  details: Record<string, string | number>;
}

/** What the log is filtered by. */
export interface LogQuery {
  /** Only these actions (none: every action). */
  actions?: readonly string[];
  /** Only the entries of this page. */
  slug?: string;
  limit: number;
  /** Only entries whose id is below this one (the `next` of a previous answer). */
  before?: number;
}

/** A deleted page, as the facilitators' list shows it. */
export interface DeletedPage {
  slug: string;
  title: string;
  /** The revision the page is at (a restoration brings it back as it was). */
  revision: number;
  /** How many revisions the page has kept. */
  revisionCount: number;
  deletedAt: string;
  deletedBy: UserRef | null;
  reason: string;
}

// The common columns of page_log (and the user's name): the others go to `details`.
const COMMON_COLUMNS = new Set([
  'id',
  'action',
  'page_id',
  'slug',
  'title',
  'revision',
  'user_id',
  'user_name',
  'reason',
  'after_revision_id',
  'created_at',
]);

// `g.*` on purpose: columns added by later migrations (a move's new slug…) reach `details`.
// The action filter is a JSON array (one statement whatever the number of actions).
const LOG_FROM = `SELECT g.*, u.name AS user_name FROM page_log g LEFT JOIN users u ON u.id = g.user_id
  WHERE g.id < @before AND (@actions IS NULL OR g.action IN (SELECT value FROM json_each(@actions)))`;
const SQL_LOG = `${LOG_FROM} ORDER BY g.id DESC LIMIT @limit`;
// Uses the index page_log_slug (slug, id).
const SQL_LOG_BY_SLUG = `${LOG_FROM} AND g.slug = @slug ORDER BY g.id DESC LIMIT @limit`;

// Newest deletion first by the order of the log (clocks may tie or step back), through the index
// page_log_slug; the deletion time only for a page without a log entry.
const SQL_COUNT_DELETED = `SELECT COUNT(*) FROM pages WHERE deleted_at IS NOT NULL`;
const SQL_DELETED = `SELECT p.slug, p.title, p.revision, p.deleted_at, p.deleted_by, u.name AS deleted_by_name, p.delete_reason,
    (SELECT COUNT(*) FROM revisions r WHERE r.page_id = p.id) AS revision_count
  FROM pages p LEFT JOIN users u ON u.id = p.deleted_by
  WHERE p.deleted_at IS NOT NULL
  ORDER BY (SELECT MAX(g.id) FROM page_log g WHERE g.slug = p.slug AND g.action = 'delete') DESC NULLS LAST, p.deleted_at DESC, p.id DESC
  LIMIT @limit OFFSET @offset`;

type LogRow = Record<string, unknown> & {
  id: number;
  action: string;
  slug: string;
  title: string;
  revision: number;
  user_id: number | null;
  user_name: string | null;
  reason: string;
  created_at: string;
};

interface DeletedRow {
  slug: string;
  title: string;
  revision: number;
  deleted_at: string;
  deleted_by: number | null;
  deleted_by_name: string | null;
  delete_reason: string | null;
  revision_count: number;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const toEntry = (r: LogRow): LogEntry => {
  const details: Record<string, string | number> = {};
  for (const [column, value] of Object.entries(r)) {
    if (COMMON_COLUMNS.has(column) || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number') details[camel(column)] = value;
    else if (typeof value === 'bigint') details[camel(column)] = Number(value);
  }
  return {
    id: r.id,
    action: r.action,
    slug: r.slug,
    title: r.title,
    revision: r.revision,
    user: userRef(r.user_id, r.user_name),
    reason: r.reason,
    createdAt: r.created_at,
    details,
  };
};

/**
 * The wiki's log, newest first, `limit` entries at a time.
 * @returns the entries and `next`: the `before` of the following (older) entries, null at the end.
 */
export function listLog(db: Database, q: LogQuery): { entries: LogEntry[]; next: number | null } {
  const params = {
    before: q.before ?? Number.MAX_SAFE_INTEGER,
    actions: q.actions?.length ? JSON.stringify(q.actions) : null,
    slug: q.slug ?? null,
    // One more than asked: tells whether there is a next page without a second query.
    limit: q.limit + 1,
  };
  const rows = stmt(db, q.slug ? SQL_LOG_BY_SLUG : SQL_LOG).all(params) as LogRow[];
  const entries = rows.slice(0, q.limit).map(toEntry);
  return { entries, next: rows.length > q.limit ? entries[entries.length - 1].id : null };
}

/** The pages currently deleted, most recently deleted first, with their number in `total`. */
export function listDeletedPages(
  db: Database,
  limit: number,
  offset: number,
): { total: number; pages: DeletedPage[] } {
  const total = stmt(db, SQL_COUNT_DELETED).pluck().get() as number;
  const rows = stmt(db, SQL_DELETED).all({ limit, offset }) as DeletedRow[];
  const pages = rows.map((r): DeletedPage => ({
    slug: r.slug,
    title: r.title,
    revision: r.revision,
    revisionCount: r.revision_count,
    deletedAt: r.deleted_at,
    deletedBy: userRef(r.deleted_by, r.deleted_by_name),
    reason: r.delete_reason ?? '',
  }));
  return { total, pages };
}
