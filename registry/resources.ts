import type { Database } from 'better-sqlite3';
import { checkLicense, type LicenseFlag } from './licenses.js';
import { missing } from './errors.js';
import { recomputeQualification } from './qualification.js';
import { dropNulls, mergeFields, ResourceSchema, type ResourceInput } from './schema.js';
import { searchText } from './search-text.js';
import { parseJson, registryChanged, stmt } from './store.js';
import type { ThemeSlug } from './themes.js';
import type { ResourceKind, ResourceStatus } from './types.js';

/** Paid support offered around a resource. */
export interface Provider {
  name: string;
  url?: string;
  note?: string;
}

/** A resource as stored, every field. */
export interface ResourceRecord {
  id: number;
  slug: string;
  name: string;
  kind: ResourceKind;
  summary: string;
  description?: string;
  features: string[];
  themes: ThemeSlug[];
  keywords: string[];
  license?: string;
  licenseFlag: LicenseFlag;
  url?: string;
  languages: string[];
  developmentStatus?: 'concept' | 'development' | 'beta' | 'stable' | 'obsolete';
  maintenance?: 'internal' | 'contract' | 'community' | 'none';
  challenge?: string;
  documentationUrl?: string;
  sourceUrl?: string;
  governance?: string;
  organisation?: string;
  lockIn?: string;
  compliance: { rgpd?: string; accessibility?: string };
  needs?: string;
  developmentSteps?: string;
  status: ResourceStatus;
  lastReviewedAt?: string;
  wikiPage?: string;
  providers: Provider[];
  /** Unknown fields from imports, kept and exported again. */
  extra: Record<string, unknown>;
  /** Stored qualification ("to-review" is derived at read time, see qualification.ts). */
  qualification: 'proposed' | 'under-review' | 'qualified';
  qualifiedUntil: string | null;
  proposedBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** How a write went. */
export type Change = 'created' | 'updated' | 'unchanged';

/** Hooks the host application provides (the registry does not depend on the wiki code). */
export interface RegistryHooks {
  /** Creates the wiki page documenting a new resource; returns its slug. */
  createWikiPage?(resource: ResourceRecord): string | undefined;
}

/** A row of the `resources` table. */
export interface ResourceRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  summary: string;
  description: string;
  features: string;
  themes: string;
  keywords: string;
  license: string | null;
  license_flag: string;
  url: string | null;
  languages: string;
  development_status: string | null;
  maintenance: string | null;
  challenge: string;
  documentation_url: string | null;
  source_url: string | null;
  governance: string;
  organisation: string;
  lock_in: string;
  compliance: string;
  needs: string;
  development_steps: string;
  status: string;
  last_reviewed_at: string | null;
  wiki_page: string | null;
  extra: string;
  search_text: string;
  qualification: string;
  qualified_until: string | null;
  proposed_by: number | null;
  created_at: string;
  updated_at: string;
}

const SQL_RESOURCE_BY_SLUG = `SELECT * FROM resources WHERE slug = @slug`;
const SQL_RESOURCE_BY_ID = `SELECT * FROM resources WHERE id = @id`;
const SQL_ALL_RESOURCES = `SELECT * FROM resources ORDER BY slug`;
const SQL_PROVIDERS = `SELECT name, url, note FROM resource_providers WHERE resource_id = @id ORDER BY id`;
const SQL_ALL_PROVIDERS = `SELECT resource_id, name, url, note FROM resource_providers ORDER BY id`;
const SQL_DELETE_PROVIDERS = `DELETE FROM resource_providers WHERE resource_id = @id`;
const SQL_INSERT_PROVIDER = `INSERT OR IGNORE INTO resource_providers (resource_id, name, url, note) VALUES (@id, @name, @url, @note)`;
const SQL_DELETE_THEMES = `DELETE FROM resource_themes WHERE resource_id = @id`;
const SQL_INSERT_THEME = `INSERT OR IGNORE INTO resource_themes (resource_id, theme) VALUES (@id, @theme)`;
const SQL_SET_WIKI_PAGE = `UPDATE resources SET wiki_page = @page WHERE id = @id`;
const SQL_ARCHIVE = `UPDATE resources SET status = 'archived', updated_at = @now WHERE id = @id`;

/** Columns written from a record (everything but id, wiki page, qualification and dates). */
const COLUMNS = [
  'slug',
  'name',
  'kind',
  'summary',
  'description',
  'features',
  'themes',
  'keywords',
  'license',
  'license_flag',
  'url',
  'languages',
  'development_status',
  'maintenance',
  'challenge',
  'documentation_url',
  'source_url',
  'governance',
  'organisation',
  'lock_in',
  'compliance',
  'needs',
  'development_steps',
  'status',
  'last_reviewed_at',
  'extra',
  'search_text',
] as const;
type Params = Record<(typeof COLUMNS)[number], string | null>;

const SQL_INSERT_RESOURCE = `INSERT INTO resources (${COLUMNS.join(', ')}, proposed_by, created_at, updated_at)
  VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @proposed_by, @now, @now)`;
const SQL_UPDATE_RESOURCE = `UPDATE resources SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`;

/** Fields that the registry computes: dropped from input instead of being kept as extras. */
const COMPUTED_FIELDS = new Set([
  'id',
  'licenseFlag',
  'qualification',
  'qualifiedUntil',
  'wikiPage',
  'usageCount',
  'referentCount',
  'usages',
  'referents',
  'createdAt',
  'updatedAt',
  'proposedBy',
  'distanceKm',
  'licenseRestrictions',
]);
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KNOWN_FIELDS = new Set(Object.keys(ResourceSchema.shape));

const orUndef = (s: string | null | undefined) =>
  s === null || s === undefined || s === '' ? undefined : s;

/** Converts a stored row (plus its providers) into a record. */
export function toResource(r: ResourceRow, providers: Provider[]): ResourceRecord {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind as ResourceKind,
    summary: r.summary,
    description: orUndef(r.description),
    features: parseJson<string[]>(r.features, []),
    themes: parseJson<ThemeSlug[]>(r.themes, []),
    keywords: parseJson<string[]>(r.keywords, []),
    license: orUndef(r.license),
    licenseFlag: r.license_flag as LicenseFlag,
    url: orUndef(r.url),
    languages: parseJson<string[]>(r.languages, []),
    developmentStatus: orUndef(r.development_status) as ResourceRecord['developmentStatus'],
    maintenance: orUndef(r.maintenance) as ResourceRecord['maintenance'],
    challenge: orUndef(r.challenge),
    documentationUrl: orUndef(r.documentation_url),
    sourceUrl: orUndef(r.source_url),
    governance: orUndef(r.governance),
    organisation: orUndef(r.organisation),
    lockIn: orUndef(r.lock_in),
    compliance: parseJson<ResourceRecord['compliance']>(r.compliance, {}),
    needs: orUndef(r.needs),
    developmentSteps: orUndef(r.development_steps),
    status: r.status as ResourceStatus,
    lastReviewedAt: orUndef(r.last_reviewed_at),
    wikiPage: orUndef(r.wiki_page),
    providers,
    extra: parseJson<Record<string, unknown>>(r.extra, {}),
    qualification: r.qualification as ResourceRecord['qualification'],
    qualifiedUntil: r.qualified_until,
    proposedBy: r.proposed_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const normProviders = (
  ps: { name: string; url?: string | null; note?: string | null }[],
): Provider[] =>
  ps.map((p) => dropNulls({ name: p.name, url: p.url ?? undefined, note: orUndef(p.note) }));

const providersOf = (db: Database, id: number) =>
  (stmt(db, SQL_PROVIDERS).all({ id }) as { name: string; url: string | null; note: string }[]).map(
    (p) => dropNulls({ name: p.name, url: p.url ?? undefined, note: orUndef(p.note) }),
  );

/** A resource by slug, or undefined. */
export function findResource(db: Database, slug: string): ResourceRecord | undefined {
  const row = stmt(db, SQL_RESOURCE_BY_SLUG).get({ slug }) as ResourceRow | undefined;
  return row && toResource(row, providersOf(db, row.id));
}

/** A resource by slug. @throws RegistryError 404. */
export function getResource(db: Database, slug: string): ResourceRecord {
  const r = findResource(db, slug);
  if (!r) throw missing(`resource "${slug}"`);
  return r;
}

/** Every resource (archived included), by slug. */
export function listAllResources(db: Database): ResourceRecord[] {
  const providers = new Map<number, Provider[]>();
  for (const p of stmt(db, SQL_ALL_PROVIDERS).all() as {
    resource_id: number;
    name: string;
    url: string | null;
    note: string;
  }[]) {
    const list = providers.get(p.resource_id) ?? [];
    list.push(dropNulls({ name: p.name, url: p.url ?? undefined, note: orUndef(p.note) }));
    providers.set(p.resource_id, list);
  }
  return (stmt(db, SQL_ALL_RESOURCES).all() as ResourceRow[]).map((r) =>
    toResource(r, providers.get(r.id) ?? []),
  );
}

/** The input-shaped view of a stored record (what a bundle would carry). */
export function resourceAsInput(r: ResourceRecord): ResourceInput {
  return dropNulls({
    ...r.extra,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    summary: r.summary,
    description: r.description,
    features: r.features.length ? r.features : undefined,
    themes: r.themes,
    keywords: r.keywords.length ? r.keywords : undefined,
    license: r.license,
    url: r.url,
    languages: r.languages.length ? r.languages : undefined,
    developmentStatus: r.developmentStatus,
    maintenance: r.maintenance,
    challenge: r.challenge,
    documentationUrl: r.documentationUrl,
    sourceUrl: r.sourceUrl,
    governance: r.governance,
    organisation: r.organisation,
    lockIn: r.lockIn,
    compliance: Object.keys(r.compliance).length ? r.compliance : undefined,
    needs: r.needs,
    developmentSteps: r.developmentSteps,
    status: r.status === 'active' ? undefined : r.status,
    lastReviewedAt: r.lastReviewedAt,
    providers: r.providers.length ? r.providers : undefined,
  }) as ResourceInput;
}

/** The `search_text` of a resource: the stems of its name, summary, description, features, keywords, challenge and organisation. */
export function resourceSearchText(input: ResourceInput): string {
  return searchText([
    input.name,
    input.summary,
    input.description,
    input.features,
    input.keywords,
    input.challenge,
    input.organisation,
  ]);
}

function toParams(input: ResourceInput, extra: Record<string, unknown>): Params {
  const license = checkLicense(input.license);
  const arr = (a: unknown[] | null | undefined) => JSON.stringify(a ?? []);
  return {
    slug: input.slug,
    name: input.name,
    kind: input.kind,
    summary: input.summary,
    description: input.description ?? '',
    features: arr(input.features),
    themes: arr([...new Set(input.themes)]),
    keywords: arr(input.keywords),
    license: input.license ? license.id : null,
    license_flag: license.flag,
    url: input.url ?? null,
    languages: arr(input.languages),
    development_status: input.developmentStatus ?? null,
    maintenance: input.maintenance ?? null,
    challenge: input.challenge ?? '',
    documentation_url: input.documentationUrl ?? null,
    source_url: input.sourceUrl ?? null,
    governance: input.governance ?? '',
    organisation: input.organisation ?? '',
    lock_in: input.lockIn ?? '',
    compliance: JSON.stringify(input.compliance ? dropNulls(input.compliance) : {}),
    needs: input.needs ?? '',
    development_steps: input.developmentSteps ?? '',
    status: input.status ?? 'active',
    last_reviewed_at: input.lastReviewedAt ?? null,
    extra: JSON.stringify(extra),
    // Derived from the other columns and costly (stemming): computed only when the row is written.
    get search_text() {
      return resourceSearchText(input);
    },
  };
}

/** Splits validated input into known fields and extras (computed read-only fields are dropped). */
function splitExtra(input: ResourceInput): {
  known: ResourceInput;
  extra: Record<string, unknown>;
} {
  const known: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    // Computed fields are not input; __proto__ & co. would reach the object's prototype.
    if (v === null || v === undefined || COMPUTED_FIELDS.has(k) || UNSAFE_KEYS.has(k)) continue;
    (KNOWN_FIELDS.has(k) ? known : extra)[k] = v;
  }
  return { known: known as ResourceInput, extra };
}

/**
 * Creates or updates a resource from validated input. With `mode: 'merge'` (imports, PUT) fields
 * the input leaves out keep their stored value and fields sent as `null` are cleared; with
 * `'replace'` (creation) every field comes from the input.
 * Writing the same content again changes nothing (not even `updated_at`). Call inside a
 * transaction when several records are written together.
 * @returns the stored record and what happened.
 */
export function upsertResource(
  db: Database,
  input: ResourceInput,
  opts: {
    mode: 'merge' | 'replace';
    proposedBy?: number | null;
    hooks?: RegistryHooks;
    now?: string;
  },
): { record: ResourceRecord; change: Change } {
  const now = opts.now ?? new Date().toISOString();
  const existing = stmt(db, SQL_RESOURCE_BY_SLUG).get({ slug: input.slug }) as
    ResourceRow | undefined;
  const { known, extra } = splitExtra(input);
  let fields = known;
  let extras = extra;
  let providers = known.providers ? normProviders(known.providers) : undefined;
  if (existing) {
    const before = toResource(existing, providersOf(db, existing.id));
    extras = { ...before.extra, ...extra };
    if (opts.mode === 'merge')
      fields = mergeFields(splitExtra(resourceAsInput(before)).known, input, known);
    providers =
      providers ?? (opts.mode === 'merge' && input.providers !== null ? before.providers : []);
    const params = toParams(fields, extras);
    const same =
      COLUMNS.every((c) => c === 'search_text' || params[c] === existing[c]) &&
      JSON.stringify(providers) === JSON.stringify(before.providers);
    if (same) return { record: before, change: 'unchanged' };
    const write = () => {
      stmt(db, SQL_UPDATE_RESOURCE).run({ ...params, id: existing.id, now });
      writeSideTables(db, existing.id, fields, providers ?? []);
      if (params.license_flag !== existing.license_flag) recomputeQualification(db, existing.id);
    };
    db.transaction(write)();
    registryChanged(db);
    return {
      record: toResource(
        stmt(db, SQL_RESOURCE_BY_ID).get({ id: existing.id }) as ResourceRow,
        providersOf(db, existing.id),
      ),
      change: 'updated',
    };
  }
  const params = toParams(fields, extras);
  const id = db.transaction(() => {
    const newId = Number(
      stmt(db, SQL_INSERT_RESOURCE).run({ ...params, proposed_by: opts.proposedBy ?? null, now })
        .lastInsertRowid,
    );
    writeSideTables(db, newId, fields, providers ?? []);
    const created = toResource(
      stmt(db, SQL_RESOURCE_BY_ID).get({ id: newId }) as ResourceRow,
      providers ?? [],
    );
    const page = opts.hooks?.createWikiPage?.(created);
    if (page) stmt(db, SQL_SET_WIKI_PAGE).run({ id: newId, page });
    return newId;
  })();
  registryChanged(db);
  return {
    record: toResource(
      stmt(db, SQL_RESOURCE_BY_ID).get({ id }) as ResourceRow,
      providersOf(db, id),
    ),
    change: 'created',
  };
}

function writeSideTables(
  db: Database,
  id: number,
  fields: ResourceInput,
  providers: Provider[],
): void {
  stmt(db, SQL_DELETE_THEMES).run({ id });
  const theme = stmt(db, SQL_INSERT_THEME);
  for (const t of fields.themes) theme.run({ id, theme: t });
  stmt(db, SQL_DELETE_PROVIDERS).run({ id });
  const prov = stmt(db, SQL_INSERT_PROVIDER);
  for (const p of providers) prov.run({ id, name: p.name, url: p.url ?? null, note: p.note ?? '' });
}

/** Archives a resource (kept, never proposed first). @throws RegistryError 404. */
export function archiveResource(db: Database, slug: string): ResourceRecord {
  const r = getResource(db, slug);
  stmt(db, SQL_ARCHIVE).run({ id: r.id, now: new Date().toISOString() });
  registryChanged(db);
  return getResource(db, slug);
}
