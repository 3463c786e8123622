import { z } from 'zod';

/*
 * What the switchyard's routes answer (/api/switchyard), as zod schemas: the OpenAPI document is
 * generated from them, the routes check what they send against them (`satisfies`), the client
 * takes its types from them (`import type`). Plain zod.
 */

const Proposal = z.object({
  slug: z.string(),
  name: z.string(),
  score: z.number().describe('Relative score, 1 for the best proposal of its kind'),
  reasons: z.array(z.string()),
});
/** A proposal: a resource or a person, with why. */
export type Proposal = z.infer<typeof Proposal>;

/** A resource proposal with what a card needs. */
export const ResourceProposal = Proposal.extend({
  kind: z.string(),
  summary: z.string(),
  license: z.string().optional(),
  themes: z.array(z.string()),
});
/** A resource proposal. */
export type ResourceProposal = z.infer<typeof ResourceProposal>;

/** A person proposal with where they are. */
export const PersonProposal = Proposal.extend({
  region: z.string().optional(),
  place: z.object({ slug: z.string(), name: z.string() }).nullable(),
  themes: z.array(z.string()),
});
/** A person proposal. */
export type PersonProposal = z.infer<typeof PersonProposal>;

/** A clarifying question as sent to the asker. */
export const AskedQuestion = z.object({
  id: z.string(),
  label: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
});
/** A clarifying question. */
export type AskedQuestion = z.infer<typeof AskedQuestion>;

/** The switchyard's answer to a problem. */
export const SwitchyardAnswer = z
  .object({
    lang: z.enum(['fr', 'en']),
    themes: z
      .array(
        z.object({
          slug: z.string(),
          label: z.string(),
          confidence: z.number().describe('Share of the theme among the detected ones'),
          probability: z
            .number()
            .describe('Calibrated probability that the problem is about this theme (0..1)'),
        }),
      )
      .describe(
        'Detected themes, most likely first, with a confidence (shares summing to at most 1)',
      ),
    confidence: z.number().describe('Confidence of the top theme (0..1)'),
    resources: z.array(ResourceProposal),
    people: z.array(PersonProposal),
    pages: z.array(z.object({ slug: z.string(), title: z.string(), score: z.number() })),
    questions: z.array(AskedQuestion),
    understood: z
      .array(z.string())
      .describe('The problem’s words that were understood (after normalisation)'),
  })
  .meta({ id: 'SwitchyardAnswer' });
/** The switchyard's answer to a problem. */
export type SwitchyardAnswer = z.infer<typeof SwitchyardAnswer>;

const STATUSES = ['new', 'oriented', 'in-contact', 'resolved', 'closed'] as const;
/** A request status, in the order requests move through them. */
export const RequestStatus = z.enum(STATUSES);
/** A request status. */
export type RequestStatus = z.infer<typeof RequestStatus>;
const UserRef = z.object({ id: z.number().int(), name: z.string() });

/** One dated event of a request's history. */
export const RequestEvent = z.object({
  id: z.number().int(),
  kind: z.enum(['note', 'status', 'assign', 'contact', 'outcome']),
  body: z.string(),
  fromStatus: RequestStatus.nullable(),
  toStatus: RequestStatus.nullable(),
  author: UserRef.nullable(),
  createdAt: z.string(),
});
/** One dated event of a request's history. */
export type RequestEvent = z.infer<typeof RequestEvent>;
const Scored = z.object({ slug: z.string(), name: z.string(), score: z.number() });

/** A tracked request (sollicitation) with, on its own page, its dated history. */
export const SwitchyardRequest = z
  .object({
    id: z.number().int(),
    problem: z.string(),
    place: z.string().nullable(),
    person: z.string().nullable(),
    region: z.string().nullable(),
    lang: z.enum(['fr', 'en']),
    asker: UserRef.nullable(),
    themes: z.array(z.string()),
    mainTheme: z.string().nullable(),
    confidence: z.number(),
    proposal: z
      .object({ resources: z.array(Scored), people: z.array(Scored) })
      .describe('What was proposed when the request was made'),
    status: RequestStatus,
    facilitator: UserRef.nullable(),
    outcome: z
      .object({
        helped: z.boolean(),
        resource: z.string().nullable(),
        person: z.string().nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    missing: z.boolean().describe('A missing commun: no good answer'),
    createdAt: z.string(),
    updatedAt: z.string(),
    firstContactAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    events: z.array(RequestEvent).optional(),
  })
  .meta({ id: 'SwitchyardRequest' });
/** A tracked request. */
export type SwitchyardRequest = z.infer<typeof SwitchyardRequest>;

/** A thesaurus group: terms the switchyard treats as one, and where it comes from. */
export const ThesaurusGroup = z.object({
  id: z.string().describe('Stable identifier (used by the editing API)'),
  terms: z
    .array(z.string())
    .describe('Expressions, French first; multi-word expressions match when all their words occur'),
  source: z
    .enum(['default', 'edited', 'added'])
    .describe(
      'default: shipped and untouched; edited: a default group changed; added: created by a facilitator',
    ),
  updatedAt: z.string().optional(),
});
/** A thesaurus group. */
export type ThesaurusGroup = z.infer<typeof ThesaurusGroup>;

const HoursOrNull = z
  .number()
  .nullable()
  .describe('Median hours from the request to its first contact (null when none yet)');

/** The dashboard figures (GET /api/switchyard/dashboard adds `networks`). */
export const Dashboard = z.object({
  totals: z.object({
    requests: z.number().int(),
    resolved: z.number().int(),
    shareResolved: z.number(),
    contacted: z.number().int(),
    medianHoursToFirstContact: HoursOrNull,
    missing: z.number().int(),
  }),
  months: z.array(z.string()),
  byMonth: z.array(
    z.object({
      month: z.string(),
      requests: z.number().int(),
      resolved: z.number().int(),
      medianHoursToFirstContact: HoursOrNull,
    }),
  ),
  byTheme: z.array(
    z.object({ theme: z.string(), requests: z.number().int(), resolved: z.number().int() }),
  ),
  byThemeMonth: z.array(
    z.object({
      month: z.string(),
      theme: z.string(),
      requests: z.number().int(),
      resolved: z.number().int(),
      medianHoursToFirstContact: HoursOrNull,
    }),
  ),
  missing: z.array(
    z.object({
      theme: z.string(),
      count: z.number().int(),
      examples: z.array(
        z.object({ id: z.number().int(), problem: z.string(), createdAt: z.string() }),
      ),
    }),
  ),
});
/** The dashboard figures. */
export type Dashboard = z.infer<typeof Dashboard>;

const SLUG = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,120}$/, 'use lowercase letters, digits and dashes');

/** What is sent to the switchyard (POST /api/switchyard and /api/switchyard/requests). */
export const Problem = z.object({
  problem: z.string().trim().min(1, 'describe the problem').max(5000),
  place: SLUG.optional().describe(
    'slug of the asking place (its own people are never proposed); defaults to the caller’s registry profile',
  ),
  person: SLUG.optional().describe(
    'slug of the asking person; defaults to the caller’s registry profile',
  ),
  region: z.string().trim().min(1).max(100).optional(),
  lang: z.enum(['fr', 'en']).optional().describe('language of the reasons (fr by default)'),
  answers: z
    .record(z.string().max(100), z.string().max(100))
    .optional()
    .describe('clarifying question id → choice id'),
});
/** What is sent to the switchyard. */
export type Problem = z.input<typeof Problem>;
