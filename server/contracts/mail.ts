import { z } from 'zod';

/*
 * What the outbox routes answer (/api/admin/outbox), as zod schemas: the OpenAPI document is
 * generated from them and the client takes its types from them. No server-only import.
 */

/** A mail of the outbox. */
export const OutboxMail = z
  .object({
    id: z.number().int(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    attachments: z.array(
      z.object({
        filename: z.string(),
        contentType: z.string(),
        content: z.string().describe('base64'),
      }),
    ),
    kind: z.string().describe("What queued it, e.g. 'booking-confirmation'"),
    status: z.enum(['queued', 'sent', 'failed']).describe('Without SMTP, mails stay queued'),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxMail' });
/** A mail of the outbox. */
export type OutboxMail = z.infer<typeof OutboxMail>;

/** GET /api/admin/outbox: mails newest first, whether SMTP is configured, and the next page's `before`. */
export const OutboxPage = z.object({
  smtp: z.boolean(),
  mails: z.array(OutboxMail),
  next: z.number().int().nullable(),
});
/** GET /api/admin/outbox. */
export type OutboxPage = z.infer<typeof OutboxPage>;
