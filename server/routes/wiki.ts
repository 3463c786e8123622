import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { jsonBody, limitParam, queryParams } from '../validate.js';
import { readAccess, roleAtLeast } from '../auth/middleware.js';
import {
  categoryPages,
  listCategories,
  orphanPages,
  pagesToImprove,
  RECENT_CURSOR_RE,
  recentChanges,
  wantedPages,
} from '../../registry/wiki/lists.js';
import { listDeletedPages, listLog } from '../../registry/wiki/log.js';
import { SLUG_RE } from '../../registry/wiki/pages.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { DeletedPages, LogPage } from '../contracts/wiki-log.js';
import {
  CategoryList,
  CategoryPages,
  PageRefs,
  PageToImprove,
  RecentChanges,
  WantedPage,
} from '../../registry/wiki/contracts.js';

const WantedQuery = z.object({
  limit: limitParam(2000, 500),
});

/** Query of the recent changes: `before` is a cursor from a previous answer (`next`), or an ISO date. */
export const RecentQuery = z.object({
  limit: limitParam(500, 50),
  before: z
    .string()
    .regex(RECENT_CURSOR_RE, 'a cursor from a previous answer (next) or an ISO date')
    .optional()
    .describe('A change id (`next` of the previous answer) or an ISO date'),
});

/** An action name of the log: known ones (delete, restore) and any added later. */
const ACTION_RE = /^[a-z][a-z0-9_-]{0,39}$/;

/** Query of the wiki's log: `action` is a comma-separated list (or repeated), `before` the `next` of a previous answer. */
export const LogQuery = z.object({
  action: z
    .preprocess(
      (v) => (Array.isArray(v) ? v.join(',') : v),
      z
        .string()
        .transform((s) => [
          ...new Set(
            s
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean),
          ),
        ])
        .refine(
          (list) => list.length <= 20 && list.every((a) => ACTION_RE.test(a)),
          'comma-separated action names (delete, restore…)',
        ),
    )
    .optional()
    .describe(
      'Only these actions, comma-separated (e.g. `delete,restore`); an action never logged gives an empty list',
    ),
  slug: z
    .string()
    .regex(SLUG_RE, 'a page slug: lowercase letters, digits and dashes (1 to 120)')
    .optional()
    .describe('Only the entries of this page'),
  limit: limitParam(500, 50),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Only entries with a smaller id (`next` of the previous answer)'),
});

const DeletedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size (default 100)'),
  offset: z.coerce.number().int().min(0).default(0).describe('Skip this many'),
});

const PreviewBody = z.object({ markdown: z.string() });

const DOC = {
  log: describeRoute({
    tags: ['wiki'],
    summary:
      "The wiki's log: deletions and restorations of pages (and any action logged later), newest first",
    description:
      'Public like the recent changes (private wikis: logged-in users). Paged by entry id: pass `next` as `before`.',
    responses: {
      200: { description: 'Entries', schema: LogPage },
      400: errorAnswer('Invalid action, slug, limit or before (named in error.field)'),
      401: errorAnswer('Private wiki: log in to read'),
    },
  }),
  deleted: describeRoute({
    tags: ['wiki'],
    summary: 'The pages deleted now, most recently deleted first (facilitator+)',
    loggedIn: true,
    responses: {
      200: { description: 'Deleted pages', schema: DeletedPages },
      400: errorAnswer('Invalid limit or offset (named in error.field)'),
      401: errorAnswer('Not logged in'),
      403: errorAnswer('Role below facilitator'),
    },
  }),
};

/**
 * /api/wiki: the special lists (pages à créer, à améliorer, orphelines), categories, the log, the
 * deleted pages (facilitators), and the editor's preview.
 */
export const wiki = new Hono<AppEnv>()
  .use('*', readAccess)
  .get(
    '/wanted',
    describeRoute({
      tags: ['wiki'],
      summary: 'Pages à créer: linked but missing, most wanted first',
      responses: {
        200: { description: 'Wanted pages', schema: z.object({ pages: z.array(WantedPage) }) },
        401: errorAnswer('Private wiki'),
      },
    }),
    queryParams(WantedQuery),
    (c) =>
      c.json({
        pages: wantedPages(c.get('db'), c.req.valid('query').limit),
      } satisfies { pages: WantedPage[] }),
  )
  .get(
    '/to-improve',
    describeRoute({
      tags: ['wiki'],
      summary: 'Pages à améliorer: flagged pages, then stubs (under 300 characters of text)',
      responses: {
        200: { description: 'Pages', schema: z.object({ pages: z.array(PageToImprove) }) },
        401: errorAnswer('Private wiki'),
      },
    }),
    (c) =>
      c.json({
        pages: pagesToImprove(c.get('db'), c.get('services').wiki),
      } satisfies { pages: PageToImprove[] }),
  )
  .get(
    '/orphans',
    describeRoute({
      tags: ['wiki'],
      summary: 'Pages no other page links to (home page excepted)',
      responses: {
        200: { description: 'Pages', schema: PageRefs },
        401: errorAnswer('Private wiki'),
      },
    }),
    (c) => c.json({ pages: orphanPages(c.get('db')) } satisfies PageRefs),
  )
  .get(
    '/categories',
    describeRoute({
      tags: ['wiki'],
      summary: 'Categories with their page counts',
      responses: {
        200: { description: 'Categories', schema: CategoryList },
        401: errorAnswer('Private wiki'),
      },
    }),
    (c) => c.json({ categories: listCategories(c.get('db')) }),
  )
  .get(
    '/categories/:name',
    describeRoute({
      tags: ['wiki'],
      summary: 'Pages of a category (first letter case-insensitive)',
      responses: {
        200: { description: 'The category', schema: CategoryPages },
        401: errorAnswer('Private wiki'),
        404: errorAnswer('No page in this category, and no description'),
      },
    }),
    (c) => {
      // The description (an imported category page) is markdown: rendered by the wiki's safe renderer.
      const category = categoryPages(c.get('db'), c.req.param('name'));
      const descriptionHtml =
        category.description === null ? null : c.get('services').wiki.preview(category.description);
      return c.json({ ...category, descriptionHtml } satisfies CategoryPages);
    },
  )
  // Public like the recent changes (as MediaWiki's logs are): deletions show who and why, not the text.
  .get('/log', DOC.log, queryParams(LogQuery), (c) => {
    const { action, slug, limit, before } = c.req.valid('query');
    return c.json(listLog(c.get('db'), { actions: action, slug, limit, before }) satisfies LogPage);
  })
  .get('/deleted', DOC.deleted, roleAtLeast('facilitator'), queryParams(DeletedQuery), (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json(listDeletedPages(c.get('db'), limit, offset) satisfies DeletedPages);
  })
  // The edit form's preview: contributors only, as rendering costs the server more than reading.
  .post(
    '/preview',
    describeRoute({
      tags: ['wiki'],
      summary:
        'Renders a markdown body that is not saved (the edit form preview); links to missing pages are marked',
      responses: {
        200: { description: 'The rendered HTML', schema: z.object({ html: z.string() }) },
        400: errorAnswer('Invalid field (named in error.field)'),
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Role below contributor, or missing CSRF token'),
        413: errorAnswer('Body over the configured limit'),
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(PreviewBody),
    (c) => c.json({ html: c.get('services').wiki.preview(c.req.valid('json').markdown) }),
  );

/** /api/recent-changes: the latest revisions, deletions and restorations of pages, newest first. */
export const recentChangesRoutes = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['wiki'],
    summary:
      'Latest revisions of every live page, and deletions and restorations of pages, newest first',
    responses: {
      200: { description: 'Changes', schema: RecentChanges },
      400: errorAnswer('Invalid limit or before'),
      401: errorAnswer('Private wiki'),
    },
  }),
  readAccess,
  queryParams(RecentQuery),
  (c) => {
    const { limit, before } = c.req.valid('query');
    const changes = recentChanges(c.get('db'), limit, before);
    const next = changes.length === limit ? changes[changes.length - 1].cursor : null;
    return c.json({ changes, next } satisfies RecentChanges);
  },
);
