import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { jsonBody } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { getPage, savePage, SLUG_RE, type Page } from '../wiki/pages.js';
import type { WikiServices } from '../wiki/services.js';

const PutPageBody = z.object({
  title: z.string().trim().min(1).max(200),
  markdown: z.string(),
  summary: z.string().max(500).optional(),
  baseRevision: z.number().int().min(0).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  categories: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
});

/** A page as the API returns it. */
export const pageJson = (page: Page, wiki: WikiServices) => ({
  slug: page.slug,
  title: page.title,
  kind: page.kind,
  markdown: page.markdown,
  html: wiki.render(page),
  revision: page.revision,
  categories: page.categories,
  needsWork: page.needsWork,
  createdAt: page.createdAt,
  updatedAt: page.updatedAt,
});

const checkSlug = (slug: string) => {
  if (!SLUG_RE.test(slug)) throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/** /api/pages: read and write wiki pages. */
export const pages = new Hono<AppEnv>()
  .get('/:slug', readAccess, (c) => {
    const page = getPage(c.var.db, checkSlug(c.req.param('slug')));
    return c.json(pageJson(page, c.var.services.wiki));
  })
  .put('/:slug', jsonBody(PutPageBody), (c) => {
    const user = requireRole(c, 'contributor');
    const slug = checkSlug(c.req.param('slug'));
    const body = c.req.valid('json');
    const page = savePage(c.var.db, c.var.services.wiki, { ...body, slug, authorIds: [user.id] });
    return c.json(pageJson(page, c.var.services.wiki), page.revision === 1 ? 201 : 200);
  });
