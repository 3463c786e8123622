import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, roleAtLeast } from '../auth/middleware.js';
import { categoryPages, listCategories, orphanPages, pagesToImprove, recentChanges, wantedPages } from '../wiki/lists.js';

const WantedQuery = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(500) });

/** Query of the recent changes: `before` is a revision id from a previous answer, or an ISO date. */
export const RecentQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z
    .string()
    .regex(/^(?:\d{1,15}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?)$/, 'a revision id or an ISO date')
    .optional(),
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

/** /api/recent-changes: the latest revisions of every page, newest first. */
export const recentChangesRoutes = new Hono<AppEnv>().get('/', readAccess, queryParams(RecentQuery), (c) => {
  const { limit, before } = c.req.valid('query');
  const changes = recentChanges(c.get('db'), limit, before);
  const next = changes.length === limit ? String(changes[changes.length - 1].id) : null;
  return c.json({ changes, next });
});
