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

const TokenBody = z.object({
  name: z.string().trim().max(120).optional(),
  /** Older clients send `label`. */
  label: z.string().trim().max(120).optional(),
  scope: z.enum(['read', 'write']).optional(),
});

/**
 * The user's own sessions and API tokens (the "Sécurité" page), under /api/auth: listed and
 * revoked one by one; revoking closes the co-editing sockets they opened at once.
 */
export const accountSecurity = new Hono<AppEnv>()
  .get('/sessions', (c) => {
    const me = requireRole(c, 'reader');
    return c.json({ sessions: listSessions(c.get('db'), me.id, c.get('sessionId')) });
  })
  .delete('/sessions/:id', (c) => {
    const me = requireRole(c, 'reader');
    const db = c.get('db');
    const id = c.req.param('id');
    if (!/^[\w-]{1,40}$/.test(id)) throw notFound('session');
    db.transaction(() => {
      revokeSession(db, me.id, id);
      audit(db, { action: 'session_revoked', actorId: me.id, targetId: me.id, address: clientAddress(c) });
    })();
    if (id === c.get('sessionId')) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    accountChanged(c, me.id);
    return c.json({ ok: true });
  })
  .get('/tokens', (c) => {
    const me = requireRole(c, 'reader');
    return c.json({ tokens: listTokens(c.get('db'), me.id) });
  })
  .post('/tokens', jsonBody(TokenBody), (c) => {
    const me = requireRole(c, 'reader');
    const db = c.get('db');
    const body = c.req.valid('json');
    const name = body.name ?? body.label ?? '';
    const scope = body.scope ?? 'write';
    const token = db.transaction(() => {
      const t = createApiToken(db, me.id, name, scope);
      audit(db, { action: 'token_created', actorId: me.id, targetId: me.id, address: clientAddress(c), detail: { name, scope } });
      return t;
    })();
    const info = listTokens(db, me.id)[0];
    return c.json({ token, ...info }, 201);
  })
  .delete('/tokens/:id', (c) => {
    const me = requireRole(c, 'reader');
    const db = c.get('db');
    const id = idParam(c, 'API token');
    db.transaction(() => {
      revokeToken(db, me.id, id);
      audit(db, { action: 'token_revoked', actorId: me.id, targetId: me.id, address: clientAddress(c), detail: { token: id } });
    })();
    accountChanged(c, me.id);
    return c.json({ ok: true });
  });
