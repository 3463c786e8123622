import type { Database } from 'better-sqlite3';
import type { FacetValue } from './query.js';
import {
  isVisible,
  listAllPeople,
  listPublicPeople,
  publicPerson,
  type PublicPerson,
} from './people.js';
import { queryStems } from './search-text.js';
import { cachedByVersion, parseJson, stmt } from './store.js';
import { foldAccents } from './text/french.js';
import { ftsPrefix, ftsStatement } from './text/fts.js';
import { THEMES, type ThemeSlug } from './themes.js';
import type { PlaceFamily } from './types.js';

/**
 * Directories of places and people: filters, facets and paging over in-memory lists rebuilt when
 * registry data changes (a few thousand places at most). The public people directory is built
 * from the `public_people` view only, so hidden people cannot leak through it; the facilitators'
 * directory (`includeHidden`) is a separate index over every person.
 */

/** A place in lists and on the map. */
export interface PlaceSummary {
  slug: string;
  name: string;
  city: string | null;
  postcode: string | null;
  region: string | null;
  families: PlaceFamily[];
  lat: number | null;
  lon: number | null;
}

interface IndexedPlace extends PlaceSummary {
  id: number;
}

const SQL_PLACES = `SELECT id, slug, name, city, postcode, region, families, lat, lon FROM places`;

function placeIndex(db: Database): IndexedPlace[] {
  return cachedByVersion(db, 'place-index', () => {
    const rows = stmt(db, SQL_PLACES).all() as (Omit<PlaceSummary, 'families'> & {
      id: number;
      families: string;
    })[];
    return rows
      .map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        city: r.city,
        postcode: r.postcode,
        region: r.region,
        families: parseJson<PlaceFamily[]>(r.families, []),
        lat: r.lat,
        lon: r.lon,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  });
}

/** Place filters. */
export interface PlaceQuery {
  q?: string;
  region?: string[];
  family?: string[];
  /** West, south, east, north in degrees. */
  bbox?: [number, number, number, number];
  limit?: number;
  offset?: number;
}

const bump = (m: Map<string, number>, values: (string | null)[]) => {
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
};
const facetList = (m: Map<string, number>, labels?: Map<string, string>): FacetValue[] =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))
    .map(([value, count]) =>
      labels?.has(value) ? { value, count, label: labels.get(value)! } : { value, count },
    );

/**
 * Ids of the rows of a directory's full-text table (`places_fts`, `people_fts`; see
 * migrations/0016_fts.sql) matching free text, or undefined when the text has no word (no filter).
 * Every word must match, as the start of a word of the name (and city, skills…), or as the start
 * of a stem of the analysed text.
 */
function textMatch(
  db: Database,
  table: 'places_fts' | 'people_fts',
  q: string | undefined,
): Set<number> | undefined {
  if (!q || !q.trim()) return undefined;
  const words = foldAccents(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => ({ w, stem: queryStems(w)[0] }));
  if (words.length === 0) return undefined;
  const match = words
    .map(
      ({ w, stem }) =>
        `(name : ${ftsPrefix(w)}${stem !== undefined ? ` OR terms : ${ftsPrefix(stem)}` : ''})`,
    )
    .join(' AND ');
  return new Set(
    ftsStatement(db, `SELECT rowid FROM ${table} WHERE ${table} MATCH @match`)
      .pluck()
      .all({ match }) as number[],
  );
}

/** Searches places; facets count with every filter but their own. */
export function searchPlaces(
  db: Database,
  query: PlaceQuery,
): {
  total: number;
  items: PlaceSummary[];
  facets: { region: FacetValue[]; family: FacetValue[] };
} {
  const match = textMatch(db, 'places_fts', query.q);
  const regions = query.region?.length ? new Set(query.region) : undefined;
  const families = query.family?.length ? new Set(query.family) : undefined;
  const bbox = query.bbox;
  const regionCounts = new Map<string, number>();
  const familyCounts = new Map<string, number>();
  const hits: PlaceSummary[] = [];
  for (const p of placeIndex(db)) {
    if (match && !match.has(p.id)) continue;
    if (
      bbox &&
      (p.lat === null ||
        p.lon === null ||
        p.lon < bbox[0] ||
        p.lat < bbox[1] ||
        p.lon > bbox[2] ||
        p.lat > bbox[3])
    )
      continue;
    const okRegion = !regions || (p.region !== null && regions.has(p.region));
    const okFamily = !families || p.families.some((f) => families.has(f));
    if (okFamily) bump(regionCounts, [p.region]);
    if (okRegion) bump(familyCounts, p.families);
    if (okRegion && okFamily) hits.push(p);
  }
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  return {
    total: hits.length,
    items: hits
      .slice(offset, offset + limit)
      .map(({ slug, name, city, postcode, region, families: fam, lat, lon }) => ({
        slug,
        name,
        city,
        postcode,
        region,
        families: fam,
        lat,
        lon,
      })),
    facets: { region: facetList(regionCounts), family: facetList(familyCounts) },
  };
}

/** Every matching place with coordinates, compact, for the map: [lat, lon, slug, name]. */
export function placePoints(
  db: Database,
  query: Pick<PlaceQuery, 'region' | 'family'>,
): [number, number, string, string][] {
  const regions = query.region?.length ? new Set(query.region) : undefined;
  const families = query.family?.length ? new Set(query.family) : undefined;
  const out: [number, number, string, string][] = [];
  for (const p of placeIndex(db)) {
    if (p.lat === null || p.lon === null) continue;
    if (regions && (p.region === null || !regions.has(p.region))) continue;
    if (families && !p.families.some((f) => families.has(f))) continue;
    out.push([p.lat, p.lon, p.slug, p.name]);
  }
  return out;
}

interface IndexedPerson {
  id: number;
  person: PublicPerson;
  /** Neither contactable nor public: only facilitators (and the person) may see it. */
  hidden: boolean;
}

/** The people directory's index: public people only, or everyone (`all`, for facilitators). */
function peopleIndex(db: Database, all: boolean): IndexedPerson[] {
  return cachedByVersion(db, all ? 'people-index-all' : 'people-index', () =>
    (all ? listAllPeople(db) : listPublicPeople(db))
      .map((p) => ({ id: p.id, person: publicPerson(p), hidden: !isVisible(p) }))
      .sort((a, b) => a.person.name.localeCompare(b.person.name, 'fr')),
  );
}

/** A person in the directory; `hidden` is only present in the facilitators' directory. */
export type DirectoryPerson = PublicPerson & { hidden?: boolean };

/** Person filters. */
export interface PeopleQuery {
  q?: string;
  theme?: string[];
  region?: string[];
  /** Only people who accept to be contacted. */
  contactable?: boolean;
  /**
   * Hidden people too (neither contactable nor public), each item then saying `hidden`: for
   * facilitators only, the caller checks the role.
   */
  includeHidden?: boolean;
  limit?: number;
  offset?: number;
}

const THEME_LABELS = new Map<string, string>(THEMES.map((t) => [t.slug, t.fr]));

/**
 * Searches the people public reads may show (or everyone with `includeHidden`); facets count
 * with every filter but their own.
 */
export function searchPeople(
  db: Database,
  query: PeopleQuery,
): {
  total: number;
  items: DirectoryPerson[];
  facets: { theme: FacetValue[]; region: FacetValue[] };
} {
  const all = query.includeHidden === true;
  const match = textMatch(db, 'people_fts', query.q);
  const themes = query.theme?.length ? new Set(query.theme) : undefined;
  const regions = query.region?.length ? new Set(query.region) : undefined;
  const themeCounts = new Map<string, number>();
  const regionCounts = new Map<string, number>();
  const hits: DirectoryPerson[] = [];
  for (const { id, person, hidden } of peopleIndex(db, all)) {
    if (match && !match.has(id)) continue;
    if (query.contactable && !person.contactable) continue;
    const okTheme = !themes || person.themes.some((t: ThemeSlug) => themes.has(t));
    const okRegion = !regions || (person.region !== null && regions.has(person.region));
    if (okRegion) bump(themeCounts, person.themes);
    if (okTheme) bump(regionCounts, [person.region]);
    if (okTheme && okRegion) hits.push(all ? { ...person, hidden } : person);
  }
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  return {
    total: hits.length,
    items: hits.slice(offset, offset + limit),
    facets: { theme: facetList(themeCounts, THEME_LABELS), region: facetList(regionCounts) },
  };
}
