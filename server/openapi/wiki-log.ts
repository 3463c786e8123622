import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const userRef = { oneOf: [ref('UserRef'), { type: 'null' }] };
const intQuery = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', ...extra },
});

/** The wiki's log (MediaWiki's Special:Log) and the deleted pages (facilitators). */
export const wikiLogApi: OpenApiFragment = {
  schemas: {
    LogEntry: {
      type: 'object',
      required: ['id', 'action', 'slug', 'title', 'revision', 'user', 'reason', 'createdAt', 'details'],
      properties: {
        id: { type: 'integer', description: 'Entries are numbered in the order they happened' },
        action: { type: 'string', examples: ['delete', 'restore'], description: 'What happened; new kinds of entry may appear' },
        slug: { type: 'string' },
        title: { type: 'string', description: 'The page title at the time' },
        revision: { type: 'integer', description: 'The page revision at the time' },
        user: userRef,
        reason: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        details: {
          type: 'object',
          additionalProperties: { type: ['string', 'integer'] },
          description: 'What an action records beyond the common fields (e.g. the new slug of a move); empty for delete and restore',
        },
      },
    },
    DeletedPage: {
      type: 'object',
      required: ['slug', 'title', 'revision', 'revisionCount', 'deletedAt', 'deletedBy', 'reason'],
      properties: {
        slug: { type: 'string' },
        title: { type: 'string' },
        revision: { type: 'integer', description: 'The revision the page is at (a restoration brings it back as it was)' },
        revisionCount: { type: 'integer', description: 'Revisions kept with the page' },
        deletedAt: { type: 'string', format: 'date-time' },
        deletedBy: userRef,
        reason: { type: 'string' },
      },
    },
  },
  paths: {
    '/api/wiki/log': {
      get: {
        tags: ['wiki'],
        summary: "The wiki's log: deletions and restorations of pages (and any action logged later), newest first",
        description: 'Public like the recent changes (private wikis: logged-in users). Paged by entry id: pass `next` as `before`.',
        parameters: [
          {
            name: 'action',
            in: 'query',
            required: false,
            description: 'Only these actions, comma-separated (e.g. `delete,restore`); an action never logged gives an empty list',
            schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,39}(,[a-z][a-z0-9_-]{0,39}){0,19}$' },
          },
          {
            name: 'slug',
            in: 'query',
            required: false,
            description: 'Only the entries of this page',
            schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$' },
          },
          intQuery('limit', 'At most this many (default 50)', { minimum: 1, maximum: 500 }),
          intQuery('before', 'Only entries with a smaller id (`next` of the previous answer)', { minimum: 1 }),
        ],
        responses: {
          200: {
            description: 'Entries',
            ...json({
              type: 'object',
              required: ['entries', 'next'],
              properties: {
                entries: { type: 'array', items: ref('LogEntry') },
                next: { type: ['integer', 'null'], description: '`before` of the older entries; null at the end' },
              },
            }),
          },
          400: error('Invalid action, slug, limit or before (named in error.field)'),
          401: error('Private wiki: log in to read'),
        },
      },
    },
    '/api/wiki/deleted': {
      get: {
        tags: ['wiki'],
        summary: 'The pages deleted now, most recently deleted first (facilitator+)',
        parameters: [intQuery('limit', 'Page size (default 100)', { minimum: 1, maximum: 500 }), intQuery('offset', 'Skip this many', { minimum: 0 })],
        responses: {
          200: {
            description: 'Deleted pages',
            ...json({
              type: 'object',
              required: ['total', 'pages'],
              properties: { total: { type: 'integer' }, pages: { type: 'array', items: ref('DeletedPage') } },
            }),
          },
          400: error('Invalid limit or offset (named in error.field)'),
          401: error('Not logged in'),
          403: error('Role below facilitator'),
        },
      },
    },
  },
};
