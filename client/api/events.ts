import { api, ApiError, csrfHeader } from './http.js';
import type { GeoPoint } from './registry.js';
// The answers' shapes are the events' contracts (registry/events/contracts.ts, the zod schemas the
// OpenAPI document is generated from); type-only imports, so nothing of the registry reaches the bundle.
import type {
  Campaign,
  CampaignView,
  Event,
  EventDetail as EventAnswer,
  ImportResult,
} from '../../registry/events/contracts.js';

/** Event types, in the order forms list them. */
export const EVENT_TYPES = [
  'visite',
  'atelier',
  'conference',
  'demonstration',
  'rencontre',
  'spectacle',
  'formation',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A time slot (UTC instants). */
export interface Slot {
  id?: number;
  startsAt: string;
  endsAt: string;
}

export type Registration =
  | { kind: 'none' }
  | { kind: 'link'; url: string }
  | { kind: 'seats'; seats: number; booked?: number; remaining?: number };

/** An event as the API answers it. */
export type EventItem = Event;

/** An event page's data. */
export type EventDetail = EventAnswer;

/** What `POST /api/events` takes. */
export interface EventInput {
  title: string;
  type: EventType;
  place: string;
  slots: { startsAt: string; endsAt: string }[];
  description?: string;
  campaign?: string | null;
  audience?: string;
  accessibility?: string;
  free?: boolean;
  price?: string;
  registration?: Registration | null;
}

/** The filters of the events page, the feeds and the map. */
export interface EventFilters {
  from?: string;
  to?: string;
  region?: string;
  type?: string;
  campaign?: string;
  place?: string;
  now?: boolean;
}

/** A campaign as listed. */
export type { Campaign };

/** A campaign page: its places by region, its events by type, its programme. */
export type CampaignDetail = CampaignView;

/** What a calendar import did. */
export type { ImportResult };

/** The query string of filters (empty ones left out), with a leading "?" when not empty. */
export function filterQuery(f: EventFilters & { limit?: number }): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || v === false) continue;
    p.set(k, v === true ? '1' : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const listEvents = (f: EventFilters & { limit?: number }) =>
  api<{ total: number; items: EventItem[] }>('GET', `/api/events${filterQuery(f)}`);
export const getEvent = (id: number) => api<EventDetail>('GET', `/api/events/${id}`);
export const createEvent = (input: EventInput) => api<EventItem>('POST', '/api/events', input);
export const updateEvent = (id: number, input: Partial<EventInput>) =>
  api<EventItem>('PUT', `/api/events/${id}`, input);
export const deleteEvent = (id: number) => api<null>('DELETE', `/api/events/${id}`);
export const bookSeats = (id: number, seats: number) =>
  api<EventItem & { myBooking: number }>('POST', `/api/events/${id}/bookings`, { seats });
export const cancelBooking = (id: number) => api<null>('DELETE', `/api/events/${id}/bookings`);
/** Map points of the places with matching events (the 5th item is their count). */
export const eventPoints = (f: EventFilters) =>
  api<{ points: GeoPoint[] }>('GET', `/api/map/places${filterQuery(f)}`);
/** The feed's address for the same filters. */
export const feedUrl = (f: EventFilters) => `/api/events.ics${filterQuery(f)}`;

export const listCampaigns = () => api<{ items: Campaign[] }>('GET', '/api/campaigns');
export const getCampaign = (slug: string) =>
  api<CampaignDetail>('GET', `/api/campaigns/${encodeURIComponent(slug)}`);
export const createCampaign = (input: {
  slug: string;
  title: string;
  startsOn: string;
  endsOn: string;
  regions?: string[];
  description?: string;
}) => api<Campaign>('POST', '/api/campaigns', input);
export const joinCampaign = (slug: string, place: string) =>
  api<unknown>('POST', `/api/campaigns/${encodeURIComponent(slug)}/places`, { place });

/** Imports a calendar into a place's events, from a URL or an .ics file's text. */
export async function importCalendar(
  place: string,
  source: { url: string } | { text: string },
): Promise<ImportResult> {
  if ('url' in source)
    return api<ImportResult>('POST', `/api/places/${encodeURIComponent(place)}/events/import`, {
      url: source.url,
    });
  // Sent as text/calendar: api() only speaks JSON.
  const res = await fetch(`/api/places/${encodeURIComponent(place)}/events/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/calendar', accept: 'application/json', ...csrfHeader() },
    body: source.text,
    credentials: 'same-origin',
  });
  const data = await res.json();
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.error?.code ?? 'http_error',
      data?.error?.message ?? res.statusText,
      data?.error ?? {},
    );
  return data as ImportResult;
}
