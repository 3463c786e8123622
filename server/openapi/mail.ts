import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

/** The outgoing mail queue (admins). */
export const mailApi: OpenApiFragment = {
  tags: [{ name: 'mail', description: 'Outgoing mail: queued with the action that caused it, sent through SMTP when LC_SMTP_URL is set' }],
  schemas: {
    OutboxMail: {
      type: 'object',
      required: ['id', 'to', 'subject', 'text', 'attachments', 'kind', 'status', 'attempts', 'createdAt'],
      properties: {
        id: { type: 'integer' },
        to: { type: 'string' },
        subject: { type: 'string' },
        text: { type: 'string' },
        html: { type: ['string', 'null'] },
        attachments: {
          type: 'array',
          items: {
            type: 'object',
            required: ['filename', 'contentType', 'content'],
            properties: {
              filename: { type: 'string' },
              contentType: { type: 'string' },
              content: { type: 'string', contentEncoding: 'base64' },
            },
          },
        },
        kind: { type: 'string', description: "What queued it, e.g. 'booking-confirmation'" },
        status: { type: 'string', enum: ['queued', 'sent', 'failed'], description: 'Without SMTP, mails stay queued' },
        attempts: { type: 'integer' },
        nextAttemptAt: { type: 'string', format: 'date-time' },
        lastError: { type: ['string', 'null'] },
        createdAt: { type: 'string', format: 'date-time' },
        sentAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
  },
  paths: {
    '/api/admin/outbox': {
      get: {
        tags: ['mail'],
        summary: 'The outbox, newest first (admins)',
        parameters: [
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['queued', 'sent', 'failed'] } },
          { name: 'kind', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'to', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'before', in: 'query', required: false, description: 'Paging: the `next` of the previous answer', schema: { type: 'integer' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        ],
        responses: {
          '200': {
            description: 'Mails, and whether SMTP is configured',
            ...json({
              type: 'object',
              required: ['smtp', 'mails', 'next'],
              properties: { smtp: { type: 'boolean' }, mails: { type: 'array', items: ref('OutboxMail') }, next: { type: ['integer', 'null'] } },
            }),
          },
          '400': error('A bad filter'),
          '401': error('Not logged in'),
          '403': error('Not an admin'),
        },
      },
    },
    '/api/admin/outbox/{id}': {
      get: {
        tags: ['mail'],
        summary: 'One mail of the outbox (admins)',
        parameters: [idParam],
        responses: { '200': { description: 'The mail', ...json(ref('OutboxMail')) }, '401': error('Not logged in'), '403': error('Not an admin'), '404': error('No such mail') },
      },
    },
    '/api/admin/outbox/{id}/retry': {
      post: {
        tags: ['mail'],
        summary: 'Queue a failed mail again, due now (admins)',
        parameters: [idParam],
        responses: {
          '200': { description: 'The mail, queued', ...json(ref('OutboxMail')) },
          '401': error('Not logged in'),
          '403': error('Not an admin'),
          '404': error('No such mail'),
          '409': error('The mail has not failed'),
        },
      },
    },
  },
};
