import { api } from './http.js';
// The wire shapes are the server's contracts (server/contracts/permanences.ts, the zod schemas the
// OpenAPI document is generated from) and own types; type-only imports: nothing of the server is bundled.
import type { RecordRef } from '../../registry/permanences/store.js';
import type { PermanenceDashboard } from '../../registry/permanences/dashboard.js';
import type {
  Booking,
  BookingWithSession,
  Permanence,
  PermanenceList,
} from '../../server/contracts/permanences.js';

export type { Booking, Permanence, PermanenceDashboard, RecordRef };

/** Filters of the sessions list. */
export interface PermanenceFilter {
  from?: string;
  to?: string;
  theme?: string;
  expert?: string;
  mode?: string;
}

/** What publishing a permanence takes. */
export interface PublishInput {
  expert: string;
  title: string;
  description?: string;
  themes?: string[];
  format: 'individual' | 'collective';
  mode: 'remote' | 'onsite';
  place?: string;
  link?: string;
  startsAt: string;
  endsAt: string;
  capacity?: number;
  rrule?: string;
}

const qs = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** Upcoming sessions (or those of the filter's period), and the place the caller books for. */
export const listPermanences = (f: PermanenceFilter = {}) =>
  api<PermanenceList>('GET', `/api/permanences${qs({ ...f })}`);
/** One session, with the bookings the caller may see. */
export const getPermanence = (id: number) => api<Permanence>('GET', `/api/permanences/${id}`);
/** Publishes a permanence (one session or a series). */
export const publishPermanence = (body: PublishInput) =>
  api<{ id: number; sessions: number[] }>('POST', '/api/permanences', body);
/** Cancels one session. */
export const cancelSession = (id: number) => api<Permanence>('DELETE', `/api/permanences/${id}`);
/** Books a seat for a place, optionally for a switchyard request. */
export const bookSession = (
  id: number,
  body: { place: string; question: string; request?: number },
) => api<Booking>('POST', `/api/permanences/${id}/bookings`, body);
/** Cancels a booking. */
export const cancelBooking = (id: number) => api<Booking>('DELETE', `/api/bookings/${id}`);
/** Records attendance and the follow-up note. */
export const recordFollowup = (
  id: number,
  body: { attended?: boolean | null; followup?: string | null },
) => api<Booking>('PATCH', `/api/bookings/${id}`, body);
/** The bookings attached to a switchyard request. */
export const bookingsOfRequest = (requestId: number) =>
  api<{ items: BookingWithSession[] }>('GET', `/api/bookings?request=${requestId}`);
/** Whether an expert's private feed is on. */
export const calendarTokenState = (slug: string) =>
  api<{ active: boolean }>('GET', `/api/experts/${encodeURIComponent(slug)}/calendar-token`);
/** Creates (or replaces) an expert's private feed address. */
export const newCalendarToken = (slug: string) =>
  api<{ token: string; url: string }>(
    'POST',
    `/api/experts/${encodeURIComponent(slug)}/calendar-token`,
  );
/** Revokes an expert's private feed. */
export const revokeCalendarToken = (slug: string) =>
  api<null>('DELETE', `/api/experts/${encodeURIComponent(slug)}/calendar-token`);
/** The dashboard (facilitators). */
export const getPermanenceDashboard = (q: { from?: string; to?: string }) =>
  api<PermanenceDashboard>('GET', `/api/permanence-dashboard${qs(q)}`);
/** The dashboard's CSV address. */
export const permanenceDashboardCsvUrl = (q: { from?: string; to?: string }) =>
  `/api/permanence-dashboard.csv${qs(q)}`;
/** A session's .ics address. */
export const sessionIcsUrl = (id: number) => `/api/permanences/${id}/calendar.ics`;
/** A booking's .ics address. */
export const bookingIcsUrl = (id: number) => `/api/bookings/${id}/calendar.ics`;
/** The public feed of collective sessions. */
export const PUBLIC_FEED_URL = '/api/permanences.ics';
