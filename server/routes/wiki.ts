import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, roleAtLeast } from '../auth/middleware.js';
import { categoryPages, listCategories, orphanPages, pagesToImprove, RECENT_CURSOR_RE, recentChanges, wantedPages } from '../wiki/lists.js';

const WantedQuery = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(500) });

/** Query of the recent changes: `before` is a cursor from a previous answer (`next`), or an ISO date. */
export const RecentQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(RECENT_CURSOR_RE, 'a cursor from a previous answer (next) or an ISO date').optional(),
});

const PreviewBody = z.object({ markdown: z.string() });

/** /api/wiki: the special lists (pages à créer, à améliorer, orphelines), categories, and the editor's preview. */
export const wiki = new Hono<AppEnv>()
  .use('*', readAccess)
  .get('/wanted', queryParams(WantedQuery), (c) => c.json({ pages: wantedPages(c.get('db'), c.req.valid('query').limit) }))
  .get('/to-improve', (c) => c.json({ pages: pagesToImprove(c.get('db'), c.get('services').wiki) }))
  .get('/orphans', (c) => c.json({ pages: orphanPages(c.get('db')) }))
  .get('/categories', (c) => c.json({ categories: listCategories(c.get('db')) }))
  .get('/categories/:name', (c) => c.json(categoryPages(c.get('db'), c.req.param('name'))))
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
