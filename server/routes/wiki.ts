import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, roleAtLeast } from '../auth/middleware.js';
import { categoryPages, listCategories, orphanPages, pagesToImprove, RECENT_CURSOR_RE, recentChanges, wantedPages } from '../../registry/wiki/lists.js';
import { listDeletedPages, listLog } from '../../registry/wiki/log.js';
import { SLUG_RE } from '../../registry/wiki/pages.js';

const WantedQuery = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(500) });

/** Query of the recent changes: `before` is a cursor from a previous answer (`next`), or an ISO date. */
export const RecentQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(RECENT_CURSOR_RE, 'a cursor from a previous answer (next) or an ISO date').optional(),
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
        .transform((s) => [...new Set(s.split(',').map((a) => a.trim()).filter(Boolean))])
        .refine((list) => list.length <= 20 && list.every((a) => ACTION_RE.test(a)), 'comma-separated action names (delete, restore…)'),
    )
    .optional(),
  slug: z.string().regex(SLUG_RE, 'a page slug: lowercase letters, digits and dashes (1 to 120)').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().min(1).optional(),
});

const DeletedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const PreviewBody = z.object({ markdown: z.string() });

/**
 * /api/wiki: the special lists (pages à créer, à améliorer, orphelines), categories, the log, the
 * deleted pages (facilitators), and the editor's preview.
 */
export const wiki = new Hono<AppEnv>()
  .use('*', readAccess)
  .get('/wanted', queryParams(WantedQuery), (c) => c.json({ pages: wantedPages(c.get('db'), c.req.valid('query').limit) }))
  .get('/to-improve', (c) => c.json({ pages: pagesToImprove(c.get('db'), c.get('services').wiki) }))
  .get('/orphans', (c) => c.json({ pages: orphanPages(c.get('db')) }))
  .get('/categories', (c) => c.json({ categories: listCategories(c.get('db')) }))
  .get('/categories/:name', (c) => c.json(categoryPages(c.get('db'), c.req.param('name'))))
  // Public like the recent changes (as MediaWiki's logs are): deletions show who and why, not the text.
  .get('/log', queryParams(LogQuery), (c) => {
    const { action, slug, limit, before } = c.req.valid('query');
    return c.json(listLog(c.get('db'), { actions: action, slug, limit, before }));
  })
  .get('/deleted', roleAtLeast('facilitator'), queryParams(DeletedQuery), (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json(listDeletedPages(c.get('db'), limit, offset));
  })
  // The edit form's preview: contributors only, as rendering costs the server more than reading.
  .post('/preview', roleAtLeast('contributor'), jsonBody(PreviewBody), (c) =>
    c.json({ html: c.get('services').wiki.preview(c.req.valid('json').markdown) }),
  );

/** /api/recent-changes: the latest revisions, deletions and restorations of pages, newest first. */
export const recentChangesRoutes = new Hono<AppEnv>().get('/', readAccess, queryParams(RecentQuery), (c) => {
  const { limit, before } = c.req.valid('query');
  const changes = recentChanges(c.get('db'), limit, before);
  const next = changes.length === limit ? changes[changes.length - 1].cursor : null;
  return c.json({ changes, next });
});
