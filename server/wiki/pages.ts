import type { Database } from '../db/open.js';
import { AppError, notFound } from '../errors.js';
import type { SaveOrigin, WikiServices } from './services.js';

/** A page as stored (current revision). */
export interface Page {
  id: number;
  slug: string;
  title: string;
  kind: string;
  markdown: string;
  revision: number;
  referentId: number | null;
  needsWork: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: number | null;
  categories: string[];
}

interface PageRow {
  id: number;
  slug: string;
  title: string;
  kind: string;
  markdown: string;
  revision: number;
  referent_id: number | null;
  needs_work: string | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

/** What a save carries. `baseRevision` is the revision the editor started from (0 for a new page). */
export interface SavePageInput {
  slug: string;
  title: string;
  markdown: string;
  summary?: string;
  baseRevision?: number;
  kind?: string;
  categories?: string[];
  /** Authors of this revision: one for a form save, several for a co-editing span. */
  authorIds: number[];
  /** Who saved: a REST call (default), a co-editing span, a revert, the seed, an import. */
  origin?: SaveOrigin;
}

/** Slugs: lowercase letters, digits and dashes, 1–120 characters. */
export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;

const SQL_PAGE_BY_SLUG = `SELECT * FROM pages WHERE slug = @slug`;
const SQL_CATEGORIES = `SELECT category FROM page_categories WHERE page_id = @id ORDER BY category`;
const SQL_INSERT_PAGE = `INSERT INTO pages (slug, title, kind, markdown, revision, updated_by)
  VALUES (@slug, @title, @kind, @markdown, 1, @author)`;
const SQL_UPDATE_PAGE = `UPDATE pages SET title = @title, kind = @kind, markdown = @markdown, revision = @revision,
  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), updated_by = @author WHERE id = @id`;
const SQL_INSERT_REVISION = `INSERT INTO revisions (page_id, number, title, markdown, summary, author_id)
  VALUES (@pageId, @number, @title, @markdown, @summary, @author)`;
const SQL_INSERT_REVISION_AUTHOR = `INSERT OR IGNORE INTO revision_authors (revision_id, user_id) VALUES (@revisionId, @userId)`;

const toPage = (db: Database, r: PageRow): Page => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  kind: r.kind,
  markdown: r.markdown,
  revision: r.revision,
  referentId: r.referent_id,
  needsWork: r.needs_work,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  categories: (db.prepare(SQL_CATEGORIES).all({ id: r.id }) as { category: string }[]).map((x) => x.category),
});

/** A page by slug, or undefined. */
export function findPage(db: Database, slug: string): Page | undefined {
  const row = db.prepare(SQL_PAGE_BY_SLUG).get({ slug }) as PageRow | undefined;
  return row && toPage(db, row);
}

/** A page by slug. @throws AppError 404. */
export function getPage(db: Database, slug: string): Page {
  const page = findPage(db, slug);
  if (!page) throw notFound(`page "${slug}"`);
  return page;
}

/**
 * Saves a page as a new revision, with its links and categories, in one transaction, then
 * updates the search index. A save whose `baseRevision` is not the current revision is refused.
 * @throws AppError 409 (code conflict, with `currentRevision`) on a stale base revision.
 */
export function savePage(db: Database, wiki: WikiServices, input: SavePageInput): Page {
  const author = input.authorIds[0] ?? null;
  const links = wiki.extractLinks(input.markdown);
  const page = db.transaction(() => {
    const existing = db.prepare(SQL_PAGE_BY_SLUG).get({ slug: input.slug }) as PageRow | undefined;
    const current = existing?.revision ?? 0;
    if (input.baseRevision !== undefined && input.baseRevision !== current) {
      throw new AppError(409, 'conflict', `baseRevision: the page is at revision ${current}, not ${input.baseRevision}`, {
        field: 'baseRevision',
        currentRevision: current,
      });
    }
    let pageId: number;
    const number = current + 1;
    const kind = input.kind ?? existing?.kind ?? 'practice';
    if (existing) {
      pageId = existing.id;
      db.prepare(SQL_UPDATE_PAGE).run({ id: pageId, title: input.title, kind, markdown: input.markdown, revision: number, author });
    } else {
      pageId = Number(
        db.prepare(SQL_INSERT_PAGE).run({ slug: input.slug, title: input.title, kind, markdown: input.markdown, author })
          .lastInsertRowid,
      );
    }
    const revisionId = Number(
      db.prepare(SQL_INSERT_REVISION).run({
        pageId,
        number,
        title: input.title,
        markdown: input.markdown,
        summary: input.summary ?? '',
        author,
      }).lastInsertRowid,
    );
    for (const userId of new Set(input.authorIds)) {
      db.prepare(SQL_INSERT_REVISION_AUTHOR).run({ revisionId, userId });
    }
    db.prepare(`DELETE FROM page_links WHERE from_id = @pageId`).run({ pageId });
    const insertLink = db.prepare(`INSERT OR IGNORE INTO page_links (from_id, to_slug) VALUES (@pageId, @to)`);
    for (const to of links) insertLink.run({ pageId, to });
    if (input.categories) {
      db.prepare(`DELETE FROM page_categories WHERE page_id = @pageId`).run({ pageId });
      const insertCat = db.prepare(`INSERT OR IGNORE INTO page_categories (page_id, category) VALUES (@pageId, @category)`);
      for (const category of input.categories) insertCat.run({ pageId, category });
    }
    return getPage(db, input.slug);
  })();
  wiki.pageChanged(page, input.origin ?? 'rest');
  return page;
}
