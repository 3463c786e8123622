import { DateTime } from 'luxon';
import type { EventView } from './store.js';
import { EVENT_ZONE } from './time.js';

const paris = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).setZone(EVENT_ZONE).toISO({ suppressMilliseconds: true })!;

/**
 * The schema.org `Event` of an event (JSON-LD), as search engines read it: dates with their
 * Europe/Paris offset, the place with its postal address and coordinates, one sub-event per slot
 * when there are several.
 */
export function eventJsonLd(e: EventView, publicUrl: string): Record<string, unknown> {
  const url = `${publicUrl}/evenements/${e.id}`;
  const first = e.slots[0];
  const last = e.slots.reduce((a, s) => (s.endsAt > a.endsAt ? s : a), first);
  const location: Record<string, unknown> = {
    '@type': 'Place',
    name: e.place.name,
    url: `${publicUrl}/lieux/${e.place.slug}`,
    address: {
      '@type': 'PostalAddress',
      streetAddress: e.place.address ?? undefined,
      postalCode: e.place.postcode ?? undefined,
      addressLocality: e.place.city ?? undefined,
      addressRegion: e.place.region ?? undefined,
      addressCountry: 'FR',
    },
  };
  if (e.place.lat !== null && e.place.lon !== null)
    location.geo = { '@type': 'GeoCoordinates', latitude: e.place.lat, longitude: e.place.lon };
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    description: e.description || undefined,
    url,
    startDate: first ? paris(first.startsAt) : undefined,
    endDate: last ? paris(last.endsAt) : undefined,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    isAccessibleForFree: e.free,
    location,
    organizer: {
      '@type': 'Organization',
      name: e.place.name,
      url: `${publicUrl}/lieux/${e.place.slug}`,
    },
    audience: e.audience ? { '@type': 'Audience', audienceType: e.audience } : undefined,
  };
  if (e.registration.kind === 'link')
    ld.offers = {
      '@type': 'Offer',
      url: e.registration.url,
      availability: 'https://schema.org/InStock',
    };
  if (e.registration.kind === 'seats') {
    ld.maximumAttendeeCapacity = e.registration.seats;
    ld.remainingAttendeeCapacity = e.registration.remaining;
    ld.offers = {
      '@type': 'Offer',
      url,
      availability:
        e.registration.remaining > 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
    };
  }
  if (e.slots.length > 1) {
    ld.subEvent = e.slots.map((s) => ({
      '@type': 'Event',
      name: e.title,
      startDate: paris(s.startsAt),
      endDate: paris(s.endsAt),
      location: { '@type': 'Place', name: e.place.name },
    }));
  }
  return JSON.parse(JSON.stringify(ld)) as Record<string, unknown>;
}
