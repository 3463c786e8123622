import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, unauthenticated } from '../errors.js';
import { jsonBody } from '../validate.js';
import { clientAddress, requireRole, SESSION_COOKIE } from '../auth/middleware.js';
import { verifyPassword } from '../auth/passwords.js';
import { RateLimiter } from '../auth/rate-limit.js';
import {
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  getUserForLogin,
  listUsers,
  ROLES,
  setUserRole,
  type User,
} from '../auth/users.js';

const RegisterBody = z.object({
  email: z.string().trim().email().max(254),
  name: z.string().trim().min(1).max(120),
  password: z.string().min(8).max(1024),
});
const LoginBody = z.object({ email: z.string().trim().max(254), password: z.string().max(1024) });
const TokenBody = z.object({ label: z.string().max(120).optional() });
const RoleBody = z.object({ role: z.enum(ROLES) });

// A real hash of a random password, so unknown accounts cost the same time as wrong passwords.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const publicUser = (u: User) => ({ id: u.id, email: u.email, name: u.name, role: u.role });

/** Builds the /api/auth sub-app (its rate limiters live as long as the app). */
export function authRoutes(opts: { maxAttempts: number; windowMs: number }) {
  const perAccount = new RateLimiter(opts.maxAttempts, opts.windowMs);
  const perAddress = new RateLimiter(opts.maxAttempts * 5, opts.windowMs);

  const startSession = (c: Context<AppEnv>, user: User) => {
    const { sid, csrf } = createSession(c.get('db'), user.id, c.get('config').sessionTtl);
    setCookie(c, SESSION_COOKIE, sid, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: c.get('config').secureCookies,
      path: '/',
      maxAge: c.get('config').sessionTtl,
    });
    return { user: publicUser(user), csrfToken: csrf };
  };

  return new Hono<AppEnv>()
    .post('/register', jsonBody(RegisterBody), async (c) => {
      const body = c.req.valid('json');
      const user = await createUser(c.get('db'), body);
      return c.json(startSession(c, user), 201);
    })
    .post('/login', jsonBody(LoginBody), async (c) => {
      const { email, password } = c.req.valid('json');
      const accountKey = email.toLowerCase();
      const addressKey = clientAddress(c);
      const wait = Math.max(perAccount.retryAfter(accountKey), perAddress.retryAfter(addressKey));
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new AppError(429, 'rate_limited', 'Too many login attempts; try again later');
      }
      const user = getUserForLogin(c.get('db'), email);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        perAccount.hit(accountKey);
        perAddress.hit(addressKey);
        throw unauthenticated('Wrong e-mail or password');
      }
      perAccount.reset(accountKey);
      return c.json(startSession(c, user));
    })
    .post('/logout', (c) => {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid) deleteSession(c.get('db'), sid);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    })
    .get('/me', (c) => {
      const user = c.get('user');
      return c.json({ user: user ? publicUser(user) : null, csrfToken: c.get('csrf') });
    })
    .post('/tokens', jsonBody(TokenBody), (c) => {
      const user = requireRole(c, 'reader');
      const token = createApiToken(c.get('db'), user.id, c.req.valid('json').label ?? '');
      return c.json({ token }, 201);
    })
    .get('/users', (c) => {
      requireRole(c, 'admin');
      return c.json({ users: listUsers(c.get('db')).map(publicUser) });
    })
    .patch('/users/:id', jsonBody(RoleBody), (c) => {
      requireRole(c, 'admin');
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id)) throw new AppError(400, 'validation_failed', 'id: must be an integer', { field: 'id' });
      return c.json({ user: publicUser(setUserRole(c.get('db'), id, c.req.valid('json').role)) });
    });
}
