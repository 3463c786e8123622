import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const ok = (description: string, schema?: unknown) => ({ description, ...(schema ? json(schema) : {}) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const tags = ['switchyard'];

const problemBody = json({ $ref: '#/components/schemas/SwitchyardProblem' });
const requestRef = { $ref: '#/components/schemas/SwitchyardRequest' };
const proposal = {
  type: 'object',
  properties: { slug: { type: 'string' }, name: { type: 'string' }, score: { type: 'number' }, reasons: { type: 'array', items: { type: 'string' } } },
};
const dashboardParams = [
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'exclusive' },
  { name: 'network', in: 'query', schema: { type: 'string' }, description: 'only requests from the places of this network' },
  { name: 'region', in: 'query', schema: { type: 'string' }, description: 'only requests from the places of this region' },
];

/** The switchyard (gare d'aiguillage): matching, requests, dashboard, thesaurus. */
export const switchyardApi: OpenApiFragment = {
  tags: [{ name: 'switchyard', description: "Gare d'aiguillage: from a problem to resources and people who can help" }],
  paths: {
    '/api/switchyard': {
      post: {
        tags,
        summary: 'Match a problem written in free text (French or English) to themes, resources, people and wiki pages',
        requestBody: problemBody,
        responses: { 200: ok('The answer', { $ref: '#/components/schemas/SwitchyardAnswer' }), 400: error('Invalid field'), 401: error('Private instance') },
      },
    },
    '/api/switchyard/thesaurus': {
      get: { tags, summary: 'The thesaurus (champ lexical): shipped groups with the facilitators’ edits', responses: { 200: ok('Groups') } },
    },
    '/api/switchyard/thesaurus/{id}': {
      put: {
        tags,
        summary: 'Create or replace a thesaurus group (facilitator)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]+$' } }],
        requestBody: json({ type: 'object', required: ['terms'], properties: { terms: { type: 'array', minItems: 2, items: { type: 'string' } } } }),
        responses: { 200: ok('The group'), 400: error('Invalid field'), 403: error('Not a facilitator') },
      },
      delete: {
        tags,
        summary: 'Remove a thesaurus group (a shipped group is hidden) (facilitator)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 204: ok('Removed'), 403: error('Not a facilitator'), 404: error('No such group') },
      },
    },
    '/api/switchyard/requests': {
      post: {
        tags,
        summary: 'Turn a problem into a tracked request (logged-in users); returns the request and the answer',
        requestBody: problemBody,
        responses: { 201: ok('Created'), 400: error('Invalid field'), 401: error('Not logged in') },
      },
      get: {
        tags,
        summary: 'Requests, newest first: facilitators see the queue, everyone else only their own',
        parameters: [
          { name: 'status', in: 'query', schema: { enum: ['new', 'oriented', 'in-contact', 'resolved', 'closed'] } },
          { name: 'theme', in: 'query', schema: { type: 'string' } },
          { name: 'mine', in: 'query', schema: { enum: ['1', 'true', '0', 'false'] } },
          { name: 'missing', in: 'query', schema: { enum: ['1', 'true', '0', 'false'] }, description: 'missing communs (no good answer)' },
          { name: 'assigned', in: 'query', schema: { enum: ['me'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
          { name: 'offset', in: 'query', schema: { type: 'integer' } },
        ],
        responses: { 200: ok('{ total, items }'), 401: error('Not logged in') },
      },
    },
    '/api/switchyard/requests/{id}': {
      get: { tags, summary: 'One request with its dated history (its asker or a facilitator)', parameters: [idParam], responses: { 200: ok('The request', requestRef), 404: error('No such request, or not yours') } },
      patch: {
        tags,
        summary: 'Change status, follower or missing flag (facilitator)',
        parameters: [idParam],
        requestBody: json({
          type: 'object',
          properties: {
            status: { enum: ['new', 'oriented', 'in-contact', 'resolved', 'closed'] },
            facilitator: { oneOf: [{ const: 'me' }, { type: 'integer' }, { type: 'null' }] },
            missing: { type: 'boolean' },
          },
        }),
        responses: { 200: ok('Updated', requestRef), 400: error('Invalid field'), 403: error('Not a facilitator'), 404: error('No such request') },
      },
    },
    '/api/switchyard/requests/{id}/notes': {
      post: {
        tags,
        summary: 'Add a dated note (its asker or a facilitator)',
        parameters: [idParam],
        requestBody: json({ type: 'object', required: ['body'], properties: { body: { type: 'string' } } }),
        responses: { 201: ok('Updated request', requestRef), 404: error('No such request, or not yours') },
      },
    },
    '/api/switchyard/requests/{id}/contact': {
      post: {
        tags,
        summary: 'Record that a proposed person was contacted (moves a new or oriented request to in-contact)',
        parameters: [idParam],
        requestBody: json({ type: 'object', required: ['person'], properties: { person: { type: 'string' } } }),
        responses: { 200: ok('Updated request', requestRef), 404: error('No such request, or not yours') },
      },
    },
    '/api/switchyard/requests/{id}/outcome': {
      post: {
        tags,
        summary: 'Did it help? Which resource, which person (feeds back into ranking; a failure lists a missing commun)',
        parameters: [idParam],
        requestBody: json({
          type: 'object',
          required: ['helped'],
          properties: { helped: { type: 'boolean' }, resource: { type: ['string', 'null'] }, person: { type: ['string', 'null'] }, note: { type: ['string', 'null'] } },
        }),
        responses: { 200: ok('Updated request', requestRef), 404: error('No such request, or not yours') },
      },
    },
    '/api/switchyard/dashboard': {
      get: {
        tags,
        summary: 'Requests per theme and month, time to first contact, share resolved, top missing needs (facilitator)',
        parameters: dashboardParams,
        responses: { 200: ok('Dashboard, with `networks`: every network some place belongs to (the filter offers them)'), 403: error('Not a facilitator') },
      },
    },
    '/api/switchyard/dashboard.csv': {
      get: {
        tags,
        summary: 'The dashboard as CSV, one line per month and theme, months and themes in words (facilitator)',
        parameters: [
          ...dashboardParams,
          {
            name: 'dialect',
            in: 'query',
            schema: { type: 'string', enum: ['fr', 'en'], default: 'fr' },
            description: '`fr`: UTF-8 BOM, `;`, decimal comma, French headers ("décembre 2026"), for a French Excel; `en`: BOM, `,`, English headers',
          },
        ],
        responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 403: error('Not a facilitator') },
      },
    },
  },
  schemas: {
    SwitchyardProblem: {
      type: 'object',
      required: ['problem'],
      properties: {
        problem: { type: 'string', maxLength: 5000 },
        place: { type: 'string', description: 'slug of the asking place (its own people are never proposed); defaults to the caller’s registry profile' },
        person: { type: 'string', description: 'slug of the asking person; defaults to the caller’s registry profile' },
        region: { type: 'string' },
        lang: { enum: ['fr', 'en'], description: 'language of the reasons (fr by default)' },
        answers: { type: 'object', additionalProperties: { type: 'string' }, description: 'clarifying question id → choice id' },
      },
    },
    SwitchyardAnswer: {
      type: 'object',
      properties: {
        themes: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, label: { type: 'string' }, confidence: { type: 'number', description: 'share of the theme among the detected ones' }, probability: { type: 'number', description: 'calibrated probability that the problem is about this theme (0..1)' } } } },
        confidence: { type: 'number' },
        resources: { type: 'array', items: proposal },
        people: { type: 'array', items: proposal },
        pages: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' }, score: { type: 'number' } } } },
        questions: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' }, choices: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' } } } } } },
        },
      },
    },
    SwitchyardRequest: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        problem: { type: 'string' },
        status: { enum: ['new', 'oriented', 'in-contact', 'resolved', 'closed'] },
        themes: { type: 'array', items: { type: 'string' } },
        proposal: { type: 'object' },
        facilitator: { type: ['object', 'null'] },
        outcome: { type: ['object', 'null'] },
        missing: { type: 'boolean' },
        events: { type: 'array', items: { type: 'object' } },
      },
    },
  },
};
