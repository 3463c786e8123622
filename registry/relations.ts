import type { Database } from 'better-sqlite3';
import { invalid } from './errors.js';
import { publicPerson, type PersonRecord, type PublicPerson } from './people.js';
import { parseJson, registryChanged, stmt } from './store.js';
import type { Change } from './resources.js';
import type { ThemeSlug } from './themes.js';
import type { Referent, Usage, UsageStatus } from './types.js';

/** Usages (a place uses a resource) and referents (a person can help with a resource). */

/** A usage with slugs, as in bundles. */
export interface UsageRecord {
  resource: string;
  place: string;
  status: UsageStatus;
  note?: string | null;
  since?: string | null;
}

/** A referent with slugs, as in bundles. */
export interface ReferentRecord {
  resource: string;
  person: string;
  isExpert: boolean;
  note?: string | null;
}

const SQL_RESOURCE_ID = `SELECT id FROM resources WHERE slug = @slug`;
const SQL_PLACE_ID = `SELECT id FROM places WHERE slug = @slug`;
const SQL_PERSON_ID = `SELECT id FROM people WHERE slug = @slug`;
const SQL_USAGE = `SELECT status, note, since FROM usages WHERE resource_id = @resourceId AND place_id = @placeId`;
const SQL_UPSERT_USAGE = `INSERT INTO usages (resource_id, place_id, status, note, since) VALUES (@resourceId, @placeId, @status, @note, @since)
  ON CONFLICT (resource_id, place_id) DO UPDATE SET status = excluded.status, note = excluded.note, since = excluded.since`;
const SQL_REFERENT = `SELECT is_expert, note FROM referents WHERE resource_id = @resourceId AND person_id = @personId`;
const SQL_UPSERT_REFERENT = `INSERT INTO referents (resource_id, person_id, is_expert, note) VALUES (@resourceId, @personId, @isExpert, @note)
  ON CONFLICT (resource_id, person_id) DO UPDATE SET is_expert = excluded.is_expert, note = excluded.note`;
const SQL_ALL_USAGES = `SELECT r.slug AS resource, p.slug AS place, u.status, u.note, u.since
  FROM usages u JOIN resources r ON r.id = u.resource_id JOIN places p ON p.id = u.place_id ORDER BY r.slug, p.slug`;
const SQL_ALL_REFERENTS = `SELECT r.slug AS resource, pe.slug AS person, x.is_expert, x.note
  FROM referents x JOIN resources r ON r.id = x.resource_id JOIN people pe ON pe.id = x.person_id ORDER BY r.slug, pe.slug`;
const SQL_PUBLIC_REFERENTS = `SELECT r.slug AS resource, pe.slug AS person, x.is_expert, x.note
  FROM referents x JOIN resources r ON r.id = x.resource_id JOIN public_people pe ON pe.id = x.person_id ORDER BY r.slug, pe.slug`;
const SQL_USAGES_OF_RESOURCE = `SELECT p.slug, p.name, p.city, p.region, p.lat, p.lon, u.status, u.note, u.since
  FROM usages u JOIN places p ON p.id = u.place_id WHERE u.resource_id = @resourceId
  ORDER BY CASE u.status WHEN 'uses' THEN 0 WHEN 'interested' THEN 1 ELSE 2 END, p.name`;
const SQL_USES_OF_PLACE = `SELECT r.slug, r.name, u.status, u.note, u.since
  FROM usages u JOIN resources r ON r.id = u.resource_id WHERE u.place_id = @placeId ORDER BY r.name`;
const SQL_REFERENTS_OF_RESOURCE = `SELECT pe.*, pl.slug AS place_slug, pl.name AS place_name, x.is_expert, x.note AS referent_note
  FROM referents x JOIN public_people pe ON pe.id = x.person_id LEFT JOIN places pl ON pl.id = pe.place_id
  WHERE x.resource_id = @resourceId ORDER BY x.is_expert DESC, pe.name`;
const SQL_REFERENT_OF = `SELECT r.slug, r.name, x.is_expert, x.note
  FROM referents x JOIN resources r ON r.id = x.resource_id WHERE x.person_id = @personId ORDER BY r.name`;

const idOf = (db: Database, sql: string, slug: string, field: string, what: string): number => {
  const row = stmt(db, sql).get({ slug }) as { id: number } | undefined;
  if (!row) throw invalid(field, `unknown ${what} "${slug}"`);
  return row.id;
};

/**
 * Records that a place uses (or is interested in, or stopped) a resource; the pair is the key.
 * @throws RegistryError 400 naming `resource` or `place` when a slug is unknown.
 */
export function upsertUsage(db: Database, u: UsageRecord): Change {
  const resourceId = idOf(db, SQL_RESOURCE_ID, u.resource, 'resource', 'resource');
  const placeId = idOf(db, SQL_PLACE_ID, u.place, 'place', 'place');
  const before = stmt(db, SQL_USAGE).get({ resourceId, placeId }) as
    { status: string; note: string; since: string | null } | undefined;
  const next = { status: u.status, note: u.note ?? '', since: u.since ?? before?.since ?? null };
  if (
    before &&
    before.status === next.status &&
    before.note === next.note &&
    before.since === next.since
  )
    return 'unchanged';
  stmt(db, SQL_UPSERT_USAGE).run({ resourceId, placeId, ...next });
  registryChanged(db);
  return before ? 'updated' : 'created';
}

/**
 * Records that a person can help with a resource; the pair is the key.
 * @throws RegistryError 400 naming `resource` or `person` when a slug is unknown.
 */
export function upsertReferent(db: Database, r: ReferentRecord): Change {
  const resourceId = idOf(db, SQL_RESOURCE_ID, r.resource, 'resource', 'resource');
  const personId = idOf(db, SQL_PERSON_ID, r.person, 'person', 'person');
  const before = stmt(db, SQL_REFERENT).get({ resourceId, personId }) as
    { is_expert: number; note: string } | undefined;
  const next = { isExpert: r.isExpert ? 1 : 0, note: r.note ?? '' };
  if (before && before.is_expert === next.isExpert && before.note === next.note) return 'unchanged';
  stmt(db, SQL_UPSERT_REFERENT).run({ resourceId, personId, ...next });
  registryChanged(db);
  return before ? 'updated' : 'created';
}

const usageOut = (r: {
  resource: string;
  place: string;
  status: string;
  note: string;
  since: string | null;
}): Usage & { since?: string } => ({
  resource: r.resource,
  place: r.place,
  status: r.status as UsageStatus,
  ...(r.note ? { note: r.note } : {}),
  ...(r.since ? { since: r.since } : {}),
});
const referentOut = (r: {
  resource: string;
  person: string;
  is_expert: number;
  note: string;
}): Referent => ({
  resource: r.resource,
  person: r.person,
  isExpert: r.is_expert === 1,
  ...(r.note ? { note: r.note } : {}),
});

/** Every usage. */
export function listAllUsages(db: Database): (Usage & { since?: string })[] {
  return (stmt(db, SQL_ALL_USAGES).all() as Parameters<typeof usageOut>[0][]).map(usageOut);
}

/** Every referent; with `publicOnly`, only those whose person public reads may show. */
export function listAllReferents(db: Database, publicOnly: boolean): Referent[] {
  return (
    stmt(db, publicOnly ? SQL_PUBLIC_REFERENTS : SQL_ALL_REFERENTS).all() as Parameters<
      typeof referentOut
    >[0][]
  ).map(referentOut);
}

/** A usage as shown on a resource page. */
export interface ResourceUsage {
  place: {
    slug: string;
    name: string;
    city: string | null;
    region: string | null;
    lat: number | null;
    lon: number | null;
  };
  status: UsageStatus;
  note: string;
  since: string | null;
}

/** The places using a resource (users first). */
export function usagesOfResource(db: Database, resourceId: number): ResourceUsage[] {
  const rows = stmt(db, SQL_USAGES_OF_RESOURCE).all({ resourceId }) as {
    slug: string;
    name: string;
    city: string | null;
    region: string | null;
    lat: number | null;
    lon: number | null;
    status: UsageStatus;
    note: string;
    since: string | null;
  }[];
  return rows.map((r) => ({
    place: { slug: r.slug, name: r.name, city: r.city, region: r.region, lat: r.lat, lon: r.lon },
    status: r.status,
    note: r.note,
    since: r.since,
  }));
}

/** The resources a place uses. */
export function usesOfPlace(
  db: Database,
  placeId: number,
): {
  resource: { slug: string; name: string };
  status: UsageStatus;
  note: string;
  since: string | null;
}[] {
  const rows = stmt(db, SQL_USES_OF_PLACE).all({ placeId }) as {
    slug: string;
    name: string;
    status: UsageStatus;
    note: string;
    since: string | null;
  }[];
  return rows.map((r) => ({
    resource: { slug: r.slug, name: r.name },
    status: r.status,
    note: r.note,
    since: r.since,
  }));
}

/** The visible referents of a resource (experts first); hidden people never appear. */
export function referentsOfResource(
  db: Database,
  resourceId: number,
): { person: PublicPerson; isExpert: boolean; note: string }[] {
  const rows = stmt(db, SQL_REFERENTS_OF_RESOURCE).all({ resourceId }) as {
    slug: string;
    name: string;
    region: string | null;
    themes: string;
    skills: string;
    bio: string;
    contactable: number;
    public: number;
    place_slug: string | null;
    place_name: string | null;
    is_expert: number;
    referent_note: string;
  }[];
  return rows.map((r) => {
    const person: Pick<
      PersonRecord,
      'slug' | 'name' | 'region' | 'place' | 'themes' | 'skills' | 'bio' | 'contactable'
    > = {
      slug: r.slug,
      name: r.name,
      region: r.region ?? undefined,
      place: r.place_slug ? { slug: r.place_slug, name: r.place_name ?? r.place_slug } : undefined,
      themes: parseJson<ThemeSlug[]>(r.themes, []),
      skills: parseJson<string[]>(r.skills, []),
      bio: r.bio || undefined,
      contactable: r.contactable === 1,
    };
    return {
      person: publicPerson(person as PersonRecord),
      isExpert: r.is_expert === 1,
      note: r.referent_note,
    };
  });
}

/** The resources a person can help with. */
export function referentOf(
  db: Database,
  personId: number,
): { resource: { slug: string; name: string }; isExpert: boolean; note: string }[] {
  const rows = stmt(db, SQL_REFERENT_OF).all({ personId }) as {
    slug: string;
    name: string;
    is_expert: number;
    note: string;
  }[];
  return rows.map((r) => ({
    resource: { slug: r.slug, name: r.name },
    isExpert: r.is_expert === 1,
    note: r.note,
  }));
}
