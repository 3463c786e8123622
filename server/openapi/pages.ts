import type { OpenApiFragment } from './index.js';

// Minimal description of the page routes present in the foundation, so that the OpenAPI
// coverage test passes; the wiki-core branch owns these routes and their full description.
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$' } };

/** Wiki pages. */
export const pages: OpenApiFragment = {
  tags: [{ name: 'wiki', description: 'Wiki pages, revisions and links' }],
  paths: {
    '/api/pages/{slug}': {
      get: {
        tags: ['wiki'],
        summary: 'A page with its rendered HTML',
        parameters: [slugParam],
        responses: {
          200: { description: 'The page', ...json({ $ref: '#/components/schemas/Page' }) },
          400: error('Invalid slug'),
          401: error('Private wiki and not logged in'),
          404: error('No such page'),
        },
      },
      put: {
        tags: ['wiki'],
        summary: 'Create or update a page (contributor); a stale baseRevision is refused',
        parameters: [slugParam],
        requestBody: json({
          type: 'object',
          required: ['title', 'markdown'],
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 200 },
            markdown: { type: 'string' },
            summary: { type: 'string', maxLength: 500 },
            baseRevision: { type: 'integer', minimum: 0 },
            kind: { type: 'string' },
            categories: { type: 'array', items: { type: 'string' } },
          },
        }),
        responses: {
          200: { description: 'Updated', ...json({ $ref: '#/components/schemas/Page' }) },
          201: { description: 'Created', ...json({ $ref: '#/components/schemas/Page' }) },
          400: error('Invalid field'),
          401: error('Not logged in'),
          403: error('Role below contributor'),
          409: error('Stale baseRevision'),
        },
      },
    },
  },
  schemas: {
    Page: {
      type: 'object',
      required: ['slug', 'title', 'kind', 'markdown', 'html', 'revision', 'categories'],
      properties: {
        slug: { type: 'string' },
        title: { type: 'string' },
        kind: { type: 'string' },
        markdown: { type: 'string' },
        html: { type: 'string' },
        revision: { type: 'integer' },
        categories: { type: 'array', items: { type: 'string' } },
        needsWork: { type: ['string', 'null'] },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
};
