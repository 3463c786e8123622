import { z } from 'zod';

/*
 * What the switchyard's routes answer (/api/switchyard), as zod schemas: the OpenAPI document is
 * generated from them and the routes check what they send against them (`satisfies`). Plain zod.
 */

const Proposal = z.object({
  slug: z.string(),
  name: z.string(),
  score: z.number().describe('Relative score, 1 for the best proposal of its kind'),
  reasons: z.array(z.string()),
});

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
    resources: z.array(
      Proposal.extend({
        kind: z.string(),
        summary: z.string(),
        license: z.string().optional(),
        themes: z.array(z.string()),
      }),
    ),
    people: z.array(
      Proposal.extend({
        region: z.string().optional(),
        place: z.object({ slug: z.string(), name: z.string() }).nullable(),
        themes: z.array(z.string()),
      }),
    ),
    pages: z.array(z.object({ slug: z.string(), title: z.string(), score: z.number() })),
    questions: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        choices: z.array(z.object({ id: z.string(), label: z.string() })),
      }),
    ),
    understood: z
      .array(z.string())
      .describe('The problem’s words that were understood (after normalisation)'),
  })
  .meta({ id: 'SwitchyardAnswer' });
/** The switchyard's answer to a problem. */
export type SwitchyardAnswer = z.infer<typeof SwitchyardAnswer>;

const STATUSES = ['new', 'oriented', 'in-contact', 'resolved', 'closed'] as const;
const UserRef = z.object({ id: z.number().int(), name: z.string() });
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
    status: z.enum(STATUSES),
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
    events: z
      .array(
        z.object({
          id: z.number().int(),
          kind: z.enum(['note', 'status', 'assign', 'contact', 'outcome']),
          body: z.string(),
          fromStatus: z.enum(STATUSES).nullable(),
          toStatus: z.enum(STATUSES).nullable(),
          author: UserRef.nullable(),
          createdAt: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'SwitchyardRequest' });
/** A tracked request. */
export type SwitchyardRequest = z.infer<typeof SwitchyardRequest>;

/** A thesaurus group: terms the switchyard treats as one. */
export const ThesaurusGroup = z.object({}).loose();
