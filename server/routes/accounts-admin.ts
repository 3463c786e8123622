import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { Database } from '../db/open.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { clientAddress, requireRole } from '../auth/middleware.js';
import { audit, AUDIT_ACTIONS, listAudit, type AuditAction } from '../auth/audit.js';
import { revokeSessions, revokeTokens } from '../auth/credentials.js';
import { issueAccountToken } from '../auth/account-tokens.js';
import { createInvitation, listInvitations, revokeInvitation } from '../auth/invitations.js';
import { getSignupPolicy, setSignupPolicy, SIGNUP_POLICIES } from '../auth/signup-policy.js';
import { mailApproved, mailInvitation, mailReset } from '../auth/account-mails.js';
import { accountChanged, idParam, publicUser } from '../auth/account-actions.js';
import { getUser, getUserForLogin, hasRole, ROLES, type Role, type User } from '../auth/users.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { AdminUser, AuditPage, Invitation, Ok, SignupPolicy } from '../contracts/accounts.js';

/** Body of a role change. */
export const RoleBody = z.object({ role: z.enum(ROLES) });
const InvitationBody = z.object({
  email: z.string().trim().email().max(254),
  role: z.enum(ROLES).optional(),
});
const PolicyBody = z.object({ policy: z.enum(SIGNUP_POLICIES) });
const UsersQuery = z.object({ status: z.enum(['active', 'pending']).optional() });
const AuditQuery = z.object({
  action: z
    .string()
    .max(1000)
    .optional()
    .transform((s, ctx) => {
      const list = (s ?? '').split(',').filter(Boolean);
      for (const a of list) {
        if (!(AUDIT_ACTIONS as readonly string[]).includes(a)) {
          ctx.addIssue({ code: 'custom', message: `unknown action "${a.slice(0, 40)}"` });
          return z.NEVER;
        }
      }
      return list as AuditAction[];
    }),
  user: z.coerce.number().int().positive().optional().describe('events by or about this account'),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const countAdmins = (db: Database) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM users WHERE role = 'admin'`).get() as { n: number }).n;

/**
 * Runs `write` (a role change or a deletion of `userId`) in one IMMEDIATE transaction after
 * checking, inside it, that it does not remove the last admin: the write lock is taken before the
 * admins are counted, so another process (a second server on the same file, a script) demoting or
 * deleting an admin at the same moment waits for this one to commit and then counts again, and the
 * two together can never leave no admin.
 * @param removesAdmin whether the write takes the admin role away from `userId` if it has it.
 * @throws AppError 404 when the account is gone, 409 (`lastAdmin`) when it is the last admin.
 */
function unlessLastAdmin<T>(
  db: Database,
  userId: number,
  removesAdmin: boolean,
  lastAdmin: () => AppError,
  write: (current: User) => T,
): T {
  return db
    .transaction(() => {
      const current = getUser(db, userId);
      if (!current) throw notFound('user');
      if (removesAdmin && current.role === 'admin' && countAdmins(db) <= 1) throw lastAdmin();
      return write(current);
    })
    .immediate();
}

/** The target of an admin action on `:id`. @throws AppError 404. */
function target(c: Context<AppEnv>): User {
  const user = getUser(c.get('db'), idParam(c, 'user'));
  if (!user) throw notFound('user');
  return user;
}

/**
 * Changes the role of the user at `:id` (admins): audited, applied to their open co-editing
 * sockets at once. @throws AppError 409 when it would leave no admin.
 */
export function changeRole(c: Context<AppEnv>, role: Role): User {
  const admin = requireRole(c, 'admin');
  const db = c.get('db');
  const user = target(c);
  const updated = unlessLastAdmin(
    db,
    user.id,
    role !== 'admin',
    () =>
      new AppError(409, 'conflict', 'role: this is the last admin; make someone else admin first', {
        field: 'role',
      }),
    (current) => {
      db.prepare(`UPDATE users SET role = @role WHERE id = @id`).run({ id: user.id, role });
      audit(db, {
        action: 'role_changed',
        actorId: admin.id,
        targetId: user.id,
        address: clientAddress(c),
        detail: { from: current.role, to: role },
      });
      return getUser(db, user.id)!;
    },
  );
  accountChanged(c, user.id);
  return updated;
}

const ID = { id: { schema: z.number().int() } };
const userAnswer = { description: 'OK', schema: z.object({ user: AdminUser }) };
const DOC = {
  users: describeRoute({
    tags: ['accounts'],
    summary:
      'Accounts with status, verification, sessions and last activity (facilitators and admins)',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ users: z.array(AdminUser) }) },
      403: errorAnswer('Below facilitator'),
    },
  }),
  setRole: describeRoute({
    tags: ['accounts'],
    summary: "Change a role (admins); applied at once to the user's open co-editing sockets",
    loggedIn: true,
    params: ID,
    responses: {
      200: userAnswer,
      403: errorAnswer('Not admin'),
      404: errorAnswer('No such user'),
      409: errorAnswer('Last admin'),
    },
  }),
  delete: describeRoute({
    tags: ['accounts'],
    summary:
      'Delete an account (admins); its sockets close at once, its contributions stay (author unset)',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'OK', schema: Ok },
      403: errorAnswer('Not admin'),
      404: errorAnswer('No such user'),
      409: errorAnswer('Last admin'),
    },
  }),
  approve: describeRoute({
    tags: ['accounts'],
    summary:
      'Approve an account waiting under the approval policy: it becomes a contributor (facilitators and admins)',
    loggedIn: true,
    params: ID,
    responses: {
      200: userAnswer,
      404: errorAnswer('No such user'),
      409: errorAnswer('Not pending'),
    },
  }),
  forceReset: describeRoute({
    tags: ['accounts'],
    summary:
      'Force a password reset (admins): sessions closed, the password refused until reset, a reset link mailed',
    loggedIn: true,
    params: ID,
    responses: { 200: userAnswer, 404: errorAnswer('No such user') },
  }),
  revoke: describeRoute({
    tags: ['accounts'],
    summary: "Revoke all of a user's sessions and API tokens (admins); their sockets close at once",
    loggedIn: true,
    params: ID,
    responses: {
      200: {
        description: 'How many sessions and tokens were revoked',
        schema: z.object({ sessions: z.number().int(), tokens: z.number().int() }),
      },
      404: errorAnswer('No such user'),
    },
  }),
  invitations: describeRoute({
    tags: ['accounts'],
    summary: 'Invitations with their status (facilitators and admins)',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ invitations: z.array(Invitation) }) },
    },
  }),
  invite: describeRoute({
    tags: ['accounts'],
    summary:
      'Invite an address with a role (link valid 7 days); facilitators invite readers and contributors only',
    loggedIn: true,
    responses: {
      201: { description: 'The invitation', schema: z.object({ invitation: Invitation }) },
      400: errorAnswer('Invalid field'),
      403: errorAnswer('Role too high for a facilitator'),
      409: errorAnswer('The address has an account'),
    },
  }),
  revokeInvitation: describeRoute({
    tags: ['accounts'],
    summary: 'Revoke a pending invitation',
    loggedIn: true,
    params: ID,
    responses: {
      200: { description: 'OK', schema: z.object({ invitation: Invitation }) },
      404: errorAnswer('No such invitation'),
      409: errorAnswer('Already used'),
    },
  }),
  policy: describeRoute({
    tags: ['accounts'],
    summary: 'The sign-up policy (admins)',
    loggedIn: true,
    responses: { 200: { description: 'OK', schema: z.object({ policy: SignupPolicy }) } },
  }),
  setPolicy: describeRoute({
    tags: ['accounts'],
    summary: 'Set the sign-up policy (admins)',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ policy: SignupPolicy }) },
      400: errorAnswer('Unknown policy'),
    },
  }),
  audit: describeRoute({
    tags: ['accounts'],
    summary:
      'The audit log, newest first (admins): sign-ins, failures, role changes, revocations, resets, sign-ups',
    loggedIn: true,
    responses: {
      200: { description: '`{ entries, next }`', schema: AuditPage },
      400: errorAnswer('Unknown action'),
      403: errorAnswer('Not admin'),
    },
  }),
};

/** What admins see of an account: its public fields plus sessions and last activity. */
function adminUser(c: Context<AppEnv>, u: User) {
  const s = c
    .get('db')
    .prepare(
      `SELECT COUNT(*) AS n, MAX(last_seen_at) AS seen FROM sessions WHERE user_id = @id AND expires_at >= strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    )
    .get({ id: u.id }) as { n: number; seen: string | null };
  return {
    ...publicUser(u),
    createdAt: u.createdAt,
    mustReset: u.mustReset,
    sessions: s.n,
    lastSeenAt: s.seen,
  };
}

/**
 * /api/admin: accounts (list, roles, approval, deletion, forced reset, revoke all), invitations,
 * the sign-up policy and the audit log. Facilitators list accounts, approve pending ones and
 * invite readers and contributors; everything else is for admins.
 */
export const accountsAdmin = new Hono<AppEnv>()
  .get('/users', DOC.users, queryParams(UsersQuery), (c) => {
    requireRole(c, 'facilitator');
    const { status } = c.req.valid('query');
    const rows = c
      .get('db')
      .prepare(`SELECT id FROM users WHERE (@status IS NULL OR status = @status) ORDER BY id`)
      .all({ status: status ?? null }) as { id: number }[];
    return c.json({
      users: rows.map((r) => adminUser(c, getUser(c.get('db'), r.id)!) satisfies AdminUser),
    });
  })
  .patch('/users/:id', DOC.setRole, jsonBody(RoleBody), (c) =>
    c.json({ user: adminUser(c, changeRole(c, c.req.valid('json').role)) }),
  )
  .delete('/users/:id', DOC.delete, (c) => {
    const admin = requireRole(c, 'admin');
    const db = c.get('db');
    const user = target(c);
    unlessLastAdmin(
      db,
      user.id,
      true,
      () => new AppError(409, 'conflict', 'This is the last admin; it cannot be deleted'),
      (current) => {
        audit(db, {
          action: 'account_deleted',
          actorId: admin.id,
          targetId: null,
          address: clientAddress(c),
          detail: { id: current.id, name: current.name },
        });
        db.prepare(`DELETE FROM users WHERE id = @id`).run({ id: current.id });
      },
    );
    accountChanged(c, user.id);
    return c.json({ ok: true });
  })
  .post('/users/:id/approve', DOC.approve, (c) => {
    const me = requireRole(c, 'facilitator');
    const db = c.get('db');
    const user = target(c);
    if (user.status !== 'pending')
      throw new AppError(409, 'conflict', 'This account is not waiting for approval');
    const updated = db.transaction(() => {
      db.prepare(
        `UPDATE users SET status = 'active', role = CASE WHEN role = 'reader' THEN 'contributor' ELSE role END WHERE id = @id`,
      ).run({
        id: user.id,
      });
      mailApproved({ db, publicUrl: c.get('config').publicUrl }, user.email, user.name);
      audit(db, {
        action: 'account_approved',
        actorId: me.id,
        targetId: user.id,
        address: clientAddress(c),
      });
      return getUser(db, user.id)!;
    })();
    accountChanged(c, user.id);
    return c.json({ user: adminUser(c, updated) });
  })
  .post('/users/:id/force-reset', DOC.forceReset, (c) => {
    const admin = requireRole(c, 'admin');
    const db = c.get('db');
    const user = target(c);
    db.transaction(() => {
      db.prepare(`UPDATE users SET must_reset = 1 WHERE id = @id`).run({ id: user.id });
      const closed = revokeSessions(db, user.id);
      mailReset(
        { db, publicUrl: c.get('config').publicUrl },
        user.email,
        user.name,
        issueAccountToken(db, user.id, 'reset'),
        true,
      );
      audit(db, {
        action: 'reset_forced',
        actorId: admin.id,
        targetId: user.id,
        address: clientAddress(c),
        detail: { sessionsClosed: closed },
      });
    })();
    accountChanged(c, user.id);
    return c.json({ user: adminUser(c, getUser(db, user.id)!) });
  })
  .post('/users/:id/revoke', DOC.revoke, (c) => {
    const admin = requireRole(c, 'admin');
    const db = c.get('db');
    const user = target(c);
    const counts = db.transaction(() => {
      const sessions = revokeSessions(db, user.id);
      const tokens = revokeTokens(db, user.id);
      audit(db, {
        action: 'revoked_all',
        actorId: admin.id,
        targetId: user.id,
        address: clientAddress(c),
        detail: { sessions, tokens },
      });
      return { sessions, tokens };
    })();
    accountChanged(c, user.id);
    return c.json(counts);
  })
  .get('/invitations', DOC.invitations, (c) => {
    requireRole(c, 'facilitator');
    return c.json({ invitations: listInvitations(c.get('db')) });
  })
  .post('/invitations', DOC.invite, jsonBody(InvitationBody), (c) => {
    const me = requireRole(c, 'facilitator');
    const db = c.get('db');
    const { email, role = 'contributor' } = c.req.valid('json');
    if (!hasRole(me.role, 'admin') && hasRole(role, 'facilitator'))
      throw forbidden('Facilitators invite readers and contributors only');
    if (getUserForLogin(db, email))
      throw new AppError(409, 'conflict', 'email: an account already exists for this e-mail', {
        field: 'email',
      });
    const invitation = db.transaction(() => {
      const { invitation, token } = createInvitation(db, { email, role, invitedBy: me.id });
      mailInvitation({ db, publicUrl: c.get('config').publicUrl }, email, me.name, token);
      audit(db, {
        action: 'invitation_sent',
        actorId: me.id,
        address: clientAddress(c),
        detail: { invitation: invitation.id, role },
      });
      return invitation;
    })();
    return c.json({ invitation }, 201);
  })
  .delete('/invitations/:id', DOC.revokeInvitation, (c) => {
    const me = requireRole(c, 'facilitator');
    const db = c.get('db');
    const id = idParam(c, 'invitation');
    const invitation = db.transaction(() => {
      const inv = revokeInvitation(db, id);
      audit(db, {
        action: 'invitation_revoked',
        actorId: me.id,
        address: clientAddress(c),
        detail: { invitation: id },
      });
      return inv;
    })();
    return c.json({ invitation });
  })
  .get('/signup-policy', DOC.policy, (c) => {
    requireRole(c, 'admin');
    return c.json({ policy: getSignupPolicy(c.get('db')) });
  })
  .put('/signup-policy', DOC.setPolicy, jsonBody(PolicyBody), (c) => {
    const admin = requireRole(c, 'admin');
    const db = c.get('db');
    const { policy } = c.req.valid('json');
    db.transaction(() => {
      const from = getSignupPolicy(db);
      setSignupPolicy(db, policy);
      audit(db, {
        action: 'signup_policy_changed',
        actorId: admin.id,
        address: clientAddress(c),
        detail: { from, to: policy },
      });
    })();
    return c.json({ policy });
  })
  .get('/audit', DOC.audit, queryParams(AuditQuery), (c) => {
    requireRole(c, 'admin');
    const q = c.req.valid('query');
    return c.json(
      listAudit(c.get('db'), {
        actions: q.action,
        userId: q.user,
        before: q.before,
        limit: q.limit ?? 50,
      }) satisfies AuditPage,
    );
  });
