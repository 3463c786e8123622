import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest, notFound, unauthenticated } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { hasRole, type User } from '../auth/users.js';
import { THEME_SLUGS } from '../../registry/themes.js';
import { computeDashboard } from '../../registry/switchyard/dashboard.js';
import { dashboardCsv } from '../../registry/switchyard/dashboard-csv.js';
import { knownNetworks } from '../../registry/places.js';
import {
  addRequestNote,
  createRequest,
  getRequest,
  listRequests,
  recordContact,
  recordOutcome,
  REQUEST_STATUSES,
  updateRequest,
  type SwitchyardRequest,
} from '../../registry/switchyard/requests.js';
import {
  effectiveThesaurus,
  removeThesaurusGroup,
  saveThesaurusGroup,
} from '../../registry/switchyard/thesaurus-store.js';
import { DEFAULT_SWITCHYARD_CONFIG } from '../../registry/switchyard/config.js';
import { personOfUser } from '../../registry/people.js';
import type { Database } from '../db/open.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import {
  Problem,
  SwitchyardAnswer,
  SwitchyardRequest as RequestContract,
  ThesaurusGroup,
  Dashboard,
} from '../../registry/switchyard/contracts.js';

const SLUG = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,120}$/, 'use lowercase letters, digits and dashes');

const ThesaurusBody = z.object({
  terms: z
    .array(z.string().trim().min(1).max(80))
    .min(2, 'a group needs at least two expressions')
    .max(50),
});

const ListQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  theme: z.enum(THEME_SLUGS).optional(),
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  missing: z
    .enum(['1', 'true', '0', 'false'])
    .optional()
    .describe('missing communs (no good answer)'),
  assigned: z.enum(['me']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const ChangeBody = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    facilitator: z.union([z.literal('me'), z.number().int().positive(), z.null()]).optional(),
    missing: z.boolean().optional(),
  })
  .refine((b) => b.status !== undefined || b.facilitator !== undefined || b.missing !== undefined, {
    message: 'nothing to change',
    path: ['status'],
  });

const NoteBody = z.object({ body: z.string().trim().min(1, 'write the note').max(5000) });
const ContactBody = z.object({ person: SLUG });
const OutcomeBody = z.object({
  helped: z.boolean(),
  resource: SLUG.nullable().optional(),
  person: SLUG.nullable().optional(),
  note: z.string().trim().max(5000).nullable().optional(),
});

const DashboardQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional().describe('exclusive'),
  network: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .describe('only requests from the places of this network'),
  region: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('only requests from the places of this region'),
  /** CSV only: `fr` (`;`, decimal comma, French words; default) or `en` (`,`, English words). */
  dialect: z
    .enum(['fr', 'en'])
    .optional()
    .describe(
      'CSV only. `fr` (default): UTF-8 BOM, `;`, decimal comma, French headers ("décembre 2026"), for a French Excel; `en`: BOM, `,`, English headers',
    ),
});

/**
 * Fills who is asking from the caller's linked registry profile, when the body does not say:
 * their person, place and region (so their own place's people are not proposed to them).
 */
function withAsker<T extends { place?: string; person?: string; region?: string }>(
  db: Database,
  user: User | null,
  body: T,
): T {
  if (!user || (body.place && body.person)) return body;
  const person = personOfUser(db, user.id);
  if (!person) return body;
  return {
    ...body,
    person: body.person ?? person.slug,
    place: body.place ?? person.place?.slug,
    region: body.region ?? person.region ?? undefined,
  };
}

const yes = (v: string | undefined) => v === '1' || v === 'true';

const parseId = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw badRequest('id', 'must be a positive integer');
  return id;
};

/** A request the caller may see: its asker, or a facilitator. Others get a 404 (no existence leak). */
function visibleRequest(
  c: Context<AppEnv>,
  id: number,
): { user: User; request: SwitchyardRequest } {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  const request = getRequest(c.get('db'), id);
  if (!request || (!hasRole(user.role, 'facilitator') && request.asker?.id !== user.id))
    throw notFound(`Request ${id}`);
  return { user, request };
}

function dashboardFilter(c: Context<AppEnv>, q: z.infer<typeof DashboardQuery>) {
  const places =
    q.network || q.region
      ? c.get('services').switchyard.placesOf({ network: q.network, region: q.region })
      : undefined;
  return { from: q.from, to: q.to, places };
}

const TAGS = ['switchyard'];
const ID = { id: { schema: z.number().int().min(1) } };
const notYours = errorAnswer('No such request, or not yours');
const updated = { description: 'Updated request', schema: RequestContract };
const DOC = {
  match: describeRoute({
    tags: TAGS,
    summary:
      'Match a problem written in free text (French or English) to themes, resources, people and wiki pages',
    responses: {
      200: { description: 'The answer', schema: SwitchyardAnswer },
      400: errorAnswer('Invalid field'),
      401: errorAnswer('Private instance'),
    },
  }),
  thesaurus: describeRoute({
    tags: TAGS,
    summary: 'The thesaurus (champ lexical): shipped groups with the facilitators’ edits',
    responses: {
      200: { description: 'Groups', schema: z.object({ groups: z.array(ThesaurusGroup) }) },
    },
  }),
  saveGroup: describeRoute({
    tags: TAGS,
    summary: 'Create or replace a thesaurus group (facilitator)',
    loggedIn: true,
    params: { id: { schema: SLUG } },
    responses: {
      200: { description: 'The group', schema: ThesaurusGroup },
      400: errorAnswer('Invalid field'),
      403: errorAnswer('Not a facilitator'),
    },
  }),
  removeGroup: describeRoute({
    tags: TAGS,
    summary: 'Remove a thesaurus group (a shipped group is hidden) (facilitator)',
    loggedIn: true,
    responses: {
      204: { description: 'Removed' },
      403: errorAnswer('Not a facilitator'),
      404: errorAnswer('No such group'),
    },
  }),
  track: describeRoute({
    tags: TAGS,
    summary:
      'Turn a problem into a tracked request (logged-in users); returns the request and the answer',
    loggedIn: true,
    responses: {
      201: {
        description: 'Created',
        schema: z.object({ request: RequestContract, answer: SwitchyardAnswer }),
      },
      400: errorAnswer('Invalid field'),
      401: errorAnswer('Not logged in'),
    },
  }),
  requests: describeRoute({
    tags: TAGS,
    summary: 'Requests, newest first: facilitators see the queue, everyone else only their own',
    loggedIn: true,
    responses: {
      200: {
        description: '{ total, items }',
        schema: z.object({ total: z.number().int(), items: z.array(RequestContract) }),
      },
      401: errorAnswer('Not logged in'),
    },
  }),
  request: describeRoute({
    tags: TAGS,
    summary: 'One request with its dated history (its asker or a facilitator)',
    loggedIn: true,
    params: ID,
    responses: { 200: { description: 'The request', schema: RequestContract }, 404: notYours },
  }),
  change: describeRoute({
    tags: TAGS,
    summary: 'Change status, follower or missing flag (facilitator)',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'Updated', schema: RequestContract },
      400: errorAnswer('Invalid field'),
      403: errorAnswer('Not a facilitator'),
      404: errorAnswer('No such request'),
    },
  }),
  note: describeRoute({
    tags: TAGS,
    summary: 'Add a dated note (its asker or a facilitator)',
    loggedIn: true,
    params: ID,
    responses: { 201: updated, 404: notYours },
  }),
  contact: describeRoute({
    tags: TAGS,
    summary:
      'Record that a proposed person was contacted (moves a new or oriented request to in-contact)',
    loggedIn: true,
    params: ID,
    responses: { 200: updated, 404: notYours },
  }),
  outcome: describeRoute({
    tags: TAGS,
    summary:
      'Did it help? Which resource, which person (feeds back into ranking; a failure lists a missing commun)',
    loggedIn: true,
    params: ID,
    responses: { 200: updated, 404: notYours },
  }),
  dashboard: describeRoute({
    tags: TAGS,
    summary:
      'Requests per theme and month, time to first contact, share resolved, top missing needs (facilitator)',
    loggedIn: true,
    responses: {
      200: {
        description:
          'Dashboard, with `networks`: every network some place belongs to (the filter offers them)',
        schema: Dashboard.extend({ networks: z.array(z.string()) }),
      },
      403: errorAnswer('Not a facilitator'),
    },
  }),
  dashboardCsv: describeRoute({
    tags: TAGS,
    summary:
      'The dashboard as CSV, one line per month and theme, months and themes in words (facilitator)',
    loggedIn: true,
    responses: {
      200: { description: 'CSV', contentType: 'text/csv' },
      403: errorAnswer('Not a facilitator'),
    },
  }),
};

/** /api/switchyard: from a problem to resources and people; tracked requests; dashboard; thesaurus. */
export const switchyard = new Hono<AppEnv>()
  .post('/', DOC.match, readAccess, jsonBody(Problem), (c) => {
    const body = withAsker(c.get('db'), c.get('user'), c.req.valid('json'));
    return c.json(c.get('services').switchyard.match(body) satisfies SwitchyardAnswer);
  })
  .get('/thesaurus', DOC.thesaurus, readAccess, (c) =>
    c.json({
      groups: effectiveThesaurus(c.get('db'), DEFAULT_SWITCHYARD_CONFIG.thesaurus),
    } satisfies { groups: ThesaurusGroup[] }),
  )
  .put('/thesaurus/:id', DOC.saveGroup, jsonBody(ThesaurusBody), (c) => {
    const user = requireRole(c, 'facilitator');
    const id = SLUG.safeParse(c.req.param('id'));
    if (!id.success) throw badRequest('id', 'use lowercase letters, digits and dashes');
    saveThesaurusGroup(c.get('db'), { id: id.data, terms: c.req.valid('json').terms }, user.id);
    c.get('services').switchyard.invalidate();
    const group = effectiveThesaurus(c.get('db'), DEFAULT_SWITCHYARD_CONFIG.thesaurus).find(
      (g) => g.id === id.data,
    );
    return c.json(group satisfies ThesaurusGroup | undefined);
  })
  .delete('/thesaurus/:id', DOC.removeGroup, (c) => {
    const user = requireRole(c, 'facilitator');
    const id = c.req.param('id');
    if (!removeThesaurusGroup(c.get('db'), id, DEFAULT_SWITCHYARD_CONFIG.thesaurus, user.id))
      throw notFound(`Thesaurus group ${id}`);
    c.get('services').switchyard.invalidate();
    return c.body(null, 204);
  })
  .post('/requests', DOC.track, jsonBody(Problem), (c) => {
    const user = requireRole(c, 'reader');
    const body = withAsker(c.get('db'), user, c.req.valid('json'));
    const answer = c.get('services').switchyard.match(body);
    const request = createRequest(c.get('db'), {
      problem: body.problem,
      place: body.place,
      person: body.person,
      region: body.region,
      lang: body.lang ?? 'fr',
      askerId: user.id,
      answer,
    });
    return c.json(
      { request, answer } satisfies { request: RequestContract; answer: SwitchyardAnswer },
      201,
    );
  })
  .get('/requests', DOC.requests, queryParams(ListQuery), (c) => {
    const user = requireRole(c, 'reader');
    const q = c.req.valid('query');
    // An asker sees only their own requests; facilitators see the whole queue.
    const all = hasRole(user.role, 'facilitator') && !yes(q.mine);
    const result = listRequests(c.get('db'), {
      askerId: all ? undefined : user.id,
      status: q.status,
      theme: q.theme,
      facilitatorId: q.assigned === 'me' ? user.id : undefined,
      missing: q.missing === undefined ? undefined : yes(q.missing),
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result);
  })
  .get('/requests/:id', DOC.request, (c) =>
    c.json(visibleRequest(c, parseId(c.req.param('id'))).request satisfies RequestContract),
  )
  .patch('/requests/:id', DOC.change, jsonBody(ChangeBody), (c) => {
    const user = requireRole(c, 'facilitator');
    const id = parseId(c.req.param('id'));
    const body = c.req.valid('json');
    const facilitatorId = body.facilitator === 'me' ? user.id : body.facilitator;
    if (typeof facilitatorId === 'number') {
      const row = c
        .get('db')
        .prepare(`SELECT role FROM users WHERE id = @id`)
        .get({ id: facilitatorId }) as { role: User['role'] } | undefined;
      if (!row || !hasRole(row.role, 'facilitator'))
        throw badRequest('facilitator', 'must be the id of a facilitator');
    }
    const updated = updateRequest(
      c.get('db'),
      id,
      { status: body.status, facilitatorId, missing: body.missing },
      user.id,
    );
    if (!updated) throw notFound(`Request ${id}`);
    return c.json(updated);
  })
  .post('/requests/:id/notes', DOC.note, jsonBody(NoteBody), (c) => {
    const { user, request } = visibleRequest(c, parseId(c.req.param('id')));
    return c.json(addRequestNote(c.get('db'), request.id, c.req.valid('json').body, user.id), 201);
  })
  .post('/requests/:id/contact', DOC.contact, jsonBody(ContactBody), (c) => {
    const { user, request } = visibleRequest(c, parseId(c.req.param('id')));
    return c.json(recordContact(c.get('db'), request.id, c.req.valid('json').person, user.id));
  })
  .post('/requests/:id/outcome', DOC.outcome, jsonBody(OutcomeBody), (c) => {
    const { user, request } = visibleRequest(c, parseId(c.req.param('id')));
    const updated = recordOutcome(c.get('db'), request.id, c.req.valid('json'), user.id);
    return c.json(updated);
  })
  .get('/dashboard', DOC.dashboard, queryParams(DashboardQuery), (c) => {
    requireRole(c, 'facilitator');
    // The known networks come along: the filter offers them.
    return c.json({
      ...computeDashboard(c.get('db'), dashboardFilter(c, c.req.valid('query'))),
      networks: knownNetworks(c.get('db')),
    } satisfies Dashboard & { networks: string[] });
  })
  .get('/dashboard.csv', DOC.dashboardCsv, queryParams(DashboardQuery), (c) => {
    requireRole(c, 'facilitator');
    const query = c.req.valid('query');
    const csv = dashboardCsv(
      computeDashboard(c.get('db'), dashboardFilter(c, query)),
      query.dialect ?? 'fr',
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="aiguillage.csv"',
    });
  });
