import type { Database } from 'better-sqlite3';
import { distanceKm } from './geo.js';
import { licenseGroup, type LicenseFlag } from './licenses.js';
import { effectiveStatus, type QualificationStatus } from './qualification.js';
import { queryStems } from './search-text.js';
import { cachedByVersion, parseJson, stmt } from './store.js';
import { foldAccents } from './text/french.js';
import { ftsPrefix, ftsStatement } from './text/fts.js';
import { THEMES, type ThemeSlug } from './themes.js';
import type { ResourceKind, ResourceStatus } from './types.js';

/**
 * Faceted search over resources. The filterable attributes of every resource (a few hundred
 * bytes each) are kept in an in-memory index per database, rebuilt when `registryVersion`
 * moves; free text is matched by the `resources_fts` table (SQLite FTS5, kept by triggers), and a
 * query is then a single pass in JavaScript: filters, disjunctive facet counts (each facet
 * counted with every filter but its own), relevance, "near me" distance and paging.
 */

/** A facet value and how many resources have it. */
export interface FacetValue {
  value: string;
  count: number;
  label?: string;
}

/** A resource in lists. */
export interface ResourceSummary {
  slug: string;
  name: string;
  kind: ResourceKind;
  summary: string;
  themes: ThemeSlug[];
  license: string | null;
  licenseFlag: LicenseFlag;
  status: ResourceStatus;
  qualification: { status: QualificationStatus };
  usageCount: number;
  referentCount: number;
  distanceKm?: number;
}

/** Filters, ordering and paging of a resource search. Multi-valued filters are ORed within a facet. */
export interface ResourceQuery {
  q?: string;
  theme?: string[];
  kind?: string[];
  license?: string[];
  qualification?: string[];
  /** Default: every status but "archived". */
  status?: string[];
  /** Region of the places that use the resource. */
  region?: string[];
  near?: { lat: number; lon: number };
  sort?: 'relevance' | 'name' | 'recent' | 'usage' | 'distance';
  limit?: number;
  offset?: number;
}

/** A page of results with facets. */
export interface ResourceResults {
  total: number;
  items: ResourceSummary[];
  facets: Record<'theme' | 'kind' | 'license' | 'qualification' | 'region', FacetValue[]>;
}

/** The facets, in a fixed order: their position is their index in per-item and per-query arrays. */
const FACETS = ['theme', 'kind', 'license', 'qualification', 'region'] as const;
type FacetName = (typeof FACETS)[number];
const QUALIFICATIONS: readonly QualificationStatus[] = [
  'proposed',
  'under-review',
  'qualified',
  'to-review',
];
const QUALIFICATION_IDS = new Map<string, readonly number[]>(
  QUALIFICATIONS.map((q, i) => [q, [i]]),
);

interface Indexed {
  id: number;
  slug: string;
  name: string;
  kind: ResourceKind;
  summary: string;
  themes: ThemeSlug[];
  license: string | null;
  licenseFlag: LicenseFlag;
  status: ResourceStatus;
  qualification: string;
  qualifiedUntil: string | null;
  updatedAt: string;
  points: [number, number][];
  usageCount: number;
  referentCount: number;
  /** Facet values as small integers (ids in `Index.values`), for counting without string keys. */
  themeIds: number[];
  kindIds: readonly number[];
  licenseIds: readonly number[];
  regionIds: number[];
}

interface Index {
  items: Indexed[];
  /** Per facet (but qualification, which is fixed): the distinct values, their id being the position. */
  values: Record<Exclude<FacetName, 'qualification'>, string[]>;
}

const SQL_INDEX_RESOURCES = `SELECT id, slug, name, kind, summary, themes, license, license_flag, status, qualification,
  qualified_until, updated_at FROM resources`;
const SQL_INDEX_USAGES = `SELECT u.resource_id, p.region, p.lat, p.lon FROM usages u JOIN places p ON p.id = u.place_id WHERE u.status = 'uses'`;
const SQL_INDEX_REFERENTS = `SELECT x.resource_id, COUNT(*) AS n FROM referents x JOIN public_people pe ON pe.id = x.person_id GROUP BY x.resource_id`;

/** Interns strings as small integers. */
function dictionary() {
  const ids = new Map<string, number>();
  const values: string[] = [];
  return {
    values,
    id(v: string): number {
      let id = ids.get(v);
      if (id === undefined) {
        id = values.length;
        values.push(v);
        ids.set(v, id);
      }
      return id;
    },
  };
}

function buildIndex(db: Database): Index {
  const rows = stmt(db, SQL_INDEX_RESOURCES).all() as {
    id: number;
    slug: string;
    name: string;
    kind: ResourceKind;
    summary: string;
    themes: string;
    license: string | null;
    license_flag: LicenseFlag;
    status: ResourceStatus;
    qualification: string;
    qualified_until: string | null;
    updated_at: string;
  }[];
  const themes = dictionary();
  const kinds = dictionary();
  const licenses = dictionary();
  const regions = dictionary();
  const byId = new Map<number, Indexed>();
  const items = rows.map((r) => {
    const themeList = parseJson<ThemeSlug[]>(r.themes, []);
    const item: Indexed = {
      id: r.id,
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      summary: r.summary,
      themes: themeList,
      license: r.license,
      licenseFlag: r.license_flag,
      status: r.status,
      qualification: r.qualification,
      qualifiedUntil: r.qualified_until,
      updatedAt: r.updated_at,
      points: [],
      usageCount: 0,
      referentCount: 0,
      themeIds: themeList.map((t) => themes.id(t)),
      kindIds: [kinds.id(r.kind)],
      // SPDX variants of one licence (-only, -or-later, the bare deprecated id) are one facet value.
      licenseIds: r.license ? [licenses.id(licenseGroup(r.license))] : [],
      regionIds: [],
    };
    byId.set(r.id, item);
    return item;
  });
  for (const u of stmt(db, SQL_INDEX_USAGES).all() as {
    resource_id: number;
    region: string | null;
    lat: number | null;
    lon: number | null;
  }[]) {
    const item = byId.get(u.resource_id);
    if (!item) continue;
    item.usageCount++;
    if (u.region) {
      const id = regions.id(u.region);
      if (!item.regionIds.includes(id)) item.regionIds.push(id);
    }
    if (u.lat !== null && u.lon !== null) item.points.push([u.lat, u.lon]);
  }
  for (const x of stmt(db, SQL_INDEX_REFERENTS).all() as { resource_id: number; n: number }[]) {
    const item = byId.get(x.resource_id);
    if (item) item.referentCount = x.n;
  }
  items.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    items,
    values: {
      theme: themes.values,
      kind: kinds.values,
      license: licenses.values,
      region: regions.values,
    },
  };
}

const index = (db: Database): Index => cachedByVersion(db, 'resource-index', () => buildIndex(db));

const THEME_LABELS = new Map<string, string>(THEMES.map((t) => [t.slug, t.fr]));

/** Flags of the wanted value ids of one facet (undefined: no filter on that facet). */
function wantedFlags(
  values: readonly string[],
  wanted: string[] | undefined,
  fold = false,
): Uint8Array | undefined {
  if (!wanted || !wanted.length) return undefined;
  const set = new Set(fold ? wanted.map((w) => w.toLowerCase()) : wanted);
  const flags = new Uint8Array(values.length);
  values.forEach((v, id) => {
    if (set.has(fold ? v.toLowerCase() : v)) flags[id] = 1;
  });
  return flags;
}

const anyFlag = (ids: readonly number[], flags: Uint8Array) => {
  for (const id of ids) if (flags[id] === 1) return true;
  return false;
};

const SQL_MATCH = `SELECT rowid FROM resources_fts WHERE resources_fts MATCH @match`;

/**
 * Relevance of the resources matching free text, by id, through the `resources_fts` table
 * (migrations/0016_fts.sql): 1 for each query stem that begins a stem of the resource's analysed
 * text, 3 for each query word that begins a word of its name. Undefined when the text has no stem
 * (no text filter); a resource absent from the map does not match.
 */
function textScores(db: Database, q: string | undefined): Map<number, number> | undefined {
  const stems = queryStems(q);
  if (!q || stems.length === 0) return undefined;
  const words = foldAccents(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  const scores = new Map<number, number>();
  const match = ftsStatement(db, SQL_MATCH).pluck();
  const add = (expression: string, points: number) => {
    for (const id of match.all({ match: expression }) as number[])
      scores.set(id, (scores.get(id) ?? 0) + points);
  };
  for (const s of stems) add(`terms : ${ftsPrefix(s)}`, 1);
  for (const w of words) add(`name : ${ftsPrefix(w)}`, 3);
  return scores;
}

/**
 * Runs a resource search.
 * @param now the instant qualifications are judged at.
 */
export function searchResources(
  db: Database,
  query: ResourceQuery,
  now: Date = new Date(),
): ResourceResults {
  const at = now.toISOString();
  const idx = index(db);
  const scores = textScores(db, query.q);
  const statuses = query.status?.length ? new Set(query.status) : undefined;
  const facetValues: Record<FacetName, readonly string[]> = {
    ...idx.values,
    qualification: QUALIFICATIONS,
  };
  const flags: (Uint8Array | undefined)[] = [
    wantedFlags(facetValues.theme, query.theme),
    wantedFlags(facetValues.kind, query.kind),
    wantedFlags(facetValues.license, query.license?.map(licenseGroup), true),
    wantedFlags(facetValues.qualification, query.qualification),
    wantedFlags(facetValues.region, query.region),
  ];
  const counts = FACETS.map((f) => new Int32Array(facetValues[f].length));
  const near = query.near;
  const hits: {
    item: Indexed;
    qualification: QualificationStatus;
    score: number;
    distance?: number;
  }[] = [];
  for (const item of idx.items) {
    if (statuses ? !statuses.has(item.status) : item.status === 'archived') continue;
    let score = 0;
    if (scores) {
      score = scores.get(item.id) ?? 0;
      if (score === 0) continue;
    }
    const qualification = effectiveStatus(item.qualification, item.qualifiedUntil, at);
    // The item's value ids per facet, in FACETS order.
    const ids: readonly (readonly number[])[] = [
      item.themeIds,
      item.kindIds,
      item.licenseIds,
      QUALIFICATION_IDS.get(qualification) ?? [0],
      item.regionIds,
    ];
    let failed = -1;
    let failures = 0;
    for (let f = 0; f < FACETS.length; f++) {
      const want = flags[f];
      if (want && !anyFlag(ids[f], want)) {
        failures++;
        failed = f;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 1) {
      // Counts for the one facet this item misses: what choosing its value would add.
      for (const id of ids[failed]) counts[failed][id]++;
      continue;
    }
    for (let f = 0; f < FACETS.length; f++) for (const id of ids[f]) counts[f][id]++;
    const hit: (typeof hits)[number] = { item, qualification, score };
    if (near && item.points.length) {
      let best = Infinity;
      for (const [lat, lon] of item.points)
        best = Math.min(best, distanceKm(near.lat, near.lon, lat, lon));
      hit.distance = best;
    }
    hits.push(hit);
  }
  const sort = query.sort ?? (query.near ? 'distance' : scores ? 'relevance' : 'name');
  // Items are pre-sorted by name and Array.prototype.sort is stable: ties stay in name order.
  const dist = (h: (typeof hits)[number]) => h.distance ?? Number.MAX_VALUE;
  if (sort === 'distance') hits.sort((a, b) => dist(a) - dist(b));
  else if (sort === 'relevance')
    hits.sort((a, b) => b.score - a.score || b.item.usageCount - a.item.usageCount);
  else if (sort === 'recent')
    hits.sort((a, b) =>
      a.item.updatedAt < b.item.updatedAt ? 1 : a.item.updatedAt > b.item.updatedAt ? -1 : 0,
    );
  else if (sort === 'usage') hits.sort((a, b) => b.item.usageCount - a.item.usageCount);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  const page = hits.slice(offset, offset + limit).map(({ item, qualification, distance }) => {
    const summary: ResourceSummary = {
      slug: item.slug,
      name: item.name,
      kind: item.kind,
      summary: item.summary,
      themes: item.themes,
      license: item.license,
      licenseFlag: item.licenseFlag,
      status: item.status,
      qualification: { status: qualification },
      usageCount: item.usageCount,
      referentCount: item.referentCount,
    };
    if (distance !== undefined) summary.distanceKm = Math.round(distance * 10) / 10;
    return summary;
  });
  const facet = (f: FacetName): FacetValue[] => {
    const c = counts[FACETS.indexOf(f)];
    const out: FacetValue[] = [];
    facetValues[f].forEach((value, id) => {
      if (c[id] > 0)
        out.push(
          f === 'theme' && THEME_LABELS.has(value)
            ? { value, count: c[id], label: THEME_LABELS.get(value)! }
            : { value, count: c[id] },
        );
    });
    return out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'fr'));
  };
  return {
    total: hits.length,
    items: page,
    facets: {
      theme: facet('theme'),
      kind: facet('kind'),
      license: facet('license'),
      qualification: facet('qualification'),
      region: facet('region'),
    },
  };
}
