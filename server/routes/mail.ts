import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, notFound } from '../errors.js';
import { queryParams } from '../validate.js';
import { requireRole } from '../auth/middleware.js';
import { getOutboxMail, listOutbox, retryMail } from '../mail/queue.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { OutboxMail, OutboxPage } from '../contracts/mail.js';

const OutboxQuery = z.object({
  status: z.enum(['queued', 'sent', 'failed']).optional(),
  kind: z.string().max(100).optional(),
  to: z.string().max(320).optional(),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Paging: the `next` of the previous answer'),
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Default 50'),
});
const Id = z.coerce.number().int().positive();

/** Reads a mail id from the path, or answers 404 for one that cannot be an id. */
function mailId(raw: string): number {
  const id = Id.safeParse(raw);
  if (!id.success) throw notFound('Mail');
  return id.data;
}

const ID = { id: { schema: z.number().int().min(1) } };
const denied = { 401: errorAnswer('Not logged in'), 403: errorAnswer('Not an admin') };
const DOC = {
  list: describeRoute({
    tags: ['mail'],
    summary: 'The outbox, newest first (admins)',
    loggedIn: true,
    responses: {
      200: { description: 'Mails, and whether SMTP is configured', schema: OutboxPage },
      400: errorAnswer('A bad filter'),
      ...denied,
    },
  }),
  get: describeRoute({
    tags: ['mail'],
    summary: 'One mail of the outbox (admins)',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'The mail', schema: OutboxMail },
      ...denied,
      404: errorAnswer('No such mail'),
    },
  }),
  retry: describeRoute({
    tags: ['mail'],
    summary: 'Queue a failed mail again, due now (admins)',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'The mail, queued', schema: OutboxMail },
      ...denied,
      404: errorAnswer('No such mail'),
      409: errorAnswer('The mail has not failed'),
    },
  }),
};

/**
 * /api/admin/outbox (admins): the queue of outgoing mail. Without SMTP (LC_SMTP_URL unset) it is
 * where every mail stays, to be read here; with SMTP, sent and failed mails are listed too.
 */
export const mailAdmin = new Hono<AppEnv>()
  .get('/', DOC.list, queryParams(OutboxQuery), (c) => {
    requireRole(c, 'admin');
    const q = c.req.valid('query');
    const mails = listOutbox(c.get('db'), q);
    const limit = q.limit ?? 50;
    return c.json({
      smtp: c.get('services').mail.configured,
      mails,
      next: mails.length === limit ? mails[mails.length - 1].id : null,
    } satisfies OutboxPage);
  })
  .get('/:id', DOC.get, (c) => {
    requireRole(c, 'admin');
    const mail = getOutboxMail(c.get('db'), mailId(c.req.param('id')));
    if (!mail) throw notFound('Mail');
    return c.json(mail satisfies OutboxMail);
  })
  .post('/:id/retry', DOC.retry, (c) => {
    requireRole(c, 'admin');
    const id = mailId(c.req.param('id'));
    if (!getOutboxMail(c.get('db'), id)) throw notFound('Mail');
    if (!retryMail(c.get('db'), id, new Date()))
      throw new AppError(409, 'conflict', 'Only a failed mail can be retried');
    void c.get('services').mail.flush();
    return c.json(getOutboxMail(c.get('db'), id));
  });
