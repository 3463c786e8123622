import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, badRequest } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { searchPlaces } from '../../registry/directory.js';
import { findPlace, getPlace, upsertPlace } from '../../registry/places.js';
import { PlaceSchema, SLUG_RE } from '../../registry/schema.js';
import { placeDetail } from '../../registry/views.js';
import { bboxParam, csvList, paging } from './registry-params.js';
import { EventFilters, eventQuery } from './events.js';
import { mapPoints } from '../../registry/events/map.js';

const ListQuery = z.object({ q: z.string().max(500).optional(), region: csvList, family: csvList, bbox: bboxParam, ...paging });
// Event filters (dates, type, campaign, now) keep the places with matching events (server/routes/events.ts).
const GeoQuery = z.object({ ...EventFilters, region: csvList, family: csvList });
const PutBody = PlaceSchema.extend({ slug: PlaceSchema.shape.slug.optional() });

const slugParam = (slug: string) => {
  if (!SLUG_RE.test(slug)) throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/**
 * /api/map/places: the points of the places map. Not under /api/places: a fixed path next to
 * `/api/places/:slug` is an ambiguous route, which the app's RegExpRouter refuses.
 */
export const placesMap = new Hono<AppEnv>().get('/', readAccess, queryParams(GeoQuery), (c) => {
  const q = c.req.valid('query');
  return c.json({ points: mapPoints(c.get('db'), { ...eventQuery(q), family: q.family }) });
});

/** /api/places: the directory of tiers-lieux. */
export const places = new Hono<AppEnv>()
  .get('/', readAccess, queryParams(ListQuery), (c) => c.json(searchPlaces(c.get('db'), c.req.valid('query'))))
  .post('/', jsonBody(PlaceSchema), (c) => {
    requireRole(c, 'contributor');
    const body = c.req.valid('json');
    if (findPlace(c.get('db'), body.slug)) throw new AppError(409, 'conflict', `slug: a place "${body.slug}" already exists`, { field: 'slug' });
    upsertPlace(c.get('db'), body, { mode: 'replace' });
    return c.json(placeDetail(c.get('db'), body.slug), 201);
  })
  .get('/:slug', readAccess, (c) => c.json(placeDetail(c.get('db'), slugParam(c.req.param('slug')))))
  .put('/:slug', jsonBody(PutBody), (c) => {
    requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    const body = c.req.valid('json');
    if (body.slug !== undefined && body.slug !== slug) throw badRequest('slug', 'does not match the URL (slugs cannot be changed)');
    getPlace(c.get('db'), slug);
    upsertPlace(c.get('db'), { ...body, slug }, { mode: 'merge' });
    return c.json(placeDetail(c.get('db'), slug));
  });
