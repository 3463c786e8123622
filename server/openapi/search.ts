import type { OpenApiFragment } from './index.js';
import { MAX_SEARCH_LIMIT } from '../routes/search.js';

/** Wiki full-text search. */
export const search: OpenApiFragment = {
  tags: [{ name: 'search', description: 'Full-text search over wiki pages (French analysis)' }],
  paths: {
    '/api/search': {
      get: {
        tags: ['search'],
        summary: 'Search page titles and bodies',
        description:
          'Free text, never parsed as a query language: any input is accepted. French stemming (plurals, ' +
          'verb forms), accents optional, elisions split (l’association → association), the last word ' +
          'matched as a prefix while typing, one typo tolerated in words that match nothing. Title matches ' +
          'rank above body matches. Pages matching every word come first; when none does, pages matching ' +
          'some words. Anonymous callers get 401 when the wiki is private.',
        parameters: [
          { name: 'q', in: 'query', required: false, schema: { type: 'string' }, description: 'Free text (empty → no results)' },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT, default: 20 },
          },
        ],
        responses: {
          200: {
            description: 'Ranked results',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResults' } } },
          },
          400: { description: 'Invalid limit', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          401: {
            description: 'Private wiki and not logged in',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
  },
  schemas: {
    TextRanges: {
      type: 'array',
      items: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 },
    },
    SearchResults: {
      type: 'object',
      required: ['query', 'total', 'results'],
      properties: {
        query: { type: 'string', description: 'The query as received' },
        total: { type: 'integer', description: 'Number of matching pages (results holds at most limit of them)' },
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: ['slug', 'title', 'snippet', 'score', 'highlights'],
            properties: {
              slug: { type: 'string' },
              title: { type: 'string' },
              snippet: { type: 'string', description: 'Plain text around the first matched word' },
              score: { type: 'number', description: 'Relevance (BM25, higher is better)' },
              highlights: {
                type: 'object',
                description:
                  'Matched words as [start, end) offsets (JavaScript string indices, UTF-16) in the title and the snippet, ' +
                  'following the real analysis: stems, accents, elisions, prefixes, typos',
                required: ['title', 'snippet'],
                properties: {
                  title: { $ref: '#/components/schemas/TextRanges' },
                  snippet: { $ref: '#/components/schemas/TextRanges' },
                },
              },
            },
          },
        },
      },
    },
  },
};
