import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { queryParams } from '../validate.js';
import { readAccess } from '../auth/middleware.js';

/** Most results one search may ask for. */
export const MAX_SEARCH_LIMIT = 100;

// `q` is free text: any string is accepted (a repeated `q` counts by its first value).
export const SearchQuery = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
});

/** /api/search: full-text search over wiki page titles and bodies. */
export const search = new Hono<AppEnv>().get('/', readAccess, queryParams(SearchQuery), (c) => {
  const { q, limit } = c.req.valid('query');
  return c.json(c.get('services').search.search(q, limit));
});
