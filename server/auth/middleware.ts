import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { requestHeader, setAnswerHeader } from '../request-headers.js';
import { clientAddressOf, forwardedHttps } from './proxy.js';
import { getSession, hasRole, userForApiToken, type Role, type User } from './users.js';

/** Name of the session cookie. */

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether a header holds the secret, compared in constant time (through digests: any length). */
function sameSecret(given: string | undefined, secret: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(secret));
}

export const SESSION_COOKIE = 'lc_session';
/** Header carrying the CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling: `Authorization: Bearer <token>` first, then the session cookie.
 * A cookie-authenticated write must carry the session's CSRF token in `X-CSRF-Token`.
 */
export const authenticate: MiddlewareHandler<AppEnv> = (c, next) => {
  const db = c.get('db');
  c.set('user', null);
  c.set('authVia', null);
  c.set('csrf', null);
  c.set('sessionId', null);
  const auth = requestHeader(c, 'authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const user = m ? userForApiToken(db, m[1]) : undefined;
    if (!user) throw unauthenticated('Invalid API token');
    refuseLocked(user);
    c.set('user', user);
    c.set('authVia', 'token');
    privateAnswer(c);
    if (user.tokenScope === 'read' && !SAFE_METHODS.has(c.req.method)) {
      throw new AppError(
        403,
        'forbidden',
        'This API token is read-only (scope "read"): writes are refused',
      );
    }
  } else {
    // Hono parses the cookie; the header is looked up on Node's request first (requestHeader) so
    // that an anonymous read, which has none, does not build the WHATWG request headers for it.
    const sid = requestHeader(c, 'cookie') ? getCookie(c, SESSION_COOKIE) : undefined;
    const session = sid ? getSession(db, sid) : undefined;
    if (session) {
      refuseLocked(session.user);
      c.set('user', session.user);
      c.set('authVia', 'session');
      c.set('sessionId', session.publicId);
      privateAnswer(c);
      c.set('csrf', session.csrf);
      if (
        !SAFE_METHODS.has(c.req.method) &&
        !sameSecret(requestHeader(c, CSRF_HEADER), session.csrf)
      ) {
        throw new AppError(
          403,
          'csrf_failed',
          `Missing or wrong ${CSRF_HEADER} header for a cookie-authenticated write`,
        );
      }
    }
  }
  return next();
};

/**
 * Refuses every request made as an account an admin locked with a forced password reset, until the
 * password is reset by the mailed link: its sessions were closed, but its API tokens would still
 * write through REST while co-editing refuses them (server/collab/access-guard.ts). Resetting the
 * password revokes the tokens. @throws AppError 403 `password_reset_required`.
 */
function refuseLocked(user: User): void {
  if (user.mustReset)
    throw new AppError(
      403,
      'password_reset_required',
      'An administrator asked for a new password: reset it with the link sent by mail',
    );
}

/**
 * An answer to an authenticated request may hold what only that account sees (its requests to the
 * switchyard, hidden people, its session): no cache keeps it (OWASP REST security cheat sheet), unless
 * the handler says otherwise (public page reads revalidate with their ETag).
 */
function privateAnswer(c: Context<AppEnv>): void {
  setAnswerHeader(c, 'Cache-Control', 'no-store');
}

/** Returns the user or throws 401/403 when the role is below `min`. For use inside handlers. */
export function requireRole(c: Context<AppEnv>, min: Role): User {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  if (!hasRole(user.role, min)) throw forbidden(`This action needs the role "${min}" or higher`);
  return user;
}

/** Middleware form of `requireRole`. */
export const roleAtLeast =
  (min: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    requireRole(c, min);
    await next();
  };

/** Refuses anonymous reads when the instance is configured as private. */
export const readAccess: MiddlewareHandler<AppEnv> = (c, next) => {
  assertReadAccess(c);
  return next();
};

/** `readAccess` inside a handler (one middleware layer less on the hottest reads). @throws AppError 401. */
export function assertReadAccess(c: Context<AppEnv>): void {
  if (!c.get('config').publicRead && !c.get('user'))
    throw unauthenticated('This wiki is private: log in to read it');
}

/**
 * The caller's address (for rate limits and the audit log): the socket peer, or the address a
 * trusted proxy (`LC_TRUST_PROXY`) forwarded; 'unknown' when the runtime does not tell.
 */
export function clientAddress(c: Context<AppEnv>): string {
  return clientAddressOf(c, c.get('services').proxies);
}

/** Whether cookies must be `Secure`: configured so, or a trusted proxy says the client used HTTPS. */
export function secureRequest(c: Context<AppEnv>): boolean {
  return c.get('config').secureCookies || forwardedHttps(c, c.get('services').proxies);
}
