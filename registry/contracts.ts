import { z } from 'zod';
import { PLACE_FAMILIES, RESOURCE_KINDS, RESOURCE_STATUSES, USAGE_STATUSES } from './types.js';

/*
 * What the registry's routes answer, as zod schemas: the OpenAPI document is generated from
 * them, the routes check at compile time that what they send fits them, and the client takes
 * its types from them (`import type`). Plain zod, no database or HTTP import.
 */

const LICENSE_FLAGS = ['open', 'proprietary', 'unknown'] as const;
const QUALIFICATION_STATUSES = ['proposed', 'under-review', 'qualified', 'to-review'] as const;

/** A facet value and how many records have it. */
export const FacetValue = z
  .object({ value: z.string(), count: z.number().int(), label: z.string().optional() })
  .meta({ id: 'FacetValue' });

const facets = <K extends string>(names: readonly K[]) =>
  z.object(
    Object.fromEntries(names.map((n) => [n, z.array(FacetValue)])) as Record<
      K,
      z.ZodArray<typeof FacetValue>
    >,
  );

/** Someone who did something, as shown publicly. */
export const UserRef = z.object({ id: z.number().int().nullable(), name: z.string() });

/** A resource in lists. */
export const ResourceSummary = z
  .object({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(RESOURCE_KINDS),
    summary: z.string(),
    themes: z.array(z.string()),
    license: z.string().nullable(),
    licenseFlag: z.enum(LICENSE_FLAGS),
    status: z.enum(RESOURCE_STATUSES),
    qualification: z.object({ status: z.enum(QUALIFICATION_STATUSES) }),
    usageCount: z.number().int(),
    referentCount: z.number().int(),
    distanceKm: z
      .number()
      .optional()
      .describe('With near: distance to the nearest place that uses it'),
  })
  .meta({ id: 'ResourceSummary' });
/** A resource in lists. */
export type ResourceSummary = z.infer<typeof ResourceSummary>;

/** GET /api/resources: a page of results with facets. */
export const ResourceList = z.object({
  total: z.number().int(),
  items: z.array(ResourceSummary),
  facets: facets(['theme', 'kind', 'license', 'qualification', 'region'] as const),
});
/** GET /api/resources. */
export type ResourceList = z.infer<typeof ResourceList>;

/** What anyone may see of a visible person. Never an address. */
export const PublicPerson = z
  .object({
    slug: z.string(),
    name: z.string(),
    region: z.string().nullable(),
    place: z.object({ slug: z.string(), name: z.string() }).nullable(),
    themes: z.array(z.string()),
    skills: z.array(z.string()),
    bio: z.string(),
    contactable: z.boolean(),
  })
  .meta({ id: 'PublicPerson' });
/** What anyone may see of a visible person. */
export type PublicPerson = z.infer<typeof PublicPerson>;

/** One criterion of a resource's qualification: its latest assessment (level null: never assessed). */
export const CriterionAssessment = z.object({
  criterion: z.string(),
  label: z.string(),
  level: z.number().int().nullable(),
  evidence: z.string(),
  by: UserRef.nullable(),
  at: z.string().nullable(),
});

/** The qualification block of a resource page. */
export const QualificationView = z.object({
  status: z.enum(QUALIFICATION_STATUSES),
  criteria: z.array(CriterionAssessment),
  expiresAt: z.string().nullable(),
});

const PlaceRef = z.object({ slug: z.string(), name: z.string() });
const Provider = z.object({
  name: z.string(),
  url: z.string().optional(),
  note: z.string().optional(),
});

/** A resource page: every bundle field, the registry's extensions, qualification and relations. */
export const ResourceDetail = z
  .object({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(RESOURCE_KINDS),
    summary: z.string(),
    description: z.string().nullish().describe('Markdown'),
    themes: z.array(z.string()),
    features: z.array(z.string()),
    keywords: z.array(z.string()),
    languages: z.array(z.string()),
    url: z.string().nullish(),
    developmentStatus: z.string().nullish(),
    maintenance: z.string().nullish(),
    license: z.string().nullable(),
    licenseFlag: z.enum(LICENSE_FLAGS),
    licenseName: z.string().nullable(),
    licenseRestrictions: z.array(z.string()),
    challenge: z.string().describe('The challenge ("défi") it answers'),
    documentationUrl: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    governance: z.string(),
    organisation: z.string(),
    lockIn: z.string().describe('Data export / lock-in notes'),
    compliance: z.object({ rgpd: z.string(), accessibility: z.string() }),
    needs: z.string(),
    developmentSteps: z.string(),
    status: z.enum(RESOURCE_STATUSES),
    lastReviewedAt: z.string().nullable(),
    wikiPage: z.string().nullable().describe('Slug of its wiki page (kind "commun")'),
    qualification: QualificationView,
    usageCount: z.number().int(),
    usages: z.array(
      z.object({
        place: PlaceRef.extend({
          city: z.string().nullable(),
          region: z.string().nullable(),
          lat: z.number().nullable(),
          lon: z.number().nullable(),
        }),
        status: z.enum(USAGE_STATUSES),
        note: z.string(),
        since: z.string().nullable(),
      }),
    ),
    referents: z.array(z.object({ person: PublicPerson, isExpert: z.boolean(), note: z.string() })),
    providers: z.array(Provider),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .loose()
  .describe('Unknown fields of an imported bundle are kept and sent back')
  .meta({ id: 'ResourceDetail' });
/** A resource page. */
export type ResourceDetail = z.infer<typeof ResourceDetail>;

/** One recorded assessment. */
export const Assessment = z
  .object({
    id: z.number().int(),
    criterion: z.string(),
    label: z.string(),
    level: z.number().int(),
    evidence: z.string(),
    by: UserRef,
    at: z.string(),
  })
  .meta({ id: 'Assessment' });
/** One recorded assessment. */
export type Assessment = z.infer<typeof Assessment>;

/** A place in lists and on the map. */
export const PlaceSummary = z
  .object({
    slug: z.string(),
    name: z.string(),
    city: z.string().nullable(),
    postcode: z.string().nullable(),
    region: z.string().nullable(),
    families: z.array(z.enum(PLACE_FAMILIES)),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  })
  .meta({ id: 'PlaceSummary' });
/** A place in lists. */
export type PlaceSummary = z.infer<typeof PlaceSummary>;

/** GET /api/places. */
export const PlaceList = z.object({
  total: z.number().int(),
  items: z.array(PlaceSummary),
  facets: facets(['region', 'family'] as const),
});
/** GET /api/places. */
export type PlaceList = z.infer<typeof PlaceList>;

const Needs = z.object({
  skills: z.array(z.string()).optional(),
  equipment: z.array(z.string()).optional(),
  spaces: z.array(z.string()).optional(),
});

/** A place page: the place, the resources it uses, its visible people. */
export const PlaceDetail = z.object({
  slug: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  postcode: z.string().nullable(),
  region: z.string().nullable(),
  families: z.array(z.enum(PLACE_FAMILIES)),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  management: z.string().nullable(),
  networks: z.array(z.string()),
  needs: Needs,
  offers: Needs,
  website: z.string().nullable(),
  source: z.string().nullable().describe('Where the place was imported from (e.g. "cget")'),
  uses: z.array(
    z.object({
      resource: PlaceRef,
      status: z.enum(USAGE_STATUSES),
      note: z.string(),
      since: z.string().nullable(),
    }),
  ),
  people: z.array(PublicPerson),
});
/** A place page. */
export type PlaceDetail = z.infer<typeof PlaceDetail>;

/** A person in the directory (`hidden` only with visibility=all). */
export const DirectoryPerson = PublicPerson.extend({
  hidden: z.boolean().optional().describe('Only with visibility=all'),
});

/** GET /api/people. */
export const PeopleList = z.object({
  total: z.number().int(),
  items: z.array(DirectoryPerson),
  facets: facets(['theme', 'region'] as const),
});
/** GET /api/people. */
export type PeopleList = z.infer<typeof PeopleList>;

const ReferentOf = z.array(
  z.object({ resource: PlaceRef, isExpert: z.boolean(), note: z.string() }),
);

/** A person page as everyone sees it. */
export const PersonDetail = PublicPerson.extend({ referentOf: ReferentOf });
/** A person page. */
export type PersonDetail = z.infer<typeof PersonDetail>;

/** A person as facilitators, admins and the person's own account see it (fields outside the schema are never shown). */
export const ManagedPerson = PersonDetail.extend({
  public: z.boolean().describe('Profile shown publicly even when not contactable'),
  hidden: z.boolean().describe('Neither contactable nor public: invisible to everyone else'),
  placeConfirmed: z
    .boolean()
    .describe(
      "Whether a facilitator set or confirmed the place: until then a linked account gets none of the place's rights (its bookings, its events)",
    ),
}).meta({ id: 'ManagedPerson' });
/** A person as those who may manage it see it. */
export type ManagedPerson = z.infer<typeof ManagedPerson>;

/** What a write on a person answers: the managed view, the public page, or only that the edit hid it. */
export const PersonAnswer = z.union([
  ManagedPerson,
  PersonDetail,
  z.object({ slug: z.string(), hidden: z.literal(true) }),
]);

/** GET /api/licenses/check. */
export const LicenseCheck = z.object({
  id: z.string(),
  valid: z.boolean(),
  flag: z.enum(LICENSE_FLAGS),
  name: z.string().optional(),
  osi: z.boolean().optional(),
  fsfLibre: z.boolean().optional(),
  openDefinition: z.boolean().optional(),
  restrictions: z.array(z.string()),
  deprecated: z.boolean().optional(),
});
/** GET /api/licenses/check. */
export type LicenseCheck = z.infer<typeof LicenseCheck>;

/** GET and PUT /api/criteria: the qualification criteria and rules. */
export const CriteriaAnswer = z.object({
  criteria: z.array(
    z.object({ slug: z.string(), label: z.string(), description: z.string(), weight: z.number() }),
  ),
  maxAgeDays: z
    .number()
    .int()
    .describe('A qualification older than this becomes "to-review" (default 730)'),
  threshold: z.number().describe('Weighted mean level needed to qualify (default 2)'),
});
/** GET and PUT /api/criteria. */
export type CriteriaAnswer = z.infer<typeof CriteriaAnswer>;
/** A person in the directory. */
export type DirectoryPerson = z.infer<typeof DirectoryPerson>;

/** An answer to a contact message. */
export const ContactReply = z
  .object({
    id: z.number().int(),
    body: z.string(),
    author: z.object({
      name: z.string(),
      role: z
        .enum(['person', 'team'])
        .describe('The person the message was for, or the facilitation team'),
    }),
    createdAt: z.string(),
  })
  .meta({ id: 'ContactReply' });

const MessageStatus = z.enum(['new', 'relayed', 'closed']).describe('relayed: answered');

/** A contact message as its recipients (the person, facilitators) see it. Never an address. */
export const InboxMessage = z
  .object({
    id: z.number().int(),
    person: PlaceRef,
    message: z.string(),
    from: z.string().describe('What the sender wrote about themselves'),
    sender: z.string().nullable().describe('The sender’s account name, when logged in'),
    status: MessageStatus,
    read: z.boolean(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    replies: z.array(ContactReply),
  })
  .meta({ id: 'InboxMessage' });
/** A contact message as its recipients see it. */
export type InboxMessage = z.infer<typeof InboxMessage>;

/** A contact message as its sender sees it in "Mes demandes". */
export const SentMessage = z
  .object({
    id: z.number().int(),
    person: PlaceRef,
    message: z.string(),
    status: MessageStatus,
    createdAt: z.string(),
    unread: z.number().int().describe('Answers not seen yet'),
    replies: z.array(ContactReply),
  })
  .meta({ id: 'SentMessage' });

/** GET /api/inbox: whose messages the caller handles, and the messages (unread first). */
export const InboxList = z.object({
  scope: z.object({
    all: z.boolean(),
    person: z.string().nullable().describe('The slug of the caller’s profile'),
  }),
  messages: z.array(InboxMessage),
});
/** GET /api/inbox. */
export type InboxList = z.infer<typeof InboxList>;

/** GET /api/unread: the header's counts. */
export const UnreadCounts = z.object({
  inbox: z.number().int().describe('Messages waiting in the caller’s inbox'),
  answers: z.number().int().describe('Unseen answers to what they sent'),
  handles: z
    .boolean()
    .describe('The caller has an inbox: a linked profile, or facilitator and above'),
});
/** GET /api/unread. */
export type UnreadCounts = z.infer<typeof UnreadCounts>;
