import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { queryParams } from '../validate.js';
import { readAccess } from '../auth/middleware.js';
import { describeRoute } from '../openapi/describe.js';
import { SearchResults } from '../contracts/search.js';

/** Most results one search may ask for. */
export const MAX_SEARCH_LIMIT = 100;

// `q` is free text: any string is accepted (a repeated `q` counts by its first value).
export const SearchQuery = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('Free text (empty → no results)')
    .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
});

const describeSearch = describeRoute({
  tags: ['search'],
  summary: 'Search page titles and bodies',
  description:
    'Free text, never parsed as a query language: any input is accepted. French stemming (plurals, ' +
    'verb forms), accents optional, elisions split (l’association → association), the last word ' +
    'matched as a prefix while typing, one typo tolerated in words that match nothing. Title matches ' +
    'rank above body matches. Pages matching every word come first; when none does, pages matching ' +
    'some words. Anonymous callers get 401 when the wiki is private.',
  responses: {
    200: { description: 'Ranked results', schema: SearchResults },
    400: { description: 'Invalid limit', schema: 'error' },
    401: { description: 'Private wiki and not logged in', schema: 'error' },
  },
});

/** /api/search: full-text search over wiki page titles and bodies. */
export const search = new Hono<AppEnv>().get(
  '/',
  describeSearch,
  readAccess,
  queryParams(SearchQuery),
  (c) => {
    const { q, limit } = c.req.valid('query');
    const answer: SearchResults = c.get('services').search.search(q, limit);
    return c.json(answer);
  },
);
