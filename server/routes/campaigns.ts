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
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import {
  Campaign,
  CampaignList,
  CampaignPlaces,
  CampaignView,
} from '../../registry/events/contracts.js';

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
  .get(
    '/',
    describeRoute({
      tags: ['campaigns'],
      summary: 'Every campaign, latest first',
      responses: { 200: { description: 'Campaigns', schema: CampaignList } },
    }),
    readAccess,
    (c) => c.json({ items: listCampaigns(c.get('db')) } satisfies CampaignList),
  )
  .post(
    '/',
    describeRoute({
      tags: ['campaigns'],
      summary: 'Create a campaign (facilitators)',
      responses: {
        201: { description: 'The campaign', schema: Campaign },
        400: errorAnswer('Bad field'),
        403: errorAnswer('Facilitators only'),
        409: errorAnswer('Slug taken'),
      },
    }),
    jsonBody(CampaignSchema),
    (c) => {
      const user = requireRole(c, 'facilitator');
      const created = createCampaign(c.get('db'), c.req.valid('json'), user.id);
      return c.json(created satisfies Campaign, 201);
    },
  )
  .get(
    '/:slug',
    describeRoute({
      tags: ['campaigns'],
      summary:
        'A campaign with its places counted by region, its events counted by type, and its programme',
      responses: {
        200: { description: 'The campaign', schema: CampaignView },
        404: errorAnswer('No such campaign'),
      },
    }),
    readAccess,
    (c) => {
      const view = getCampaign(c.get('db'), slugParam(c.req.param('slug')));
      return c.json({
        ...view,
        events: { ...view.events, items: view.events.items.map((e) => withHtml(c, e)) },
      } satisfies CampaignView);
    },
  )
  .get(
    '/:slug/programme.csv',
    describeRoute({
      tags: ['campaigns'],
      summary:
        'The programme as CSV for the press kit (one line per slot, French dates, UTF-8 with BOM; French spreadsheet dialect with `;` by default, `dialect=en` for `,` and English headers)',
      responses: {
        200: { description: 'CSV', contentType: 'text/csv', schema: z.string() },
        404: errorAnswer('No such campaign'),
      },
    }),
    readAccess,
    queryParams(CsvQuery),
    (c) => {
      const slug = slugParam(c.req.param('slug'));
      return c.body(
        campaignCsv(getCampaign(c.get('db'), slug), c.req.valid('query').dialect ?? 'fr'),
        200,
        {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="programme-${slug}.csv"`,
        },
      );
    },
  )
  .post(
    '/:slug/places',
    describeRoute({
      tags: ['campaigns'],
      summary: 'A place joins the campaign (contributors)',
      responses: {
        201: { description: 'The campaign’s places', schema: CampaignPlaces },
        400: errorAnswer('Unknown place'),
        401: errorAnswer('Not logged in'),
        404: errorAnswer('No such campaign'),
      },
    }),
    jsonBody(JoinBody),
    (c) => {
      const user = requireRole(c, 'contributor');
      const slug = slugParam(c.req.param('slug'));
      joinCampaign(c.get('db'), slug, c.req.valid('json').place, user.id);
      return c.json(getCampaign(c.get('db'), slug).places satisfies CampaignPlaces, 201);
    },
  );
