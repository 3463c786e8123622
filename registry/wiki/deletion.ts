import type { Database } from 'better-sqlite3';
import { notFound, WikiError } from './errors.js';
import {
  findDeletion,
  getPage,
  pageDeletedError,
  writeLinks,
  type Page,
  type PageDeletion,
} from './pages.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';

/*
 * Page deletion, MediaWiki-style: nothing is lost. A deleted page keeps its row, its revisions and
 * its categories; it leaves the page lists, the search index and the link tables (its outgoing
 * links stop counting: backlinks, orphans, wanted pages), and links to it render as missing.
 * A restoration brings it back as it was, links rebuilt from its text. Both are logged in
 * `page_log` (who, when, why), which the recent changes and the feed show.
 */

/** What a deletion or a restoration carries. */
export interface PageLogInput {
  slug: string;
  userId: number;
  reason: string;
}

interface PageStateRow {
  id: number;
  slug: string;
  title: string;
  markdown: string;
  revision: number;
  deleted_at: string | null;
}

const SQL_PAGE_STATE = `SELECT id, slug, title, markdown, revision, deleted_at FROM pages WHERE slug = @slug`;
const SQL_MARK_DELETED = `UPDATE pages SET deleted_at = @now, deleted_by = @userId, delete_reason = @reason WHERE id = @id`;
const SQL_MARK_RESTORED = `UPDATE pages SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL WHERE id = @id`;
const SQL_INSERT_LOG = `INSERT INTO page_log (action, page_id, slug, title, revision, user_id, reason, after_revision_id, created_at)
  VALUES (@action, @id, @slug, @title, @revision, @userId, @reason, (SELECT COALESCE(MAX(id), 0) FROM revisions), @now)`;

/**
 * Deletes a page (soft: see above) and logs it, in one transaction; then tells the listeners
 * (search index, co-editing) and moves the "missing link" generation. Pending co-edits must be
 * written before (the route flushes them): a deleted page takes no revision.
 * @throws WikiError 404 for an unknown page; 409 `page_deleted` when it is already deleted.
 */
export function deletePage(db: Database, wiki: WikiServices, input: PageLogInput): PageDeletion {
  const deletion = db
    .transaction((): PageDeletion => {
      const page = stmt(db, SQL_PAGE_STATE).get({ slug: input.slug }) as PageStateRow | undefined;
      if (!page) throw notFound(`page "${input.slug}"`);
      if (page.deleted_at) throw pageDeletedError(findDeletion(db, input.slug)!, 409);
      const row = {
        id: page.id,
        slug: page.slug,
        title: page.title,
        revision: page.revision,
        userId: input.userId,
        reason: input.reason,
        now: new Date().toISOString(),
      };
      stmt(db, SQL_MARK_DELETED).run(row);
      // Its links stop counting (backlinks, orphans, wanted pages); a restoration rebuilds them.
      writeLinks(db, page.id, []);
      stmt(db, SQL_INSERT_LOG).run({ ...row, action: 'delete' });
      return findDeletion(db, input.slug)!;
    })
    .immediate();
  wiki.pageDeleted(input.slug);
  return deletion;
}

/**
 * Restores a deleted page with all its revisions (its links rebuilt from its text) and logs it,
 * in one transaction; then the page is back for the listeners (search index, co-editing).
 * @throws WikiError 404 for an unknown page; 409 `not_deleted` when the page is not deleted.
 */
export function restorePage(db: Database, wiki: WikiServices, input: PageLogInput): Page {
  const links = (markdown: string) => wiki.analyze(markdown).links;
  const page = db
    .transaction((): Page => {
      const state = stmt(db, SQL_PAGE_STATE).get({ slug: input.slug }) as PageStateRow | undefined;
      if (!state) throw notFound(`page "${input.slug}"`);
      if (!state.deleted_at)
        throw new WikiError('not_deleted', `page "${input.slug}" is not deleted`);
      const row = {
        id: state.id,
        slug: state.slug,
        title: state.title,
        revision: state.revision,
        userId: input.userId,
        reason: input.reason,
        now: new Date().toISOString(),
      };
      stmt(db, SQL_MARK_RESTORED).run(row);
      writeLinks(db, state.id, links(state.markdown));
      stmt(db, SQL_INSERT_LOG).run({ ...row, action: 'restore' });
      return getPage(db, input.slug);
    })
    .immediate();
  wiki.pageRestored(page);
  return page;
}
