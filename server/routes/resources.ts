import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, badRequest } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { registryHooks } from '../registry-wiki.js';
import { addAssessment, listAssessments } from '../../registry/qualification.js';
import { upsertReferent, upsertUsage } from '../../registry/relations.js';
import { archiveResource, findResource, getResource, upsertResource } from '../../registry/resources.js';
import { searchResources } from '../../registry/query.js';
import { looseDate, ResourceSchema, SLUG_RE } from '../../registry/schema.js';
import { USAGE_STATUSES } from '../../registry/types.js';
import { resourceDetail } from '../../registry/views.js';
import { csvList, latLon, paging } from './registry-params.js';

const ListQuery = z.object({
  q: z.string().max(500).optional(),
  theme: csvList,
  kind: csvList,
  license: csvList,
  qualification: csvList,
  status: csvList,
  region: csvList,
  near: latLon,
  sort: z.enum(['relevance', 'name', 'recent', 'usage', 'distance']).optional(),
  ...paging,
});
const PutBody = ResourceSchema.extend({ slug: ResourceSchema.shape.slug.optional() });
const UsageBody = z.object({
  place: z.string().regex(SLUG_RE, 'a place slug'),
  status: z.enum(USAGE_STATUSES).default('uses'),
  note: z.string().trim().max(4000).optional(),
  since: looseDate.optional(),
});
const ReferentBody = z.object({
  person: z.string().regex(SLUG_RE, 'a person slug'),
  isExpert: z.boolean().default(false),
  note: z.string().trim().max(4000).optional(),
});
const AssessmentBody = z.object({
  criterion: z.string().trim().min(1).max(80),
  level: z.number().int().min(0).max(3),
  evidence: z.string().trim().max(4000).default(''),
});

const slugParam = (slug: string) => {
  if (!SLUG_RE.test(slug)) throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/** /api/resources: the commons registry (browse with facets, resource pages, proposals, qualification). */
export const resources = new Hono<AppEnv>()
  .get('/', readAccess, queryParams(ListQuery), (c) => {
    const q = c.req.valid('query');
    return c.json(searchResources(c.get('db'), q));
  })
  .post('/', jsonBody(ResourceSchema), (c) => {
    // Anyone logged in may propose a resource; it starts as "proposed".
    const user = requireRole(c, 'reader');
    const body = c.req.valid('json');
    if (findResource(c.get('db'), body.slug)) {
      throw new AppError(409, 'conflict', `slug: a resource "${body.slug}" already exists`, { field: 'slug' });
    }
    const hooks = registryHooks(c.get('db'), c.get('services').wiki, 'rest', user.id);
    upsertResource(c.get('db'), body, { mode: 'replace', proposedBy: user.id, hooks });
    return c.json(resourceDetail(c.get('db'), body.slug), 201);
  })
  .get('/:slug', readAccess, (c) => c.json(resourceDetail(c.get('db'), slugParam(c.req.param('slug')))))
  .put('/:slug', jsonBody(PutBody), (c) => {
    requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    const body = c.req.valid('json');
    if (body.slug !== undefined && body.slug !== slug) throw badRequest('slug', 'does not match the URL (slugs cannot be changed)');
    getResource(c.get('db'), slug);
    upsertResource(c.get('db'), { ...body, slug }, { mode: 'merge' });
    return c.json(resourceDetail(c.get('db'), slug));
  })
  .delete('/:slug', (c) => {
    requireRole(c, 'facilitator');
    const slug = slugParam(c.req.param('slug'));
    archiveResource(c.get('db'), slug);
    return c.json(resourceDetail(c.get('db'), slug));
  })
  .post('/:slug/usages', jsonBody(UsageBody), (c) => {
    requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    getResource(c.get('db'), slug);
    const body = c.req.valid('json');
    const change = upsertUsage(c.get('db'), { resource: slug, ...body });
    return c.json({ change, usages: resourceDetail(c.get('db'), slug).usages }, change === 'created' ? 201 : 200);
  })
  .post('/:slug/referents', jsonBody(ReferentBody), (c) => {
    requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    getResource(c.get('db'), slug);
    const body = c.req.valid('json');
    const change = upsertReferent(c.get('db'), { resource: slug, ...body });
    return c.json({ change, referents: resourceDetail(c.get('db'), slug).referents }, change === 'created' ? 201 : 200);
  })
  .get('/:slug/assessments', readAccess, (c) => {
    const r = getResource(c.get('db'), slugParam(c.req.param('slug')));
    return c.json({ assessments: listAssessments(c.get('db'), r.id) });
  })
  .post('/:slug/assessments', jsonBody(AssessmentBody), (c) => {
    const user = requireRole(c, 'facilitator');
    const slug = slugParam(c.req.param('slug'));
    const assessment = addAssessment(c.get('db'), slug, { ...c.req.valid('json'), userId: user.id });
    return c.json({ assessment, qualification: resourceDetail(c.get('db'), slug).qualification }, 201);
  });
