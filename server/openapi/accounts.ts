import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
const ok = (description = 'OK') => ({ description });
const idPath = (name = 'id', type: 'integer' | 'string' = 'integer') => [{ name, in: 'path', required: true, schema: { type } }];
const obj = (required: string[], properties: Record<string, unknown>) => json({ type: 'object', required, properties });
const ROLE = { enum: ['reader', 'contributor', 'facilitator', 'admin'] };
const PASSWORD = { type: 'string', minLength: 8, description: 'at least 8 characters, not among the ~49,000 most common passwords (error reason "too_common")' };
const CHECK_MAIL = { description: 'Always `{ "status": "check_mail" }`, whether or not the address has an account (same answer, similar time)' };

/** Sign-up, verification, passwords, sessions and tokens, and the accounts admin API. */
export const accountsApi: OpenApiFragment = {
  tags: [{ name: 'accounts', description: 'Sign-up policy, invitations, passwords, sessions and API tokens, audit log' }],
  paths: {
    '/api/auth/register': {
      post: {
        tags: ['auth'],
        summary:
          'Sign up. The first account becomes admin and is signed in (201). Otherwise, by the sign-up policy: "open" and "approval" answer 202 check_mail ' +
          'and mail a verification link (an address that has an account gets a mail saying so instead); "invitation" needs `invitation` (signed in at once, 201). ' +
          'Throttled per address and globally (429).',
        requestBody: obj(['email', 'name', 'password'], {
          email: { type: 'string', format: 'email' },
          name: { type: 'string' },
          password: PASSWORD,
          invitation: { type: 'string', description: 'The secret of an invitation link' },
        }),
        responses: {
          201: ok('Signed in: sets the session cookie, returns the user and the CSRF token'),
          202: CHECK_MAIL,
          400: error('Invalid field (password too short or too common, e-mail not the invited one, invalid invitation)'),
          403: error('Sign-up is by invitation only'),
          409: error('Invitation for an address that has an account'),
          429: error('Too many sign-ups'),
        },
      },
    },
    '/api/auth/verify': {
      post: {
        tags: ['auth'],
        summary:
          'Confirm an address with the mailed link (single use, 48 h) and the password chosen at that sign-up, and sign in. ' +
          'The account takes that password (a link sent because someone else signed up with the address cannot be used without theirs).',
        requestBody: obj(['token', 'password'], { token: { type: 'string' }, password: { type: 'string' } }),
        responses: { 200: ok('Signed in'), 400: error('token_invalid, or not the password of that sign-up'), 429: error('Too many attempts') },
      },
    },
    '/api/auth/signup-policy': { get: { tags: ['auth'], summary: 'The sign-up policy: open, invitation or approval', responses: { 200: ok() } } },
    '/api/auth/invitations/{token}': {
      get: {
        tags: ['auth'],
        summary: 'What an invitation link is for (e-mail, role, expiry), for the sign-up form',
        parameters: idPath('token', 'string'),
        responses: { 200: ok(), 400: error('token_invalid: unknown, used, revoked or expired') },
      },
    },
    '/api/auth/password': {
      post: {
        tags: ['auth'],
        summary: "Change one's password knowing the current one; the other sessions are closed and a mail tells the owner",
        requestBody: obj(['currentPassword', 'newPassword'], { currentPassword: { type: 'string' }, newPassword: PASSWORD }),
        responses: { 200: ok(), 400: error('Wrong current password or refused new one'), 401: error('Not signed in'), 429: error('Too many attempts') },
      },
    },
    '/api/auth/password-reset': {
      post: {
        tags: ['auth'],
        summary: 'Ask for a password reset link by mail (single use, valid one hour)',
        requestBody: obj(['email'], { email: { type: 'string', format: 'email' } }),
        responses: { 202: CHECK_MAIL, 400: error('Not an e-mail address'), 429: error('Too many requests') },
      },
    },
    '/api/auth/password-reset/confirm': {
      post: {
        tags: ['auth'],
        summary: 'Set a new password with the mailed link; every session of the account is closed',
        requestBody: obj(['token', 'password'], { token: { type: 'string' }, password: PASSWORD }),
        responses: { 200: ok(), 400: error('token_invalid, or refused password') },
      },
    },
    '/api/auth/sessions': {
      get: { tags: ['auth'], summary: "One's sessions: device (User-Agent), created, last seen, current", responses: { 200: ok(), 401: error('Not signed in') } },
    },
    '/api/auth/sessions/{id}': {
      delete: {
        tags: ['auth'],
        summary: 'End one of my sessions (its co-editing sockets close at once)',
        parameters: idPath('id', 'string'),
        responses: { 200: ok(), 404: error('Not one of my sessions') },
      },
    },
    '/api/auth/tokens': {
      get: { tags: ['auth'], summary: 'My API tokens: name, scope, created, last used (never the token)', responses: { 200: ok(), 401: error('Not signed in') } },
      post: {
        tags: ['auth'],
        summary: 'Create an API token; scope "read" is refused every write (REST 403, co-editing edits refused)',
        requestBody: json({ type: 'object', properties: { name: { type: 'string' }, label: { type: 'string', description: 'older name of `name`' }, scope: { enum: ['read', 'write'] } } }),
        responses: { 201: ok('The token, shown once, with its id, name and scope'), 401: error('Not signed in') },
      },
    },
    '/api/auth/tokens/{id}': {
      delete: { tags: ['auth'], summary: 'Revoke one of my API tokens', parameters: idPath(), responses: { 200: ok(), 404: error('Not one of my tokens') } },
    },
    '/api/admin/users': {
      get: {
        tags: ['accounts'],
        summary: 'Accounts with status, verification, sessions and last activity (facilitators and admins)',
        parameters: [{ name: 'status', in: 'query', schema: { enum: ['active', 'pending'] } }],
        responses: { 200: ok(), 403: error('Below facilitator') },
      },
    },
    '/api/admin/users/{id}': {
      patch: {
        tags: ['accounts'],
        summary: "Change a role (admins); applied at once to the user's open co-editing sockets",
        parameters: idPath(),
        requestBody: obj(['role'], { role: ROLE }),
        responses: { 200: ok(), 403: error('Not admin'), 404: error('No such user'), 409: error('Last admin') },
      },
      delete: {
        tags: ['accounts'],
        summary: 'Delete an account (admins); its sockets close at once, its contributions stay (author unset)',
        parameters: idPath(),
        responses: { 200: ok(), 403: error('Not admin'), 404: error('No such user'), 409: error('Last admin') },
      },
    },
    '/api/admin/users/{id}/approve': {
      post: {
        tags: ['accounts'],
        summary: 'Approve an account waiting under the approval policy: it becomes a contributor (facilitators and admins)',
        parameters: idPath(),
        responses: { 200: ok(), 404: error('No such user'), 409: error('Not pending') },
      },
    },
    '/api/admin/users/{id}/force-reset': {
      post: {
        tags: ['accounts'],
        summary: 'Force a password reset (admins): sessions closed, the password refused until reset, a reset link mailed',
        parameters: idPath(),
        responses: { 200: ok(), 404: error('No such user') },
      },
    },
    '/api/admin/users/{id}/revoke': {
      post: {
        tags: ['accounts'],
        summary: "Revoke all of a user's sessions and API tokens (admins); their sockets close at once",
        parameters: idPath(),
        responses: { 200: ok('How many sessions and tokens were revoked'), 404: error('No such user') },
      },
    },
    '/api/admin/invitations': {
      get: { tags: ['accounts'], summary: 'Invitations with their status (facilitators and admins)', responses: { 200: ok() } },
      post: {
        tags: ['accounts'],
        summary: 'Invite an address with a role (link valid 7 days); facilitators invite readers and contributors only',
        requestBody: obj(['email'], { email: { type: 'string', format: 'email' }, role: ROLE }),
        responses: { 201: ok(), 400: error('Invalid field'), 403: error('Role too high for a facilitator'), 409: error('The address has an account') },
      },
    },
    '/api/admin/invitations/{id}': {
      delete: { tags: ['accounts'], summary: 'Revoke a pending invitation', parameters: idPath(), responses: { 200: ok(), 404: error('No such invitation'), 409: error('Already used') } },
    },
    '/api/admin/signup-policy': {
      get: { tags: ['accounts'], summary: 'The sign-up policy (admins)', responses: { 200: ok() } },
      put: {
        tags: ['accounts'],
        summary: 'Set the sign-up policy (admins)',
        requestBody: obj(['policy'], { policy: { enum: ['open', 'invitation', 'approval'] } }),
        responses: { 200: ok(), 400: error('Unknown policy') },
      },
    },
    '/api/admin/audit': {
      get: {
        tags: ['accounts'],
        summary: 'The audit log, newest first (admins): sign-ins, failures, role changes, revocations, resets, sign-ups',
        parameters: [
          { name: 'action', in: 'query', schema: { type: 'string' }, description: 'comma-separated actions' },
          { name: 'user', in: 'query', schema: { type: 'integer' }, description: 'events by or about this account' },
          { name: 'before', in: 'query', schema: { type: 'integer' }, description: 'the `next` of the previous page' },
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 500 } },
        ],
        responses: { 200: ok('`{ entries, next }`'), 400: error('Unknown action'), 403: error('Not admin') },
      },
    },
  },
};
