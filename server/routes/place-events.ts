import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest, fromZodError } from '../errors.js';
import { requireRole } from '../auth/middleware.js';
import { requestHeader } from '../request-headers.js';
import { importCalendar } from '../../registry/events/ics-import.js';
import { getPlace } from '../../registry/places.js';
import { SLUG_RE } from '../../registry/schema.js';
import { fetchCalendar } from '../events/fetch-calendar.js';

const UrlBody = z.object({ url: z.string().trim().min(1).max(2000) });

/**
 * /api/places/{slug}/events/import: a place imports the calendar it keeps elsewhere, sent as
 * `text/calendar` or fetched from `{ url }` (http(s), timeout and size limit, no private address).
 */
export const placeEvents = new Hono<AppEnv>().post('/:slug/events/import', async (c) => {
  const user = requireRole(c, 'contributor');
  const slug = c.req.param('slug');
  if (!SLUG_RE.test(slug)) throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  getPlace(c.get('db'), slug);
  const type = (requestHeader(c, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  let text: string;
  if (type === 'text/calendar') {
    text = await c.req.text();
  } else if (type === 'application/json') {
    const parsed = UrlBody.safeParse(await c.req.json());
    if (!parsed.success) throw fromZodError(parsed.error);
    const config = c.get('config');
    text = await fetchCalendar(parsed.data.url, { timeoutMs: config.calendarFetchTimeoutMs, maxBytes: config.calendarMaxBytes, allowPrivate: config.calendarAllowPrivate });
  } else {
    throw badRequest('content-type', 'send the calendar as text/calendar, or { "url": … } as application/json');
  }
  if (!text.trim()) throw badRequest('calendar', 'the calendar is empty');
  return c.json(importCalendar(c.get('db'), slug, text, { userId: user.id }));
});
