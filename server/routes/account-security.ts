import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { jsonBody } from '../validate.js';
import { clientAddress, requireRole, SESSION_COOKIE } from '../auth/middleware.js';
import { audit } from '../auth/audit.js';
import { listSessions, listTokens, revokeSession, revokeToken } from '../auth/credentials.js';
import { createApiToken } from '../auth/users.js';
import { accountChanged, idParam } from '../auth/account-actions.js';
import { notFound } from '../errors.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { Ok, SessionInfo, TokenInfo } from '../contracts/accounts.js';

const TokenBody = z.object({
  name: z.string().trim().max(120).optional(),
  /** Older clients send `label`. */
  label: z.string().trim().max(120).optional().describe('older name of `name`'),
  scope: z.enum(['read', 'write']).optional(),
});

const DOC = {
  sessions: describeRoute({
    tags: ['auth'],
    summary: "One's sessions: device (User-Agent), created, last seen, current",
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ sessions: z.array(SessionInfo) }) },
      401: errorAnswer('Not signed in'),
    },
  }),
  endSession: describeRoute({
    tags: ['auth'],
    summary: 'End one of my sessions (its co-editing sockets close at once)',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: Ok },
      404: errorAnswer('Not one of my sessions'),
    },
  }),
  tokens: describeRoute({
    tags: ['auth'],
    summary: 'My API tokens: name, scope, created, last used (never the token)',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ tokens: z.array(TokenInfo) }) },
      401: errorAnswer('Not signed in'),
    },
  }),
  createToken: describeRoute({
    tags: ['auth'],
    summary:
      'Create an API token; scope "read" is refused every write (REST 403, co-editing edits refused)',
    loggedIn: true,
    responses: {
      201: {
        description: 'The token, shown once, with its id, name and scope',
        schema: TokenInfo.extend({ token: z.string() }),
      },
      401: errorAnswer('Not signed in'),
    },
  }),
  revokeToken: describeRoute({
    tags: ['auth'],
    summary: 'Revoke one of my API tokens',
    loggedIn: true,
    params: { id: { schema: z.number().int() } },
    responses: { 200: { description: 'OK', schema: Ok }, 404: errorAnswer('Not one of my tokens') },
  }),
};

/**
 * The user's own sessions and API tokens (the "Sécurité" page), under /api/auth: listed and
 * revoked one by one; revoking closes the co-editing sockets they opened at once.
 */
export const accountSecurity = new Hono<AppEnv>()
  .get('/sessions', DOC.sessions, (c) => {
    const me = requireRole(c, 'reader');
    return c.json({ sessions: listSessions(c.get('db'), me.id, c.get('sessionId')) });
  })
  .delete('/sessions/:id', DOC.endSession, (c) => {
    const me = requireRole(c, 'reader');
    const db = c.get('db');
    const id = c.req.param('id');
    if (!/^[\w-]{1,40}$/.test(id)) throw notFound('session');
    db.transaction(() => {
      revokeSession(db, me.id, id);
      audit(db, {
        action: 'session_revoked',
        actorId: me.id,
        targetId: me.id,
        address: clientAddress(c),
      });
    })();
    if (id === c.get('sessionId')) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    accountChanged(c, me.id);
    return c.json({ ok: true });
  })
  .get('/tokens', DOC.tokens, (c) => {
    const me = requireRole(c, 'reader');
    return c.json({ tokens: listTokens(c.get('db'), me.id) });
  })
  .post('/tokens', DOC.createToken, jsonBody(TokenBody), (c) => {
    const me = requireRole(c, 'reader');
    const db = c.get('db');
    const body = c.req.valid('json');
    const name = body.name ?? body.label ?? '';
    const scope = body.scope ?? 'write';
    const token = db.transaction(() => {
      const t = createApiToken(db, me.id, name, scope);
      audit(db, {
        action: 'token_created',
        actorId: me.id,
        targetId: me.id,
        address: clientAddress(c),
        detail: { name, scope },
      });
      return t;
    })();
    const info = listTokens(db, me.id)[0];
    return c.json({ token, ...info }, 201);
  })
  .delete('/tokens/:id', DOC.revokeToken, (c) => {
    const me = requireRole(c, 'reader');
    const db = c.get('db');
    const id = idParam(c, 'API token');
    db.transaction(() => {
      revokeToken(db, me.id, id);
      audit(db, {
        action: 'token_revoked',
        actorId: me.id,
        targetId: me.id,
        address: clientAddress(c),
        detail: { token: id },
      });
    })();
    accountChanged(c, me.id);
    return c.json({ ok: true });
  });
