import { EVENT_FILTER_PARAMS } from './events.js';
import type { OpenApiFragment } from './index.js';
import { RESOURCE_KINDS, PLACE_FAMILIES, RESOURCE_STATUSES, USAGE_STATUSES } from '../../registry/types.js';
import { THEME_SLUGS } from '../../registry/themes.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const ok = (description: string, schema: unknown = { type: 'object' }) => ({ description, ...json(schema) });
const q = (name: string, description: string, schema: unknown = { type: 'string' }) => ({ name, in: 'query', description, schema });
const slug = (what: string) => ({ name: 'slug', in: 'path', required: true, description: `Slug of the ${what}`, schema: { type: 'string', pattern: '^[a-z0-9-]+$' } });
const paging = [
  q('limit', 'Page size (default 20, max 100)', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
  q('offset', 'Items to skip', { type: 'integer', minimum: 0, default: 0 }),
];
const list = (what: string) => `${what}; several values separated by commas are ORed`;
const strings = { type: 'array', items: { type: 'string' } };
const facets = (names: string[]) => ({
  type: 'object',
  properties: Object.fromEntries(names.map((n) => [n, { type: 'array', items: ref('FacetValue') }])),
});
const writes = (roles: string) => ({ security: [{ bearer: [] }, { session: [] }], description: `Needs: ${roles}.` });
const denied = { 401: error('Not logged in'), 403: error('Role too low') };

/** The commons registry: resources, qualification, places, people, import/export. */
export const registry: OpenApiFragment = {
  tags: [
    { name: 'registry', description: 'Commons (resources) with qualification, usages and referents' },
    { name: 'places', description: 'Directory and map of tiers-lieux' },
    { name: 'people', description: 'People who can help (only contactable or public profiles are ever shown)' },
    { name: 'registry-admin', description: 'Bundle import/export, qualification criteria, licence checks' },
  ],
  paths: {
    '/api/resources': {
      get: {
        tags: ['registry'],
        summary: 'Search resources with facets',
        description:
          'Facets count each value with every filter applied except that facet\'s own. Archived resources are left out unless `status` asks for them. ' +
          '`q` matches French stems of the name, summary, description, features and keywords. `near` orders by the nearest place that uses the resource.',
        parameters: [
          q('q', 'Free text'),
          q('theme', list('Theme slugs')),
          q('kind', list('Kinds')),
          q('license', list('Licence ids (case-insensitive)')),
          q('qualification', list('proposed | under-review | qualified | to-review')),
          q('status', list('active | dormant | archived')),
          q('region', list('Region of the places that use the resource')),
          q('near', 'LAT,LON: nearest using place first, with distanceKm'),
          q('sort', 'Default: distance with near, relevance with q, name otherwise', { enum: ['relevance', 'name', 'recent', 'usage', 'distance'] }),
          ...paging,
        ],
        responses: {
          200: ok('A page of results', {
            type: 'object',
            properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('ResourceSummary') }, facets: facets(['theme', 'kind', 'license', 'qualification', 'region']) },
          }),
          400: error('Bad filter (field named)'),
        },
      },
      post: {
        tags: ['registry'],
        summary: 'Propose a resource (starts as "proposed"; creates its wiki page of kind "commun")',
        ...writes('any logged-in user'),
        requestBody: json(ref('ResourceInput')),
        responses: { 201: ok('The resource page', ref('ResourceDetail')), 400: error('Invalid field'), 409: error('Slug taken'), ...denied },
      },
    },
    '/api/resources/{slug}': {
      parameters: [slug('resource')],
      get: { tags: ['registry'], summary: 'Resource page', responses: { 200: ok('OK', ref('ResourceDetail')), 404: error('Unknown resource') } },
      put: {
        tags: ['registry'],
        summary: 'Update: fields sent replace the stored ones, fields left out are kept, a field sent as null is cleared',
        ...writes('contributor'),
        requestBody: json(ref('ResourceInput')),
        responses: { 200: ok('OK', ref('ResourceDetail')), 400: error('Invalid field'), 404: error('Unknown resource'), ...denied },
      },
      delete: { tags: ['registry'], summary: 'Archive (kept, status "archived")', ...writes('facilitator'), responses: { 200: ok('OK', ref('ResourceDetail')), 404: error('Unknown resource'), ...denied } },
    },
    '/api/resources/{slug}/usages': {
      parameters: [slug('resource')],
      post: {
        tags: ['registry'],
        summary: 'A place uses / is interested in / stopped this resource ("we use it")',
        ...writes('contributor'),
        requestBody: json({
          type: 'object',
          required: ['place'],
          properties: { place: { type: 'string' }, status: { enum: USAGE_STATUSES, default: 'uses' }, note: { type: 'string' }, since: { type: 'string', format: 'date' } },
        }),
        responses: { 201: ok('Created'), 200: ok('Updated'), 400: error('Unknown place or invalid field'), 404: error('Unknown resource'), ...denied },
      },
    },
    '/api/resources/{slug}/referents': {
      parameters: [slug('resource')],
      post: {
        tags: ['registry'],
        summary: 'A person can help with this resource ("I can help")',
        ...writes('contributor'),
        requestBody: json({ type: 'object', required: ['person'], properties: { person: { type: 'string' }, isExpert: { type: 'boolean' }, note: { type: 'string' } } }),
        responses: { 201: ok('Created'), 200: ok('Updated'), 400: error('Unknown person or invalid field'), 404: error('Unknown resource'), ...denied },
      },
    },
    '/api/resources/{slug}/assessments': {
      parameters: [slug('resource')],
      get: { tags: ['registry'], summary: 'Full assessment history, newest first', responses: { 200: ok('OK', { type: 'object', properties: { assessments: { type: 'array', items: ref('Assessment') } } }) } },
      post: {
        tags: ['registry'],
        summary: 'Assess one criterion (level 0–3 with evidence); recomputes the qualification',
        ...writes('facilitator'),
        requestBody: json({ type: 'object', required: ['criterion', 'level'], properties: { criterion: { type: 'string' }, level: { type: 'integer', minimum: 0, maximum: 3 }, evidence: { type: 'string' } } }),
        responses: { 201: ok('The assessment and the new qualification'), 400: error('Unknown criterion or bad level'), 404: error('Unknown resource'), ...denied },
      },
    },
    '/api/criteria': {
      get: { tags: ['registry-admin'], summary: 'Qualification criteria and rules (maxAgeDays, threshold)', responses: { 200: ok('OK') } },
      put: {
        tags: ['registry-admin'],
        summary: 'Replace the criteria and/or the rules; every status is recomputed',
        ...writes('admin'),
        requestBody: json({
          type: 'object',
          properties: {
            criteria: { type: 'array', items: { type: 'object', required: ['slug', 'label'], properties: { slug: { type: 'string' }, label: { type: 'string' }, description: { type: 'string' }, weight: { type: 'number' } } } },
            maxAgeDays: { type: 'integer', description: 'A qualification older than this becomes "to-review" (default 730)' },
            threshold: { type: 'number', description: 'Weighted mean level needed to qualify (default 2)' },
          },
        }),
        responses: { 200: ok('OK'), 400: error('Invalid field'), ...denied },
      },
    },
    '/api/licenses': { get: { tags: ['registry-admin'], summary: 'Recognised licence ids (SPDX and Creative Commons) with OSI / FSF flags', responses: { 200: ok('OK') } } },
    '/api/licenses/check': {
      get: {
        tags: ['registry-admin'],
        summary: 'Check a licence id',
        description: 'Known SPDX / CC ids (case-insensitive) are valid and "open"; "proprietary" is valid and flagged; anything else is not valid and flagged "unknown" (accepted on resources, never qualified).',
        parameters: [{ ...q('id', 'Licence id'), required: true }],
        responses: { 200: ok('OK', { type: 'object', properties: { id: { type: 'string' }, valid: { type: 'boolean' }, flag: { enum: ['open', 'proprietary', 'unknown'] }, osi: { type: 'boolean' }, fsfLibre: { type: 'boolean' }, restrictions: strings } }) },
      },
    },
    '/api/places': {
      get: {
        tags: ['places'],
        summary: 'Search places with facets',
        parameters: [q('q', 'Name, city or postcode'), q('region', list('Regions')), q('family', list('Families')), q('bbox', 'W,S,E,N'), ...paging],
        responses: { 200: ok('A page', { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('PlaceSummary') }, facets: facets(['region', 'family']) } }), 400: error('Bad filter') },
      },
      post: { tags: ['places'], summary: 'Add a place', ...writes('contributor'), requestBody: json(ref('PlaceInput')), responses: { 201: ok('The place page'), 400: error('Invalid field'), 409: error('Slug taken'), ...denied } },
    },
    '/api/map/places': {
      get: {
        tags: ['places'],
        summary: 'Every matching place with coordinates, compact, for the map; with event filters, the places with matching events',
        // Event filters: see server/openapi/events.ts (region is shared).
        parameters: [q('region', list('Regions')), q('family', list('Families')), ...EVENT_FILTER_PARAMS.filter((p) => p.name !== 'region')],
        responses: { 200: ok('[[lat, lon, slug, name], …], plus the count of matching events as a 5th item when events are filtered', { type: 'object', properties: { points: { type: 'array', items: { type: 'array' } } } }) },
      },
    },
    '/api/places/{slug}': {
      parameters: [slug('place')],
      get: { tags: ['places'], summary: 'Place page with the resources it uses and its visible people', responses: { 200: ok('OK'), 404: error('Unknown place') } },
      put: { tags: ['places'], summary: 'Update (fields left out are kept, null clears a field)', ...writes('contributor'), requestBody: json(ref('PlaceInput')), responses: { 200: ok('OK'), 400: error('Invalid field'), 404: error('Unknown place'), ...denied } },
    },
    '/api/people': {
      get: {
        tags: ['people'],
        summary: 'Search people (contactable or public profiles only; with visibility=all, facilitators and admins also get hidden people)',
        parameters: [
          q('q', 'Name, skills, bio'), q('theme', list('Themes')), q('region', list('Regions')), q('contactable', 'true: only people who accept contact', { enum: ['true', 'false'] }),
          q('visibility', 'public (default): contactable or public profiles; all: hidden people too, each item then carrying `hidden` (facilitator or admin, 401/403 otherwise)', { type: 'string', enum: ['public', 'all'], default: 'public' }),
          ...paging,
        ],
        responses: {
          200: ok('A page', { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: { allOf: [ref('PublicPerson'), { type: 'object', properties: { hidden: { type: 'boolean', description: 'Only with visibility=all' } } }] } }, facets: facets(['theme', 'region']) } }),
          400: error('Invalid parameter'),
          ...denied,
        },
      },
      post: {
        tags: ['people'],
        summary: 'Add a person (contributor), or one\'s own profile with self: true (any logged-in user)',
        ...writes('contributor, or any user for their own profile'),
        requestBody: json(ref('PersonInput')),
        responses: { 201: ok('The person page'), 400: error('Invalid field'), 409: error('Slug taken'), ...denied },
      },
    },
    '/api/people/{slug}': {
      parameters: [slug('person')],
      get: {
        tags: ['people'],
        summary: 'Person page. A hidden person (neither contactable nor public) is a 404, like an unknown slug, except for facilitators, admins and the person\'s own account, who get the managed view (any person, with public and hidden)',
        responses: { 200: ok('OK', { oneOf: [ref('PublicPerson'), ref('ManagedPerson')] }), 404: error('Unknown person, or hidden from the caller') },
      },
      put: {
        tags: ['people'],
        summary: 'Update (fields left out are kept, null clears a field). Answers the managed view to those who may manage the person, the public page otherwise, or { slug, hidden: true } when the edit hid the person from the caller',
        ...writes('contributor, or facilitator/admin/own account for a hidden person (404 for anyone else)'),
        requestBody: json(ref('PersonInput')),
        responses: { 200: ok('OK'), 400: error('Invalid field'), 404: error('Unknown person, or hidden from the caller'), ...denied },
      },
    },
    '/api/people/{slug}/contact': {
      parameters: [slug('person')],
      post: {
        tags: ['people'],
        summary: 'Leave a message for the person; facilitators relay it (no address is ever given out)',
        requestBody: json({ type: 'object', required: ['message'], properties: { message: { type: 'string', maxLength: 4000 }, from: { type: 'string', description: 'How to answer you' } } }),
        responses: { 202: ok('Stored for relay'), 404: error('Unknown or hidden person'), 409: error('The person does not accept contact') },
      },
    },
    '/api/people/{slug}/messages': {
      parameters: [slug('person')],
      get: { tags: ['people'], summary: 'Messages left for a person (facilitators, or the person\'s own account)', ...writes('facilitator or own account'), responses: { 200: ok('OK'), 404: error('Unknown person'), 401: error('Not logged in') } },
    },
    '/api/contact-messages': { get: { tags: ['people'], summary: 'Every message to relay, newest first', ...writes('facilitator'), responses: { 200: ok('OK'), ...denied } } },
    '/api/contact-messages/{id}': {
      patch: {
        tags: ['people'],
        summary: 'Mark a message relayed or closed',
        ...writes('facilitator'),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: json({ type: 'object', required: ['status'], properties: { status: { enum: ['new', 'relayed', 'closed'] } } }),
        responses: { 200: ok('OK'), 404: error('Unknown message'), ...denied },
      },
    },
    '/api/import': {
      post: {
        tags: ['registry-admin'],
        summary: 'Import a commons-bundle/1 (JSON), or a publiccode.yml (Content-Type: application/yaml, or ?format=publiccode) as a software resource',
        parameters: [q('format', '"publiccode": the body is a publiccode.yml file', { enum: ['bundle', 'publiccode'] })],
        ...writes('admin'),
        description:
          'Needs: admin. All or nothing, idempotent (upsert by slug). Unknown extra fields are kept. ' +
          'The body may reach importBodyLimit (LC_IMPORT_BODY_LIMIT, 64 MB by default) instead of the 5 MB of every other route.',
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['format'], properties: { format: { const: 'commons-bundle/1' } } } }, 'application/yaml': { schema: { type: 'string' } } } },
        responses: {
          200: ok('Counts: created / updated / unchanged per collection'),
          400: error('bundle_invalid: `record` ("resources[3] (slug x)") and `field` name the problem; nothing was written'),
          413: error('payload_too_large: the body is over importBodyLimit (the message names it)'),
          ...denied,
        },
      },
    },
    '/api/export': { get: { tags: ['registry-admin'], summary: 'Everything public as a commons-bundle/1 (hidden people are left out)', responses: { 200: ok('The bundle') } } },
  },
  schemas: {
    FacetValue: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer' }, label: { type: 'string' } } },
    ResourceInput: {
      type: 'object',
      required: ['slug', 'name', 'kind', 'summary', 'themes'],
      additionalProperties: true,
      properties: {
        slug: { type: 'string', pattern: '^[a-z0-9-]+$' },
        name: { type: 'string' },
        kind: { enum: RESOURCE_KINDS },
        summary: { type: 'string', maxLength: 200 },
        description: { type: 'string', description: 'Markdown' },
        features: strings,
        themes: { type: 'array', items: { enum: THEME_SLUGS }, minItems: 1 },
        keywords: strings,
        license: { type: 'string', description: 'SPDX or Creative Commons id, or "proprietary"' },
        url: { type: 'string', format: 'uri' },
        languages: strings,
        developmentStatus: { enum: ['concept', 'development', 'beta', 'stable', 'obsolete'] },
        maintenance: { enum: ['internal', 'contract', 'community', 'none'] },
        challenge: { type: 'string', description: 'The challenge ("défi") it answers' },
        documentationUrl: { type: 'string', format: 'uri' },
        sourceUrl: { type: 'string', format: 'uri' },
        governance: { type: 'string' },
        organisation: { type: 'string' },
        lockIn: { type: 'string', description: 'Data export / lock-in notes' },
        compliance: { type: 'object', properties: { rgpd: { type: 'string' }, accessibility: { type: 'string' } } },
        needs: { type: 'string' },
        developmentSteps: { type: 'string' },
        status: { enum: RESOURCE_STATUSES },
        lastReviewedAt: { type: 'string', format: 'date' },
        providers: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, url: { type: 'string' }, note: { type: 'string' } } } },
      },
    },
    ResourceSummary: {
      type: 'object',
      properties: {
        slug: { type: 'string' }, name: { type: 'string' }, kind: { enum: RESOURCE_KINDS }, summary: { type: 'string' }, themes: strings,
        license: { type: ['string', 'null'] }, licenseFlag: { enum: ['open', 'proprietary', 'unknown'] }, status: { enum: RESOURCE_STATUSES },
        qualification: { type: 'object', properties: { status: { enum: ['proposed', 'under-review', 'qualified', 'to-review'] } } },
        usageCount: { type: 'integer' }, referentCount: { type: 'integer' }, distanceKm: { type: 'number' },
      },
    },
    ResourceDetail: {
      allOf: [
        ref('ResourceInput'),
        {
          type: 'object',
          properties: {
            licenseFlag: { enum: ['open', 'proprietary', 'unknown'] },
            licenseRestrictions: strings,
            wikiPage: { type: ['string', 'null'] },
            qualification: {
              type: 'object',
              properties: {
                status: { enum: ['proposed', 'under-review', 'qualified', 'to-review'] },
                criteria: { type: 'array', items: { type: 'object' } },
                expiresAt: { type: ['string', 'null'] },
              },
            },
            usages: { type: 'array', items: { type: 'object' } },
            referents: { type: 'array', items: { type: 'object', properties: { person: ref('PublicPerson'), isExpert: { type: 'boolean' }, note: { type: 'string' } } } },
          },
        },
      ],
    },
    Assessment: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, criterion: { type: 'string' }, label: { type: 'string' }, level: { type: 'integer' }, evidence: { type: 'string' },
        by: { type: 'object', properties: { id: { type: ['integer', 'null'] }, name: { type: 'string' } } }, at: { type: 'string', format: 'date-time' },
      },
    },
    PlaceInput: {
      type: 'object',
      required: ['slug', 'name'],
      additionalProperties: true,
      properties: {
        slug: { type: 'string' }, name: { type: 'string' }, address: { type: 'string' }, city: { type: 'string' }, postcode: { type: 'string' }, region: { type: 'string' },
        families: { type: 'array', items: { enum: PLACE_FAMILIES } }, lat: { type: 'number' }, lon: { type: 'number' }, management: { type: 'string' }, networks: strings,
        needs: { type: 'object', properties: { skills: strings, equipment: strings, spaces: strings } },
        offers: { type: 'object', properties: { skills: strings, equipment: strings, spaces: strings } },
        website: { type: 'string', format: 'uri' },
      },
    },
    PlaceSummary: {
      type: 'object',
      properties: { slug: { type: 'string' }, name: { type: 'string' }, city: { type: ['string', 'null'] }, postcode: { type: ['string', 'null'] }, region: { type: ['string', 'null'] }, families: strings, lat: { type: ['number', 'null'] }, lon: { type: ['number', 'null'] } },
    },
    PersonInput: {
      type: 'object',
      required: ['slug', 'name', 'contactable'],
      additionalProperties: true,
      properties: {
        slug: { type: 'string' }, name: { type: 'string' }, place: { type: 'string' }, region: { type: 'string' }, themes: { type: 'array', items: { enum: THEME_SLUGS } },
        skills: strings, bio: { type: 'string' }, contactable: { type: 'boolean' }, public: { type: 'boolean', description: 'Show the profile even when not contactable (default: same as contactable)' },
        self: { type: 'boolean', description: 'POST only: link the profile to your account' },
      },
    },
    PublicPerson: {
      type: 'object',
      properties: {
        slug: { type: 'string' }, name: { type: 'string' }, region: { type: ['string', 'null'] },
        place: { oneOf: [{ type: 'null' }, { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } }] },
        themes: strings, skills: strings, bio: { type: 'string' }, contactable: { type: 'boolean' },
      },
    },
    ManagedPerson: {
      description: 'A person as facilitators, admins and the person\'s own account see it (fields outside the schema are never shown)',
      allOf: [
        ref('PublicPerson'),
        {
          type: 'object',
          properties: {
            public: { type: 'boolean', description: 'Profile shown publicly even when not contactable' },
            hidden: { type: 'boolean', description: 'Neither contactable nor public: invisible to everyone else' },
            referentOf: { type: 'array', items: { type: 'object' } },
          },
        },
      ],
    },
  },
};
