import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest, notFound } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { requireRole } from '../auth/middleware.js';
import { hasRole, type User } from '../auth/users.js';
import { personOfUser } from '../../registry/people.js';
import {
  addReply,
  getInboxMessage,
  listInbox,
  listSentMessages,
  markMessageRead,
  markSentSeen,
  setMessageClosed,
  unreadCounts,
  type InboxScope,
  type MessageAccess,
} from '../../registry/contact-inbox.js';
import { alertReply } from '../mail/contact-alerts.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { InboxList, InboxMessage, SentMessage, UnreadCounts } from '../../registry/contracts.js';

const InboxQuery = z.object({ status: z.enum(['open', 'closed', 'all']).optional() });
const ReplyBody = z.object({ body: z.string().trim().min(1).max(4000) });
const StatusBody = z.object({ status: z.enum(['open', 'closed']) });

const ID = { id: { schema: z.number().int().min(1) } };
const denied = { 401: errorAnswer('Not logged in') };
const notHandled = errorAnswer('Unknown message, or not one the caller handles');
const theMessage = { description: 'The message', schema: InboxMessage };
const DOC = {
  list: describeRoute({
    tags: ['inbox'],
    summary:
      'The messages the caller handles: for their own profile, or all of them (facilitators, admins); unread first',
    loggedIn: true,
    responses: {
      200: {
        description:
          '`{ scope: { all, person }, messages }` (`person`: the slug of the caller’s profile, or null; no messages for a user who handles none)',
        schema: InboxList,
      },
      400: errorAnswer('Unknown status filter (field `status`)'),
      ...denied,
    },
  }),
  get: describeRoute({
    tags: ['inbox'],
    summary: 'One message with its answers',
    loggedIn: true,
    params: ID,
    responses: { 200: theMessage, 400: errorAnswer('Bad id'), ...denied, 404: notHandled },
  }),
  status: describeRoute({
    tags: ['inbox'],
    summary: 'Close a message, or open it again',
    loggedIn: true,
    params: ID,
    responses: {
      200: theMessage,
      400: errorAnswer('Bad id or status'),
      ...denied,
      404: notHandled,
    },
  }),
  read: describeRoute({
    tags: ['inbox'],
    summary: 'Mark a message as read (it leaves the unread count)',
    loggedIn: true,
    params: ID,
    responses: { 200: theMessage, 400: errorAnswer('Bad id'), ...denied, 404: notHandled },
  }),
  reply: describeRoute({
    tags: ['inbox'],
    summary:
      'Answer a message: the sender (if logged in when writing) is alerted by mail and reads it in “Mes demandes”',
    loggedIn: true,
    params: ID,
    responses: {
      201: { description: 'The message with the new answer', schema: InboxMessage },
      400: errorAnswer('Empty or too long answer (field `body`), bad id'),
      ...denied,
      404: notHandled,
    },
  }),
  sent: describeRoute({
    tags: ['inbox'],
    summary: 'The messages the caller sent while logged in, newest first, with their answers',
    loggedIn: true,
    responses: {
      200: { description: '`{ messages }`', schema: z.object({ messages: z.array(SentMessage) }) },
      ...denied,
    },
  }),
  seen: describeRoute({
    tags: ['inbox'],
    summary: 'The caller has read every answer to their messages',
    loggedIn: true,
    responses: {
      200: { description: '`{ ok: true }`', schema: z.object({ ok: z.literal(true) }) },
      ...denied,
    },
  }),
  unread: describeRoute({
    tags: ['inbox'],
    summary:
      'The header’s counts: messages waiting in the caller’s inbox (`inbox`), unseen answers to what they sent (`answers`)',
    loggedIn: true,
    responses: {
      200: {
        description:
          '`{ inbox, answers, handles }` (`handles`: the caller has an inbox: a linked profile, or facilitator and above)',
        schema: UnreadCounts,
      },
      ...denied,
    },
  }),
};

/** Whose messages a user handles: every one (facilitators, admins), those of their own profile. */
function scopeOf(c: Context<AppEnv>, user: User): InboxScope & { personSlug: string | null } {
  const person = personOfUser(c.get('db'), user.id);
  return {
    all: hasRole(user.role, 'facilitator'),
    personId: person?.id ?? null,
    personSlug: person?.slug ?? null,
  };
}

const idParam = (raw: string) => {
  const id = Number(raw);
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(id))
    throw badRequest('id', 'a message id (a positive integer)');
  return id;
};

/** The message, if the caller handles it (its person, or the team); anything else is a 404. */
function handled(c: Context<AppEnv>): { user: User; scope: InboxScope; found: MessageAccess } {
  const user = requireRole(c, 'reader');
  const id = idParam(c.req.param('id') ?? '');
  const scope = scopeOf(c, user);
  let found: MessageAccess;
  try {
    found = getInboxMessage(c.get('db'), id);
  } catch {
    throw notFound(`message ${id}`);
  }
  if (!scope.all && found.personId !== scope.personId) throw notFound(`message ${id}`);
  return { user, scope, found };
}

/**
 * /api/inbox: the contact messages a logged-in user handles. The person (through the account
 * linked to the profile) sees the messages for them; facilitators and admins see every message.
 * Both answer (the sender is alerted by mail and reads the answer in "Mes demandes") and close.
 */
export const inbox = new Hono<AppEnv>()
  .get('/', DOC.list, queryParams(InboxQuery), (c) => {
    const user = requireRole(c, 'reader');
    const scope = scopeOf(c, user);
    const handles = scope.all || scope.personId !== null;
    const messages = handles
      ? listInbox(c.get('db'), scope, c.req.valid('query').status ?? 'open')
      : [];
    return c.json({
      scope: { all: scope.all, person: scope.personSlug },
      messages,
    } satisfies InboxList);
  })
  .get('/:id', DOC.get, (c) => c.json(handled(c).found.message satisfies InboxMessage))
  .post('/:id/read', DOC.read, (c) => {
    const { found } = handled(c);
    markMessageRead(c.get('db'), found.message.id);
    return c.json(getInboxMessage(c.get('db'), found.message.id).message);
  })
  .post('/:id/replies', DOC.reply, jsonBody(ReplyBody), (c) => {
    const { user, scope, found } = handled(c);
    const db = c.get('db');
    const { body } = c.req.valid('json');
    const role = found.personId === scope.personId ? 'person' : 'team';
    const id = found.message.id;
    // The answer, the message's new status and the sender's alert: all or nothing.
    db.transaction(() => {
      const replyId = addReply(db, { messageId: id, userId: user.id, role, body });
      const authorName =
        role === 'person' ? found.message.person.name : `${user.name} (équipe d’animation)`;
      alertReply(db, c.get('config').publicUrl, found.message, found.senderUserId, {
        id: replyId,
        body,
        authorName,
      });
    })();
    return c.json(getInboxMessage(db, id).message, 201);
  })
  .patch('/:id', DOC.status, jsonBody(StatusBody), (c) => {
    const { found } = handled(c);
    setMessageClosed(c.get('db'), found.message.id, c.req.valid('json').status === 'closed');
    return c.json(getInboxMessage(c.get('db'), found.message.id).message);
  });

/** /api/my-messages: the messages the caller sent while logged in, with their answers ("Mes demandes"). */
export const myMessages = new Hono<AppEnv>()
  .get('/', DOC.sent, (c) => {
    const user = requireRole(c, 'reader');
    return c.json({ messages: listSentMessages(c.get('db'), user.id) });
  })
  .post('/seen', DOC.seen, (c) => {
    const user = requireRole(c, 'reader');
    markSentSeen(c.get('db'), user.id);
    return c.json({ ok: true });
  });

/** /api/unread: the header's counts, messages waiting in the caller's inbox and unseen answers, and whether they have an inbox. */
export const unread = new Hono<AppEnv>().get('/', DOC.unread, (c) => {
  const user = requireRole(c, 'reader');
  const scope = scopeOf(c, user);
  // handles: whether the user has an inbox at all (the header shows its link even with nothing unread).
  return c.json({
    ...unreadCounts(c.get('db'), scope, user.id),
    handles: scope.all || scope.personId !== null,
  } satisfies UnreadCounts);
});
