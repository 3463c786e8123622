import type { Database } from 'better-sqlite3';
import { invalidField, notFound, WikiError } from './errors.js';
import { findDeletion, getPage, pageDeletedError, titleKey, type Page } from './pages.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';

/*
 * Page moves (renaming), MediaWiki-style. The page keeps its id, so its revisions, categories,
 * outgoing links, referent and co-editing document (moved to the new slug) all follow. The old
 * slug becomes a redirect (`page_redirects`, by page id: no chains, no loops), unless asked not
 * to: reads of it answer 308 to the new slug, links to it render as existing and count as links
 * to the page (backlinks, orphans, wanted pages), and the move is logged in `page_log`. No
 * revision is written: the log entry shows the move in the recent changes.
 *
 * Target rule: a slug held by a page (live or deleted) is refused; a slug that is only a
 * redirect may be taken when that redirect leads to the moved page itself (moving A→B then B→A),
 * as MediaWiki does; a redirect to another page is refused (its links are meant for that page).
 */

/** What a move carries. */
export interface MovePageInput {
  slug: string;
  /** The new slug. */
  to: string;
  /** The new title (omitted: kept). */
  title?: string;
  /** Leave a redirect at the old slug (default true). */
  redirect?: boolean;
  userId: number;
  reason: string;
}

/** What a move did. */
export interface PageMove {
  page: Page;
  from: { slug: string; title: string };
  to: { slug: string; title: string };
  /** A redirect was left at the old slug. */
  redirect: boolean;
}

interface MoveStateRow {
  id: number;
  slug: string;
  title: string;
  revision: number;
  deleted_at: string | null;
}

const SQL_PAGE_STATE = `SELECT id, slug, title, revision, deleted_at FROM pages WHERE slug = @slug`;
const SQL_REDIRECT_AT = `SELECT page_id FROM page_redirects WHERE slug = @slug`;
const SQL_DELETE_REDIRECT = `DELETE FROM page_redirects WHERE slug = @slug`;
const SQL_MOVE_PAGE = `UPDATE pages SET slug = @to, title = @title, title_key = @titleKey WHERE id = @id`;
const SQL_INSERT_REDIRECT = `INSERT INTO page_redirects (slug, page_id) VALUES (@slug, @id)`;
// The registry's resources name their wiki page by slug: they follow it.
const SQL_MOVE_RESOURCE_PAGES = `UPDATE resources SET wiki_page = @to WHERE wiki_page = @from`;
const SQL_INSERT_LOG = `INSERT INTO page_log (action, page_id, slug, title, revision, user_id, reason, after_revision_id, created_at, new_slug, new_title, redirected)
  VALUES ('move', @id, @from, @oldTitle, @revision, @userId, @reason, (SELECT COALESCE(MAX(id), 0) FROM revisions), @now, @to, @title, @redirected)`;

const SQL_DELETE_DOC = `DELETE FROM collab_docs WHERE name = @name`;
const SQL_COPY_DOC = `INSERT INTO collab_docs (name, snapshot, snapshot_seq, base_revision, dirty, span_authors, created_at)
  SELECT @to, snapshot, snapshot_seq, base_revision, dirty, span_authors, created_at FROM collab_docs WHERE name = @from`;
const SQL_MOVE_LOG = `UPDATE collab_updates SET doc = @to WHERE doc = @from`;

/**
 * Moves the stored co-editing document of a page to its new slug (a page move), inside the
 * caller's transaction (the co-editing log is the page's live text: it moves with the page): snapshot, update log and bookkeeping follow, so clients that kept their
 * copy merge with it at the new slug without duplicating text. A document stored at the target
 * (a page opened for creation there and never written) is discarded first.
 */
function moveStoredDoc(db: Database, from: string, to: string): void {
  stmt(db, SQL_DELETE_DOC).run({ name: to });
  if (stmt(db, SQL_COPY_DOC).run({ from, to }).changes === 0) return;
  stmt(db, SQL_MOVE_LOG).run({ from, to });
  stmt(db, SQL_DELETE_DOC).run({ name: from });
}

/**
 * Moves a page to a new slug (and title), in one transaction: the page row, the redirect left
 * at the old slug, the registry resources naming the page, its stored co-editing document, and
 * the log entry. Then the listeners follow (render cache, search index, co-editing connections
 * closed with the new slug). Pending co-edits must be written before (the route flushes them).
 * @throws WikiError 404 for an unknown page; 409 `page_deleted` for a deleted one; 400 (field
 *   `slug`) when the slug does not change; 409 `conflict` (field `slug`) when the target is a
 *   page (live or deleted) or a redirect to another page.
 */
export function movePage(db: Database, wiki: WikiServices, input: MovePageInput): PageMove {
  const redirect = input.redirect ?? true;
  const move = db
    .transaction((): PageMove => {
      const page = stmt(db, SQL_PAGE_STATE).get({ slug: input.slug }) as MoveStateRow | undefined;
      if (!page) throw notFound(`page "${input.slug}"`);
      if (page.deleted_at) throw pageDeletedError(findDeletion(db, input.slug)!, 409);
      if (input.to === page.slug)
        throw invalidField(
          'slug',
          'the page already has this slug (change its title with PATCH /api/pages/{slug}/properties)',
        );
      const taken = stmt(db, SQL_PAGE_STATE).get({ slug: input.to }) as MoveStateRow | undefined;
      if (taken) {
        const what = taken.deleted_at ? 'a deleted page (it may be restored)' : 'another page';
        throw new WikiError('conflict', `slug: "${input.to}" is ${what}`, { field: 'slug' });
      }
      const redirectAt = stmt(db, SQL_REDIRECT_AT).pluck().get({ slug: input.to }) as
        number | undefined;
      if (redirectAt !== undefined && redirectAt !== page.id) {
        throw new WikiError('conflict', `slug: "${input.to}" is a redirect to another page`, {
          field: 'slug',
        });
      }
      const title = input.title?.trim() || page.title;
      const row = {
        id: page.id,
        from: page.slug,
        to: input.to,
        oldTitle: page.title,
        title,
        titleKey: titleKey(title),
        revision: page.revision,
        userId: input.userId,
        reason: input.reason,
        redirected: redirect ? 1 : 0,
        now: new Date().toISOString(),
      };
      stmt(db, SQL_DELETE_REDIRECT).run({ slug: input.to });
      stmt(db, SQL_MOVE_PAGE).run(row);
      if (redirect) stmt(db, SQL_INSERT_REDIRECT).run({ slug: page.slug, id: page.id });
      stmt(db, SQL_MOVE_RESOURCE_PAGES).run(row);
      moveStoredDoc(db, page.slug, input.to);
      stmt(db, SQL_INSERT_LOG).run(row);
      return {
        page: getPage(db, input.to),
        from: { slug: page.slug, title: page.title },
        to: { slug: input.to, title },
        redirect,
      };
    })
    .immediate();
  wiki.pageMoved(move.from.slug, move.page);
  return move;
}
