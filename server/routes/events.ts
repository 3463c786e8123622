import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { forbidden, notFound } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { hasRole } from '../auth/users.js';
import { enqueueMail } from '../mail/queue.js';
import { csvList } from './registry-params.js';
import { EVENT_TYPES, EventSchema, EventUpdateSchema } from '../../registry/events/schema.js';
import {
  bookSeats,
  canEditEvent,
  cancelBooking,
  createEvent,
  deleteEvent,
  eventPlaceId,
  getEvent,
  myBooking,
  updateEvent,
  type EventView,
} from '../../registry/events/store.js';
import { listEvents, type EventQuery } from '../../registry/events/query.js';
import { eventsFeed, placeLocation } from '../../registry/events/ics-feed.js';
import { eventJsonLd } from '../../registry/events/json-ld.js';
import { frenchSlot } from '../../registry/events/time.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { Event, EventBooked, EventDetail, EventList } from '../../registry/events/contracts.js';

/** The event filters of the events page, the feeds and the map (`now=1`: "ouvert maintenant"). */
export const EventFilters = {
  from: z
    .string()
    .trim()
    .max(40)
    .optional()
    .describe(
      'Range start: a date (YYYY-MM-DD, that day from 00:00 Europe/Paris) or a date-time; default now',
    ),
  to: z
    .string()
    .trim()
    .max(40)
    .optional()
    .describe(
      'Range end: a date (that day included) or a date-time; an event is returned when one of its slots meets the range',
    ),
  region: csvList.describe('Regions of the places, comma-separated'),
  type: csvList
    .refine((v) => !v || v.every((t) => (EVENT_TYPES as readonly string[]).includes(t)), {
      message: `use ${EVENT_TYPES.join(', ')}`,
    })
    .describe(`Event types, comma-separated (${EVENT_TYPES.join(', ')})`),
  campaign: z.string().trim().max(120).optional().describe('Slug of a campaign'),
  place: z.string().trim().max(120).optional().describe('Slug of a place'),
  now: z
    .enum(['1', 'true', '0', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true')
    .describe('"1": only what is happening now ("ouvert maintenant"); wins over from/to'),
};
const ListQuery = z.object({
  ...EventFilters,
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('1–500'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Paging'),
});

const ID = { id: { schema: z.number().int().min(1) } };
const BookingBody = z.object({ seats: z.number().int().min(1).max(50).default(1) });

/** The event filters of a validated query, as `EventQuery`. */
export const eventQuery = (q: z.infer<z.ZodObject<typeof EventFilters>>): EventQuery => ({
  from: q.from || undefined,
  to: q.to || undefined,
  region: q.region,
  type: q.type,
  campaign: q.campaign || undefined,
  place: q.place || undefined,
  openNow: q.now,
});

const idParam = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id < 1) throw notFound(`event ${c.req.param('id')}`);
  return id;
};

/** An event with its description rendered like a wiki page (raw HTML off, wiki links resolved). */
export const withHtml = (c: Context<AppEnv>, e: EventView) => ({
  ...e,
  descriptionHtml: e.description ? c.get('services').wiki.preview(e.description) : '',
});

/** Refuses a write by someone who may not edit the event. @throws AppError 401/403. */
function assertCanEdit(c: Context<AppEnv>, id: number): void {
  const user = requireRole(c, 'contributor');
  const e = getEvent(c.get('db'), id);
  if (
    !canEditEvent(
      c.get('db'),
      { createdBy: e.createdBy, placeId: eventPlaceId(c.get('db'), id) },
      { id: user.id, facilitator: hasRole(user.role, 'facilitator') },
    )
  ) {
    throw forbidden(
      'Only the contributors of its place, its author and facilitators edit an event',
    );
  }
}

/** /api/events: the events of places. */
export const events = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['events'],
      summary: 'Events with a slot meeting the range and the filters, by first slot',
      responses: {
        200: { description: 'Events', schema: EventList },
        400: errorAnswer(
          'A filter that is not a date, an unknown campaign or place (names the field)',
        ),
      },
    }),
    readAccess,
    queryParams(ListQuery),
    (c) => {
      const q = c.req.valid('query');
      const { total, items } = listEvents(c.get('db'), {
        ...eventQuery(q),
        limit: q.limit,
        offset: q.offset,
      });
      return c.json({ total, items: items.map((e) => withHtml(c, e)) } satisfies EventList);
    },
  )
  .post(
    '/',
    describeRoute({
      tags: ['events'],
      summary: 'Publish an event (contributors and above)',
      responses: {
        201: { description: 'The event', schema: Event },
        400: errorAnswer(
          'A slot ending before it starts, no slot, an unknown place or campaign, a date that is not one (names the field)',
        ),
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Role too low'),
      },
    }),
    jsonBody(EventSchema),
    (c) => {
      const user = requireRole(c, 'contributor');
      const id = createEvent(c.get('db'), c.req.valid('json'), { userId: user.id });
      return c.json(withHtml(c, getEvent(c.get('db'), id)) satisfies Event, 201);
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags: ['events'],
      summary:
        'An event, with its schema.org Event JSON-LD, whether the caller may edit it and the seats they booked',
      params: ID,
      responses: {
        200: { description: 'The event', schema: EventDetail },
        404: errorAnswer('No such event'),
      },
    }),
    readAccess,
    (c) => {
      const id = idParam(c);
      const db = c.get('db');
      const e = getEvent(db, id);
      const user = c.get('user');
      const canEdit =
        user !== null &&
        hasRole(user.role, 'contributor') &&
        canEditEvent(
          db,
          { createdBy: e.createdBy, placeId: eventPlaceId(db, id) },
          { id: user.id, facilitator: hasRole(user.role, 'facilitator') },
        );
      return c.json({
        ...withHtml(c, e),
        jsonLd: eventJsonLd(e, c.get('config').publicUrl),
        canEdit,
        myBooking: user ? myBooking(db, id, user.id) : 0,
      } satisfies EventDetail);
    },
  )
  .put(
    '/:id',
    describeRoute({
      tags: ['events'],
      summary:
        'Update an event (its author, contributors of its place, facilitators); fields left out are kept',
      params: ID,
      responses: {
        200: { description: 'The event', schema: Event },
        400: errorAnswer('Bad field'),
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Not allowed'),
        404: errorAnswer('No such event'),
      },
    }),
    jsonBody(EventUpdateSchema),
    (c) => {
      const id = idParam(c);
      assertCanEdit(c, id);
      updateEvent(c.get('db'), id, c.req.valid('json'), { userId: c.get('user')!.id });
      return c.json(withHtml(c, getEvent(c.get('db'), id)) satisfies Event);
    },
  )
  .delete(
    '/:id',
    describeRoute({
      tags: ['events'],
      summary: 'Delete an event (same rights as updating)',
      params: ID,
      responses: {
        204: { description: 'Deleted' },
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Not allowed'),
        404: errorAnswer('No such event'),
      },
    }),
    (c) => {
      const id = idParam(c);
      assertCanEdit(c, id);
      deleteEvent(c.get('db'), id);
      return c.body(null, 204);
    },
  )
  .post(
    '/:id/bookings',
    describeRoute({
      tags: ['events'],
      summary: 'Book (or change) seats on an event registered here; a confirmation mail is queued',
      params: ID,
      responses: {
        201: { description: 'The event with seats left', schema: EventBooked },
        400: errorAnswer('The event takes no bookings'),
        401: errorAnswer('Not logged in'),
        409: errorAnswer('Too few seats left'),
      },
    }),
    jsonBody(BookingBody),
    (c) => {
      const user = requireRole(c, 'reader');
      const id = idParam(c);
      const { seats } = c.req.valid('json');
      const db = c.get('db');
      const publicUrl = c.get('config').publicUrl;
      // The confirmation is queued in the booking's transaction: no booking without its mail.
      const e = bookSeats(db, id, user.id, seats, (booked) =>
        enqueueMail(db, {
          to: user.email,
          subject: `Inscription confirmée : ${booked.title}`,
          text: [
            `Bonjour ${user.name},`,
            '',
            `Votre inscription (${seats} place${seats > 1 ? 's' : ''}) à « ${booked.title} » est enregistrée.`,
            ...booked.slots.map((s) => `- ${frenchSlot(s)}`),
            `Lieu : ${placeLocation(booked.place)}`,
            '',
            `${publicUrl}/evenements/${booked.id}`,
          ].join('\n'),
          kind: 'event-booking',
        }),
      );
      return c.json({ ...withHtml(c, e), myBooking: seats } satisfies EventBooked, 201);
    },
  )
  .delete(
    '/:id/bookings',
    describeRoute({
      tags: ['events'],
      summary: 'Cancel the caller’s booking',
      params: ID,
      responses: {
        204: { description: 'Cancelled' },
        401: errorAnswer('Not logged in'),
        404: errorAnswer('No booking'),
      },
    }),
    (c) => {
      const user = requireRole(c, 'reader');
      const id = idParam(c);
      getEvent(c.get('db'), id);
      if (!cancelBooking(c.get('db'), id, user.id)) throw notFound('booking');
      return c.body(null, 204);
    },
  );

const FeedQuery = z.object(EventFilters);

/** /api/events.ics: the events page's filters as an iCalendar feed (one VEVENT per slot). */
export const eventsIcs = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['events'],
    summary:
      'The same filters as an iCalendar feed (RFC 5545): one VEVENT per slot, stable UIDs, TZID Europe/Paris',
    responses: {
      200: { description: 'iCalendar', contentType: 'text/calendar', schema: z.string() },
      400: errorAnswer('Bad filter'),
    },
  }),
  readAccess,
  queryParams(FeedQuery),
  (c) => {
    const q = c.req.valid('query');
    const { items } = listEvents(c.get('db'), { ...eventQuery(q), limit: 5000 });
    const name = q.campaign
      ? `Lieux Communs : ${q.campaign}`
      : q.place
        ? `Lieux Communs : ${q.place}`
        : 'Lieux Communs : événements';
    return c.body(eventsFeed(items, { name, publicUrl: c.get('config').publicUrl }), 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="evenements.ics"',
    });
  },
);
