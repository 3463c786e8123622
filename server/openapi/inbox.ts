import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const loggedIn = { security: [{ session: [] }, { bearer: [] }] };
const denied = { 401: error('Not logged in') };
const REPLY = {
  type: 'object',
  required: ['id', 'body', 'author', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    body: { type: 'string' },
    author: {
      type: 'object',
      properties: { name: { type: 'string' }, role: { type: 'string', enum: ['person', 'team'], description: 'The person the message was for, or the facilitation team' } },
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

/** The contact-message inbox (people with an account, facilitators) and the sender's answers. */
export const inboxApi: OpenApiFragment = {
  tags: [{ name: 'inbox', description: 'Messages left on a person’s page: read, answered and closed by the person (linked account) and the facilitators; answers shown to the sender. Never an address.' }],
  schemas: {
    ContactReply: REPLY,
    InboxMessage: {
      type: 'object',
      required: ['id', 'person', 'message', 'from', 'sender', 'status', 'read', 'createdAt', 'replies'],
      properties: {
        id: { type: 'integer' },
        person: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
        message: { type: 'string' },
        from: { type: 'string', description: 'What the sender wrote about themselves' },
        sender: { type: ['string', 'null'], description: 'The sender’s account name, when logged in' },
        status: { type: 'string', enum: ['new', 'relayed', 'closed'], description: 'relayed: answered' },
        read: { type: 'boolean' },
        createdAt: { type: 'string', format: 'date-time' },
        closedAt: { type: ['string', 'null'], format: 'date-time' },
        replies: { type: 'array', items: ref('ContactReply') },
      },
    },
    SentMessage: {
      type: 'object',
      required: ['id', 'person', 'message', 'status', 'createdAt', 'unread', 'replies'],
      properties: {
        id: { type: 'integer' },
        person: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
        message: { type: 'string' },
        status: { type: 'string', enum: ['new', 'relayed', 'closed'] },
        createdAt: { type: 'string', format: 'date-time' },
        unread: { type: 'integer', description: 'Answers not seen yet' },
        replies: { type: 'array', items: ref('ContactReply') },
      },
    },
  },
  paths: {
    '/api/inbox': {
      get: {
        tags: ['inbox'],
        summary: 'The messages the caller handles: for their own profile, or all of them (facilitators, admins); unread first',
        ...loggedIn,
        parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'closed', 'all'], default: 'open' } }],
        responses: {
          200: {
            description: '`{ scope: { all, person }, messages }` (`person`: the slug of the caller’s profile, or null; no messages for a user who handles none)',
            ...json({ type: 'object', properties: { scope: { type: 'object' }, messages: { type: 'array', items: ref('InboxMessage') } } }),
          },
          400: error('Unknown status filter (field `status`)'),
          ...denied,
        },
      },
    },
    '/api/inbox/{id}': {
      get: {
        tags: ['inbox'],
        summary: 'One message with its answers',
        ...loggedIn,
        parameters: [idParam],
        responses: { 200: { description: 'The message', ...json(ref('InboxMessage')) }, 400: error('Bad id'), ...denied, 404: error('Unknown message, or not one the caller handles') },
      },
      patch: {
        tags: ['inbox'],
        summary: 'Close a message, or open it again',
        ...loggedIn,
        parameters: [idParam],
        requestBody: { required: true, ...json({ type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['open', 'closed'] } } }) },
        responses: { 200: { description: 'The message', ...json(ref('InboxMessage')) }, 400: error('Bad id or status'), ...denied, 404: error('Unknown message, or not one the caller handles') },
      },
    },
    '/api/inbox/{id}/read': {
      post: {
        tags: ['inbox'],
        summary: 'Mark a message as read (it leaves the unread count)',
        ...loggedIn,
        parameters: [idParam],
        responses: { 200: { description: 'The message', ...json(ref('InboxMessage')) }, 400: error('Bad id'), ...denied, 404: error('Unknown message, or not one the caller handles') },
      },
    },
    '/api/inbox/{id}/replies': {
      post: {
        tags: ['inbox'],
        summary: 'Answer a message: the sender (if logged in when writing) is alerted by mail and reads it in “Mes demandes”',
        ...loggedIn,
        parameters: [idParam],
        requestBody: { required: true, ...json({ type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } } }) },
        responses: { 201: { description: 'The message with the new answer', ...json(ref('InboxMessage')) }, 400: error('Empty or too long answer (field `body`), bad id'), ...denied, 404: error('Unknown message, or not one the caller handles') },
      },
    },
    '/api/my-messages': {
      get: {
        tags: ['inbox'],
        summary: 'The messages the caller sent while logged in, newest first, with their answers',
        ...loggedIn,
        responses: { 200: { description: '`{ messages }`', ...json({ type: 'object', properties: { messages: { type: 'array', items: ref('SentMessage') } } }) }, ...denied },
      },
    },
    '/api/my-messages/seen': {
      post: {
        tags: ['inbox'],
        summary: 'The caller has read every answer to their messages',
        ...loggedIn,
        responses: { 200: { description: '`{ ok: true }`' }, ...denied },
      },
    },
    '/api/unread': {
      get: {
        tags: ['inbox'],
        summary: 'The header’s counts: messages waiting in the caller’s inbox (`inbox`), unseen answers to what they sent (`answers`)',
        ...loggedIn,
        responses: {
          200: {
            description: '`{ inbox, answers, handles }` (`handles`: the caller has an inbox: a linked profile, or facilitator and above)',
            ...json({ type: 'object', properties: { inbox: { type: 'integer' }, answers: { type: 'integer' }, handles: { type: 'boolean' } } }),
          },
          ...denied,
        },
      },
    },
  },
};
