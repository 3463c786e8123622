import { z } from 'zod';
import { THEME_SLUGS } from './themes.js';
import { PLACE_FAMILIES, RESOURCE_KINDS, RESOURCE_STATUSES, USAGE_STATUSES } from './types.js';
import { SLUG_RE } from './text/slug.js';

/**
 * zod schemas of registry records: the commons-bundle/1 fields plus the registry's own
 * extensions (all optional). Objects are loose: unknown fields pass through (the importer keeps
 * them in `extra`). `null` is accepted wherever a field is optional and means "absent".
 */

/** Record slugs: lowercase letters, digits and dashes, 1–120 characters (shared with the wiki and the client: registry/text/slug.ts). */
export { SLUG_RE };

const slug = z.string().regex(SLUG_RE, 'use lowercase letters, digits and dashes (1 to 120)');
/**
 * Text fields, trimmed and in Unicode NFC: other tools (macOS, some exports) write accents
 * decomposed (e + U+0301), which the search indexes and exact comparisons would not match.
 */
const text = (max: number) => z.string().trim().normalize('NFC').max(max);
const opt = <T extends z.ZodType>(s: T) => s.nullish();
/** Links shown to users: http(s) only (no javascript: or data: URLs). */
const link = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL');
/** A date as "YYYY", "YYYY-MM", "YYYY-MM-DD" or a full ISO timestamp. */
export const looseDate = z
  .string()
  .trim()
  .regex(
    /^\d{4}(?:-\d{2}(?:-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/,
    'use an ISO date (YYYY-MM-DD)',
  );
const strings = (max = 200, count = 100) => z.array(text(max).min(1)).max(count);
const theme = z.enum(THEME_SLUGS);

/** Compliance notes of a resource. */
export const ComplianceSchema = z.looseObject({
  rgpd: opt(text(4000)),
  accessibility: opt(text(4000)),
});

/** Someone selling support around a resource. */
export const ProviderSchema = z.looseObject({
  name: text(200).min(1),
  url: opt(link),
  note: opt(text(2000)),
});

/** A resource (commun): bundle fields, then the registry's extensions. */
export const ResourceSchema = z.looseObject({
  slug,
  name: text(200).min(1),
  kind: z.enum(RESOURCE_KINDS),
  summary: text(200).min(1),
  description: opt(text(50_000)),
  features: opt(strings(500)),
  themes: z.array(theme).min(1).max(18),
  keywords: opt(strings(100, 200)),
  license: opt(text(200)),
  url: opt(link),
  languages: opt(
    z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'use a BCP 47 tag'),
      )
      .max(50),
  ),
  developmentStatus: opt(z.enum(['concept', 'development', 'beta', 'stable', 'obsolete'])),
  maintenance: opt(z.enum(['internal', 'contract', 'community', 'none'])),
  // Registry extensions.
  challenge: opt(text(4000)),
  documentationUrl: opt(link),
  sourceUrl: opt(link),
  governance: opt(text(4000)),
  organisation: opt(text(300)),
  lockIn: opt(text(4000)),
  compliance: opt(ComplianceSchema),
  needs: opt(text(4000)),
  developmentSteps: opt(text(4000)),
  status: opt(z.enum(RESOURCE_STATUSES)),
  lastReviewedAt: opt(looseDate),
  providers: opt(z.array(ProviderSchema).max(50)),
});
/** A resource as accepted on input. */
export type ResourceInput = z.infer<typeof ResourceSchema>;

/** Needs or offers of a place. */
export const ExchangeSchema = z.looseObject({
  skills: opt(strings()),
  equipment: opt(strings()),
  spaces: opt(strings()),
});

/** A place (tiers-lieu). */
export const PlaceSchema = z.looseObject({
  slug,
  name: text(200).min(1),
  address: opt(text(300)),
  city: opt(text(120)),
  postcode: opt(text(12)),
  region: opt(text(80)),
  families: opt(z.array(z.enum(PLACE_FAMILIES)).max(8)),
  lat: opt(z.number().min(-90).max(90)),
  lon: opt(z.number().min(-180).max(180)),
  management: opt(text(200)),
  networks: opt(strings()),
  needs: opt(ExchangeSchema),
  offers: opt(ExchangeSchema),
  website: opt(link),
});
/** A place as accepted on input. */
export type PlaceInput = z.infer<typeof PlaceSchema>;

/** A person who may help. */
export const PersonSchema = z.looseObject({
  slug,
  name: text(200).min(1),
  place: opt(slug),
  region: opt(text(80)),
  themes: opt(z.array(theme).max(18)),
  skills: opt(strings()),
  bio: opt(text(4000)),
  contactable: z.boolean(),
  /** Profile shown publicly even when not contactable (default: same as contactable). */
  public: opt(z.boolean()),
});
/** A person as accepted on input. */
export type PersonInput = z.infer<typeof PersonSchema>;

/** A place uses / is interested in / stopped a resource. */
export const UsageSchema = z.looseObject({
  resource: slug,
  place: slug,
  status: z.enum(USAGE_STATUSES),
  note: opt(text(4000)),
  since: opt(looseDate),
});
/** A usage as accepted on input. */
export type UsageInput = z.infer<typeof UsageSchema>;

/** A person can help with a resource. */
export const ReferentSchema = z.looseObject({
  resource: slug,
  person: slug,
  // Absent or null: an experienced user, not an expert.
  isExpert: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  note: opt(text(4000)),
});
/** A referent as accepted on input. */
export type ReferentInput = z.infer<typeof ReferentSchema>;

/** The bundle envelope; records are checked one by one so errors can name them. */
export const BundleEnvelopeSchema = z.looseObject({
  format: z.literal('commons-bundle/1'),
  // `null` is an empty collection (Go's encoding/json writes a nil slice as null).
  resources: z.array(z.unknown()).nullish(),
  places: z.array(z.unknown()).nullish(),
  people: z.array(z.unknown()).nullish(),
  usages: z.array(z.unknown()).nullish(),
  referents: z.array(z.unknown()).nullish(),
});

/** Removes `null` and `undefined` members (null means "absent" on input). */
export function dropNulls<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

/**
 * Merges input over a stored record's fields: fields the input leaves out keep their value, and a
 * field sent as `null` is cleared.
 */
export function mergeFields<T extends Record<string, unknown>>(
  stored: T,
  input: Record<string, unknown>,
  known: T,
): T {
  const merged: Record<string, unknown> = { ...stored, ...known };
  for (const [k, v] of Object.entries(input)) if (v === null) delete merged[k];
  return merged as T;
}
