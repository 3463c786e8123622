import type { Database } from 'better-sqlite3';
import { stmt } from './store.js';
import type { ZodError, ZodType } from 'zod';
import { RegistryError } from './errors.js';
import { listAllPeople, personAsInput, isVisible, upsertPerson } from './people.js';
import { listAllPlaces, placeAsInput, upsertPlace } from './places.js';
import {
  listAllReferents,
  listAllUsages,
  upsertReferent,
  upsertUsage,
  type ReferentRecord,
  type UsageRecord,
} from './relations.js';
import {
  listAllResources,
  resourceAsInput,
  upsertResource,
  type Change,
  type RegistryHooks,
} from './resources.js';
import {
  BundleEnvelopeSchema,
  PersonSchema,
  PlaceSchema,
  ReferentSchema,
  ResourceSchema,
  UsageSchema,
  type PersonInput,
  type PlaceInput,
  type ResourceInput,
} from './schema.js';

/**
 * Import and export of the commons-bundle/1 format (shared/formats/commons-bundle.md).
 * Import is all-or-nothing: every record is validated and every reference resolved before the
 * first write, and the writes run in one transaction. Records are upserted by slug, so importing
 * the same bundle twice changes nothing. Unknown fields are kept (exported again).
 */

/** The exact format string of a bundle. */
export const BUNDLE_FORMAT = 'commons-bundle/1';

/** A validated bundle. */
export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  resources: ResourceInput[];
  places: PlaceInput[];
  people: PersonInput[];
  usages: UsageRecord[];
  referents: ReferentRecord[];
}

type Counts = {
  resources: number;
  places: number;
  people: number;
  usages: number;
  referents: number;
};

/** What an import did. */
export interface ImportResult {
  created: Counts;
  updated: Counts;
  unchanged: Counts;
}

const zeroCounts = (): Counts => ({ resources: 0, places: 0, people: 0, usages: 0, referents: 0 });

function bundleError(record: string, err: ZodError): RegistryError {
  const issues = err.issues.map((i) => ({
    field: i.path.length ? i.path.join('.') : 'record',
    message: i.message,
  }));
  const first = issues[0];
  return new RegistryError('bundle_invalid', `${record}: ${first.field}: ${first.message}`, {
    record,
    field: first.field,
    issues,
  });
}

const label = (collection: string, i: number, raw: unknown) => {
  const slug =
    raw && typeof raw === 'object' && typeof (raw as { slug?: unknown }).slug === 'string'
      ? (raw as { slug: string }).slug
      : undefined;
  return slug ? `${collection}[${i}] (slug ${slug})` : `${collection}[${i}]`;
};

function parseAll<T>(
  collection: string,
  items: unknown[] | null | undefined,
  schema: ZodType<T>,
): T[] {
  return (items ?? []).map((raw, i) => {
    const r = schema.safeParse(raw);
    if (!r.success) throw bundleError(label(collection, i, raw), r.error);
    return r.data;
  });
}

const refError = (record: string, field: string, message: string) =>
  new RegistryError('bundle_invalid', `${record}: ${field}: ${message}`, { record, field });

/**
 * Validates a parsed JSON value as a bundle, resolving references against the bundle itself and
 * the records already in `db`.
 * @throws RegistryError `bundle_invalid` naming the record ("resources[3] (slug x)") and the field.
 */
export function validateBundle(db: Database, data: unknown): Bundle {
  const env = BundleEnvelopeSchema.safeParse(data);
  if (!env.success) throw bundleError('bundle', env.error);
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    resources: parseAll('resources', env.data.resources, ResourceSchema),
    places: parseAll('places', env.data.places, PlaceSchema),
    people: parseAll('people', env.data.people, PersonSchema),
    usages: parseAll('usages', env.data.usages, UsageSchema),
    referents: parseAll('referents', env.data.referents, ReferentSchema),
  };
  const slugs = (collection: 'resources' | 'places' | 'people', table: string) => {
    const set = new Set<string>();
    bundle[collection].forEach((r, i) => {
      if (set.has(r.slug))
        throw refError(
          label(collection, i, r),
          'slug',
          `"${r.slug}" appears twice in ${collection}`,
        );
      set.add(r.slug);
    });
    const known = new Set(
      (stmt(db, `SELECT slug FROM ${table}`).all() as { slug: string }[]).map((r) => r.slug),
    );
    return (slug: string) => set.has(slug) || known.has(slug);
  };
  const hasResource = slugs('resources', 'resources');
  const hasPlace = slugs('places', 'places');
  const hasPerson = slugs('people', 'people');
  bundle.people.forEach((p, i) => {
    if (p.place && !hasPlace(p.place))
      throw refError(label('people', i, p), 'place', `unknown place "${p.place}"`);
  });
  bundle.usages.forEach((u, i) => {
    const rec = `usages[${i}] (${u.resource} @ ${u.place})`;
    if (!hasResource(u.resource))
      throw refError(rec, 'resource', `unknown resource "${u.resource}"`);
    if (!hasPlace(u.place)) throw refError(rec, 'place', `unknown place "${u.place}"`);
  });
  bundle.referents.forEach((r, i) => {
    const rec = `referents[${i}] (${r.resource} / ${r.person})`;
    if (!hasResource(r.resource))
      throw refError(rec, 'resource', `unknown resource "${r.resource}"`);
    if (!hasPerson(r.person)) throw refError(rec, 'person', `unknown person "${r.person}"`);
  });
  // The same pair listed twice: the last one wins (writing both would make a re-import "update").
  const lastBy = <T>(items: T[], key: (t: T) => string) => [
    ...new Map(items.map((t) => [key(t), t])).values(),
  ];
  bundle.usages = lastBy(bundle.usages, (u) => `${u.resource}\n${u.place}`);
  bundle.referents = lastBy(bundle.referents, (r) => `${r.resource}\n${r.person}`);
  return bundle;
}

/**
 * Validates then writes a bundle in one transaction (nothing is written when anything is wrong).
 * @param hooks creates the wiki page of each new resource.
 * @param onProgress called after each record with (done, total), for CLI progress displays.
 * @throws RegistryError `bundle_invalid` (see validateBundle).
 */
export function importBundle(
  db: Database,
  data: unknown,
  opts: { hooks?: RegistryHooks; onProgress?: (done: number, total: number) => void } = {},
): ImportResult {
  const bundle = validateBundle(db, data);
  const result: ImportResult = {
    created: zeroCounts(),
    updated: zeroCounts(),
    unchanged: zeroCounts(),
  };
  const count = (collection: keyof Counts, change: Change) => {
    result[change === 'created' ? 'created' : change === 'updated' ? 'updated' : 'unchanged'][
      collection
    ]++;
  };
  const total =
    bundle.places.length +
    bundle.resources.length +
    bundle.people.length +
    bundle.usages.length +
    bundle.referents.length;
  let done = 0;
  const tick = () => {
    done++;
    if (opts.onProgress && (done % 250 === 0 || done === total)) opts.onProgress(done, total);
  };
  db.transaction(() => {
    for (const p of bundle.places) {
      count('places', upsertPlace(db, p, { mode: 'merge' }).change);
      tick();
    }
    for (const r of bundle.resources) {
      count('resources', upsertResource(db, r, { mode: 'merge', hooks: opts.hooks }).change);
      tick();
    }
    for (const p of bundle.people) {
      count('people', upsertPerson(db, p, { mode: 'merge' }).change);
      tick();
    }
    for (const u of bundle.usages) {
      count('usages', upsertUsage(db, u));
      tick();
    }
    for (const r of bundle.referents) {
      count('referents', upsertReferent(db, r));
      tick();
    }
  })();
  return result;
}

/**
 * Everything public as a bundle: every resource, place, usage; people that public reads may show
 * and their referent links (hidden people never leave the instance, nor do the unknown fields
 * of people, which may be contact details).
 */
export function exportBundle(db: Database): Bundle {
  const people = listAllPeople(db).filter(isVisible);
  return {
    format: BUNDLE_FORMAT,
    resources: listAllResources(db).map(resourceAsInput),
    places: listAllPlaces(db).map(placeAsInput),
    people: people.map((p) => personAsInput(p)),
    usages: listAllUsages(db),
    referents: listAllReferents(db, true),
  };
}
