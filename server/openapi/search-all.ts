import type { OpenApiFragment } from './index.js';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const group = (item: Record<string, unknown>) => ({
  type: 'object',
  properties: { total: { type: 'integer' }, items: { type: 'array', items: { type: 'object', properties: item } } },
});

/** The header's search over every kind of record. */
export const searchAllApi: OpenApiFragment = {
  paths: {
    '/api/search/all': {
      get: {
        tags: ['search'],
        summary: 'Search everything at once, grouped by kind: wiki pages, communs, places, people, events',
        description:
          'The header search. `limit` applies to each kind; each group gives its total. Pages are matched like ' +
          '`/api/search`; communs, places and people like their directories (only the people public reads may show, ' +
          'never an address); events by title, type, place, city, campaign and description, upcoming first (by their next ' +
          'slot) then past ones (most recent first). Anonymous callers get 401 when the wiki is private.',
        parameters: [
          { name: 'q', in: 'query', required: false, schema: { type: 'string' }, description: 'Free text (empty → empty groups)' },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Per kind' },
        ],
        responses: {
          200: {
            description: 'Groups by kind',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    q: { type: 'string' },
                    pages: group({ slug: { type: 'string' }, title: { type: 'string' }, snippet: { type: 'string' } }),
                    communs: group({ slug: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, summary: { type: 'string' } }),
                    places: group({ slug: { type: 'string' }, name: { type: 'string' }, city: { type: ['string', 'null'] }, region: { type: ['string', 'null'] } }),
                    people: group({ slug: { type: 'string' }, name: { type: 'string' }, place: { type: ['object', 'null'] }, region: { type: ['string', 'null'] } }),
                    events: group({
                      id: { type: 'integer' },
                      title: { type: 'string' },
                      type: { type: 'string' },
                      place: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' }, city: { type: ['string', 'null'] } } },
                      campaign: { type: ['object', 'null'] },
                      startsAt: { type: 'string', format: 'date-time', description: 'Next slot not over yet (or the last one of a past event), UTC' },
                      endsAt: { type: 'string', format: 'date-time' },
                      upcoming: { type: 'boolean' },
                    }),
                  },
                },
              },
            },
          },
          400: error('Invalid limit'),
          401: error('Private wiki and not logged in'),
        },
      },
    },
  },
};
