import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { queryParams } from '../validate.js';
import { readAccess } from '../auth/middleware.js';
import { describeRoute } from '../openapi/describe.js';
import { SearchEverything } from '../contracts/search.js';
import { SearchQuery } from './search.js';
import { searchResources } from '../../registry/query.js';
import { searchPeople, searchPlaces } from '../../registry/directory.js';
import { searchEvents } from '../../registry/events/search.js';

const describeSearchAll = describeRoute({
  tags: ['search'],
  summary:
    'Search everything at once, grouped by kind: wiki pages, communs, places, people, events',
  description:
    'The header search. `limit` applies to each kind; each group gives its total. Pages are matched like ' +
    '`/api/search`; communs, places and people like their directories (only the people public reads may show, ' +
    'never an address); events by title, type, place, city, campaign and description, upcoming first (by their next ' +
    'slot) then past ones (most recent first). Anonymous callers get 401 when the wiki is private.',
  responses: {
    200: { description: 'Groups by kind', schema: SearchEverything },
    400: { description: 'Invalid limit', schema: 'error' },
    401: { description: 'Private wiki and not logged in', schema: 'error' },
  },
});

/**
 * /api/search/all: the header's search, over everything at once, grouped by kind: wiki pages,
 * communs (resources), places, people (only those public reads may show; never an address) and
 * events (title, place, date; upcoming first, then past ones). `limit` is per kind; each group
 * says its total.
 */
export const searchAll = new Hono<AppEnv>().get(
  '/',
  describeSearchAll,
  readAccess,
  queryParams(SearchQuery),
  (c) => {
    const { q, limit } = c.req.valid('query');
    const db = c.get('db');
    const text = q.trim();
    if (!text) {
      const none = { total: 0, items: [] };
      return c.json({ q, pages: none, communs: none, places: none, people: none, events: none });
    }
    const pages = c.get('services').search.search(text, limit);
    const communs = searchResources(db, { q: text, limit, sort: 'relevance' });
    const places = searchPlaces(db, { q: text, limit });
    const people = searchPeople(db, { q: text, limit });
    const events = searchEvents(db, text, { limit });
    const answer: SearchEverything = {
      q,
      pages: { total: pages.total, items: pages.results },
      communs: {
        total: communs.total,
        items: communs.items.map((r) => ({
          slug: r.slug,
          name: r.name,
          kind: r.kind,
          summary: r.summary,
        })),
      },
      places: {
        total: places.total,
        items: places.items.map((p) => ({
          slug: p.slug,
          name: p.name,
          city: p.city,
          region: p.region,
        })),
      },
      people: {
        total: people.total,
        items: people.items.map((p) => ({
          slug: p.slug,
          name: p.name,
          place: p.place,
          region: p.region,
        })),
      },
      events,
    };
    return c.json(answer);
  },
);
