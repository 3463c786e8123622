import type { Database } from 'better-sqlite3';
import { missing } from './errors.js';
import { normalizeRegion, regionOfPostcode } from './geo.js';
import { dropNulls, mergeFields, PlaceSchema, type PlaceInput } from './schema.js';
import { searchText } from './search-text.js';
import { parseJson, registryChanged, stmt } from './store.js';
import type { Change } from './resources.js';
import type { PlaceFamily } from './types.js';

/** What a place needs or offers. */
export interface Exchange {
  skills?: string[];
  equipment?: string[];
  spaces?: string[];
}

/** A place as stored. */
export interface PlaceRecord {
  id: number;
  slug: string;
  name: string;
  address?: string;
  city?: string;
  postcode?: string;
  region?: string;
  families: PlaceFamily[];
  lat?: number;
  lon?: number;
  management?: string;
  networks: string[];
  needs: Exchange;
  offers: Exchange;
  website?: string;
  sourceRef?: string;
  extra: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface PlaceRow {
  id: number;
  slug: string;
  name: string;
  address: string | null;
  city: string | null;
  postcode: string | null;
  region: string | null;
  lat: number | null;
  lon: number | null;
  families: string;
  management: string | null;
  networks: string;
  needs: string;
  offers: string;
  website: string | null;
  source_ref: string | null;
  extra: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = [
  'slug',
  'name',
  'address',
  'city',
  'postcode',
  'region',
  'lat',
  'lon',
  'families',
  'management',
  'networks',
  'needs',
  'offers',
  'website',
  'extra',
  'search_text',
] as const;
type Params = Record<(typeof COLUMNS)[number], string | number | null>;

const SQL_PLACE_BY_SLUG = `SELECT * FROM places WHERE slug = @slug`;
const SQL_PLACE_BY_SOURCE = `SELECT * FROM places WHERE source_ref = @sourceRef`;
const SQL_PLACE_BY_ID = `SELECT * FROM places WHERE id = @id`;
const SQL_ALL_PLACES = `SELECT * FROM places ORDER BY slug`;
const SQL_INSERT_PLACE = `INSERT INTO places (${COLUMNS.join(', ')}, source_ref, created_at, updated_at)
  VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @source_ref, @now, @now)`;
const SQL_UPDATE_PLACE = `UPDATE places SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')},
  source_ref = COALESCE(@source_ref, source_ref), updated_at = @now WHERE id = @id`;
const SQL_DELETE_FAMILIES = `DELETE FROM place_families WHERE place_id = @id`;
const SQL_INSERT_FAMILY = `INSERT OR IGNORE INTO place_families (place_id, family) VALUES (@id, @family)`;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KNOWN_FIELDS = new Set(Object.keys(PlaceSchema.shape));
const COMPUTED_FIELDS = new Set(['id', 'sourceRef', 'createdAt', 'updatedAt', 'uses', 'people']);
const orUndef = <T>(v: T | null | undefined | '') =>
  v === null || v === undefined || v === '' ? undefined : v;

function toPlace(r: PlaceRow): PlaceRecord {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    address: orUndef(r.address),
    city: orUndef(r.city),
    postcode: orUndef(r.postcode),
    region: orUndef(r.region),
    families: parseJson<PlaceFamily[]>(r.families, []),
    lat: orUndef(r.lat),
    lon: orUndef(r.lon),
    management: orUndef(r.management),
    networks: parseJson<string[]>(r.networks, []),
    needs: parseJson<Exchange>(r.needs, {}),
    offers: parseJson<Exchange>(r.offers, {}),
    website: orUndef(r.website),
    sourceRef: orUndef(r.source_ref),
    extra: parseJson<Record<string, unknown>>(r.extra, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A place by slug, or undefined. */
export function findPlace(db: Database, slug: string): PlaceRecord | undefined {
  const row = stmt(db, SQL_PLACE_BY_SLUG).get({ slug }) as PlaceRow | undefined;
  return row && toPlace(row);
}

/** A place by slug. @throws RegistryError 404. */
export function getPlace(db: Database, slug: string): PlaceRecord {
  const p = findPlace(db, slug);
  if (!p) throw missing(`place "${slug}"`);
  return p;
}

/** Every place, by slug. */
export function listAllPlaces(db: Database): PlaceRecord[] {
  return (stmt(db, SQL_ALL_PLACES).all() as PlaceRow[]).map(toPlace);
}

const emptyExchange = (e: Exchange) =>
  !e.skills?.length && !e.equipment?.length && !e.spaces?.length;

/** The input-shaped view of a stored place (what a bundle carries). */
export function placeAsInput(p: PlaceRecord): PlaceInput {
  return dropNulls({
    ...p.extra,
    slug: p.slug,
    name: p.name,
    address: p.address,
    city: p.city,
    postcode: p.postcode,
    region: p.region,
    families: p.families.length ? p.families : undefined,
    lat: p.lat,
    lon: p.lon,
    management: p.management,
    networks: p.networks.length ? p.networks : undefined,
    needs: emptyExchange(p.needs) ? undefined : p.needs,
    offers: emptyExchange(p.offers) ? undefined : p.offers,
    website: p.website,
  }) as PlaceInput;
}

const cleanExchange = (e: PlaceInput['needs']): string =>
  JSON.stringify(
    e
      ? dropNulls({
          skills: e.skills ?? undefined,
          equipment: e.equipment ?? undefined,
          spaces: e.spaces ?? undefined,
        })
      : {},
  );

/** The `search_text` of a place: the stems of its name, city, networks, and the skills, equipment and spaces it needs or offers. */
export function placeSearchText(p: PlaceInput): string {
  return searchText([
    p.name,
    p.city,
    p.networks,
    p.needs?.skills,
    p.offers?.skills,
    p.offers?.equipment,
    p.offers?.spaces,
  ]);
}

function toParams(p: PlaceInput, extra: Record<string, unknown>): Params {
  // Region: official spelling; derived from the postcode when absent.
  const region = normalizeRegion(p.region) ?? regionOfPostcode(p.postcode) ?? null;
  return {
    slug: p.slug,
    name: p.name,
    address: p.address ?? null,
    city: p.city ?? null,
    postcode: p.postcode ?? null,
    region,
    lat: p.lat ?? null,
    lon: p.lon ?? null,
    families: JSON.stringify([...new Set(p.families ?? [])]),
    management: p.management ?? null,
    networks: JSON.stringify(p.networks ?? []),
    needs: cleanExchange(p.needs),
    offers: cleanExchange(p.offers),
    website: p.website ?? null,
    extra: JSON.stringify(extra),
    // Derived from the other columns and costly (stemming): computed only when the row is written.
    get search_text() {
      return placeSearchText(p);
    },
  };
}

function splitExtra(input: PlaceInput): { known: PlaceInput; extra: Record<string, unknown> } {
  const known: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    // Computed fields are not input; __proto__ & co. would reach the object's prototype.
    if (v === null || v === undefined || COMPUTED_FIELDS.has(k) || UNSAFE_KEYS.has(k)) continue;
    (KNOWN_FIELDS.has(k) ? known : extra)[k] = v;
  }
  return { known: known as PlaceInput, extra };
}

/**
 * Creates or updates a place ('merge' keeps fields the input leaves out and clears those sent as
 * null; 'replace' takes every field from the input).
 * `sourceRef` identifies a place from an external base (it wins over the slug when matching, so
 * a renamed place is updated, not duplicated). The same content twice changes nothing.
 */
export function upsertPlace(
  db: Database,
  input: PlaceInput,
  opts: { mode: 'merge' | 'replace'; sourceRef?: string; now?: string },
): { record: PlaceRecord; change: Change } {
  const now = opts.now ?? new Date().toISOString();
  const existing =
    (opts.sourceRef
      ? (stmt(db, SQL_PLACE_BY_SOURCE).get({ sourceRef: opts.sourceRef }) as PlaceRow | undefined)
      : undefined) ??
    (stmt(db, SQL_PLACE_BY_SLUG).get({ slug: input.slug }) as PlaceRow | undefined);
  const { known, extra } = splitExtra(input);
  if (existing) {
    const before = toPlace(existing);
    const fields =
      opts.mode === 'merge'
        ? mergeFields(splitExtra(placeAsInput(before)).known, input, known)
        : known;
    if (opts.sourceRef) fields.slug = existing.slug; // the slug of an existing place never moves
    const params = toParams(fields, { ...before.extra, ...extra });
    const same =
      COLUMNS.every((c) => c === 'search_text' || params[c] === existing[c]) &&
      (!opts.sourceRef || opts.sourceRef === existing.source_ref);
    if (same) return { record: before, change: 'unchanged' };
    db.transaction(() => {
      stmt(db, SQL_UPDATE_PLACE).run({
        ...params,
        id: existing.id,
        source_ref: opts.sourceRef ?? null,
        now,
      });
      writeFamilies(db, existing.id, fields.families ?? []);
    })();
    registryChanged(db);
    return {
      record: toPlace(stmt(db, SQL_PLACE_BY_ID).get({ id: existing.id }) as PlaceRow),
      change: 'updated',
    };
  }
  const params = toParams(known, extra);
  const id = db.transaction(() => {
    const newId = Number(
      stmt(db, SQL_INSERT_PLACE).run({ ...params, source_ref: opts.sourceRef ?? null, now })
        .lastInsertRowid,
    );
    writeFamilies(db, newId, known.families ?? []);
    return newId;
  })();
  registryChanged(db);
  return { record: toPlace(stmt(db, SQL_PLACE_BY_ID).get({ id }) as PlaceRow), change: 'created' };
}

function writeFamilies(db: Database, id: number, families: string[]): void {
  stmt(db, SQL_DELETE_FAMILIES).run({ id });
  const insert = stmt(db, SQL_INSERT_FAMILY);
  for (const family of families) insert.run({ id, family });
}

const SQL_KNOWN_NETWORKS = `SELECT DISTINCT n.value AS name FROM places p, json_each(p.networks) n WHERE trim(n.value) != '' ORDER BY n.value COLLATE NOCASE`;

/** Every network some place belongs to, in alphabetical order (the dashboard's filter offers them). */
export function knownNetworks(db: Database): string[] {
  return (stmt(db, SQL_KNOWN_NETWORKS).all() as { name: string }[]).map((r) => r.name);
}
