import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest, fromZodError } from '../errors.js';
import { requireRole } from '../auth/middleware.js';
import { hasRole } from '../auth/users.js';
import { canEditEvent, eventPlaceId, getEvent } from '../../registry/events/store.js';
import { queryParams } from '../validate.js';
import { describeRoute } from '../openapi/describe.js';
import { ImportResult } from '../../registry/events/contracts.js';
import { parseBound } from '../../registry/events/time.js';
import { requestHeader } from '../request-headers.js';
import { decodeCalendar } from '../../registry/events/ics-decode.js';
import { importCalendar } from '../../registry/events/ics-import.js';
import { getPlace } from '../../registry/places.js';
import { SLUG_RE } from '../../registry/schema.js';
import { fetchCalendar } from '../events/fetch-calendar.js';

/** The body of a calendar import by address (JSON; the route also takes text/calendar). */
export const UrlBody = z.object({
  url: z.string().trim().min(1).max(2000).describe('http(s) only; private addresses refused'),
});
// The window of occurrences kept: from `since` (default 31 days ago) to `until` (default a year after since or now).
const ImportQuery = z.object({
  since: z.string().trim().max(40).optional(),
  until: z.string().trim().max(40).optional(),
});

const describeImport = describeRoute({
  tags: ['events'],
  summary:
    'Import a place’s calendar (contributors): RRULE/EXDATE expanded, time zones honoured, idempotent by UID, all or nothing',
  requestBody: {
    content: { 'text/calendar': { schema: z.string() }, 'application/json': { schema: UrlBody } },
  },
  responses: {
    200: {
      description: 'Events created, updated, unchanged, deleted (STATUS:CANCELLED) and skipped',
      schema: ImportResult,
    },
    400: {
      description: 'Malformed calendar (field "calendar"), bad or private URL (field "url")',
      schema: 'error',
    },
    401: { description: 'Not logged in', schema: 'error' },
    403: {
      description:
        'Reader, or the calendar changes or cancels an event imported before that the caller may not edit (field "calendar")',
      schema: 'error',
    },
    404: { description: 'No such place', schema: 'error' },
    413: { description: 'Calendar too large', schema: 'error' },
  },
});

/**
 * /api/places/{slug}/events/import: a place imports the calendar it keeps elsewhere, sent as
 * `text/calendar` or fetched from `{ url }` (http(s), timeout and size limit, no private address).
 */
export const placeEvents = new Hono<AppEnv>().post(
  '/:slug/events/import',
  describeImport,
  queryParams(ImportQuery),
  async (c) => {
    const user = requireRole(c, 'contributor');
    const window = c.req.valid('query');
    const since = window.since ? new Date(parseBound('since', window.since, false)) : undefined;
    const until = window.until
      ? new Date(parseBound('until', window.until, true))
      : since
        ? new Date(Math.max(Date.now(), since.getTime()) + 366 * 86_400_000)
        : undefined;
    const slug = c.req.param('slug');
    if (!SLUG_RE.test(slug))
      throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
    getPlace(c.get('db'), slug);
    const type = (requestHeader(c, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    let text: string;
    if (type === 'text/calendar') {
      text = decodeCalendar(new Uint8Array(await c.req.arrayBuffer()));
    } else if (type === 'application/json') {
      const parsed = UrlBody.safeParse(await c.req.json());
      if (!parsed.success) throw fromZodError(parsed.error);
      const config = c.get('config');
      text = await fetchCalendar(parsed.data.url, {
        timeoutMs: config.calendarFetchTimeoutMs,
        maxBytes: config.calendarMaxBytes,
        allowPrivate: config.calendarAllowPrivate,
      });
    } else {
      throw badRequest(
        'content-type',
        'send the calendar as text/calendar, or { "url": … } as application/json',
      );
    }
    if (!text.trim()) throw badRequest('calendar', 'the calendar is empty');
    const db = c.get('db');
    // Changing or removing the events imported before follows the rule of editing them one by one.
    const editor = { id: user.id, facilitator: hasRole(user.role, 'facilitator') };
    const mayEdit = (id: number) =>
      canEditEvent(
        db,
        { createdBy: getEvent(db, id).createdBy, placeId: eventPlaceId(db, id) },
        editor,
      );
    const result = importCalendar(
      db,
      slug,
      text,
      { userId: user.id },
      { since, until, mayEdit, maxOccurrences: c.get('config').calendarMaxOccurrences },
    );
    return c.json(result satisfies ImportResult);
  },
);
