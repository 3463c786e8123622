import { Hono, type Context } from 'hono';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest, notFound } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { assertReadAccess, requireRole } from '../auth/middleware.js';
import { THEME_SLUGS } from '../../registry/themes.js';
import { findPerson } from '../../registry/people.js';
import {
  bookingsOf,
  bookingsOfRequest,
  listPermanences,
  type Booking,
} from '../../registry/permanences/store.js';
import { bookingCalendar, feedCalendar, sessionCalendar } from '../../registry/permanences/ical.js';
import {
  computePermanenceDashboard,
  permanenceDashboardCsv,
} from '../../registry/permanences/dashboard.js';
import { getRequest } from '../../registry/switchyard/requests.js';
import { seesBooking, sessionFor, viewerOf, type Viewer } from '../permanences/access.js';
import { describeRoute, errorAnswer, type ResponseDoc } from '../openapi/describe.js';
import {
  Booking as BookingContract,
  BookingWithSession,
  Permanence,
  PermanenceList,
} from '../contracts/permanences.js';

/**
 * Expert permanences (issue 11): /api/permanences, /api/bookings, the calendars (.ics) and the
 * experts' private feeds, the dashboard. Questions, notes and links never reach the public.
 */

const SLUG = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,120}$/, 'use lowercase letters, digits and dashes');

/** An ISO 8601 date-time with its offset ("2026-10-25T08:30:00+01:00" or "…Z"), as a Date. */
const Instant = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const d =
      /[T ]\d{2}:\d{2}/.test(s) && /(Z|[+-]\d{2}:?\d{2})$/.test(s)
        ? DateTime.fromISO(s, { setZone: true })
        : null;
    if (!d?.isValid) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-03T10:00:00+01:00',
      });
      return z.NEVER;
    }
    return d.toJSDate();
  });

/** A date or a date-time, for the list's bounds ("2026-03-01" is midnight in Paris). */
const Bound = z
  .string()
  .max(40)
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? DateTime.fromISO(s, { zone: 'Europe/Paris' })
      : DateTime.fromISO(s, { setZone: true });
    if (!d.isValid) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date or date-time' });
      return z.NEVER;
    }
    return d.toUTC().toISO()!;
  });

const PublishBody = z.object({
  expert: SLUG,
  title: z.string().trim().min(1, 'give the session a title').max(200),
  description: z.string().trim().max(5000).optional(),
  themes: z.array(z.enum(THEME_SLUGS)).max(10).optional(),
  format: z.enum(['individual', 'collective']),
  mode: z.enum(['remote', 'onsite']),
  place: SLUG.optional(),
  link: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
    .max(500)
    .optional(),
  startsAt: Instant,
  endsAt: Instant,
  capacity: z.number().int().min(1, 'at least one seat').max(500).optional(),
  rrule: z.string().trim().min(1).max(500).optional(),
});

const ChangeBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(5000).optional(),
    link: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
      .max(500)
      .nullable()
      .optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    capacity: z.number().int().min(1, 'at least one seat').max(500).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'nothing to change',
    path: ['startsAt'],
  });

const ListQuery = z.object({
  from: Bound,
  to: Bound,
  theme: z.enum(THEME_SLUGS).optional(),
  expert: SLUG.optional(),
  mode: z.enum(['remote', 'onsite']).optional(),
  format: z.enum(['individual', 'collective']).optional(),
  status: z.enum(['scheduled', 'all']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const BookBody = z.object({
  place: SLUG,
  question: z.string().trim().min(1, 'say what the place brings to the session').max(5000),
  request: z.number().int().positive().optional(),
});

const FollowupBody = z
  .object({
    attended: z.boolean().nullable().optional(),
    followup: z.string().trim().max(5000).nullable().optional(),
  })
  .refine((b) => b.attended !== undefined || b.followup !== undefined, {
    message: 'nothing to record',
    path: ['attended'],
  });

const BookingsQuery = z.object({
  request: z.coerce.number().int().positive().optional(),
});

const DashboardQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  dialect: z.enum(['fr', 'en']).optional(),
});

const parseId = (raw: string, what: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound(what);
  return id;
};

const viewer = (c: Context<AppEnv>): Viewer => viewerOf(c.get('db'), c.get('user'));
const service = (c: Context<AppEnv>) => c.get('services').permanences;

/** Answers an iCalendar file (`attachment` downloads it; a feed is shown inline). */
const icsAnswer = (c: Context<AppEnv>, body: string, filename: string, download = true) =>
  c.body(body, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${filename}"`,
  });

/** The session's JSON for the viewer (with the bookings they may see). */
function sessionJson(c: Context<AppEnv>, id: number) {
  const p = service(c).session(id);
  const v = viewer(c);
  return {
    ...sessionFor(v, p, c.get('user') ? bookingsOf(c.get('db'), id) : []),
    myPlace: v.place,
  };
}

const TAGS = ['permanences'];
const ID = { id: { schema: z.number().int().min(1) } };
const EXPERT_SLUG = { slug: { description: "The expert's slug" } };
const ics = (description: string): ResponseDoc => ({ description, contentType: 'text/calendar' });
const notLoggedIn = errorAnswer('Not logged in');
const theSession = { description: 'The session', schema: Permanence };
const theBooking = { description: 'The booking', schema: BookingContract };
const DOC = {
  list: describeRoute({
    tags: TAGS,
    summary: 'Sessions in time order (upcoming by default); seats, never questions',
    responses: {
      200: {
        description: 'Sessions, and the place the caller books for (`myPlace`)',
        schema: PermanenceList,
      },
      400: errorAnswer('A bad filter'),
    },
  }),
  publish: describeRoute({
    tags: TAGS,
    summary:
      'Publishes a permanence, one session or a series (facilitators; an expert for their own)',
    loggedIn: true,
    responses: {
      201: {
        description: 'Created: `id` is the first session, `sessions` every session of the series',
        schema: z.object({
          id: z.number().int(),
          sessions: z.array(z.number().int()),
          permanence: Permanence,
        }),
      },
      400: errorAnswer(
        'A bad field: unknown expert or place, end before start, capacity below 1, not a date, bad rrule',
      ),
      401: notLoggedIn,
      403: errorAnswer('Publishing for someone else without being a facilitator'),
    },
  }),
  get: describeRoute({
    tags: TAGS,
    summary: 'One session, with the bookings the caller may see',
    params: ID,
    responses: { 200: theSession, 404: errorAnswer('No such session') },
  }),
  change: describeRoute({
    tags: TAGS,
    summary: 'Moves or edits one session (its expert, facilitators); booked places are told',
    loggedIn: true,
    params: ID,
    responses: {
      200: theSession,
      400: errorAnswer('A bad field'),
      403: errorAnswer('Not its expert nor a facilitator'),
      404: errorAnswer('No such session'),
      409: errorAnswer('Cancelled'),
    },
  }),
  cancel: describeRoute({
    tags: TAGS,
    summary: 'Cancels one session (its expert, facilitators); booked places are told',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'The cancelled session', schema: Permanence },
      403: errorAnswer('Not its expert nor a facilitator'),
      404: errorAnswer('No such session'),
      409: errorAnswer('Already cancelled'),
    },
  }),
  book: describeRoute({
    tags: TAGS,
    summary: 'Books a seat for a place (contributors, for their own place; facilitators, for any)',
    loggedIn: true,
    params: ID,
    responses: {
      201: { description: 'Booked; confirmation mails queued', schema: BookingContract },
      400: errorAnswer('Unknown place or request'),
      401: notLoggedIn,
      403: errorAnswer('Role below contributor, or another place'),
      404: errorAnswer('No such session'),
      409: errorAnswer(
        '`full`: no seat left; `already_booked`: the place holds a seat; `not_bookable`: cancelled or started',
      ),
    },
  }),
  sessionIcs: describeRoute({
    tags: TAGS,
    summary: 'One session as iCalendar (Europe/Paris), public',
    params: ID,
    responses: { 200: ics('The .ics file'), 404: errorAnswer('No such session') },
  }),
  feed: describeRoute({
    tags: TAGS,
    summary: 'Public feed of the upcoming collective sessions',
    responses: { 200: ics('An iCalendar feed') },
  }),
  bookings: describeRoute({
    tags: TAGS,
    summary: 'The bookings attached to a switchyard request (its asker, facilitators)',
    loggedIn: true,
    responses: {
      200: {
        description: 'Bookings with their session',
        schema: z.object({ items: z.array(BookingWithSession) }),
      },
      400: errorAnswer('No request given'),
      401: notLoggedIn,
      404: errorAnswer('No such request'),
    },
  }),
  booking: describeRoute({
    tags: TAGS,
    summary: 'One booking (its place, the expert, facilitators)',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'The booking with its session', schema: BookingWithSession },
      401: notLoggedIn,
      404: errorAnswer('No such booking'),
    },
  }),
  cancelBooking: describeRoute({
    tags: TAGS,
    summary: 'Cancels a booking: the seat is free again; cancellation mails queued',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'The cancelled booking', schema: BookingContract },
      401: notLoggedIn,
      404: errorAnswer('No such booking'),
      409: errorAnswer('Already cancelled'),
    },
  }),
  followup: describeRoute({
    tags: TAGS,
    summary: 'Records attendance and the follow-up note (the expert, facilitators)',
    loggedIn: true,
    params: ID,
    responses: {
      200: theBooking,
      400: errorAnswer('Nothing to record'),
      403: errorAnswer('The booking place'),
      404: errorAnswer('No such booking'),
    },
  }),
  bookingIcs: describeRoute({
    tags: TAGS,
    summary: 'One booking as iCalendar, with its question',
    loggedIn: true,
    params: ID,
    responses: { 200: ics('The .ics file'), 401: notLoggedIn, 404: errorAnswer('No such booking') },
  }),
  expertIcs: describeRoute({
    tags: TAGS,
    summary:
      "An expert's private feed (sessions, booked places and questions), opened by its secret token",
    params: EXPERT_SLUG,
    query: { token: { description: 'The secret token of the feed', schema: z.string() } },
    responses: {
      200: ics('An iCalendar feed'),
      404: errorAnswer('Unknown expert, wrong or revoked token'),
    },
  }),
  tokenState: describeRoute({
    tags: TAGS,
    summary: 'Whether the expert has a live feed token (the expert, facilitators)',
    loggedIn: true,
    params: EXPERT_SLUG,
    responses: {
      200: { description: 'State', schema: z.object({ active: z.boolean() }) },
      401: notLoggedIn,
      404: errorAnswer('Unknown expert'),
    },
  }),
  newToken: describeRoute({
    tags: TAGS,
    summary: 'Creates or replaces the feed token, shown once (the expert, facilitators)',
    loggedIn: true,
    params: EXPERT_SLUG,
    responses: {
      201: {
        description: 'The token and the feed URL',
        schema: z.object({ token: z.string(), url: z.string() }),
      },
      401: notLoggedIn,
      404: errorAnswer('Unknown expert'),
    },
  }),
  revokeToken: describeRoute({
    tags: TAGS,
    summary: 'Revokes the feed token',
    loggedIn: true,
    params: EXPERT_SLUG,
    responses: { 204: { description: 'Revoked' }, 401: notLoggedIn, 404: errorAnswer('No token') },
  }),
  dashboard: describeRoute({
    tags: TAGS,
    summary:
      'Places helped per month and theme, attendance rate, requests resolved after a permanence (facilitators)',
    loggedIn: true,
    responses: {
      200: { description: 'The figures', schema: z.object({}).loose() },
      401: notLoggedIn,
      403: errorAnswer('Not a facilitator'),
    },
  }),
  dashboardCsv: describeRoute({
    tags: TAGS,
    summary: 'The dashboard as CSV, one line per month and theme (facilitators)',
    loggedIn: true,
    responses: {
      200: {
        description: 'CSV (French spreadsheet dialect by default; ?dialect=en for commas)',
        contentType: 'text/csv',
      },
      401: notLoggedIn,
      403: errorAnswer('Not a facilitator'),
    },
  }),
};

/** /api/permanences */
export const permanences = new Hono<AppEnv>()
  .get('/', DOC.list, queryParams(ListQuery), (c) => {
    assertReadAccess(c);
    const q = c.req.valid('query');
    const v = viewer(c);
    const from = q.from ?? (q.to ? undefined : new Date().toISOString());
    const items = listPermanences(c.get('db'), {
      ...q,
      from,
      includeCancelled: q.status === 'all',
    });
    // Lists carry seats, not bookings: each session's private part is on its own page.
    // `myPlace`: the place the caller books for (their registry profile's), for the booking forms.
    return c.json({
      items: items.map((p) => ({ ...sessionFor(v, p, []), bookings: undefined })),
      myPlace: v.place,
    } satisfies PermanenceList);
  })
  .post('/', DOC.publish, jsonBody(PublishBody), (c) => {
    const user = requireRole(c, 'reader');
    const ids = service(c).publish(viewerOf(c.get('db'), user), c.req.valid('json'));
    return c.json({ id: ids[0], sessions: ids, permanence: sessionJson(c, ids[0]) }, 201);
  })
  .get('/:id', DOC.get, (c) => {
    assertReadAccess(c);
    return c.json(sessionJson(c, parseId(c.req.param('id'), 'Permanence')) satisfies Permanence);
  })
  .patch('/:id', DOC.change, jsonBody(ChangeBody), (c) => {
    const user = requireRole(c, 'reader');
    const id = parseId(c.req.param('id'), 'Permanence');
    service(c).changeSession(viewerOf(c.get('db'), user), id, c.req.valid('json'));
    return c.json(sessionJson(c, id));
  })
  .delete('/:id', DOC.cancel, (c) => {
    const user = requireRole(c, 'reader');
    const id = parseId(c.req.param('id'), 'Permanence');
    service(c).cancelSession(viewerOf(c.get('db'), user), id);
    return c.json(sessionJson(c, id));
  })
  .post('/:id/bookings', DOC.book, jsonBody(BookBody), (c) => {
    const user = requireRole(c, 'contributor');
    const booking = service(c).book(
      viewerOf(c.get('db'), user),
      parseId(c.req.param('id'), 'Permanence'),
      c.req.valid('json'),
    );
    return c.json(booking satisfies BookingContract, 201);
  })
  .get('/:id/calendar.ics', DOC.sessionIcs, (c) => {
    assertReadAccess(c);
    const p = service(c).session(parseId(c.req.param('id'), 'Permanence'));
    return icsAnswer(c, sessionCalendar(service(c).calendar, p), `permanence-${p.id}.ics`);
  });

/** /api/permanences.ics: the public feed of upcoming collective sessions. */
export const permanencesFeed = new Hono<AppEnv>().get('/', DOC.feed, (c) => {
  assertReadAccess(c);
  const sessions = listPermanences(c.get('db'), {
    from: new Date().toISOString(),
    format: 'collective',
    includeCancelled: true,
    limit: 1000,
  });
  return icsAnswer(
    c,
    feedCalendar(service(c).calendar, 'Permanences collectives — Lieux Communs', sessions),
    'permanences.ics',
    false,
  );
});

/** /api/bookings */
export const bookings = new Hono<AppEnv>()
  .get('/', DOC.bookings, queryParams(BookingsQuery), (c) => {
    const user = requireRole(c, 'reader');
    const q = c.req.valid('query');
    const v = viewerOf(c.get('db'), user);
    if (q.request === undefined)
      throw badRequest('request', 'give the request whose bookings to list');
    const request = getRequest(c.get('db'), q.request);
    if (!request || (!v.facilitator && request.asker?.id !== user.id))
      throw notFound(`Request ${q.request}`);
    const items = bookingsOfRequest(c.get('db'), q.request).flatMap((b: Booking) => {
      const p = service(c).session(b.permanenceId);
      if (!seesBooking(v, p, b) && request.asker?.id !== user.id) return [];
      return [{ ...b, permanence: { ...sessionFor(v, p, []), bookings: undefined } }];
    });
    return c.json({ items } satisfies { items: BookingWithSession[] });
  })
  .get('/:id', DOC.booking, (c) => {
    const user = requireRole(c, 'reader');
    const { booking, session } = service(c).visibleBooking(
      viewerOf(c.get('db'), user),
      parseId(c.req.param('id'), 'Booking'),
    );
    return c.json({
      ...booking,
      permanence: {
        ...sessionFor(viewerOf(c.get('db'), user), session, [booking]),
        bookings: undefined,
      },
    });
  })
  .delete('/:id', DOC.cancelBooking, (c) => {
    const user = requireRole(c, 'reader');
    return c.json(
      service(c).cancelBooking(viewerOf(c.get('db'), user), parseId(c.req.param('id'), 'Booking')),
    );
  })
  .patch('/:id', DOC.followup, jsonBody(FollowupBody), (c) => {
    const user = requireRole(c, 'reader');
    return c.json(
      service(c).recordFollowup(
        viewerOf(c.get('db'), user),
        parseId(c.req.param('id'), 'Booking'),
        c.req.valid('json'),
      ),
    );
  })
  .get('/:id/calendar.ics', DOC.bookingIcs, (c) => {
    const user = requireRole(c, 'reader');
    const { booking, session } = service(c).visibleBooking(
      viewerOf(c.get('db'), user),
      parseId(c.req.param('id'), 'Booking'),
    );
    return icsAnswer(
      c,
      bookingCalendar(service(c).calendar, session, booking),
      `reservation-${booking.id}.ics`,
    );
  });

/** /api/experts: an expert's private calendar feed and its token. */
export const experts = new Hono<AppEnv>()
  .get('/:slug/calendar.ics', DOC.expertIcs, (c) => {
    const slug = c.req.param('slug');
    const token = c.req.query('token');
    const personId = token ? service(c).expertOfToken(slug, token) : undefined;
    // A wrong or revoked token answers like an unknown expert: nothing tells which it was.
    if (personId === undefined) throw notFound(`Calendar of ${slug}`);
    const db = c.get('db');
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const sessions = listPermanences(db, {
      expertId: personId,
      from: since,
      includeCancelled: true,
      limit: 1000,
    });
    const booked = new Map(sessions.map((p) => [p.id, bookingsOf(db, p.id)]));
    const name = findPerson(db, slug)?.name ?? slug;
    return icsAnswer(
      c,
      feedCalendar(service(c).calendar, `Permanences — ${name}`, sessions, booked),
      `${slug}.ics`,
      false,
    );
  })
  .get('/:slug/calendar-token', DOC.tokenState, (c) => {
    const user = requireRole(c, 'reader');
    const v = viewerOf(c.get('db'), user);
    const person = findPerson(c.get('db'), c.req.param('slug'));
    if (!person || (!v.facilitator && v.personId !== person.id))
      throw notFound(`Expert ${c.req.param('slug')}`);
    return c.json({ active: service(c).hasCalendarToken(person.id) });
  })
  .post('/:slug/calendar-token', DOC.newToken, (c) => {
    const user = requireRole(c, 'reader');
    const slug = c.req.param('slug');
    const token = service(c).newCalendarToken(viewerOf(c.get('db'), user), slug);
    const url = `${c.get('config').publicUrl}/api/experts/${slug}/calendar.ics?token=${encodeURIComponent(token)}`;
    return c.json({ token, url }, 201);
  })
  .delete('/:slug/calendar-token', DOC.revokeToken, (c) => {
    const user = requireRole(c, 'reader');
    if (!service(c).revokeCalendarToken(viewerOf(c.get('db'), user), c.req.param('slug')))
      throw notFound('Calendar token');
    return c.body(null, 204);
  });

/** /api/permanence-dashboard(.csv): facilitators. */
export const permanenceDashboard = new Hono<AppEnv>().get(
  '/',
  DOC.dashboard,
  queryParams(DashboardQuery),
  (c) => {
    requireRole(c, 'facilitator');
    return c.json(computePermanenceDashboard(c.get('db'), c.req.valid('query')));
  },
);

/** /api/permanence-dashboard.csv */
export const permanenceDashboardCsvRoute = new Hono<AppEnv>().get(
  '/',
  DOC.dashboardCsv,
  queryParams(DashboardQuery),
  (c) => {
    requireRole(c, 'facilitator');
    // French spreadsheets by default (`;`, BOM, French headers); `?dialect=en` for English ones.
    const csv = permanenceDashboardCsv(
      computePermanenceDashboard(c.get('db'), c.req.valid('query')),
      c.req.valid('query').dialect ?? 'fr',
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="permanences.csv"',
    });
  },
);
