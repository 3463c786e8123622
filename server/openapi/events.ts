import type { OpenApiFragment } from './index.js';
import { EVENT_TYPES } from '../../registry/events/schema.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({
  description,
  ...json({ $ref: '#/components/schemas/Error' }),
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const q = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
) => ({ name, in: 'query', required: false, description, schema });

/** The filters shared by the events list, the feeds and the map. */
export const EVENT_FILTER_PARAMS = [
  q(
    'from',
    'Range start: a date (YYYY-MM-DD, that day from 00:00 Europe/Paris) or a date-time; default now',
  ),
  q(
    'to',
    'Range end: a date (that day included) or a date-time; an event is returned when one of its slots meets the range',
  ),
  q('region', 'Regions of the places, comma-separated'),
  q('type', `Event types, comma-separated (${EVENT_TYPES.join(', ')})`),
  q('campaign', 'Slug of a campaign'),
  q('place', 'Slug of a place'),
  q('now', '"1": only what is happening now ("ouvert maintenant"); wins over from/to', {
    type: 'string',
    enum: ['1', 'true', '0', 'false'],
  }),
];

const slot = {
  type: 'object',
  required: ['startsAt', 'endsAt'],
  properties: {
    startsAt: {
      type: 'string',
      description: 'ISO 8601; Europe/Paris wall time when it has no offset (2025-10-02T10:00)',
    },
    endsAt: { type: 'string', description: 'After startsAt' },
  },
};
const registration = {
  oneOf: [
    { type: 'object', required: ['kind'], properties: { kind: { const: 'none' } } },
    {
      type: 'object',
      required: ['kind', 'url'],
      properties: { kind: { const: 'link' }, url: { type: 'string', format: 'uri' } },
    },
    {
      type: 'object',
      required: ['kind', 'seats'],
      properties: {
        kind: { const: 'seats' },
        seats: { type: 'integer', minimum: 1 },
        booked: { type: 'integer', readOnly: true },
        remaining: { type: 'integer', readOnly: true },
      },
    },
  ],
};
const eventInputProps = {
  title: { type: 'string', maxLength: 200 },
  type: { type: 'string', enum: [...EVENT_TYPES] },
  place: { type: 'string', description: 'Slug of the registry place' },
  slots: { type: 'array', minItems: 1, items: slot },
  description: { type: 'string', description: 'Markdown, rendered like the wiki (no raw HTML)' },
  campaign: {
    type: ['string', 'null'],
    description: 'Slug of a campaign; the slots must fall within its days; the place joins it',
  },
  audience: { type: 'string' },
  accessibility: { type: 'string' },
  free: { type: 'boolean', default: true },
  price: { type: 'string' },
  registration: { ...registration, description: 'A link elsewhere, or seats booked here' },
};

/** Events, campaigns, calendar feeds and imports. */
export const eventsApi: OpenApiFragment = {
  schemas: {
    EventInput: {
      type: 'object',
      required: ['title', 'type', 'place', 'slots'],
      properties: eventInputProps,
    },
    Event: {
      type: 'object',
      required: ['id', 'title', 'type', 'place', 'slots', 'registration'],
      properties: {
        id: { type: 'integer' },
        ...eventInputProps,
        place: {
          type: 'object',
          properties: {
            slug: { type: 'string' },
            name: { type: 'string' },
            address: { type: ['string', 'null'] },
            postcode: { type: ['string', 'null'] },
            city: { type: ['string', 'null'] },
            region: { type: ['string', 'null'] },
            lat: { type: ['number', 'null'] },
            lon: { type: ['number', 'null'] },
          },
        },
        campaign: {
          type: ['object', 'null'],
          properties: { slug: { type: 'string' }, title: { type: 'string' } },
        },
        slots: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              startsAt: { type: 'string', format: 'date-time' },
              endsAt: { type: 'string', format: 'date-time' },
            },
          },
        },
        descriptionHtml: { type: 'string' },
        importUid: {
          type: ['string', 'null'],
          description: 'UID of the calendar entry it was imported from',
        },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
      },
    },
    Campaign: {
      type: 'object',
      required: ['slug', 'title', 'startsOn', 'endsOn', 'regions'],
      properties: {
        slug: { type: 'string' },
        title: { type: 'string' },
        description: { type: 'string' },
        startsOn: { type: 'string', format: 'date' },
        endsOn: { type: 'string', format: 'date' },
        regions: { type: 'array', items: { type: 'string' } },
      },
    },
    ImportResult: {
      type: 'object',
      properties: Object.fromEntries(
        ['created', 'updated', 'unchanged', 'deleted', 'skipped'].map((k) => [
          k,
          {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                uid: { type: 'string' },
                title: { type: 'string' },
              },
            },
          },
        ]),
      ),
    },
  },
  paths: {
    '/api/events': {
      get: {
        tags: ['events'],
        summary: 'Events with a slot meeting the range and the filters, by first slot',
        parameters: [
          ...EVENT_FILTER_PARAMS,
          q('limit', '1–500', { type: 'integer', default: 50 }),
          q('offset', 'Paging', { type: 'integer', default: 0 }),
        ],
        responses: {
          '200': {
            description: 'Events',
            ...json({
              type: 'object',
              properties: {
                total: { type: 'integer' },
                items: { type: 'array', items: ref('Event') },
              },
            }),
          },
          '400': error(
            'A filter that is not a date, an unknown campaign or place (names the field)',
          ),
        },
      },
      post: {
        tags: ['events'],
        summary: 'Publish an event (contributors and above)',
        requestBody: { required: true, ...json(ref('EventInput')) },
        responses: {
          '201': { description: 'The event', ...json(ref('Event')) },
          '400': error(
            'A slot ending before it starts, no slot, an unknown place or campaign, a date that is not one (names the field)',
          ),
          '401': error('Not logged in'),
          '403': error('Role too low'),
        },
      },
    },
    '/api/events/{id}': {
      get: {
        tags: ['events'],
        summary:
          'An event, with its schema.org Event JSON-LD, whether the caller may edit it and the seats they booked',
        parameters: [idParam],
        responses: {
          '200': {
            description: 'The event',
            ...json({
              allOf: [
                ref('Event'),
                {
                  type: 'object',
                  properties: {
                    jsonLd: { type: 'object' },
                    canEdit: { type: 'boolean' },
                    myBooking: { type: 'integer' },
                  },
                },
              ],
            }),
          },
          '404': error('No such event'),
        },
      },
      put: {
        tags: ['events'],
        summary:
          'Update an event (its author, contributors of its place, facilitators); fields left out are kept',
        parameters: [idParam],
        requestBody: { required: true, ...json({ type: 'object', properties: eventInputProps }) },
        responses: {
          '200': { description: 'The event', ...json(ref('Event')) },
          '400': error('Bad field'),
          '401': error('Not logged in'),
          '403': error('Not allowed'),
          '404': error('No such event'),
        },
      },
      delete: {
        tags: ['events'],
        summary: 'Delete an event (same rights as updating)',
        parameters: [idParam],
        responses: {
          '204': { description: 'Deleted' },
          '401': error('Not logged in'),
          '403': error('Not allowed'),
          '404': error('No such event'),
        },
      },
    },
    '/api/events/{id}/bookings': {
      post: {
        tags: ['events'],
        summary:
          'Book (or change) seats on an event registered here; a confirmation mail is queued',
        parameters: [idParam],
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            properties: { seats: { type: 'integer', minimum: 1, maximum: 50, default: 1 } },
          }),
        },
        responses: {
          '201': { description: 'The event with seats left', ...json(ref('Event')) },
          '400': error('The event takes no bookings'),
          '401': error('Not logged in'),
          '409': error('Too few seats left'),
        },
      },
      delete: {
        tags: ['events'],
        summary: 'Cancel the caller’s booking',
        parameters: [idParam],
        responses: {
          '204': { description: 'Cancelled' },
          '401': error('Not logged in'),
          '404': error('No booking'),
        },
      },
    },
    '/api/events.ics': {
      get: {
        tags: ['events'],
        summary:
          'The same filters as an iCalendar feed (RFC 5545): one VEVENT per slot, stable UIDs, TZID Europe/Paris',
        parameters: EVENT_FILTER_PARAMS,
        responses: {
          '200': {
            description: 'iCalendar',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
          '400': error('Bad filter'),
        },
      },
    },
    '/api/campaigns': {
      get: {
        tags: ['campaigns'],
        summary: 'Every campaign, latest first',
        responses: {
          '200': {
            description: 'Campaigns',
            ...json({
              type: 'object',
              properties: { items: { type: 'array', items: ref('Campaign') } },
            }),
          },
        },
      },
      post: {
        tags: ['campaigns'],
        summary: 'Create a campaign (facilitators)',
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['slug', 'title', 'startsOn', 'endsOn'],
            properties: {
              slug: { type: 'string' },
              title: { type: 'string' },
              description: { type: 'string' },
              startsOn: { type: 'string', format: 'date' },
              endsOn: { type: 'string', format: 'date' },
              regions: { type: 'array', items: { type: 'string' } },
            },
          }),
        },
        responses: {
          '201': { description: 'The campaign', ...json(ref('Campaign')) },
          '400': error('Bad field'),
          '403': error('Facilitators only'),
          '409': error('Slug taken'),
        },
      },
    },
    '/api/campaigns/{slug}': {
      get: {
        tags: ['campaigns'],
        summary:
          'A campaign with its places counted by region, its events counted by type, and its programme',
        parameters: [slugParam],
        responses: {
          '200': {
            description: 'The campaign',
            ...json({
              allOf: [
                ref('Campaign'),
                {
                  type: 'object',
                  properties: { places: { type: 'object' }, events: { type: 'object' } },
                },
              ],
            }),
          },
          '404': error('No such campaign'),
        },
      },
    },
    '/api/campaigns/{slug}/places': {
      post: {
        tags: ['campaigns'],
        summary: 'A place joins the campaign (contributors)',
        parameters: [slugParam],
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['place'],
            properties: { place: { type: 'string' } },
          }),
        },
        responses: {
          '201': { description: 'The campaign’s places', ...json({ type: 'object' }) },
          '400': error('Unknown place'),
          '401': error('Not logged in'),
          '404': error('No such campaign'),
        },
      },
    },
    '/api/campaigns/{slug}/programme.csv': {
      get: {
        tags: ['campaigns'],
        summary:
          'The programme as CSV for the press kit (one line per slot, French dates, UTF-8 with BOM; French spreadsheet dialect with `;` by default, `dialect=en` for `,` and English headers)',
        parameters: [
          slugParam,
          {
            name: 'dialect',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['fr', 'en'], default: 'fr' },
          },
        ],
        responses: {
          '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
          '404': error('No such campaign'),
        },
      },
    },
    '/embed/campaigns/{slug}': {
      get: {
        tags: ['campaigns'],
        summary:
          'The programme as a page to frame on a partner’s site (no script, no cookie, any site may frame it)',
        parameters: [slugParam],
        responses: {
          '200': { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
          '404': {
            description: 'No such campaign',
            content: { 'text/html': { schema: { type: 'string' } } },
          },
        },
      },
    },
  },
};
