import type { Database } from 'better-sqlite3';
import { notFound } from './errors.js';
import { normalizeCategory } from './markdown.js';
import { HOME_SLUG } from './pages.js';
import { userRef, type UserRef } from './revisions.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';

/** A page named in a list. */
export interface PageRef {
  slug: string;
  title: string;
}

/** A row of the page index. */
export interface PageListItem extends PageRef {
  kind: string;
  revision: number;
  updatedAt: string;
}

/** A page linked to but not written yet. */
export interface WantedPage extends PageRef {
  /** Pages linking to it. */
  count: number;
  from: PageRef[];
}

/** A page "à améliorer": flagged by someone, or a stub. */
export interface PageToImprove extends PageRef {
  reason: 'flagged' | 'stub';
  /** The flag's reason; null for a stub. */
  note: string | null;
  /** Characters of text in the body (null until the page is saved again after an upgrade). */
  textLength: number | null;
}

/** What a line of the recent changes records: a revision, or a deletion, restoration or move of a page. */
export type RecentChangeKind = 'edit' | 'delete' | 'restore' | 'move';

/** One line of the recent changes. */
export interface RecentChange {
  kind: RecentChangeKind;
  /** The revision's id (an edit) or the log entry's id (a deletion or restoration). */
  id: number;
  /** Pass as `before` to get the changes older than this one. */
  cursor: string;
  slug: string;
  title: string;
  /** The revision written (an edit), or the page's revision when it was deleted or restored. */
  revision: number;
  summary: string;
  /** Why the page was deleted, restored or moved (null for an edit). */
  reason: string | null;
  /** A move: the slug and title before it (absent for other changes). */
  from?: PageRef;
  /** A move: the slug and title after it (absent for other changes). */
  to?: PageRef;
  /** A move: whether the old slug was left as a redirect (absent for other changes). */
  redirect?: boolean;
  /** Who edited, deleted or restored. */
  author: UserRef | null;
  createdAt: string;
  sizeDelta: number;
  isNew: boolean;
}

/** Pages whose body holds fewer characters of text than this are stubs ("ébauches"). */
export const STUB_TEXT_LENGTH = 300;

// Deleted pages are left out of every list; their outgoing links are removed when they are
// deleted (registry/wiki/deletion.ts), so link-based lists need no filter on the linking side.
const SQL_COUNT_PAGES = `SELECT COUNT(*) FROM pages WHERE deleted_at IS NULL`;
const SQL_LIST_PAGES = `SELECT slug, title, kind, revision, updated_at AS updatedAt FROM pages WHERE deleted_at IS NULL
  ORDER BY title_key, title, slug LIMIT @limit OFFSET @offset`;
// Links to a page's redirects (its former slugs) are links to it.
const SQL_BACKLINKS = `SELECT DISTINCT p.slug, p.title, p.title_key FROM page_links l JOIN pages p ON p.id = l.from_id
  WHERE l.to_slug IN (SELECT @slug UNION ALL SELECT g.slug FROM page_redirects g JOIN pages t ON t.id = g.page_id WHERE t.slug = @slug)
    AND p.slug <> @slug ORDER BY p.title_key, p.slug`;
const SQL_WANTED = `SELECT l.to_slug AS slug, COUNT(*) AS count,
    json_group_array(json_object('slug', p.slug, 'title', p.title, 'linkTitle', l.to_title)) AS sources
  FROM page_links l JOIN pages p ON p.id = l.from_id
  WHERE NOT EXISTS (SELECT 1 FROM pages t WHERE t.slug = l.to_slug AND t.deleted_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM page_redirects g JOIN pages t ON t.id = g.page_id WHERE g.slug = l.to_slug AND t.deleted_at IS NULL)
  GROUP BY l.to_slug ORDER BY count DESC, l.to_slug LIMIT @limit`;
const SQL_FLAGGED = `SELECT slug, title, needs_work AS note, text_length AS textLength FROM pages
  WHERE needs_work IS NOT NULL AND deleted_at IS NULL ORDER BY updated_at DESC`;
const SQL_STUBS = `SELECT slug, title, text_length AS textLength FROM pages
  WHERE needs_work IS NULL AND text_length < @max AND deleted_at IS NULL ORDER BY text_length, title_key`;
const SQL_UNMEASURED = `SELECT id, markdown FROM pages WHERE text_length IS NULL`;
const SQL_SET_TEXT_LENGTH = `UPDATE pages SET text_length = @textLength WHERE id = @id`;
const SQL_ORPHANS = `SELECT p.slug, p.title FROM pages p
  WHERE p.slug <> @home AND p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM page_links l WHERE l.from_id <> p.id
    AND l.to_slug IN (SELECT p.slug UNION ALL SELECT g.slug FROM page_redirects g WHERE g.page_id = p.id))
  ORDER BY p.title_key, p.slug`;
// Categories stay stored with a deleted page (explicit ones cannot be recomputed from its text).
const SQL_CATEGORIES = `SELECT c.category AS name, COUNT(*) AS count FROM page_categories c JOIN pages p ON p.id = c.page_id
  WHERE p.deleted_at IS NULL GROUP BY c.category`;
const SQL_CATEGORY_PAGES = `SELECT p.slug, p.title FROM page_categories c JOIN pages p ON p.id = c.page_id
  WHERE c.category = @name AND p.deleted_at IS NULL ORDER BY p.title_key, p.slug`;
const RECENT_COLUMNS = `SELECT r.id, p.slug, r.title, r.number AS revision, r.summary, r.author_id, u.name AS author_name,
    r.created_at AS createdAt, length(CAST(r.markdown AS BLOB)) AS size,
    (SELECT length(CAST(o.markdown AS BLOB)) FROM revisions o WHERE o.page_id = r.page_id AND o.number = r.number - 1) AS prevSize
  FROM revisions r JOIN pages p ON p.id = r.page_id LEFT JOIN users u ON u.id = r.author_id
  WHERE p.deleted_at IS NULL`;
// The revisions of a deleted page leave the recent changes (as in MediaWiki); its log entries stay.
const SQL_RECENT = `${RECENT_COLUMNS} AND r.id <= @maxId ORDER BY r.id DESC LIMIT @limit`;
const SQL_RECENT_BEFORE_DATE = `${RECENT_COLUMNS} AND r.created_at < @beforeDate ORDER BY r.id DESC LIMIT @limit`;
const LOG_COLUMNS = `SELECT g.id, g.action, g.slug, g.title, g.new_slug, g.new_title, g.redirected, g.revision, g.reason, g.user_id, u.name AS user_name,
    g.created_at AS createdAt, g.after_revision_id AS afterId
  FROM page_log g LEFT JOIN users u ON u.id = g.user_id`;
const SQL_RECENT_LOG = `${LOG_COLUMNS} WHERE g.after_revision_id < @afterId OR (g.after_revision_id = @afterId AND g.id < @logId)
  ORDER BY g.after_revision_id DESC, g.id DESC LIMIT @limit`;
const SQL_RECENT_LOG_BEFORE_DATE = `${LOG_COLUMNS} WHERE g.created_at < @beforeDate
  ORDER BY g.after_revision_id DESC, g.id DESC LIMIT @limit`;
const SQL_LOG_POSITION = `SELECT after_revision_id FROM page_log WHERE id = @id`;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The page index in title order (accents folded, as a French reader expects). */
export function listPages(
  db: Database,
  limit: number,
  offset: number,
): { total: number; pages: PageListItem[] } {
  const total = stmt(db, SQL_COUNT_PAGES).pluck().get() as number;
  const pages = stmt(db, SQL_LIST_PAGES).all({ limit, offset }) as PageListItem[];
  return { total, pages };
}

/**
 * Pages linking to `slug` or to one of its redirects (the page itself excluded), whether or not
 * `slug` exists yet.
 */
export function backlinks(db: Database, slug: string): PageRef[] {
  return (stmt(db, SQL_BACKLINKS).all({ slug }) as (PageRef & { title_key: string })[]).map(
    (r) => ({ slug: r.slug, title: r.title }),
  );
}

/** "Humanises" a slug when no link gave a title: "tiers-lieux-nourriciers" → "Tiers lieux nourriciers". */
const titleFromSlug = (slug: string) => {
  const s = slug.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** Linked but missing pages, most wanted first, each with the pages that link to it. */
export function wantedPages(db: Database, limit = 500): WantedPage[] {
  const rows = stmt(db, SQL_WANTED).all({ limit }) as {
    slug: string;
    count: number;
    sources: string;
  }[];
  return rows.map((r) => {
    const sources = JSON.parse(r.sources) as {
      slug: string;
      title: string;
      linkTitle: string | null;
    }[];
    // The title most links used, the first one on a tie.
    const votes = new Map<string, number>();
    for (const s of sources)
      if (s.linkTitle) votes.set(s.linkTitle, (votes.get(s.linkTitle) ?? 0) + 1);
    let title = titleFromSlug(r.slug);
    let best = 0;
    for (const [t, n] of votes) {
      if (n > best) {
        best = n;
        title = t;
      }
    }
    const from = sources
      .map((s) => ({ slug: s.slug, title: s.title }))
      .sort((a, b) => collator.compare(a.title, b.title));
    return { slug: r.slug, title, count: r.count, from };
  });
}

/**
 * Pages flagged "à améliorer" (most recently edited first), then stubs (shortest first).
 * Pages written before text lengths were stored get theirs computed here, once.
 */
export function pagesToImprove(db: Database, wiki: WikiServices): PageToImprove[] {
  const unmeasured = stmt(db, SQL_UNMEASURED).all() as { id: number; markdown: string }[];
  if (unmeasured.length) {
    const lengths = unmeasured.map((p) => ({
      id: p.id,
      textLength: wiki.analyze(p.markdown).textLength,
    }));
    db.transaction(() => {
      for (const l of lengths) stmt(db, SQL_SET_TEXT_LENGTH).run(l);
    })();
  }
  const flagged = stmt(db, SQL_FLAGGED).all() as {
    slug: string;
    title: string;
    note: string;
    textLength: number | null;
  }[];
  const stubs = stmt(db, SQL_STUBS).all({ max: STUB_TEXT_LENGTH }) as {
    slug: string;
    title: string;
    textLength: number;
  }[];
  return [
    ...flagged.map((f) => ({ ...f, reason: 'flagged' as const })),
    ...stubs.map((s) => ({ ...s, reason: 'stub' as const, note: null })),
  ];
}

/** Pages no other page links to (the home page excepted). */
export function orphanPages(db: Database): PageRef[] {
  return stmt(db, SQL_ORPHANS).all({ home: HOME_SLUG }) as PageRef[];
}

/** Every category with its number of pages, in French alphabetical order. */
export function listCategories(db: Database): { name: string; count: number }[] {
  const rows = stmt(db, SQL_CATEGORIES).all() as { name: string; count: number }[];
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The pages of a category (the name is normalised: "gouvernance" finds "Gouvernance").
 * @throws WikiError 404 when no page is in it.
 */
export function categoryPages(
  db: Database,
  name: string,
): { name: string; pages: PageRef[]; description: string | null } {
  const normalized = normalizeCategory(name);
  const pages = stmt(db, SQL_CATEGORY_PAGES).all({ name: normalized }) as PageRef[];
  // A category described (an imported category page) exists even before any page is in it.
  const description =
    (stmt(db, SQL_CATEGORY_DESCRIPTION).pluck().get({ name: normalized }) as string | undefined) ??
    null;
  if (!pages.length && description === null) throw notFound(`category "${normalized || name}"`);
  return { name: normalized, pages, description };
}
const SQL_CATEGORY_DESCRIPTION = `SELECT markdown FROM category_descriptions WHERE category = @name`;

/** A `before` cursor of the recent changes: a revision id, `log-<id>` (a log entry), or an ISO date. */
export const RECENT_CURSOR_RE = /^(?:\d{1,15}|log-\d{1,15}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?)$/;

/**
 * Latest changes of the wiki, newest first: revisions of live pages, and deletions,
 * restorations and moves of pages (log entries, placed after the revision that was newest when they
 * happened).
 * @param before a cursor from a previous answer (`cursor` of its last change) or an ISO date: only older changes.
 */
export function recentChanges(db: Database, limit: number, before?: string): RecentChange[] {
  type Row = {
    id: number;
    slug: string;
    title: string;
    revision: number;
    summary: string;
    author_id: number | null;
    author_name: string | null;
    createdAt: string;
    size: number;
    prevSize: number | null;
  };
  type LogRow = {
    id: number;
    action: 'delete' | 'restore' | 'move';
    slug: string;
    title: string;
    new_slug: string | null;
    new_title: string | null;
    redirected: number | null;
    revision: number;
    reason: string;
    user_id: number | null;
    user_name: string | null;
    createdAt: string;
    afterId: number;
  };
  let rows: Row[];
  let logs: LogRow[];
  if (before && /^\d{4}-/.test(before)) {
    rows = stmt(db, SQL_RECENT_BEFORE_DATE).all({ beforeDate: before, limit }) as Row[];
    logs = stmt(db, SQL_RECENT_LOG_BEFORE_DATE).all({ beforeDate: before, limit }) as LogRow[];
  } else {
    // Every change has a position (revision id, log id): a revision at (id, 0), a log entry at
    // (the newest revision id when it was written, its own id). Older means a smaller position.
    let afterId = Number.MAX_SAFE_INTEGER;
    let logId = 0;
    if (before?.startsWith('log-')) {
      logId = Number(before.slice(4));
      afterId = (stmt(db, SQL_LOG_POSITION).pluck().get({ id: logId }) as number | undefined) ?? -1;
    } else if (before) {
      afterId = Number(before) - 1;
      logId = Number.MAX_SAFE_INTEGER;
    }
    rows = stmt(db, SQL_RECENT).all({ maxId: afterId, limit }) as Row[];
    logs = stmt(db, SQL_RECENT_LOG).all({ afterId, logId, limit }) as LogRow[];
  }
  const edits = rows.map((r): RecentChange & { pos: [number, number] } => ({
    kind: 'edit',
    id: r.id,
    cursor: String(r.id),
    slug: r.slug,
    title: r.title,
    revision: r.revision,
    summary: r.summary,
    reason: null,
    author: userRef(r.author_id, r.author_name),
    createdAt: r.createdAt,
    sizeDelta: r.size - (r.prevSize ?? 0),
    isNew: r.revision === 1,
    pos: [r.id, 0],
  }));
  const entries = logs.map((g): RecentChange & { pos: [number, number] } => {
    // A move is shown under the slug and title the page got (where its link leads).
    const move =
      g.action === 'move' && g.new_slug !== null
        ? {
            from: { slug: g.slug, title: g.title },
            to: { slug: g.new_slug, title: g.new_title ?? g.title },
            redirect: g.redirected === 1,
          }
        : null;
    return {
      kind: g.action,
      id: g.id,
      cursor: `log-${g.id}`,
      slug: move ? move.to.slug : g.slug,
      title: move ? move.to.title : g.title,
      revision: g.revision,
      summary: '',
      reason: g.reason,
      ...(move ?? {}),
      author: userRef(g.user_id, g.user_name),
      createdAt: g.createdAt,
      sizeDelta: 0,
      isNew: false,
      pos: [g.afterId, g.id],
    };
  });
  return [...edits, ...entries]
    .sort((a, b) => b.pos[0] - a.pos[0] || b.pos[1] - a.pos[1])
    .slice(0, limit)
    .map(({ pos: _pos, ...change }) => change);
}

// Deleted pages (deleted_at set) are left out; a deletion or restoration moves the count.
const SQL_LIVE_PAGE_TEXTS = `SELECT slug, title, markdown FROM pages WHERE deleted_at IS NULL ORDER BY id`;
const SQL_LIVE_PAGES_VERSION = `SELECT count(*) AS n, max(updated_at) AS at FROM pages WHERE deleted_at IS NULL`;

/** A live page's current text, for indexes built outside the wiki (the switchyard). */
export interface PageText {
  slug: string;
  title: string;
  markdown: string;
}

/** Every live page's slug, title and current markdown, in creation order. */
export function livePageTexts(db: Database): PageText[] {
  return stmt(db, SQL_LIVE_PAGE_TEXTS).all() as PageText[];
}

/**
 * A cheap fingerprint of the live pages (how many, and the last update): it moves with every
 * save, creation, deletion and restoration, so a derived index knows when to rebuild.
 */
export function livePagesVersion(db: Database): string {
  const r = stmt(db, SQL_LIVE_PAGES_VERSION).get() as { n: number; at: string | null };
  return `${r.n}:${r.at}`;
}
