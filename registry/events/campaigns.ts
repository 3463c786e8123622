import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import { invalid, missing, RegistryError } from '../errors.js';
import { normalizeRegion, REGIONS } from '../geo.js';
import { csvTable, type CsvDialect } from '../csv.js';
import { stmt } from '../store.js';
import type { CampaignInput } from './schema.js';
import {
  EVENT_SELECT,
  eventViews,
  jsonList,
  placeIdOf,
  type EventRow,
  type EventView,
} from './store.js';
import { EVENT_ZONE, parseDay } from './time.js';

/** A campaign (Journées Portes Ouvertes) as listed. */
export interface CampaignSummary {
  slug: string;
  title: string;
  description: string;
  startsOn: string;
  endsOn: string;
  regions: string[];
}

/** A campaign page: its places counted by region, its events by type, its programme. */
export interface CampaignView extends CampaignSummary {
  places: {
    total: number;
    byRegion: { region: string; places: number; events: number }[];
    items: {
      slug: string;
      name: string;
      city: string | null;
      region: string | null;
      events: number;
    }[];
  };
  events: { total: number; byType: { type: string; count: number }[]; items: EventView[] };
}

interface CampaignRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  starts_on: string;
  ends_on: string;
  regions: string;
}

const SQL_CAMPAIGN = `SELECT * FROM campaigns WHERE slug = @slug`;
const SQL_CAMPAIGNS = `SELECT * FROM campaigns ORDER BY starts_on DESC, slug`;
const SQL_INSERT = `INSERT INTO campaigns (slug, title, description, starts_on, ends_on, regions, created_by)
  VALUES (@slug, @title, @description, @starts_on, @ends_on, @regions, @created_by)`;
const SQL_JOIN = `INSERT OR IGNORE INTO campaign_places (campaign_id, place_id, joined_by) VALUES (@campaign_id, @place_id, @user_id)`;
const SQL_PARTICIPANTS = `SELECT p.slug, p.name, p.city, p.region,
    (SELECT COUNT(*) FROM events e WHERE e.place_id = p.id AND e.campaign_id = @id) AS events
  FROM places p WHERE p.id IN (SELECT place_id FROM campaign_places WHERE campaign_id = @id)
    OR p.id IN (SELECT place_id FROM events WHERE campaign_id = @id)
  ORDER BY p.name`;
const SQL_EVENTS = `${EVENT_SELECT} WHERE e.campaign_id = @id
  ORDER BY (SELECT MIN(s.starts_at) FROM event_slots s WHERE s.event_id = e.id), e.id`;

const summary = (r: CampaignRow): CampaignSummary => ({
  slug: r.slug,
  title: r.title,
  description: r.description,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  regions: jsonList(r.regions),
});

function campaignRow(db: Database, slug: string): CampaignRow {
  const row = stmt(db, SQL_CAMPAIGN).get({ slug }) as CampaignRow | undefined;
  if (!row) throw missing(`campaign "${slug}"`);
  return row;
}

/**
 * Creates a campaign. Regions are matched to their official names.
 * @throws RegistryError 400 naming the field (dates, regions), 409 when the slug is taken.
 */
export function createCampaign(
  db: Database,
  input: CampaignInput,
  userId: number | null,
): CampaignSummary {
  const startsOn = parseDay('startsOn', input.startsOn);
  const endsOn = parseDay('endsOn', input.endsOn);
  if (endsOn < startsOn) throw invalid('endsOn', 'the campaign ends before it starts');
  const regions = (input.regions ?? []).map((r, i) => {
    const official = normalizeRegion(r);
    if (!official || !(REGIONS as readonly string[]).includes(official))
      throw invalid(`regions.${i}`, `unknown region "${r}"`);
    return official;
  });
  if (stmt(db, SQL_CAMPAIGN).get({ slug: input.slug }))
    throw new RegistryError('conflict', `slug: a campaign "${input.slug}" already exists`, {
      field: 'slug',
    });
  stmt(db, SQL_INSERT).run({
    slug: input.slug,
    title: input.title,
    description: input.description ?? '',
    starts_on: startsOn,
    ends_on: endsOn,
    regions: JSON.stringify([...new Set(regions)]),
    created_by: userId,
  });
  return summary(campaignRow(db, input.slug));
}

/** Every campaign, the latest first. */
export function listCampaigns(db: Database): CampaignSummary[] {
  return (stmt(db, SQL_CAMPAIGNS).all() as CampaignRow[]).map(summary);
}

/** A place joins a campaign (again: nothing changes). @throws RegistryError 404 / 400 naming `place`. */
export function joinCampaign(
  db: Database,
  slug: string,
  placeSlug: string,
  userId: number | null,
): void {
  const c = campaignRow(db, slug);
  stmt(db, SQL_JOIN).run({
    campaign_id: c.id,
    place_id: placeIdOf(db, placeSlug),
    user_id: userId,
  });
}

const countBy = <T>(items: T[], key: (t: T) => string | null) => {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
};

/** A campaign with its places counted by region, its events by type, and its programme. @throws RegistryError 404. */
export function getCampaign(db: Database, slug: string): CampaignView {
  const row = campaignRow(db, slug);
  const places = stmt(db, SQL_PARTICIPANTS).all({ id: row.id }) as CampaignView['places']['items'];
  const events = eventViews(db, stmt(db, SQL_EVENTS).all({ id: row.id }) as EventRow[]);
  const placesByRegion = countBy(places, (p) => p.region ?? '—');
  const eventsByRegion = countBy(events, (e) => e.place.region ?? '—');
  const byType = countBy(events, (e) => e.type);
  return {
    ...summary(row),
    places: {
      total: places.length,
      byRegion: [...placesByRegion.entries()]
        .map(([region, n]) => ({ region, places: n, events: eventsByRegion.get(region) ?? 0 }))
        .sort((a, b) => b.places - a.places || a.region.localeCompare(b.region, 'fr')),
      items: places,
    },
    events: {
      total: events.length,
      byType: [...byType.entries()]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
      items: events,
    },
  };
}

const CSV_HEADERS: Record<CsvDialect, string[]> = {
  fr: [
    'date',
    'début',
    'fin',
    'titre',
    'type',
    'lieu',
    'adresse',
    'code postal',
    'ville',
    'région',
    'gratuit',
    'tarif',
    'inscription',
    'public',
    'accessibilité',
  ],
  en: [
    'date',
    'start',
    'end',
    'title',
    'type',
    'place',
    'address',
    'postcode',
    'city',
    'region',
    'free',
    'price',
    'registration',
    'audience',
    'accessibility',
  ],
};
const CSV_WORDS: Record<CsvDialect, { yes: string; no: string; seats: string }> = {
  fr: { yes: 'oui', no: 'non', seats: 'places' },
  en: { yes: 'yes', no: 'no', seats: 'seats' },
};
const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(EVENT_ZONE);

/**
 * The programme of a campaign as CSV for the press kit: one line per slot, day by day, dates and
 * times in Europe/Paris (French formats), in the spreadsheet dialect of `csvTable` (French by
 * default: `;` between fields; `en`: `,` and English headers), UTF-8 with a BOM.
 */
export function campaignCsv(view: CampaignView, dialect: CsvDialect = 'fr'): string {
  const words = CSV_WORDS[dialect];
  const lines: { key: string; cells: string[] }[] = [];
  for (const e of view.events.items) {
    const registration =
      e.registration.kind === 'link'
        ? e.registration.url
        : e.registration.kind === 'seats'
          ? `${e.registration.seats} ${words.seats}`
          : '';
    for (const s of e.slots) {
      const start = paris(s.startsAt);
      const end = paris(s.endsAt);
      lines.push({
        key: s.startsAt,
        cells: [
          start.toFormat('dd/LL/yyyy'),
          start.toFormat('HH:mm'),
          end.toFormat('HH:mm'),
          e.title,
          e.type,
          e.place.name,
          e.place.address ?? '',
          e.place.postcode ?? '',
          e.place.city ?? '',
          e.place.region ?? '',
          e.free ? words.yes : words.no,
          e.price,
          registration,
          e.audience,
          e.accessibility,
        ],
      });
    }
  }
  lines.sort((a, b) => a.key.localeCompare(b.key));
  return csvTable(
    CSV_HEADERS[dialect],
    lines.map((l) => l.cells),
    dialect,
  );
}
