import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });

/** Accounts (sessions, login). */
export const core: OpenApiFragment = {
  tags: [
    { name: 'auth', description: 'Accounts, sessions and API tokens' },
  ],
  paths: {
    '/api/auth/login': {
      post: {
        tags: ['auth'],
        summary: 'Log in (rate-limited per account and per address)',
        requestBody: json({ type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } }),
        responses: { 200: { description: 'Logged in' }, 401: error('Wrong credentials'), 429: error('Too many attempts') },
      },
    },
    '/api/auth/logout': { post: { tags: ['auth'], summary: 'End the session', responses: { 200: { description: 'OK' } } } },
    '/api/auth/me': { get: { tags: ['auth'], summary: 'The current user and CSRF token (user null when anonymous)', responses: { 200: { description: 'OK' } } } },
    '/api/auth/users': { get: { tags: ['auth'], summary: 'List accounts (admin)', responses: { 200: { description: 'OK' }, 403: error('Not admin') } } },
    '/api/auth/users/{id}': {
      patch: {
        tags: ['auth'],
        summary: 'Change an account role (admin)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: json({ type: 'object', required: ['role'], properties: { role: { enum: ['reader', 'contributor', 'facilitator', 'admin'] } } }),
        responses: { 200: { description: 'OK' }, 403: error('Not admin'), 404: error('No such user') },
      },
    },
  },
};
