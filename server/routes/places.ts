import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { searchPlaces } from '../../registry/directory.js';
import { findPlace, getPlace, upsertPlace } from '../../registry/places.js';
import { PlaceSchema, SLUG_RE } from '../../registry/schema.js';
import { placeDetail } from '../../registry/views.js';
import { bboxParam, csvList, paging, slugParam } from './registry-params.js';
import { mergeUpdate } from './registry-write.js';
import { EventFilters, eventQuery } from './events.js';
import { mapPoints } from '../../registry/events/map.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { PlaceDetail, PlaceList } from '../../registry/contracts.js';

const ListQuery = z.object({
  q: z.string().max(500).optional(),
  region: csvList,
  family: csvList,
  bbox: bboxParam,
  ...paging,
});
// Event filters (dates, type, campaign, now) keep the places with matching events (server/routes/events.ts).
const GeoQuery = z.object({ ...EventFilters, region: csvList, family: csvList });
const PutBody = PlaceSchema.extend({ slug: PlaceSchema.shape.slug.optional() });

const SLUG_DOC = { slug: { description: 'Slug of the place', schema: z.string().regex(SLUG_RE) } };
const denied = { 401: errorAnswer('Not logged in'), 403: errorAnswer('Role too low') };
const DOC = {
  map: describeRoute({
    tags: ['places'],
    summary:
      'Every matching place with coordinates, compact, for the map; with event filters, the places with matching events',
    responses: {
      200: {
        description:
          '[[lat, lon, slug, name], …], plus the count of matching events as a 5th item when events are filtered',
        schema: z.object({ points: z.array(z.array(z.union([z.number(), z.string()]))) }),
      },
      400: errorAnswer('Bad filter'),
    },
  }),
  list: describeRoute({
    tags: ['places'],
    summary: 'Search places with facets',
    responses: {
      200: { description: 'A page', schema: PlaceList },
      400: errorAnswer('Bad filter'),
    },
  }),
  add: describeRoute({
    tags: ['places'],
    summary: 'Add a place',
    description: 'Needs: contributor.',
    loggedIn: true,
    responses: {
      201: { description: 'The place page', schema: PlaceDetail },
      400: errorAnswer('Invalid field'),
      409: errorAnswer('Slug taken'),
      ...denied,
    },
  }),
  get: describeRoute({
    tags: ['places'],
    summary: 'Place page with the resources it uses and its visible people',
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: PlaceDetail },
      404: errorAnswer('Unknown place'),
    },
  }),
  put: describeRoute({
    tags: ['places'],
    summary: 'Update (fields left out are kept, null clears a field)',
    description: 'Needs: contributor.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: PlaceDetail },
      400: errorAnswer('Invalid field'),
      404: errorAnswer('Unknown place'),
      ...denied,
    },
  }),
};

/** How PUT reads, merges and shows a place. */
const PLACE = { get: getPlace, upsert: upsertPlace, detail: placeDetail };

/**
 * /api/map/places: the points of the places map. Not under /api/places: a fixed path next to
 * `/api/places/:slug` is an ambiguous route, which the app's RegExpRouter refuses.
 */
export const placesMap = new Hono<AppEnv>().get(
  '/',
  DOC.map,
  readAccess,
  queryParams(GeoQuery),
  (c) => {
    const q = c.req.valid('query');
    return c.json({ points: mapPoints(c.get('db'), { ...eventQuery(q), family: q.family }) });
  },
);

/** /api/places: the directory of tiers-lieux. */
export const places = new Hono<AppEnv>()
  .get('/', DOC.list, readAccess, queryParams(ListQuery), (c) =>
    c.json(searchPlaces(c.get('db'), c.req.valid('query')) satisfies PlaceList),
  )
  .post('/', DOC.add, jsonBody(PlaceSchema), (c) => {
    requireRole(c, 'contributor');
    const body = c.req.valid('json');
    if (findPlace(c.get('db'), body.slug))
      throw new AppError(409, 'conflict', `slug: a place "${body.slug}" already exists`, {
        field: 'slug',
      });
    upsertPlace(c.get('db'), body, { mode: 'replace' });
    return c.json(placeDetail(c.get('db'), body.slug), 201);
  })
  .get('/:slug', DOC.get, readAccess, (c) =>
    c.json(placeDetail(c.get('db'), slugParam(c.req.param('slug'))) satisfies PlaceDetail),
  )
  .put('/:slug', DOC.put, jsonBody(PutBody), (c) =>
    c.json(mergeUpdate(c, c.req.valid('json'), PLACE) satisfies PlaceDetail),
  );
