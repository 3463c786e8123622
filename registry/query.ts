import type { Database } from 'better-sqlite3';
import { distanceKm } from './geo.js';
import type { LicenseFlag } from './licenses.js';
import { effectiveStatus, type QualificationStatus } from './qualification.js';
import { queryStems } from './search-text.js';
import { cachedByVersion, parseJson, stmt } from './store.js';
import { foldAccents } from './text/french.js';
import { THEMES, type ThemeSlug } from './themes.js';
import type { ResourceKind, ResourceStatus } from './types.js';

/**
 * Faceted search over resources. The filterable attributes of every resource (a few hundred
 * bytes each) are kept in an in-memory index per database, rebuilt when `registryVersion`
 * moves; a query is then a single pass in JavaScript: filters, disjunctive facet counts (each
 * facet counted with every filter but its own), relevance, "near me" distance and paging.
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

interface Indexed {
  slug: string;
  /** Facet values, precomputed once per index build. */
  kindValues: readonly string[];
  licenseValues: readonly string[];
  licenseLower: readonly string[];
  name: string;
  folded: string;
  kind: ResourceKind;
  summary: string;
  themes: ThemeSlug[];
  license: string | null;
  licenseFlag: LicenseFlag;
  status: ResourceStatus;
  qualification: string;
  qualifiedUntil: string | null;
  updatedAt: string;
  search: string;
  regions: string[];
  points: [number, number][];
  usageCount: number;
  referentCount: number;
}

interface Index {
  items: Indexed[];
}

const SQL_INDEX_RESOURCES = `SELECT id, slug, name, kind, summary, themes, license, license_flag, status, qualification,
  qualified_until, updated_at, search_text FROM resources`;
const SQL_INDEX_USAGES = `SELECT u.resource_id, p.region, p.lat, p.lon FROM usages u JOIN places p ON p.id = u.place_id WHERE u.status = 'uses'`;
const SQL_INDEX_REFERENTS = `SELECT x.resource_id, COUNT(*) AS n FROM referents x JOIN public_people pe ON pe.id = x.person_id GROUP BY x.resource_id`;

function buildIndex(db: Database): Index {
  const rows = stmt(db, SQL_INDEX_RESOURCES).all() as {
    id: number; slug: string; name: string; kind: ResourceKind; summary: string; themes: string; license: string | null;
    license_flag: LicenseFlag; status: ResourceStatus; qualification: string; qualified_until: string | null; updated_at: string; search_text: string;
  }[];
  const byId = new Map<number, Indexed>();
  const items = rows.map((r) => {
    const item: Indexed = {
      slug: r.slug,
      kindValues: [r.kind],
      licenseValues: r.license ? [r.license] : [],
      licenseLower: r.license ? [r.license.toLowerCase()] : [],
      name: r.name,
      folded: ` ${foldAccents(r.name)}`,
      kind: r.kind,
      summary: r.summary,
      themes: parseJson<ThemeSlug[]>(r.themes, []),
      license: r.license,
      licenseFlag: r.license_flag,
      status: r.status,
      qualification: r.qualification,
      qualifiedUntil: r.qualified_until,
      updatedAt: r.updated_at,
      search: r.search_text,
      regions: [],
      points: [],
      usageCount: 0,
      referentCount: 0,
    };
    byId.set(r.id, item);
    return item;
  });
  for (const u of stmt(db, SQL_INDEX_USAGES).all() as { resource_id: number; region: string | null; lat: number | null; lon: number | null }[]) {
    const item = byId.get(u.resource_id);
    if (!item) continue;
    item.usageCount++;
    if (u.region && !item.regions.includes(u.region)) item.regions.push(u.region);
    if (u.lat !== null && u.lon !== null) item.points.push([u.lat, u.lon]);
  }
  for (const x of stmt(db, SQL_INDEX_REFERENTS).all() as { resource_id: number; n: number }[]) {
    const item = byId.get(x.resource_id);
    if (item) item.referentCount = x.n;
  }
  items.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return { items };
}

const index = (db: Database): Index => cachedByVersion(db, 'resource-index', () => buildIndex(db));

const QUALIFICATION_VALUES: Record<QualificationStatus, readonly string[]> = {
  proposed: ['proposed'],
  'under-review': ['under-review'],
  qualified: ['qualified'],
  'to-review': ['to-review'],
};
const THEME_LABELS = new Map<string, string>(THEMES.map((t) => [t.slug, t.fr]));
type FacetName = keyof ResourceResults['facets'];
const FACETS: FacetName[] = ['theme', 'kind', 'license', 'qualification', 'region'];

/**
 * Runs a resource search.
 * @param now the instant qualifications are judged at.
 */
export function searchResources(db: Database, query: ResourceQuery, now: Date = new Date()): ResourceResults {
  const at = now.toISOString();
  const { items } = index(db);
  const stems = queryStems(query.q);
  const words = query.q ? foldAccents(query.q).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1) : [];
  const set = (a: string[] | undefined) => (a && a.length ? new Set(a) : undefined);
  const filters = {
    theme: set(query.theme),
    kind: set(query.kind),
    license: set(query.license?.map((l) => l.toLowerCase())),
    qualification: set(query.qualification),
    region: set(query.region),
  };
  const statuses = set(query.status);
  const counts: Record<FacetName, Map<string, number>> = {
    theme: new Map(), kind: new Map(), license: new Map(), qualification: new Map(), region: new Map(),
  };
  const bump = (facet: FacetName, list: readonly (string | null)[]) => {
    const m = counts[facet];
    for (const v of list) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  };
  const hits: { item: Indexed; qualification: QualificationStatus; score: number; distance?: number }[] = [];
  // Needles built once per query, not per item.
  const stemNeedles = stems.map((s) => ` ${s}`);
  const wordNeedles = words.map((w) => ` ${w}`);
  const near = query.near;
  const values: Record<FacetName, readonly (string | null)[]> = { theme: [], kind: [], license: [], qualification: [], region: [] };
  for (const item of items) {
    if (statuses ? !statuses.has(item.status) : item.status === 'archived') continue;
    let score = 0;
    if (stemNeedles.length) {
      for (const n of stemNeedles) if (item.search.includes(n)) score += 1;
      for (const n of wordNeedles) if (item.folded.includes(n)) score += 3;
      if (score === 0) continue;
    }
    const qualification = effectiveStatus(item.qualification, item.qualifiedUntil, at);
    values.theme = item.themes;
    values.kind = item.kindValues;
    values.license = item.licenseValues;
    values.qualification = QUALIFICATION_VALUES[qualification];
    values.region = item.regions;
    let failed: FacetName | null = null;
    let failures = 0;
    for (const f of FACETS) {
      const wanted = filters[f];
      if (!wanted) continue;
      const candidates = f === 'license' ? item.licenseLower : values[f];
      let ok = false;
      for (const v of candidates) if (v !== null && wanted.has(v)) ok = true;
      if (!ok) {
        failures++;
        failed = f;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 1) {
      bump(failed!, values[failed!]);
      continue;
    }
    for (const f of FACETS) bump(f, values[f]);
    const hit: (typeof hits)[number] = { item, qualification, score };
    if (near && item.points.length) {
      let best = Infinity;
      for (const [lat, lon] of item.points) best = Math.min(best, distanceKm(near.lat, near.lon, lat, lon));
      hit.distance = best;
    }
    hits.push(hit);
  }
  const sort = query.sort ?? (query.near ? 'distance' : stems.length ? 'relevance' : 'name');
  // Items are pre-sorted by name and Array.prototype.sort is stable: ties stay in name order.
  const dist = (h: (typeof hits)[number]) => h.distance ?? Number.MAX_VALUE;
  if (sort === 'distance') hits.sort((a, b) => dist(a) - dist(b));
  else if (sort === 'relevance') hits.sort((a, b) => b.score - a.score || b.item.usageCount - a.item.usageCount);
  else if (sort === 'recent') hits.sort((a, b) => (a.item.updatedAt < b.item.updatedAt ? 1 : a.item.updatedAt > b.item.updatedAt ? -1 : 0));
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
  const facet = (f: FacetName): FacetValue[] =>
    [...counts[f].entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))
      .map(([value, count]) => (f === 'theme' && THEME_LABELS.has(value) ? { value, count, label: THEME_LABELS.get(value)! } : { value, count }));
  return {
    total: hits.length,
    items: page,
    facets: { theme: facet('theme'), kind: facet('kind'), license: facet('license'), qualification: facet('qualification'), region: facet('region') },
  };
}
