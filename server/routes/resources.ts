import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { registryHooks } from '../registry-wiki.js';
import { addAssessment, listAssessments } from '../../registry/qualification.js';
import { upsertReferent, upsertUsage } from '../../registry/relations.js';
import {
  archiveResource,
  findResource,
  getResource,
  upsertResource,
} from '../../registry/resources.js';
import { searchResources } from '../../registry/query.js';
import { looseDate, ResourceSchema, SLUG_RE } from '../../registry/schema.js';
import { USAGE_STATUSES } from '../../registry/types.js';
import { resourceDetail } from '../../registry/views.js';
import { csvList, latLon, paging, slugParam } from './registry-params.js';
import { mergeUpdate } from './registry-write.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import {
  Assessment,
  QualificationView,
  ResourceDetail,
  ResourceList,
} from '../../registry/contracts.js';

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

const SLUG_DOC = {
  slug: { description: 'Slug of the resource', schema: z.string().regex(SLUG_RE) },
};
const denied = { 401: errorAnswer('Not logged in'), 403: errorAnswer('Role too low') };
const unknown = errorAnswer('Unknown resource');
const change = (key: string) => ({
  201: {
    description: 'Created',
    schema: z.object({ change: z.literal('created'), [key]: z.array(z.unknown()) }),
  },
  200: {
    description: 'Updated',
    schema: z.object({ change: z.enum(['updated', 'unchanged']), [key]: z.array(z.unknown()) }),
  },
});
const DOC = {
  list: describeRoute({
    tags: ['registry'],
    summary: 'Search resources with facets',
    description:
      "Facets count each value with every filter applied except that facet's own. Archived resources are left out unless `status` asks for them. " +
      '`q` matches French stems of the name, summary, description, features and keywords. `near` orders by the nearest place that uses the resource.',
    responses: {
      200: { description: 'A page of results', schema: ResourceList },
      400: errorAnswer('Bad filter (field named)'),
    },
  }),
  propose: describeRoute({
    tags: ['registry'],
    summary: 'Propose a resource (starts as "proposed"; creates its wiki page of kind "commun")',
    description: 'Needs: any logged-in user.',
    loggedIn: true,
    responses: {
      201: { description: 'The resource page', schema: ResourceDetail },
      400: errorAnswer('Invalid field'),
      409: errorAnswer('Slug taken'),
      ...denied,
    },
  }),
  get: describeRoute({
    tags: ['registry'],
    summary: 'Resource page',
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: ResourceDetail },
      400: errorAnswer('Invalid slug'),
      404: unknown,
    },
  }),
  put: describeRoute({
    tags: ['registry'],
    summary:
      'Update: fields sent replace the stored ones, fields left out are kept, a field sent as null is cleared',
    description: 'Needs: contributor.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: ResourceDetail },
      400: errorAnswer('Invalid field'),
      404: unknown,
      ...denied,
    },
  }),
  archive: describeRoute({
    tags: ['registry'],
    summary: 'Archive (kept, status "archived")',
    description: 'Needs: facilitator.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: { 200: { description: 'OK', schema: ResourceDetail }, 404: unknown, ...denied },
  }),
  usage: describeRoute({
    tags: ['registry'],
    summary: 'A place uses / is interested in / stopped this resource ("we use it")',
    description: 'Needs: contributor.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      ...change('usages'),
      400: errorAnswer('Unknown place or invalid field'),
      404: unknown,
      ...denied,
    },
  }),
  referent: describeRoute({
    tags: ['registry'],
    summary: 'A person can help with this resource ("I can help")',
    description: 'Needs: contributor.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      ...change('referents'),
      400: errorAnswer('Unknown person or invalid field'),
      404: unknown,
      ...denied,
    },
  }),
  assessments: describeRoute({
    tags: ['registry'],
    summary: 'Full assessment history, newest first',
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: z.object({ assessments: z.array(Assessment) }) },
      404: unknown,
    },
  }),
  assess: describeRoute({
    tags: ['registry'],
    summary: 'Assess one criterion (level 0–3 with evidence); recomputes the qualification',
    description: 'Needs: facilitator.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      201: {
        description: 'The assessment and the new qualification',
        schema: z.object({ assessment: Assessment, qualification: QualificationView }),
      },
      400: errorAnswer('Unknown criterion or bad level'),
      404: unknown,
      ...denied,
    },
  }),
};

/** How PUT reads, merges and shows a resource. */
const RESOURCE = { get: getResource, upsert: upsertResource, detail: resourceDetail };

/** /api/resources: the commons registry (browse with facets, resource pages, proposals, qualification). */
export const resources = new Hono<AppEnv>()
  .get('/', DOC.list, readAccess, queryParams(ListQuery), (c) => {
    const q = c.req.valid('query');
    return c.json(searchResources(c.get('db'), q) satisfies ResourceList);
  })
  .post('/', DOC.propose, jsonBody(ResourceSchema), (c) => {
    // Anyone logged in may propose a resource; it starts as "proposed".
    const user = requireRole(c, 'reader');
    const body = c.req.valid('json');
    if (findResource(c.get('db'), body.slug)) {
      throw new AppError(409, 'conflict', `slug: a resource "${body.slug}" already exists`, {
        field: 'slug',
      });
    }
    const hooks = registryHooks(c.get('db'), c.get('services').wiki, 'rest', user.id);
    upsertResource(c.get('db'), body, { mode: 'replace', proposedBy: user.id, hooks });
    return c.json(resourceDetail(c.get('db'), body.slug), 201);
  })
  .get('/:slug', DOC.get, readAccess, (c) =>
    c.json(resourceDetail(c.get('db'), slugParam(c.req.param('slug'))) satisfies ResourceDetail),
  )
  .put('/:slug', DOC.put, jsonBody(PutBody), (c) =>
    c.json(mergeUpdate(c, c.req.valid('json'), RESOURCE) satisfies ResourceDetail),
  )
  .delete('/:slug', DOC.archive, (c) => {
    requireRole(c, 'facilitator');
    const slug = slugParam(c.req.param('slug'));
    archiveResource(c.get('db'), slug);
    return c.json(resourceDetail(c.get('db'), slug));
  })
  .post('/:slug/usages', DOC.usage, jsonBody(UsageBody), (c) => {
    requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    getResource(c.get('db'), slug);
    const body = c.req.valid('json');
    const change = upsertUsage(c.get('db'), { resource: slug, ...body });
    return c.json(
      { change, usages: resourceDetail(c.get('db'), slug).usages },
      change === 'created' ? 201 : 200,
    );
  })
  .post('/:slug/referents', DOC.referent, jsonBody(ReferentBody), (c) => {
    requireRole(c, 'contributor');
    const slug = slugParam(c.req.param('slug'));
    getResource(c.get('db'), slug);
    const body = c.req.valid('json');
    const change = upsertReferent(c.get('db'), { resource: slug, ...body });
    return c.json(
      { change, referents: resourceDetail(c.get('db'), slug).referents },
      change === 'created' ? 201 : 200,
    );
  })
  .get('/:slug/assessments', DOC.assessments, readAccess, (c) => {
    const r = getResource(c.get('db'), slugParam(c.req.param('slug')));
    return c.json({ assessments: listAssessments(c.get('db'), r.id) });
  })
  .post('/:slug/assessments', DOC.assess, jsonBody(AssessmentBody), (c) => {
    const user = requireRole(c, 'facilitator');
    const slug = slugParam(c.req.param('slug'));
    const assessment = addAssessment(c.get('db'), slug, {
      ...c.req.valid('json'),
      userId: user.id,
    });
    return c.json(
      { assessment, qualification: resourceDetail(c.get('db'), slug).qualification },
      201,
    );
  });
