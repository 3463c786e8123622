import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { Config } from '../config.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import { jsonBody } from '../validate.js';
import { clientAddress, requireRole, SESSION_COOKIE } from '../auth/middleware.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { RateLimiter } from '../auth/rate-limit.js';
import { checkNewPassword, MAX_PASSWORD_LENGTH } from '../auth/password-policy.js';
import { audit } from '../auth/audit.js';
import {
  consumeAccountToken,
  issueAccountToken,
  peekAccountToken,
  voidAccountTokens,
} from '../auth/account-tokens.js';
import { markInvitationUsed, openInvitation } from '../auth/invitations.js';
import { getSignupPolicy } from '../auth/signup-policy.js';
import {
  mailAlreadyRegistered,
  mailApprovalNeeded,
  mailPasswordChanged,
  mailReset,
  mailVerify,
} from '../auth/account-mails.js';
import {
  accountChanged,
  answerNoSoonerThan,
  publicUser,
  startSession,
} from '../auth/account-actions.js';
import { revokeSessions, revokeTokens } from '../auth/credentials.js';
import {
  countUsers,
  deleteSession,
  getSession,
  getUser,
  getUserForLogin,
  insertUser,
  listUsers,
  type User,
} from '../auth/users.js';
import { changeRole, RoleBody } from './accounts-admin.js';
import { accountSecurity } from './account-security.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import {
  CheckMail,
  MeAnswer,
  Ok,
  PublicUser,
  Role,
  SessionAnswer,
  SignupPolicy,
} from '../contracts/accounts.js';

const Email = z.string().trim().email().max(254);
const RegisterBody = z.object({
  email: Email,
  name: z.string().trim().min(1).max(120),
  // Length and commonness are checked by checkNewPassword, with a reason the form shows.
  password: z.string().max(MAX_PASSWORD_LENGTH),
  invitation: z.string().min(1).max(200).optional(),
});
const LoginBody = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});
const PasswordBody = z.object({
  currentPassword: z.string().max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().max(MAX_PASSWORD_LENGTH),
});
const ResetRequestBody = z.object({ email: Email });
const ResetBody = z.object({
  token: z.string().min(1).max(200),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});
const VerifyBody = z.object({
  token: z.string().min(1).max(200),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

// A real hash of a random password, so unknown accounts cost the same time as wrong passwords.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The answer to a sign-up or reset request, the same whether or not the address has an account. */
const CHECK_MAIL = { status: 'check_mail' } as const;

const CHECK_MAIL_DOC = {
  description:
    'Always `{ "status": "check_mail" }`, whether or not the address has an account (same answer, similar time)',
  schema: CheckMail,
};
const DOC = {
  signupPolicy: describeRoute({
    tags: ['auth'],
    summary: 'The sign-up policy: open, invitation or approval',
    responses: { 200: { description: 'OK', schema: z.object({ policy: SignupPolicy }) } },
  }),
  invitation: describeRoute({
    tags: ['auth'],
    summary: 'What an invitation link is for (e-mail, role, expiry), for the sign-up form',
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ email: z.string(), role: Role, expiresAt: z.string() }),
      },
      400: errorAnswer('token_invalid: unknown, used, revoked or expired'),
    },
  }),
  register: describeRoute({
    tags: ['auth'],
    summary:
      'Sign up. The first account becomes admin and is signed in (201). Otherwise, by the sign-up policy: "open" and "approval" answer 202 check_mail ' +
      'and mail a verification link (an address that has an account gets a mail saying so instead); "invitation" needs `invitation` (signed in at once, 201). ' +
      'Throttled per address and globally (429).',
    responses: {
      201: {
        description: 'Signed in: sets the session cookie, returns the user and the CSRF token',
        schema: SessionAnswer,
      },
      202: CHECK_MAIL_DOC,
      400: errorAnswer(
        'Invalid field (password too short or too common, e-mail not the invited one, invalid invitation)',
      ),
      403: errorAnswer('Sign-up is by invitation only'),
      409: errorAnswer('Invitation for an address that has an account'),
      429: errorAnswer('Too many sign-ups'),
    },
  }),
  verify: describeRoute({
    tags: ['auth'],
    summary:
      'Confirm an address with the mailed link (single use, 48 h) and the password chosen at that sign-up, and sign in. ' +
      'The account takes that password (a link sent because someone else signed up with the address cannot be used without theirs).',
    responses: {
      200: { description: 'Signed in', schema: SessionAnswer },
      400: errorAnswer('token_invalid, or not the password of that sign-up'),
      429: errorAnswer('Too many attempts'),
    },
  }),
  login: describeRoute({
    tags: ['auth'],
    summary: 'Log in (rate-limited per account and per address)',
    responses: {
      200: { description: 'Logged in', schema: SessionAnswer },
      401: errorAnswer('Wrong credentials'),
      429: errorAnswer('Too many attempts'),
    },
  }),
  logout: describeRoute({
    tags: ['auth'],
    summary: 'End the session',
    responses: { 200: { description: 'OK', schema: Ok } },
  }),
  me: describeRoute({
    tags: ['auth'],
    summary: 'The current user and CSRF token (user null when anonymous)',
    responses: { 200: { description: 'OK', schema: MeAnswer } },
  }),
  password: describeRoute({
    tags: ['auth'],
    summary:
      "Change one's password knowing the current one; the other sessions are closed and a mail tells the owner",
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: Ok },
      400: errorAnswer('Wrong current password or refused new one'),
      401: errorAnswer('Not signed in'),
      429: errorAnswer('Too many attempts'),
    },
  }),
  resetRequest: describeRoute({
    tags: ['auth'],
    summary: 'Ask for a password reset link by mail (single use, valid one hour)',
    responses: {
      202: CHECK_MAIL_DOC,
      400: errorAnswer('Not an e-mail address'),
      429: errorAnswer('Too many requests'),
    },
  }),
  reset: describeRoute({
    tags: ['auth'],
    summary: 'Set a new password with the mailed link; every session of the account is closed',
    responses: {
      200: { description: 'OK', schema: Ok },
      400: errorAnswer('token_invalid, or refused password'),
    },
  }),
  users: describeRoute({
    tags: ['auth'],
    summary: 'List accounts (admin)',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ users: z.array(PublicUser) }) },
      403: errorAnswer('Not admin'),
    },
  }),
  setRole: describeRoute({
    tags: ['auth'],
    summary: 'Change an account role (admin)',
    loggedIn: true,
    params: { id: { schema: z.number().int() } },
    responses: {
      200: { description: 'OK', schema: z.object({ user: PublicUser }) },
      403: errorAnswer('Not admin'),
      404: errorAnswer('No such user'),
    },
  }),
};

/**
 * Builds the /api/auth sub-app (its rate limiters live as long as the app): sign-up (with the
 * policy, invitations and address verification), login, logout, password change and reset, and
 * the user's own sessions and tokens (`account-security.ts`).
 */
export function authRoutes(config: Config) {
  const perAccount = new RateLimiter(config.loginMaxAttempts, config.loginWindowMs);
  const perAddress = new RateLimiter(config.loginMaxAttempts * 5, config.loginWindowMs);
  const signupPerAddress = new RateLimiter(config.signupMaxPerAddress, config.signupWindowMs);
  const signupGlobal = new RateLimiter(config.signupMaxGlobal, config.signupWindowMs);
  const resetPerAddress = new RateLimiter(config.signupMaxPerAddress, config.signupWindowMs);

  /** Counts one attempt against `limiters` (key per limiter), or answers 429 when one is exhausted. */
  const throttle = (c: Context<AppEnv>, what: string, limiters: [RateLimiter, string][]) => {
    const wait = Math.max(...limiters.map(([l, k]) => l.retryAfter(k)));
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new AppError(429, 'rate_limited', `Too many ${what}; try again later`);
    }
    for (const [l, k] of limiters) l.hit(k);
  };
  const mailCtx = (c: Context<AppEnv>) => ({
    db: c.get('db'),
    publicUrl: c.get('config').publicUrl,
  });

  return (
    new Hono<AppEnv>()
      .get('/signup-policy', DOC.signupPolicy, (c) =>
        c.json({ policy: getSignupPolicy(c.get('db')) }),
      )
      .get('/invitations/:token', DOC.invitation, (c) => {
        const inv = openInvitation(c.get('db'), c.req.param('token'));
        return c.json({ email: inv.email, role: inv.role, expiresAt: inv.expiresAt });
      })
      .post('/register', DOC.register, jsonBody(RegisterBody), async (c) => {
        const start = performance.now();
        const body = c.req.valid('json');
        const db = c.get('db');
        const address = clientAddress(c);
        throttle(c, 'sign-ups', [
          [signupPerAddress, address],
          [signupGlobal, '*'],
        ]);
        checkNewPassword(body.password);
        const passwordHash = await hashPassword(body.password);

        if (body.invitation) {
          // The invitation came by mail to this address: the account is verified, and signed in at once.
          const user = db.transaction(() => {
            const inv = openInvitation(db, body.invitation!);
            if (inv.email.toLowerCase() !== body.email.toLowerCase()) {
              throw new AppError(
                400,
                'validation_failed',
                'email: use the address the invitation was sent to',
                { field: 'email' },
              );
            }
            const u = insertUser(db, {
              email: inv.email,
              name: body.name,
              passwordHash,
              role: inv.role,
            });
            markInvitationUsed(db, inv.id, u.id);
            audit(db, {
              action: 'invitation_used',
              actorId: u.id,
              targetId: u.id,
              address,
              detail: { invitation: inv.id, role: u.role },
            });
            return u;
          })();
          return c.json(startSession(c, user), 201);
        }

        const policy = getSignupPolicy(db);
        if (policy === 'invitation') throw forbidden('Sign-up is by invitation only on this wiki');
        // The very first account (nobody to enumerate yet) becomes the admin and is signed in at once.
        const first = db.transaction(() =>
          countUsers(db) === 0
            ? insertUser(db, { email: body.email, name: body.name, passwordHash })
            : null,
        )();
        if (first) {
          audit(db, {
            action: 'signup',
            actorId: first.id,
            targetId: first.id,
            address,
            detail: { role: first.role, first: true },
          });
          return c.json(startSession(c, first), 201);
        }
        // Same answer, same work (a hash, a mail, a log line) whether or not the address has an account.
        db.transaction(() => {
          const existing = getUserForLogin(db, body.email);
          if (existing) {
            if (existing.emailVerifiedAt === null)
              mailVerify(
                mailCtx(c),
                existing.email,
                existing.name,
                issueAccountToken(db, existing.id, 'verify', { passwordHash }),
              );
            else mailAlreadyRegistered(mailCtx(c), existing.email, existing.name);
            audit(db, { action: 'signup_existing', targetId: existing.id, address });
            return;
          }
          const u = insertUser(db, {
            email: body.email,
            name: body.name,
            passwordHash,
            role: policy === 'approval' ? 'reader' : 'contributor',
            status: policy === 'approval' ? 'pending' : 'active',
            verified: false,
          });
          mailVerify(
            mailCtx(c),
            u.email,
            u.name,
            issueAccountToken(db, u.id, 'verify', { passwordHash }),
          );
          audit(db, {
            action: 'signup',
            actorId: u.id,
            targetId: u.id,
            address,
            detail: { policy },
          });
        })();
        await answerNoSoonerThan(start, c.get('config').accountAnswerFloorMs);
        return c.json(CHECK_MAIL, 202);
      })
      .post('/verify', DOC.verify, jsonBody(VerifyBody), async (c) => {
        // The link's owner confirms with the password chosen at that sign-up: a link sent because a
        // stranger signed up with this address (with their password) cannot verify the account.
        const db = c.get('db');
        const { token, password } = c.req.valid('json');
        const pending = peekAccountToken(db, token, 'verify');
        const key = `verify:${pending.userId}`;
        if (perAccount.retryAfter(key) > 0)
          throw new AppError(429, 'rate_limited', 'Too many attempts; try again later');
        const current = getUser(db, pending.userId);
        const hash =
          pending.passwordHash ??
          (current ? getUserForLogin(db, current.email)?.passwordHash : undefined) ??
          DUMMY_HASH;
        if (!(await verifyPassword(password, hash))) {
          perAccount.hit(key);
          throw new AppError(
            400,
            'validation_failed',
            'password: not the password chosen when signing up with this link',
            { field: 'password' },
          );
        }
        const user = db.transaction(() => {
          const { userId } = consumeAccountToken(db, token, 'verify');
          const before = getUser(db, userId);
          db.prepare(
            `UPDATE users SET password_hash = @hash,
             email_verified_at = COALESCE(email_verified_at, strftime('%Y-%m-%dT%H:%M:%fZ','now')) WHERE id = @id`,
          ).run({ id: userId, hash });
          audit(db, {
            action: 'email_verified',
            actorId: userId,
            targetId: userId,
            address: clientAddress(c),
          });
          const verified = getUser(db, userId)!;
          // Under the approval policy the account now waits for someone to approve it: tell the admins.
          if (before?.emailVerifiedAt === null && verified.status === 'pending')
            mailApprovalNeeded(mailCtx(c), verified);
          return verified;
        })();
        return c.json(startSession(c, user));
      })
      .post('/login', DOC.login, jsonBody(LoginBody), async (c) => {
        const { email, password } = c.req.valid('json');
        const db = c.get('db');
        const accountKey = email.toLowerCase();
        const address = clientAddress(c);
        const wait = Math.max(perAccount.retryAfter(accountKey), perAddress.retryAfter(address));
        if (wait > 0) {
          c.header('Retry-After', String(Math.ceil(wait / 1000)));
          throw new AppError(429, 'rate_limited', 'Too many login attempts; try again later');
        }
        const user = getUserForLogin(db, email);
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !ok) {
          perAccount.hit(accountKey);
          perAddress.hit(address);
          audit(db, {
            action: 'login_failed',
            targetId: user?.id ?? null,
            email: user ? null : accountKey.slice(0, 254),
            address,
          });
          throw unauthenticated('Wrong e-mail or password');
        }
        perAccount.reset(accountKey);
        // Only someone who knows the password learns these.
        if (user.mustReset) {
          throw new AppError(
            403,
            'password_reset_required',
            'An administrator asked for a new password: use the link sent by mail, or ask for a new one',
          );
        }
        if (user.emailVerifiedAt === null) {
          throw new AppError(
            403,
            'email_unverified',
            'Confirm your address first with the link sent by mail (sign up again to get a new one)',
          );
        }
        audit(db, { action: 'login', actorId: user.id, targetId: user.id, address });
        return c.json(startSession(c, user));
      })
      .post('/logout', DOC.logout, (c) => {
        const db = c.get('db');
        const sid = getCookie(c, SESSION_COOKIE);
        const session = sid ? getSession(db, sid) : undefined;
        if (sid) deleteSession(db, sid);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        if (session) {
          audit(db, {
            action: 'logout',
            actorId: session.user.id,
            targetId: session.user.id,
            address: clientAddress(c),
          });
          accountChanged(c, session.user.id);
        }
        return c.json({ ok: true });
      })
      .get('/me', DOC.me, (c) => {
        const user = c.get('user');
        return c.json({
          user: user ? publicUser(user) : null,
          csrfToken: c.get('csrf'),
        } satisfies MeAnswer);
      })
      .post('/password', DOC.password, jsonBody(PasswordBody), async (c) => {
        const me = requireRole(c, 'reader');
        const db = c.get('db');
        const { currentPassword, newPassword } = c.req.valid('json');
        const key = `password:${me.id}`;
        if (perAccount.retryAfter(key) > 0)
          throw new AppError(429, 'rate_limited', 'Too many attempts; try again later');
        const stored = getUserForLogin(db, me.email)!;
        if (!(await verifyPassword(currentPassword, stored.passwordHash))) {
          perAccount.hit(key);
          throw new AppError(
            400,
            'validation_failed',
            'currentPassword: this is not your current password',
            { field: 'currentPassword' },
          );
        }
        checkNewPassword(newPassword, 'newPassword');
        const hash = await hashPassword(newPassword);
        db.transaction(() => {
          db.prepare(`UPDATE users SET password_hash = @hash, must_reset = 0 WHERE id = @id`).run({
            id: me.id,
            hash,
          });
          // The other devices are signed out and every API token revoked (whoever learnt the old
          // password may have made one); the session making the change stays.
          const closed = revokeSessions(db, me.id, c.get('sessionId'));
          const tokens = revokeTokens(db, me.id);
          // A reset link mailed before (to whoever asked for it) must not undo this change.
          voidAccountTokens(db, me.id, 'reset');
          mailPasswordChanged(mailCtx(c), me.email, me.name);
          audit(db, {
            action: 'password_changed',
            actorId: me.id,
            targetId: me.id,
            address: clientAddress(c),
            detail: { sessionsClosed: closed, tokensRevoked: tokens },
          });
        })();
        accountChanged(c, me.id);
        return c.json({ ok: true });
      })
      .post('/password-reset', DOC.resetRequest, jsonBody(ResetRequestBody), async (c) => {
        const start = performance.now();
        const db = c.get('db');
        const { email } = c.req.valid('json');
        const address = clientAddress(c);
        throttle(c, 'reset requests', [
          [resetPerAddress, address],
          [perAccount, `reset:${email.toLowerCase()}`],
        ]);
        db.transaction(() => {
          const user = getUserForLogin(db, email);
          if (user)
            mailReset(
              mailCtx(c),
              user.email,
              user.name,
              issueAccountToken(db, user.id, 'reset'),
              false,
            );
          audit(db, {
            action: 'password_reset_requested',
            targetId: user?.id ?? null,
            email: user ? null : email.toLowerCase(),
            address,
          });
        })();
        await answerNoSoonerThan(start, c.get('config').accountAnswerFloorMs);
        return c.json(CHECK_MAIL, 202);
      })
      .post('/password-reset/confirm', DOC.reset, jsonBody(ResetBody), async (c) => {
        const db = c.get('db');
        const { token, password } = c.req.valid('json');
        checkNewPassword(password);
        const hash = await hashPassword(password);
        const userId = db.transaction(() => {
          const id = consumeAccountToken(db, token, 'reset').userId;
          // The link came by mail: the address is verified too.
          db.prepare(
            `UPDATE users SET password_hash = @hash, must_reset = 0,
             email_verified_at = COALESCE(email_verified_at, strftime('%Y-%m-%dT%H:%M:%fZ','now')) WHERE id = @id`,
          ).run({ id, hash });
          const closed = revokeSessions(db, id);
          const tokens = revokeTokens(db, id);
          audit(db, {
            action: 'password_reset',
            actorId: id,
            targetId: id,
            address: clientAddress(c),
            detail: { sessionsClosed: closed, tokensRevoked: tokens },
          });
          return id;
        })();
        accountChanged(c, userId);
        return c.json({ ok: true });
      })
      .route('/', accountSecurity)
      // Kept for existing clients; /api/admin/users is the full admin API.
      .get('/users', DOC.users, (c) => {
        requireRole(c, 'admin');
        return c.json({ users: listUsers(c.get('db')).map((u: User) => publicUser(u)) });
      })
      .patch('/users/:id', DOC.setRole, jsonBody(RoleBody), (c) =>
        c.json({ user: publicUser(changeRole(c, c.req.valid('json').role)) }),
      )
  );
}
