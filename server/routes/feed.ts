import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { readAccess } from '../auth/middleware.js';
import { queryParams } from '../validate.js';
import { recentChanges } from '../../registry/wiki/lists.js';
import { recentChangesAtom } from '../../registry/wiki/atom.js';
import { RecentQuery } from './wiki.js';
import { z } from 'zod';
import { describeRoute, errorAnswer } from '../openapi/describe.js';

/** /feed: syndication feeds (outside /api, where feed readers look for them). */
export const feed = new Hono<AppEnv>().get(
  '/recent-changes.atom',
  describeRoute({
    tags: ['wiki'],
    summary: 'Recent changes as an Atom 1.0 feed',
    responses: {
      200: { description: 'The feed', contentType: 'application/atom+xml', schema: z.string() },
      401: errorAnswer('Private wiki'),
    },
  }),
  readAccess,
  queryParams(RecentQuery),
  (c) => {
    const { limit, before } = c.req.valid('query');
    const xml = recentChangesAtom(recentChanges(c.get('db'), limit, before), {
      origin: new URL(c.req.url).origin,
    });
    return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  },
);
