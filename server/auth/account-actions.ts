/**
 * What the account routes share: opening a session (cookie + CSRF token), the public shape of a
 * user, and applying an account change to open co-editing sockets.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../env.js';
import { notFound } from '../errors.js';
import { requestHeader } from '../request-headers.js';
import { secureRequest, SESSION_COOKIE } from './middleware.js';
import { createSession, type User } from './users.js';

/** A user as the API shows it to that user or to admins. */
export const publicUser = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  status: u.status,
  emailVerified: u.emailVerifiedAt !== null,
});

/** Opens a session for `user`: sets the cookie and returns the answer body `{ user, csrfToken }`. */
export function startSession(c: Context<AppEnv>, user: User) {
  const config = c.get('config');
  const { sid, csrf } = createSession(
    c.get('db'),
    user.id,
    config.sessionTtl,
    requestHeader(c, 'user-agent') ?? '',
  );
  setCookie(c, SESSION_COOKIE, sid, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureRequest(c),
    path: '/',
    maxAge: config.sessionTtl,
  });
  return { user: publicUser(user), csrfToken: csrf };
}

/** Applies a committed change of a user's account (role, revocation, deletion) to open co-editing sockets. */
export function accountChanged(c: Context<AppEnv>, userId: number): void {
  c.get('services').collab.accountChanged(userId);
}

/** A positive integer id from the path; anything else is answered 404 like an unknown id. */
export function idParam(c: Context<AppEnv>, what: string, name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound(what);
  return id;
}

/**
 * Waits until `ms` have passed since `start`: answers that must not tell whether an address has
 * an account (sign-up, reset request) all take at least this long, whichever path they took.
 */
export async function answerNoSoonerThan(start: number, ms: number): Promise<void> {
  const left = start + ms - performance.now();
  if (left > 0) await new Promise((r) => setTimeout(r, left));
}
