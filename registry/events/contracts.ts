import { z } from 'zod';
import { EVENT_TYPES } from './schema.js';

/*
 * What the event and campaign routes answer (/api/events, /api/campaigns, a place's calendar
 * import), as zod schemas: the OpenAPI document is generated from them, the routes check what
 * they send against them (`satisfies`), the client takes its types from them (`import type`).
 * Plain zod, no database or HTTP import.
 */

const int = () => z.number().int();

/** A time slot as stored and answered (UTC instants, `YYYY-MM-DDTHH:MM:SSZ`). */
export const Slot = z.object({ id: int(), startsAt: z.string(), endsAt: z.string() });

/** Registration as answered: with the seats left when they are booked here. */
export const Registration = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('link'), url: z.string() }),
    z.object({ kind: z.literal('seats'), seats: int(), booked: int(), remaining: int() }),
  ])
  .describe('A link elsewhere, or seats booked here');

/** The place of an event, as much as lists and calendars need (never a person's address). */
export const EventPlace = z.object({
  slug: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

/** An event as the API answers it, with its description rendered. */
export const Event = z
  .object({
    id: int(),
    title: z.string(),
    type: z.enum(EVENT_TYPES),
    description: z.string().describe('Markdown, rendered like the wiki (no raw HTML)'),
    descriptionHtml: z.string(),
    audience: z.string(),
    accessibility: z.string(),
    free: z.boolean(),
    price: z.string(),
    registration: Registration,
    place: EventPlace,
    campaign: z.object({ slug: z.string(), title: z.string() }).nullable(),
    slots: z.array(Slot),
    importUid: z.string().nullable().describe('UID of the calendar entry it was imported from'),
    createdBy: int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Event' });
/** An event as the API answers it. */
export type Event = z.infer<typeof Event>;

/** GET /api/events. */
export const EventList = z.object({ total: int(), items: z.array(Event) });
/** GET /api/events. */
export type EventList = z.infer<typeof EventList>;

/** GET /api/events/{id}: the event with its schema.org JSON-LD and what the caller may do. */
export const EventDetail = Event.extend({
  jsonLd: z.record(z.string(), z.unknown()).describe('schema.org Event'),
  canEdit: z.boolean(),
  myBooking: int().describe('Seats the caller booked (0: none)'),
});
/** GET /api/events/{id}. */
export type EventDetail = z.infer<typeof EventDetail>;

/** POST /api/events/{id}/bookings: the event with seats left and the seats booked. */
export const EventBooked = Event.extend({ myBooking: int() });
/** POST /api/events/{id}/bookings. */
export type EventBooked = z.infer<typeof EventBooked>;

/** A campaign (Journées Portes Ouvertes) as listed. */
export const Campaign = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    startsOn: z.string().describe('YYYY-MM-DD'),
    endsOn: z.string().describe('YYYY-MM-DD'),
    regions: z.array(z.string()),
  })
  .meta({ id: 'Campaign' });
/** A campaign as listed. */
export type Campaign = z.infer<typeof Campaign>;

/** GET /api/campaigns. */
export const CampaignList = z.object({ items: z.array(Campaign) });
/** GET /api/campaigns. */
export type CampaignList = z.infer<typeof CampaignList>;

/** A campaign's places, counted by region (POST /api/campaigns/{slug}/places answers this). */
export const CampaignPlaces = z.object({
  total: int(),
  byRegion: z.array(z.object({ region: z.string(), places: int(), events: int() })),
  items: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      city: z.string().nullable(),
      region: z.string().nullable(),
      events: int(),
    }),
  ),
});
/** A campaign's places. */
export type CampaignPlaces = z.infer<typeof CampaignPlaces>;

/** GET /api/campaigns/{slug}: its places counted by region, its events by type, its programme. */
export const CampaignView = Campaign.extend({
  places: CampaignPlaces,
  events: z.object({
    total: int(),
    byType: z.array(z.object({ type: z.string(), count: int() })),
    items: z.array(Event),
  }),
});
/** GET /api/campaigns/{slug}. */
export type CampaignView = z.infer<typeof CampaignView>;

const Imported = z.object({ id: int(), uid: z.string(), title: z.string() });

/** What a calendar import did. */
export const ImportResult = z
  .object({
    created: z.array(Imported),
    updated: z.array(Imported),
    unchanged: z.array(Imported),
    deleted: z.array(Imported),
    skipped: z
      .array(z.object({ uid: z.string(), title: z.string(), reason: z.string() }))
      .describe('VEVENTs with no occurrence in the imported window'),
  })
  .meta({ id: 'ImportResult' });
/** What a calendar import did. */
export type ImportResult = z.infer<typeof ImportResult>;
