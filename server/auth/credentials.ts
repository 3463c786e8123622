/**
 * Sessions and API tokens as their owner (the "Sécurité" page) and admins see them: listed with
 * their device, name, scope and last use, and revoked one by one or all at once. Secrets are
 * never listed (only their hashes are stored); sessions are named by a public id.
 */
import type { Database } from '../db/open.js';
import { notFound } from '../errors.js';
import type { TokenScope } from './users.js';

/** A session as listed (never its cookie). */
export interface SessionInfo {
  id: string;
  userAgent: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  /** True for the session making the request. */
  current: boolean;
}

/** An API token as listed (never the token). */
export interface TokenInfo {
  id: number;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A user's live sessions, most recently seen first. */
export function listSessions(
  db: Database,
  userId: number,
  currentId: string | null,
): SessionInfo[] {
  const rows = db
    .prepare(
      `SELECT public_id, user_agent, created_at, last_seen_at, expires_at FROM sessions
       WHERE user_id = @userId AND expires_at >= strftime('%Y-%m-%dT%H:%M:%fZ','now')
       ORDER BY COALESCE(last_seen_at, created_at) DESC`,
    )
    .all({ userId }) as {
    public_id: string;
    user_agent: string;
    created_at: string;
    last_seen_at: string | null;
    expires_at: string;
  }[];
  return rows.map((r) => ({
    id: r.public_id,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    current: r.public_id === currentId,
  }));
}

/** Ends one of a user's sessions. @throws AppError 404 when it is not one of theirs. */
export function revokeSession(db: Database, userId: number, publicId: string): void {
  const info = db
    .prepare(`DELETE FROM sessions WHERE user_id = @userId AND public_id = @publicId`)
    .run({ userId, publicId });
  if (info.changes === 0) throw notFound('session');
}

/** Ends every session of a user but `keepId` (the current one, on a password change). @returns how many. */
export function revokeSessions(db: Database, userId: number, keepId: string | null = null): number {
  return db
    .prepare(
      `DELETE FROM sessions WHERE user_id = @userId AND (@keepId IS NULL OR public_id <> @keepId)`,
    )
    .run({ userId, keepId }).changes;
}

/** A user's API tokens, newest first. */
export function listTokens(db: Database, userId: number): TokenInfo[] {
  const rows = db
    .prepare(
      `SELECT id, label, scope, created_at, last_used_at FROM api_tokens WHERE user_id = @userId ORDER BY id DESC`,
    )
    .all({ userId }) as {
    id: number;
    label: string;
    scope: TokenScope;
    created_at: string;
    last_used_at: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.label,
    scope: r.scope,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Revokes one of a user's API tokens. @throws AppError 404 when it is not one of theirs. */
export function revokeToken(db: Database, userId: number, id: number): void {
  const info = db
    .prepare(`DELETE FROM api_tokens WHERE user_id = @userId AND id = @id`)
    .run({ userId, id });
  if (info.changes === 0) throw notFound('API token');
}

/** Revokes every API token of a user. @returns how many. */
export function revokeTokens(db: Database, userId: number): number {
  return db.prepare(`DELETE FROM api_tokens WHERE user_id = @userId`).run({ userId }).changes;
}
