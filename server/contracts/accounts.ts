import { z } from 'zod';

/*
 * What the account routes answer (/api/auth, /api/admin accounts), as zod schemas: the OpenAPI
 * document is generated from them, the routes check what they send against them (`satisfies`),
 * and the client takes its types from them. No server-only import: the browser build may read
 * this module's types.
 */

/** Roles, least to most powerful. */
export const Role = z.enum(['reader', 'contributor', 'facilitator', 'admin']);

/** An account as its owner and the API see it (never a password or a token). */
export const PublicUser = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: Role,
  status: z
    .enum(['active', 'pending'])
    .describe("'pending': waiting for a facilitator's approval (a reader meanwhile)"),
  emailVerified: z.boolean(),
});
/** An account as its owner sees it. */
export type PublicUser = z.infer<typeof PublicUser>;

/** A session just opened (sign-up, verification, login): the user and the CSRF token for writes. */
export const SessionAnswer = z.object({ user: PublicUser, csrfToken: z.string() });
/** A session just opened. */
export type SessionAnswer = z.infer<typeof SessionAnswer>;

/** GET /api/auth/me: the current user (null when anonymous) and the CSRF token. */
export const MeAnswer = z.object({ user: PublicUser.nullable(), csrfToken: z.string().nullable() });
/** GET /api/auth/me. */
export type MeAnswer = z.infer<typeof MeAnswer>;

/** The answer that says nothing about whether an address has an account. */
export const CheckMail = z.object({ status: z.literal('check_mail') });

/** A write that has nothing else to say. */
export const Ok = z.object({ ok: z.literal(true) });

/** The sign-up policy. */
export const SignupPolicy = z.enum(['open', 'invitation', 'approval']);

/** What admins see of an account: its public fields plus sessions and last activity. */
export const AdminUser = PublicUser.extend({
  createdAt: z.string(),
  mustReset: z
    .boolean()
    .describe('A password reset was forced: the password is refused until reset'),
  sessions: z.number().int().describe('Live sessions'),
  lastSeenAt: z.string().nullable(),
});
/** What admins see of an account. */
export type AdminUser = z.infer<typeof AdminUser>;

/** One of the caller's sessions. */
export const SessionInfo = z.object({
  id: z.string(),
  userAgent: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string(),
  current: z.boolean().describe('The session making the request'),
});

/** An API token as listed (never the token). */
export const TokenInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  scope: z.enum(['read', 'write']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

const Who = z.object({ id: z.number().int(), name: z.string() }).nullable();

/** An invitation with its status. */
export const Invitation = z.object({
  id: z.number().int(),
  email: z.string(),
  role: Role,
  invitedBy: Who,
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['pending', 'used', 'expired', 'revoked']),
});

/** One entry of the audit log. */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  actor: Who,
  target: Who,
  email: z.string().nullable(),
  address: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** GET /api/admin/audit: a page of the log, newest first; `next` asks for the following page. */
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  next: z.number().int().nullable(),
});
/** GET /api/admin/audit. */
export type AuditPage = z.infer<typeof AuditPage>;
/** One of the caller's sessions. */
export type SessionInfo = z.infer<typeof SessionInfo>;
/** An API token as listed. */
export type TokenInfo = z.infer<typeof TokenInfo>;
/** An invitation with its status. */
export type Invitation = z.infer<typeof Invitation>;
/** One entry of the audit log. */
export type AuditEntry = z.infer<typeof AuditEntry>;
/** The sign-up policy. */
export type SignupPolicy = z.infer<typeof SignupPolicy>;
/** Roles, least to most powerful. */
export type Role = z.infer<typeof Role>;
