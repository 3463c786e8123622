import type { Database } from '../db/open.js';
import { notFound } from '../errors.js';
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

/** One line of the recent changes. */
export interface RecentChange {
  /** The revision's id: pass it as `before` to get the next page of changes. */
  id: number;
  slug: string;
  title: string;
  revision: number;
  summary: string;
  author: UserRef | null;
  createdAt: string;
  sizeDelta: number;
  isNew: boolean;
}

/** Pages whose body holds fewer characters of text than this are stubs ("ébauches"). */
export const STUB_TEXT_LENGTH = 300;

const SQL_COUNT_PAGES = `SELECT COUNT(*) FROM pages`;
const SQL_LIST_PAGES = `SELECT slug, title, kind, revision, updated_at AS updatedAt FROM pages
  ORDER BY title_key, title, slug LIMIT @limit OFFSET @offset`;
const SQL_BACKLINKS = `SELECT p.slug, p.title FROM page_links l JOIN pages p ON p.id = l.from_id
  WHERE l.to_slug = @slug AND p.slug <> @slug ORDER BY p.title_key, p.slug`;
const SQL_WANTED = `SELECT l.to_slug AS slug, COUNT(*) AS count,
    json_group_array(json_object('slug', p.slug, 'title', p.title, 'linkTitle', l.to_title)) AS sources
  FROM page_links l JOIN pages p ON p.id = l.from_id
  WHERE NOT EXISTS (SELECT 1 FROM pages t WHERE t.slug = l.to_slug)
  GROUP BY l.to_slug ORDER BY count DESC, l.to_slug LIMIT @limit`;
const SQL_FLAGGED = `SELECT slug, title, needs_work AS note, text_length AS textLength FROM pages
  WHERE needs_work IS NOT NULL ORDER BY updated_at DESC`;
const SQL_STUBS = `SELECT slug, title, text_length AS textLength FROM pages
  WHERE needs_work IS NULL AND text_length < @max ORDER BY text_length, title_key`;
const SQL_UNMEASURED = `SELECT id, markdown FROM pages WHERE text_length IS NULL`;
const SQL_SET_TEXT_LENGTH = `UPDATE pages SET text_length = @textLength WHERE id = @id`;
const SQL_ORPHANS = `SELECT p.slug, p.title FROM pages p
  WHERE p.slug <> @home AND NOT EXISTS (SELECT 1 FROM page_links l WHERE l.to_slug = p.slug AND l.from_id <> p.id)
  ORDER BY p.title_key, p.slug`;
const SQL_CATEGORIES = `SELECT category AS name, COUNT(*) AS count FROM page_categories GROUP BY category`;
const SQL_CATEGORY_PAGES = `SELECT p.slug, p.title FROM page_categories c JOIN pages p ON p.id = c.page_id
  WHERE c.category = @name ORDER BY p.title_key, p.slug`;
const RECENT_COLUMNS = `SELECT r.id, p.slug, r.title, r.number AS revision, r.summary, r.author_id, u.name AS author_name,
    r.created_at AS createdAt, length(CAST(r.markdown AS BLOB)) AS size,
    (SELECT length(CAST(o.markdown AS BLOB)) FROM revisions o WHERE o.page_id = r.page_id AND o.number = r.number - 1) AS prevSize
  FROM revisions r JOIN pages p ON p.id = r.page_id LEFT JOIN users u ON u.id = r.author_id`;
const SQL_RECENT = `${RECENT_COLUMNS} WHERE r.id < @beforeId ORDER BY r.id DESC LIMIT @limit`;
const SQL_RECENT_BEFORE_DATE = `${RECENT_COLUMNS} WHERE r.created_at < @beforeDate ORDER BY r.id DESC LIMIT @limit`;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The page index in title order (accents folded, as a French reader expects). */
export function listPages(db: Database, limit: number, offset: number): { total: number; pages: PageListItem[] } {
  const total = stmt(db, SQL_COUNT_PAGES).pluck().get() as number;
  const pages = stmt(db, SQL_LIST_PAGES).all({ limit, offset }) as PageListItem[];
  return { total, pages };
}

/** Pages linking to `slug` (the page itself excluded), whether or not `slug` exists yet. */
export function backlinks(db: Database, slug: string): PageRef[] {
  return stmt(db, SQL_BACKLINKS).all({ slug }) as PageRef[];
}

/** "Humanises" a slug when no link gave a title: "tiers-lieux-nourriciers" → "Tiers lieux nourriciers". */
const titleFromSlug = (slug: string) => {
  const s = slug.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** Linked but missing pages, most wanted first, each with the pages that link to it. */
export function wantedPages(db: Database, limit = 500): WantedPage[] {
  const rows = stmt(db, SQL_WANTED).all({ limit }) as { slug: string; count: number; sources: string }[];
  return rows.map((r) => {
    const sources = JSON.parse(r.sources) as { slug: string; title: string; linkTitle: string | null }[];
    // The title most links used, the first one on a tie.
    const votes = new Map<string, number>();
    for (const s of sources) if (s.linkTitle) votes.set(s.linkTitle, (votes.get(s.linkTitle) ?? 0) + 1);
    let title = titleFromSlug(r.slug);
    let best = 0;
    for (const [t, n] of votes) {
      if (n > best) {
        best = n;
        title = t;
      }
    }
    const from = sources.map((s) => ({ slug: s.slug, title: s.title })).sort((a, b) => collator.compare(a.title, b.title));
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
    const lengths = unmeasured.map((p) => ({ id: p.id, textLength: wiki.analyze(p.markdown).textLength }));
    db.transaction(() => {
      for (const l of lengths) stmt(db, SQL_SET_TEXT_LENGTH).run(l);
    })();
  }
  const flagged = stmt(db, SQL_FLAGGED).all() as { slug: string; title: string; note: string; textLength: number | null }[];
  const stubs = stmt(db, SQL_STUBS).all({ max: STUB_TEXT_LENGTH }) as { slug: string; title: string; textLength: number }[];
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
 * @throws AppError 404 when no page is in it.
 */
export function categoryPages(db: Database, name: string): { name: string; pages: PageRef[] } {
  const normalized = normalizeCategory(name);
  const pages = stmt(db, SQL_CATEGORY_PAGES).all({ name: normalized }) as PageRef[];
  if (!pages.length) throw notFound(`category "${normalized || name}"`);
  return { name: normalized, pages };
}

/**
 * Latest revisions of every page, newest first.
 * @param before a revision id (from a previous answer) or an ISO date: only older changes.
 */
export function recentChanges(db: Database, limit: number, before?: string): RecentChange[] {
  type Row = Omit<RecentChange, 'author' | 'sizeDelta' | 'isNew'> & {
    author_id: number | null;
    author_name: string | null;
    size: number;
    prevSize: number | null;
  };
  const rows = (
    before && !/^\d+$/.test(before)
      ? stmt(db, SQL_RECENT_BEFORE_DATE).all({ beforeDate: before, limit })
      : stmt(db, SQL_RECENT).all({ beforeId: before ? Number(before) : Number.MAX_SAFE_INTEGER, limit })
  ) as Row[];
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    revision: r.revision,
    summary: r.summary,
    author: userRef(r.author_id, r.author_name),
    createdAt: r.createdAt,
    sizeDelta: r.size - (r.prevSize ?? 0),
    isNew: r.revision === 1,
  }));
}
