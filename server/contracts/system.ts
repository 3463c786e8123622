import { z } from 'zod';

/*
 * Answers of the system routes (health, accessibility contact), as zod schemas: the OpenAPI
 * document is generated from them and the client takes its types from them. No server-only import.
 */

/** GET /api/health. */
export const Health = z.object({
  status: z.literal('ok'),
  schemaVersion: z.number().int().describe('The database schema version (PRAGMA user_version)'),
});
/** GET /api/health. */
export type Health = z.infer<typeof Health>;

/** Where to report an accessibility problem, as the operator set it (LC_A11Y_CONTACT). */
export const A11yContact = z
  .object({ kind: z.enum(['email', 'url']), value: z.string() })
  .nullable();
/** Where to report an accessibility problem, or null. */
export type A11yContact = z.infer<typeof A11yContact>;

/** GET /api/accessibility. */
export const AccessibilityAnswer = z.object({ contact: A11yContact });
/** GET /api/accessibility. */
export type AccessibilityAnswer = z.infer<typeof AccessibilityAnswer>;
