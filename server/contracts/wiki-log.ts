import { z } from 'zod';

/*
 * What the wiki's log and deleted-pages routes answer (/api/wiki/log, /api/wiki/deleted), as zod
 * schemas: the OpenAPI document is generated from them, the routes check what they send against
 * them (`satisfies`), the client takes its types from them. No server-only import.
 */

const UserRef = z.object({ id: z.number().int(), name: z.string() });

/** One entry of the wiki's log. */
export const LogEntry = z
  .object({
    id: z.number().int().describe('Entries are numbered in the order they happened'),
    action: z
      .string()
      .describe("What happened ('delete', 'restore'); new kinds of entry may appear"),
    slug: z.string(),
    title: z.string().describe('The page title at the time'),
    revision: z.number().int().describe('The page revision at the time'),
    user: UserRef.nullable(),
    reason: z.string(),
    createdAt: z.string(),
    details: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe(
        'What an action records beyond the common fields (e.g. the new slug of a move); empty for delete and restore',
      ),
  })
  .meta({ id: 'LogEntry' });
/** One entry of the wiki's log. */
export type LogEntry = z.infer<typeof LogEntry>;

/** GET /api/wiki/log: entries newest first; `next` is the `before` of the older ones (null at the end). */
export const LogPage = z.object({ entries: z.array(LogEntry), next: z.number().int().nullable() });
/** GET /api/wiki/log. */
export type LogPage = z.infer<typeof LogPage>;

/** A page deleted now. */
export const DeletedPage = z
  .object({
    slug: z.string(),
    title: z.string(),
    revision: z
      .number()
      .int()
      .describe('The revision the page is at (a restoration brings it back as it was)'),
    revisionCount: z.number().int().describe('Revisions kept with the page'),
    deletedAt: z.string(),
    deletedBy: UserRef.nullable(),
    reason: z.string(),
  })
  .meta({ id: 'DeletedPage' });
/** A page deleted now. */
export type DeletedPage = z.infer<typeof DeletedPage>;

/** GET /api/wiki/deleted. */
export const DeletedPages = z.object({ total: z.number().int(), pages: z.array(DeletedPage) });
/** GET /api/wiki/deleted. */
export type DeletedPages = z.infer<typeof DeletedPages>;
