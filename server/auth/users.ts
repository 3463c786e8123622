import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/open.js';
import { AppError } from '../errors.js';
import { hashPassword } from './passwords.js';
import { stmt } from '../wiki/statements.js';

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
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  password_hash: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
});

/** True when `role` is at least `min`. */
export const hasRole = (role: Role, min: Role) => ROLES.indexOf(role) >= ROLES.indexOf(min);

const SQL_INSERT_USER = `INSERT INTO users (email, name, password_hash, role) VALUES (@email, @name, @hash, @role)`;
const SQL_USER_BY_EMAIL = `SELECT * FROM users WHERE email = @email`;
const SQL_USER_BY_ID = `SELECT * FROM users WHERE id = @id`;
const SQL_COUNT_USERS = `SELECT COUNT(*) AS n FROM users`;

/**
 * Creates an account. The very first account becomes admin whatever `role` says.
 * @throws AppError 409 when the e-mail is taken.
 */
export async function createUser(
  db: Database,
  input: { email: string; name: string; password: string; role?: Role },
): Promise<User> {
  const hash = await hashPassword(input.password);
  // Counting and inserting in one transaction: two concurrent first registrations cannot both become admin.
  return db.transaction(() => {
    if (db.prepare(SQL_USER_BY_EMAIL).get({ email: input.email })) {
      throw new AppError(409, 'conflict', 'email: an account already exists for this e-mail', { field: 'email' });
    }
    const first = (db.prepare(SQL_COUNT_USERS).get() as { n: number }).n === 0;
    const role: Role = first ? 'admin' : (input.role ?? 'contributor');
    const info = db.prepare(SQL_INSERT_USER).run({ email: input.email, name: input.name, hash, role });
    return getUser(db, Number(info.lastInsertRowid))!;
  })();
}

/** A user by id, or undefined. */
export function getUser(db: Database, id: number): User | undefined {
  const row = db.prepare(SQL_USER_BY_ID).get({ id }) as UserRow | undefined;
  return row && toUser(row);
}

/** A user with its password hash, by e-mail (case-insensitive), for login. */
export function getUserForLogin(db: Database, email: string): (User & { passwordHash: string }) | undefined {
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
export function createApiToken(db: Database, userId: number, label = ''): string {
  const token = `lc_${newSecret()}`;
  db.prepare(`INSERT INTO api_tokens (user_id, token_hash, label) VALUES (@userId, @hash, @label)`).run({
    userId,
    hash: sha256(token),
    label,
  });
  return token;
}

/**
 * Marks a token as used, at most once a minute: a write on every authenticated request would empty
 * the cache of page answers (any write to the database does) for every reader, each time.
 */
const SQL_TOKEN_USED = `UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  WHERE token_hash = @hash AND (last_used_at IS NULL OR last_used_at < strftime('%Y-%m-%dT%H:%M:%fZ','now','-60 seconds'))`;

/** The user an API token belongs to, or undefined (its last use is recorded to the minute). */
export function userForApiToken(db: Database, token: string): User | undefined {
  const row = db
    .prepare(`SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @hash`)
    .get({ hash: sha256(token) }) as UserRow | undefined;
  if (!row) return undefined;
  stmt(db, SQL_TOKEN_USED).run({ hash: sha256(token) });
  return toUser(row);
}

/** Opens a session; returns the cookie value and the CSRF token bound to it. */
export function createSession(db: Database, userId: number, ttlSeconds: number): { sid: string; csrf: string } {
  const sid = newSecret();
  const csrf = newSecret(24);
  const expires = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  db.prepare(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES (@hash, @userId, @csrf, @expires)`,
  ).run({ hash: sha256(sid), userId, csrf, expires });
  return { sid, csrf };
}

/** The live session for a cookie value (expired ones are deleted), or undefined. */
export function getSession(db: Database, sid: string): { user: User; csrf: string } | undefined {
  const row = db
    .prepare(
      `SELECT u.*, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = @hash`,
    )
    .get({ hash: sha256(sid) }) as (UserRow & { csrf_token: string; expires_at: string }) | undefined;
  if (!row) return undefined;
  if (row.expires_at < new Date().toISOString()) {
    deleteSession(db, sid);
    return undefined;
  }
  return { user: toUser(row), csrf: row.csrf_token };
}

/** Ends a session. */
export function deleteSession(db: Database, sid: string): void {
  db.prepare(`DELETE FROM sessions WHERE id_hash = @hash`).run({ hash: sha256(sid) });
}
