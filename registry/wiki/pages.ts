import type { Database } from 'better-sqlite3';
import { invalidField, notFound, WikiError } from './errors.js';
import { foldAccents } from '../text/french.js';
import { normalizeCategory } from './markdown.js';
import type { SaveOrigin, WikiServices } from './services.js';
import { stmt } from './statements.js';
import { SLUG_RE } from '../text/slug.js';

/** A page as stored (current revision), with the names the API shows next to the ids. */
export interface Page extends PageMeta {
  markdown: string;
}

/** Everything about a page but its body (what a read needs when the body is cached). */
export interface PageMeta {
  id: number;
  slug: string;
  title: string;
  kind: string;
  revision: number;
  referentId: number | null;
  /** Display name of the referent (the person to ask about this practice). */
  referentName: string | null;
  needsWork: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: number | null;
  updatedByName: string | null;
  /** Explicit and `[[Catégorie:…]]` categories, sorted. */
  categories: string[];
  /** Other pages linking here (a link to itself does not count). */
  backlinkCount: number;
}

interface PageRow {
  id: number;
  slug: string;
  title: string;
  kind: string;
  markdown?: string;
  revision: number;
  referent_id: number | null;
  referent_name: string | null;
  needs_work: string | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
  updated_by_name: string | null;
  categories: string;
  backlink_count: number;
}

interface CategoryRow {
  category: string;
  source: 'explicit' | 'markdown';
}

/** What a save carries. `baseRevision` is the revision the editor started from (0 for a new page). */
export interface SavePageInput {
  slug: string;
  title: string;
  markdown: string;
  summary?: string;
  baseRevision?: number;
  kind?: string;
  /** Explicit categories (replacing the previous explicit ones); omitted: kept as they were. */
  categories?: string[];
  /** The page's referent: a user id, null to clear, omitted to keep. */
  referentId?: number | null;
  /** Authors of this revision: one for a form save, several for a co-editing span. */
  authorIds: number[];
  /** Who saved: a REST call (default), a co-editing span, a revert, the seed, an import. */
  origin?: SaveOrigin;
}

/** What `savePageDetailed` did. */
export interface SaveResult {
  page: Page;
  /** The page did not exist before. */
  created: boolean;
  /** A revision was written (false for a save that changed nothing). */
  changed: boolean;
}

/** Slugs: lowercase letters, digits and dashes, 1–120 characters (shared with the registry and the client: registry/text/slug.ts). */
export { SLUG_RE };

/** The home page: never listed as an orphan. */
export const HOME_SLUG = 'accueil';

const PAGE_META_COLUMNS = `p.id, p.slug, p.title, p.kind, p.revision, p.referent_id, p.needs_work,
    p.created_at, p.updated_at, p.updated_by, r.name AS referent_name, u.name AS updated_by_name,
    (SELECT json_group_array(category) FROM (SELECT category FROM page_categories WHERE page_id = p.id ORDER BY category)) AS categories,
    (SELECT COUNT(DISTINCT l.from_id) FROM page_links l WHERE l.from_id <> p.id
      AND l.to_slug IN (SELECT p.slug UNION ALL SELECT g.slug FROM page_redirects g WHERE g.page_id = p.id)) AS backlink_count`;
// Links to one of a page's redirects (its former slugs) count as links to it.
// Deleted pages are not pages for readers: `findDeletion` tells them apart from unknown slugs.
const PAGE_FROM = `FROM pages p LEFT JOIN users r ON r.id = p.referent_id LEFT JOIN users u ON u.id = p.updated_by
  WHERE p.slug = @slug AND p.deleted_at IS NULL`;
const SQL_PAGE_FULL = `SELECT ${PAGE_META_COLUMNS}, p.markdown ${PAGE_FROM}`;
// Decoding a body costs more than the rest of the row: reads whose body is cached skip it.
const SQL_PAGE_META = `SELECT ${PAGE_META_COLUMNS} ${PAGE_FROM}`;
const SQL_PAGE_HEAD = `SELECT id, title, kind, markdown, revision, referent_id, deleted_at FROM pages WHERE slug = @slug`;
const SQL_DELETION = `SELECT p.id, p.slug, p.title, p.revision, p.deleted_at, p.deleted_by, u.name AS deleted_by_name, p.delete_reason
  FROM pages p LEFT JOIN users u ON u.id = p.deleted_by WHERE p.slug = @slug AND p.deleted_at IS NOT NULL`;
const SQL_PAGE_CATEGORIES = `SELECT category, source FROM page_categories WHERE page_id = @id ORDER BY category`;
const SQL_USER_EXISTS = `SELECT 1 FROM users WHERE id = @id`;
const SQL_INSERT_PAGE = `INSERT INTO pages (slug, title, title_key, kind, markdown, revision, referent_id, updated_by, text_length)
  VALUES (@slug, @title, @titleKey, @kind, @markdown, 1, @referentId, @author, @textLength)`;
const SQL_UPDATE_PAGE = `UPDATE pages SET title = @title, title_key = @titleKey, kind = @kind, markdown = @markdown,
  revision = @revision, referent_id = @referentId, text_length = @textLength,
  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), updated_by = @author WHERE id = @id`;
const SQL_INSERT_REVISION = `INSERT INTO revisions (page_id, number, title, markdown, summary, author_id)
  VALUES (@pageId, @number, @title, @markdown, @summary, @author)`;
const SQL_INSERT_REVISION_AUTHOR = `INSERT OR IGNORE INTO revision_authors (revision_id, user_id) VALUES (@revisionId, @userId)`;
const SQL_DELETE_LINKS = `DELETE FROM page_links WHERE from_id = @pageId`;
const SQL_INSERT_LINK = `INSERT OR IGNORE INTO page_links (from_id, to_slug, to_title) VALUES (@pageId, @to, @title)`;
const SQL_DELETE_CATEGORIES = `DELETE FROM page_categories WHERE page_id = @pageId`;
const SQL_INSERT_CATEGORY = `INSERT OR IGNORE INTO page_categories (page_id, category, source) VALUES (@pageId, @category, @source)`;
const SQL_DELETE_REDIRECT = `DELETE FROM page_redirects WHERE slug = @slug`;
const SQL_REDIRECT = `SELECT g.slug AS "from", p.slug AS "to", p.deleted_at IS NOT NULL AS deleted
  FROM page_redirects g JOIN pages p ON p.id = g.page_id WHERE g.slug = @slug`;
const SQL_SET_NEEDS_WORK = `UPDATE pages SET needs_work = @reason WHERE slug = @slug AND deleted_at IS NULL`;

const toMeta = (r: PageRow): PageMeta => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  kind: r.kind,
  revision: r.revision,
  referentId: r.referent_id,
  referentName: r.referent_name,
  needsWork: r.needs_work,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  updatedByName: r.updated_by_name,
  categories: JSON.parse(r.categories) as string[],
  backlinkCount: r.backlink_count,
});

/** The key pages sort by: accent-folded lowercase title ("Évaluer" files under e). */
export const titleKey = (title: string) => foldAccents(title).trim();

/** A page by slug, or undefined. */
export function findPage(db: Database, slug: string): Page | undefined {
  const row = stmt(db, SQL_PAGE_FULL).get({ slug }) as PageRow | undefined;
  return row && { ...toMeta(row), markdown: row.markdown ?? '' };
}

/** A page without its body, by slug, or undefined. */
export function findPageMeta(db: Database, slug: string): PageMeta | undefined {
  const row = stmt(db, SQL_PAGE_META).get({ slug }) as PageRow | undefined;
  return row && toMeta(row);
}

/** A page by slug. @throws WikiError 404 (code `page_deleted` for a deleted page, else `not_found`). */
export function getPage(db: Database, slug: string): Page {
  const page = findPage(db, slug);
  if (!page) throw missingPage(db, slug);
  return page;
}

/** How, when, by whom and why a page was deleted. */
export interface PageDeletion {
  pageId: number;
  slug: string;
  title: string;
  /** The page's current revision (kept: a restoration brings it back as it was). */
  revision: number;
  deletedAt: string;
  deletedBy: { id: number; name: string } | null;
  reason: string;
}

interface DeletionRow {
  id: number;
  slug: string;
  title: string;
  revision: number;
  deleted_at: string;
  deleted_by: number | null;
  deleted_by_name: string | null;
  delete_reason: string | null;
}

/** The deletion of a page, or undefined when the page is live or unknown. */
export function findDeletion(db: Database, slug: string): PageDeletion | undefined {
  const r = stmt(db, SQL_DELETION).get({ slug }) as DeletionRow | undefined;
  if (!r) return undefined;
  return {
    pageId: r.id,
    slug: r.slug,
    title: r.title,
    revision: r.revision,
    deletedAt: r.deleted_at,
    deletedBy:
      r.deleted_by !== null && r.deleted_by_name !== null
        ? { id: r.deleted_by, name: r.deleted_by_name }
        : null,
    reason: r.delete_reason ?? '',
  };
}

/**
 * The error for a request naming a deleted page: 404 for a read, 409 for a write (a facilitator
 * must restore the page first). `deletion` in the error tells when, by whom and why.
 */
export function pageDeletedError(deletion: PageDeletion, status: 404 | 409 = 404): WikiError {
  const by = deletion.deletedBy ? ` by ${deletion.deletedBy.name}` : '';
  const why = deletion.reason ? `: ${deletion.reason}` : '';
  const hint =
    status === 409 ? '; a facilitator must restore it before it can be edited or recreated' : '';
  const { pageId: _id, ...shown } = deletion;
  return new WikiError(
    'page_deleted',
    `page "${deletion.slug}" was deleted on ${deletion.deletedAt}${by}${why}${hint}`,
    {
      deletion: shown,
    },
    status,
  );
}

/** The 404 for a slug with no live page: `page_deleted` (with the deletion) or `not_found`. */
export function missingPage(db: Database, slug: string): WikiError {
  const deletion = findDeletion(db, slug);
  return deletion ? pageDeletedError(deletion, 404) : notFound(`page "${slug}"`);
}

/**
 * Refuses a write to a deleted page.
 * @throws WikiError 409 `page_deleted`.
 */
export function assertNotDeleted(db: Database, slug: string): void {
  const deletion = findDeletion(db, slug);
  if (deletion) throw pageDeletedError(deletion, 409);
}

/** A redirect left by a page move: the old slug and where the page is now. */
export interface PageRedirect {
  from: string;
  to: string;
  /** The page it leads to is deleted. */
  deleted: boolean;
}

/** The redirect at `slug` (a former slug of a moved page), or undefined. */
export function findRedirect(db: Database, slug: string): PageRedirect | undefined {
  const row = stmt(db, SQL_REDIRECT).get({ slug }) as
    { from: string; to: string; deleted: number } | undefined;
  return row && { from: row.from, to: row.to, deleted: row.deleted === 1 };
}

/**
 * Replaces the outgoing wiki links of a page (inside the caller's transaction).
 * @param links the links of its body, from `wiki.analyze(markdown).links`.
 */
export function writeLinks(
  db: Database,
  pageId: number,
  links: readonly { slug: string; title: string }[],
): void {
  stmt(db, SQL_DELETE_LINKS).run({ pageId });
  const insertLink = stmt(db, SQL_INSERT_LINK);
  for (const link of links)
    insertLink.run({ pageId, to: link.slug, title: link.title.slice(0, 200) });
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Saves a page as a new revision, with its links and categories, in one transaction, then
 * tells the listeners (search index, co-editing). A save that changes nothing writes no revision.
 * A save whose `baseRevision` is not the current revision is refused.
 * @throws WikiError 409 (code conflict, with `currentRevision`) on a stale base revision; 409
 *   `page_deleted` for a deleted page; 400 (field referentId) for an unknown referent.
 */
export function savePageDetailed(
  db: Database,
  wiki: WikiServices,
  input: SavePageInput,
): SaveResult {
  const author = input.authorIds[0] ?? null;
  const analysis = wiki.analyze(input.markdown);
  const title = input.title.trim();
  const result = db
    .transaction((): SaveResult => {
      const existing = stmt(db, SQL_PAGE_HEAD).get({ slug: input.slug }) as
        | (Pick<PageRow, 'id' | 'title' | 'kind' | 'markdown' | 'revision' | 'referent_id'> & {
            deleted_at: string | null;
          })
        | undefined;
      // One slug, one page: a deleted page is restored (history and all), never written over.
      if (existing?.deleted_at) throw pageDeletedError(findDeletion(db, input.slug)!, 409);
      const current = existing?.revision ?? 0;
      if (input.baseRevision !== undefined && input.baseRevision !== current) {
        throw new WikiError(
          'conflict',
          `baseRevision: the page is at revision ${current}, not ${input.baseRevision}`,
          {
            field: 'baseRevision',
            currentRevision: current,
          },
        );
      }
      const referentId =
        input.referentId === undefined ? (existing?.referent_id ?? null) : input.referentId;
      if (
        referentId !== null &&
        referentId !== existing?.referent_id &&
        !stmt(db, SQL_USER_EXISTS).get({ id: referentId })
      ) {
        throw invalidField('referentId', `no user with id ${referentId}`);
      }
      const kind = input.kind ?? existing?.kind ?? 'practice';
      const stored = existing
        ? (stmt(db, SQL_PAGE_CATEGORIES).all({ id: existing.id }) as CategoryRow[])
        : [];
      const explicit = new Set(
        input.categories
          ? input.categories.map(normalizeCategory).filter(Boolean)
          : stored.filter((c) => c.source === 'explicit').map((c) => c.category),
      );
      const all = [...new Set([...explicit, ...analysis.categories])];

      if (
        existing &&
        existing.title === title &&
        existing.markdown === input.markdown &&
        existing.kind === kind &&
        existing.referent_id === referentId &&
        sameSet(
          all,
          stored.map((c) => c.category),
        ) &&
        [...explicit].every((c) => stored.some((s) => s.category === c && s.source === 'explicit'))
      ) {
        return { page: getPage(db, input.slug), created: false, changed: false };
      }

      const number = current + 1;
      const row = {
        title,
        titleKey: titleKey(title),
        kind,
        markdown: input.markdown,
        referentId,
        author,
        textLength: analysis.textLength,
      };
      let pageId: number;
      if (existing) {
        pageId = existing.id;
        stmt(db, SQL_UPDATE_PAGE).run({ ...row, id: pageId, revision: number });
      } else {
        // A page written at a redirect's slug replaces the redirect (as in MediaWiki): links to
        // that slug now lead to the new page.
        stmt(db, SQL_DELETE_REDIRECT).run({ slug: input.slug });
        pageId = Number(
          stmt(db, SQL_INSERT_PAGE).run({ ...row, slug: input.slug }).lastInsertRowid,
        );
      }
      const revisionId = Number(
        stmt(db, SQL_INSERT_REVISION).run({
          pageId,
          number,
          title,
          markdown: input.markdown,
          summary: input.summary ?? '',
          author,
        }).lastInsertRowid,
      );
      const insertAuthor = stmt(db, SQL_INSERT_REVISION_AUTHOR);
      for (const userId of new Set(input.authorIds)) insertAuthor.run({ revisionId, userId });
      writeLinks(db, pageId, analysis.links);
      stmt(db, SQL_DELETE_CATEGORIES).run({ pageId });
      const insertCat = stmt(db, SQL_INSERT_CATEGORY);
      for (const category of all)
        insertCat.run({
          pageId,
          category,
          source: explicit.has(category) ? 'explicit' : 'markdown',
        });
      return { page: getPage(db, input.slug), created: !existing, changed: true };
      // IMMEDIATE: the write lock is taken before the base revision is read, so a save from another
      // process (the CLI, an import) waits for its turn instead of failing on a stale snapshot.
    })
    .immediate();
  if (result.changed) wiki.pageChanged(result.page, input.origin ?? 'rest');
  return result;
}

/**
 * Saves a page (see `savePageDetailed`) and returns it.
 * @throws WikiError 409 on a stale base revision, 400 for an unknown referent.
 */
export function savePage(db: Database, wiki: WikiServices, input: SavePageInput): Page {
  return savePageDetailed(db, wiki, input).page;
}

/**
 * Flags a page "à améliorer" with a reason, or clears the flag (`reason` null). Not a revision.
 * @throws WikiError 404 for an unknown page, 409 `page_deleted` for a deleted one.
 */
export function setNeedsWork(db: Database, slug: string, reason: string | null): Page {
  const info = stmt(db, SQL_SET_NEEDS_WORK).run({ slug, reason });
  if (info.changes === 0) {
    assertNotDeleted(db, slug);
    throw notFound(`page "${slug}"`);
  }
  return getPage(db, slug);
}
