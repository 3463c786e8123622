import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/open.js';
import { AppError } from '../errors.js';
import { hashPassword } from './passwords.js';
import { stmt } from '../../registry/wiki/statements.js';

/** Roles, from least to most powerful. */
export const ROLES = ['reader', 'contributor', 'facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A user as the rest of the code sees it (never with its password hash). */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  /** 'pending': signed up under the approval policy, a reader until a facilitator approves. */
  status: UserStatus;
  /** When the address was verified (null: never). */
  emailVerifiedAt: string | null;
  /** An admin forced a password reset: the password does not open sessions until reset. */
  mustReset: boolean;
}

/** Account states. */
export type UserStatus = 'active' | 'pending';

/** What an API token may do: 'read' tokens are refused every write (REST and co-editing). */
export type TokenScope = 'read' | 'write';

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  password_hash: string;
  status: UserStatus;
  email_verified_at: string | null;
  must_reset: number;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  status: r.status,
  emailVerifiedAt: r.email_verified_at,
  mustReset: r.must_reset === 1,
});

/** True when `role` is at least `min`. */
export const hasRole = (role: Role, min: Role) => ROLES.indexOf(role) >= ROLES.indexOf(min);

const SQL_INSERT_USER = `INSERT INTO users (email, name, password_hash, role, status, email_verified_at)
  VALUES (@email, @name, @hash, @role, @status, @verifiedAt)`;
const SQL_USER_BY_EMAIL = `SELECT * FROM users WHERE email = @email`;
const SQL_USER_BY_ID = `SELECT * FROM users WHERE id = @id`;
const SQL_COUNT_USERS = `SELECT COUNT(*) AS n FROM users`;

/** A new account's fields, its password already hashed (see `insertUser`). */
export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role?: Role;
  status?: UserStatus;
  /** False for a sign-up whose address is not verified yet; the first account is always verified. */
  verified?: boolean;
}

/**
 * Inserts an account, synchronously (for use inside a caller's transaction). The very first
 * account becomes an active, verified admin whatever the input says.
 * @throws AppError 409 when the e-mail is taken.
 */
export function insertUser(db: Database, input: NewUser): User {
  if (db.prepare(SQL_USER_BY_EMAIL).get({ email: input.email })) {
    throw new AppError(409, 'conflict', 'email: an account already exists for this e-mail', {
      field: 'email',
    });
  }
  const first = countUsers(db) === 0;
  const role: Role = first ? 'admin' : (input.role ?? 'contributor');
  const info = db.prepare(SQL_INSERT_USER).run({
    email: input.email,
    name: input.name,
    hash: input.passwordHash,
    role,
    status: first ? 'active' : (input.status ?? 'active'),
    verifiedAt: first || input.verified !== false ? new Date().toISOString() : null,
  });
  return getUser(db, Number(info.lastInsertRowid))!;
}

/** How many accounts exist. */
export function countUsers(db: Database): number {
  return (db.prepare(SQL_COUNT_USERS).get() as { n: number }).n;
}

/**
 * Creates an account (CLI, tests, invitations): active and verified. The very first account
 * becomes admin whatever `role` says.
 * @throws AppError 409 when the e-mail is taken.
 */
export async function createUser(
  db: Database,
  input: { email: string; name: string; password: string; role?: Role },
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  // Counting and inserting in one transaction: two concurrent first registrations cannot both become admin.
  return db.transaction(() =>
    insertUser(db, { email: input.email, name: input.name, passwordHash, role: input.role }),
  )();
}

/** A user by id, or undefined. */
export function getUser(db: Database, id: number): User | undefined {
  const row = db.prepare(SQL_USER_BY_ID).get({ id }) as UserRow | undefined;
  return row && toUser(row);
}

/** A user with its password hash, by e-mail (case-insensitive), for login. */
export function getUserForLogin(
  db: Database,
  email: string,
): (User & { passwordHash: string }) | undefined {
  const row = db.prepare(SQL_USER_BY_EMAIL).get({ email }) as UserRow | undefined;
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

/** Every user, oldest first. */
export function listUsers(db: Database): User[] {
  return (db.prepare(`SELECT * FROM users ORDER BY id`).all() as UserRow[]).map(toUser);
}

/** Changes a user's role. @throws AppError 404 for an unknown user. */
export function setUserRole(db: Database, id: number, role: Role): User {
  const info = db.prepare(`UPDATE users SET role = @role WHERE id = @id`).run({ id, role });
  if (info.changes === 0) throw new AppError(404, 'not_found', 'user not found');
  return getUser(db, id)!;
}

/** SHA-256 of a secret, hex: what is stored for session ids and API tokens. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new random secret, URL-safe. */
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Creates an API token for a user and returns it in clear (only time it is visible). */
export function createApiToken(
  db: Database,
  userId: number,
  label = '',
  scope: TokenScope = 'write',
): string {
  const token = `lc_${newSecret()}`;
  db.prepare(
    `INSERT INTO api_tokens (user_id, token_hash, label, scope) VALUES (@userId, @hash, @label, @scope)`,
  ).run({
    userId,
    hash: sha256(token),
    label,
    scope,
  });
  return token;
}

/**
 * Marks a token as used, at most once a minute: a write on every authenticated request would empty
 * the cache of page answers (any write to the database does) for every reader, each time.
 */
const SQL_TOKEN_USED = `UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE token_hash = @hash AND (last_used_at IS NULL OR last_used_at < strftime('%Y-%m-%dT%H:%M:%fZ','now','-60 seconds'))`;

/**
 * The user an API token belongs to with the token's scope, or undefined (its last use is recorded
 * to the minute).
 */
export function userForApiToken(
  db: Database,
  token: string,
): (User & { tokenScope: TokenScope; credential: string }) | undefined {
  const hash = sha256(token);
  const row = stmt(
    db,
    `SELECT u.*, t.scope AS token_scope FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @hash`,
  ).get({ hash }) as (UserRow & { token_scope: TokenScope }) | undefined;
  if (!row) return undefined;
  stmt(db, SQL_TOKEN_USED).run({ hash });
  return { ...toUser(row), tokenScope: row.token_scope, credential: `t:${hash}` };
}

/**
 * Opens a session; returns the cookie value and the CSRF token bound to it.
 * @param userAgent the browser's User-Agent, shown as the session's device on the "Sécurité" page.
 */
export function createSession(
  db: Database,
  userId: number,
  ttlSeconds: number,
  userAgent = '',
): { sid: string; csrf: string } {
  const sid = newSecret();
  const csrf = newSecret(24);
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  db.prepare(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, public_id, user_agent, last_seen_at)
     VALUES (@hash, @userId, @csrf, @expires, @publicId, @userAgent, strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
  ).run({
    hash: sha256(sid),
    userId,
    csrf,
    expires,
    publicId: newSecret(9),
    userAgent: userAgent.slice(0, 400),
  });
  return { sid, csrf };
}

// Like tokens, the last use is written at most once a minute (a write empties the page-answer cache).
const SQL_SESSION_SEEN = `UPDATE sessions SET last_seen_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE id_hash = @hash AND (last_seen_at IS NULL OR last_seen_at < strftime('%Y-%m-%dT%H:%M:%fZ','now','-60 seconds'))`;

/**
 * The live session for a cookie value (expired ones are deleted), or undefined. `credential`
 * names the session for the co-editing service (revoking it closes the sockets it opened).
 */
export function getSession(
  db: Database,
  sid: string,
): { user: User; csrf: string; publicId: string; credential: string } | undefined {
  const hash = sha256(sid);
  const row = stmt(
    db,
    `SELECT u.*, s.csrf_token, s.expires_at, s.public_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = @hash`,
  ).get({ hash }) as
    (UserRow & { csrf_token: string; expires_at: string; public_id: string }) | undefined;
  if (!row) return undefined;
  if (row.expires_at < new Date().toISOString()) {
    deleteSession(db, sid);
    return undefined;
  }
  stmt(db, SQL_SESSION_SEEN).run({ hash });
  return {
    user: toUser(row),
    csrf: row.csrf_token,
    publicId: row.public_id,
    credential: `s:${hash}`,
  };
}

/**
 * True while a credential (`s:<session hash>` or `t:<token hash>`, as `getSession` and
 * `userForApiToken` name them) still exists and, for a session, has not expired.
 */
export function credentialAlive(db: Database, credential: string): boolean {
  const hash = credential.slice(2);
  if (credential.startsWith('s:')) {
    const row = stmt(db, `SELECT expires_at FROM sessions WHERE id_hash = @hash`).get({ hash }) as
      { expires_at: string } | undefined;
    return !!row && row.expires_at >= new Date().toISOString();
  }
  return !!stmt(db, `SELECT 1 FROM api_tokens WHERE token_hash = @hash`).get({ hash });
}

/** Ends a session. */
export function deleteSession(db: Database, sid: string): void {
  db.prepare(`DELETE FROM sessions WHERE id_hash = @hash`).run({ hash: sha256(sid) });
}
