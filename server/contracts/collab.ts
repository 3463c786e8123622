import { z } from 'zod';

/*
 * What the co-editing routes answer (POST /api/pages/{slug}/collab-save), as zod schemas: the
 * OpenAPI document is generated from them, the routes check what they send against them
 * (`satisfies`), the client takes its types from them. No server-only import.
 */

/** POST /api/pages/{slug}/collab-save: what the save did. */
export const CollabSaveResult = z.object({
  revision: z
    .number()
    .int()
    .describe('The page revision the live text matches (0 while the page does not exist)'),
  saved: z.boolean().describe('Whether a revision was written'),
  complete: z.boolean().describe('Whether the document held all of the editor’s edits'),
});
/** POST /api/pages/{slug}/collab-save. */
export type CollabSaveResult = z.infer<typeof CollabSaveResult>;
