import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const ics = (description: string) => ({ description, content: { 'text/calendar': { schema: { type: 'string' } } } });
const q = (name: string, schema: unknown, description?: string) => ({ name, in: 'query', required: false, schema, ...(description ? { description } : {}) });
const TAG = ['permanences'];
const dateTime = { type: 'string', format: 'date-time' };
const refOrNull = { type: ['object', 'null'], properties: { slug: { type: 'string' }, name: { type: 'string' } } };

/** Expert permanences: sessions, bookings, calendars, dashboard. */
export const permanencesApi: OpenApiFragment = {
  tags: [{ name: 'permanences', description: 'Expert permanences: sessions held by an expert of the registry and booked by places' }],
  schemas: {
    Permanence: {
      type: 'object',
      required: ['id', 'expert', 'title', 'themes', 'format', 'mode', 'startsAt', 'endsAt', 'capacity', 'booked', 'seatsLeft', 'status'],
      properties: {
        id: { type: 'integer' },
        seriesId: { type: ['integer', 'null'] },
        rrule: { type: ['string', 'null'], description: 'The RRULE of the series the session belongs to' },
        expert: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
        title: { type: 'string' },
        description: { type: 'string' },
        themes: { type: 'array', items: { type: 'string' } },
        format: { type: 'string', enum: ['individual', 'collective'] },
        mode: { type: 'string', enum: ['remote', 'onsite'] },
        place: refOrNull,
        link: { type: ['string', 'null'], description: 'The visio link: only for the expert, facilitators and places holding a seat' },
        startsAt: dateTime,
        endsAt: dateTime,
        capacity: { type: 'integer' },
        booked: { type: 'integer' },
        seatsLeft: { type: 'integer' },
        status: { type: 'string', enum: ['scheduled', 'cancelled'] },
        sequence: { type: 'integer', description: 'iCalendar SEQUENCE, bumped when moved or cancelled' },
        canManage: { type: 'boolean' },
        myPlace: { ...refOrNull, description: 'The place the caller books for (their registry profile), when any' },
        bookings: { type: 'array', items: ref('Booking'), description: 'Only the bookings the caller may see; absent for anonymous visitors' },
      },
    },
    Booking: {
      type: 'object',
      required: ['id', 'permanenceId', 'place', 'question', 'status'],
      properties: {
        id: { type: 'integer' },
        permanenceId: { type: 'integer' },
        place: refOrNull,
        question: { type: 'string' },
        request: { type: ['integer', 'null'], description: 'The switchyard request the booking answers' },
        bookedBy: { type: ['object', 'null'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
        status: { type: 'string', enum: ['confirmed', 'cancelled'] },
        attended: { type: ['boolean', 'null'] },
        followup: { type: ['string', 'null'] },
        createdAt: dateTime,
        cancelledAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
  },
  paths: {
    '/api/permanences': {
      get: {
        tags: TAG,
        summary: 'Sessions in time order (upcoming by default); seats, never questions',
        parameters: [
          q('from', { type: 'string' }, 'ISO date or date-time; default now'),
          q('to', { type: 'string' }, 'ISO date or date-time (exclusive)'),
          q('theme', { type: 'string' }),
          q('expert', { type: 'string' }, "The expert's slug"),
          q('mode', { type: 'string', enum: ['remote', 'onsite'] }),
          q('format', { type: 'string', enum: ['individual', 'collective'] }),
          q('status', { type: 'string', enum: ['scheduled', 'all'] }, 'all includes cancelled sessions'),
          q('limit', { type: 'integer', minimum: 1, maximum: 500 }),
        ],
        responses: { '200': { description: 'Sessions', ...json({ type: 'object', properties: { items: { type: 'array', items: ref('Permanence') } } }) }, '400': error('A bad filter') },
      },
      post: {
        tags: TAG,
        summary: 'Publishes a permanence, one session or a series (facilitators; an expert for their own)',
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['expert', 'title', 'format', 'mode', 'startsAt', 'endsAt'],
            properties: {
              expert: { type: 'string', description: 'Slug of a contactable person of the registry' },
              title: { type: 'string' },
              description: { type: 'string' },
              themes: { type: 'array', items: { type: 'string' } },
              format: { type: 'string', enum: ['individual', 'collective'] },
              mode: { type: 'string', enum: ['remote', 'onsite'] },
              place: { type: 'string', description: 'Registry place (on site)' },
              link: { type: 'string', format: 'uri', description: 'Visio link (remote)' },
              startsAt: { ...dateTime, description: 'ISO 8601 with offset; stored in UTC' },
              endsAt: dateTime,
              capacity: { type: 'integer', minimum: 1, description: '1 for an individual session' },
              rrule: { type: 'string', description: 'RFC 5545 RRULE with COUNT or UNTIL, repeating the Paris wall-clock time, e.g. FREQ=MONTHLY;BYDAY=1TU;COUNT=6' },
            },
          }),
        },
        responses: {
          '201': {
            description: 'Created: `id` is the first session, `sessions` every session of the series',
            ...json({ type: 'object', properties: { id: { type: 'integer' }, sessions: { type: 'array', items: { type: 'integer' } }, permanence: ref('Permanence') } }),
          },
          '400': error('A bad field: unknown expert or place, end before start, capacity below 1, not a date, bad rrule'),
          '401': error('Not logged in'),
          '403': error('Publishing for someone else without being a facilitator'),
        },
      },
    },
    '/api/permanences/{id}': {
      get: {
        tags: TAG,
        summary: 'One session, with the bookings the caller may see',
        parameters: [idParam],
        responses: { '200': { description: 'The session', ...json(ref('Permanence')) }, '404': error('No such session') },
      },
      patch: {
        tags: TAG,
        summary: 'Moves or edits one session (its expert, facilitators); booked places are told',
        parameters: [idParam],
        requestBody: {
          required: true,
          ...json({ type: 'object', properties: { title: { type: 'string' }, description: { type: 'string' }, link: { type: ['string', 'null'] }, startsAt: dateTime, endsAt: dateTime, capacity: { type: 'integer', minimum: 1 } } }),
        },
        responses: { '200': { description: 'The session', ...json(ref('Permanence')) }, '400': error('A bad field'), '403': error('Not its expert nor a facilitator'), '404': error('No such session'), '409': error('Cancelled') },
      },
      delete: {
        tags: TAG,
        summary: 'Cancels one session (its expert, facilitators); booked places are told',
        parameters: [idParam],
        responses: { '200': { description: 'The cancelled session', ...json(ref('Permanence')) }, '403': error('Not its expert nor a facilitator'), '404': error('No such session'), '409': error('Already cancelled') },
      },
    },
    '/api/permanences/{id}/bookings': {
      post: {
        tags: TAG,
        summary: 'Books a seat for a place (contributors, for their own place; facilitators, for any)',
        parameters: [idParam],
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['place', 'question'],
            properties: { place: { type: 'string' }, question: { type: 'string' }, request: { type: 'integer', description: 'A switchyard request of the caller: it moves to in-contact' } },
          }),
        },
        responses: {
          '201': { description: 'Booked; confirmation mails queued', ...json(ref('Booking')) },
          '400': error('Unknown place or request'),
          '401': error('Not logged in'),
          '403': error('Role below contributor, or another place'),
          '404': error('No such session'),
          '409': error('`full`: no seat left; `already_booked`: the place holds a seat; `not_bookable`: cancelled or started'),
        },
      },
    },
    '/api/permanences/{id}/calendar.ics': {
      get: { tags: TAG, summary: 'One session as iCalendar (Europe/Paris), public', parameters: [idParam], responses: { '200': ics('The .ics file'), '404': error('No such session') } },
    },
    '/api/permanences.ics': {
      get: { tags: TAG, summary: 'Public feed of the upcoming collective sessions', responses: { '200': ics('An iCalendar feed') } },
    },
    '/api/bookings': {
      get: {
        tags: TAG,
        summary: "The bookings attached to a switchyard request (its asker, facilitators)",
        parameters: [{ name: 'request', in: 'query', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'Bookings with their session', ...json({ type: 'object', properties: { items: { type: 'array', items: ref('Booking') } } }) }, '400': error('No request given'), '401': error('Not logged in'), '404': error('No such request') },
      },
    },
    '/api/bookings/{id}': {
      get: { tags: TAG, summary: 'One booking (its place, the expert, facilitators)', parameters: [idParam], responses: { '200': { description: 'The booking', ...json(ref('Booking')) }, '401': error('Not logged in'), '404': error('No such booking') } },
      delete: {
        tags: TAG,
        summary: 'Cancels a booking: the seat is free again; cancellation mails queued',
        parameters: [idParam],
        responses: { '200': { description: 'The cancelled booking', ...json(ref('Booking')) }, '401': error('Not logged in'), '404': error('No such booking'), '409': error('Already cancelled') },
      },
      patch: {
        tags: TAG,
        summary: 'Records attendance and the follow-up note (the expert, facilitators)',
        parameters: [idParam],
        requestBody: { required: true, ...json({ type: 'object', properties: { attended: { type: ['boolean', 'null'] }, followup: { type: ['string', 'null'] } } }) },
        responses: { '200': { description: 'The booking', ...json(ref('Booking')) }, '400': error('Nothing to record'), '403': error('The booking place'), '404': error('No such booking') },
      },
    },
    '/api/bookings/{id}/calendar.ics': {
      get: { tags: TAG, summary: 'One booking as iCalendar, with its question', parameters: [idParam], responses: { '200': ics('The .ics file'), '401': error('Not logged in'), '404': error('No such booking') } },
    },
    '/api/experts/{slug}/calendar.ics': {
      get: {
        tags: TAG,
        summary: "An expert's private feed (sessions, booked places and questions), opened by its secret token",
        parameters: [slugParam, { name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': ics('An iCalendar feed'), '404': error('Unknown expert, wrong or revoked token') },
      },
    },
    '/api/experts/{slug}/calendar-token': {
      get: { tags: TAG, summary: 'Whether the expert has a live feed token (the expert, facilitators)', parameters: [slugParam], responses: { '200': { description: 'State', ...json({ type: 'object', properties: { active: { type: 'boolean' } } }) }, '401': error('Not logged in'), '404': error('Unknown expert') } },
      post: {
        tags: TAG,
        summary: 'Creates or replaces the feed token, shown once (the expert, facilitators)',
        parameters: [slugParam],
        responses: { '201': { description: 'The token and the feed URL', ...json({ type: 'object', properties: { token: { type: 'string' }, url: { type: 'string' } } }) }, '401': error('Not logged in'), '404': error('Unknown expert') },
      },
      delete: { tags: TAG, summary: 'Revokes the feed token', parameters: [slugParam], responses: { '204': { description: 'Revoked' }, '401': error('Not logged in'), '404': error('No token') } },
    },
    '/api/permanence-dashboard': {
      get: {
        tags: TAG,
        summary: 'Places helped per month and theme, attendance rate, requests resolved after a permanence (facilitators)',
        parameters: [q('from', { type: 'string', format: 'date' }), q('to', { type: 'string', format: 'date' })],
        responses: { '200': { description: 'The figures', ...json({ type: 'object' }) }, '401': error('Not logged in'), '403': error('Not a facilitator') },
      },
    },
    '/api/permanence-dashboard.csv': {
      get: {
        tags: TAG,
        summary: 'The dashboard as CSV, one line per month and theme (facilitators)',
        parameters: [q('from', { type: 'string', format: 'date' }), q('to', { type: 'string', format: 'date' }), q('dialect', { type: 'string', enum: ['fr', 'en'], default: 'fr' })],
        responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, '401': error('Not logged in'), '403': error('Not a facilitator') },
      },
    },
  },
};
