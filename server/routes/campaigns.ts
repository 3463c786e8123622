import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { CampaignSchema } from '../../registry/events/schema.js';
import {
  campaignCsv,
  createCampaign,
  getCampaign,
  joinCampaign,
  listCampaigns,
} from '../../registry/events/campaigns.js';
import { SLUG_RE } from '../../registry/schema.js';
import { withHtml } from './events.js';

// French spreadsheets by default (`;`, BOM, French headers); `?dialect=en` for English ones.
const CsvQuery = z.object({ dialect: z.enum(['fr', 'en']).optional() });

const JoinBody = z.object({
  place: z.string().regex(SLUG_RE, 'use lowercase letters, digits and dashes (1 to 120)'),
});

const slugParam = (slug: string) => {
  if (!SLUG_RE.test(slug))
    throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/** /api/campaigns: campaigns of a network (Journées Portes Ouvertes), their places and programme. */
export const campaigns = new Hono<AppEnv>()
  .get('/', readAccess, (c) => c.json({ items: listCampaigns(c.get('db')) }))
  .post('/', jsonBody(CampaignSchema), (c) => {
    const user = requireRole(c, 'facilitator');
    return c.json(createCampaign(c.get('db'), c.req.valid('json'), user.id), 201);
  })
  .get('/:slug', readAccess, (c) => {
    const view = getCampaign(c.get('db'), slugParam(c.req.param('slug')));
    return c.json({
      ...view,
      events: { ...view.events, items: view.events.items.map((e) => withHtml(c, e)) },
    });
  })
  .get('/:slug/programme.csv', readAccess, queryParams(CsvQuery), (c) => {
    const slug = slugParam(c.req.param('slug'));
    return c.body(
      campaignCsv(getCampaign(c.get('db'), slug), c.req.valid('query').dialect ?? 'fr'),
      200,
      {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="programme-${slug}.csv"`,
      },
    );
  })
  .post('/:slug/places', jsonBody(JoinBody), (c) => {
    const user = requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    joinCampaign(c.get('db'), slug, c.req.valid('json').place, user.id);
    return c.json(getCampaign(c.get('db'), slug).places, 201);
  });
