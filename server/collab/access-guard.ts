/**
 * Whether an open co-editing socket may stay open: a socket must not outlive the session or token
 * it was opened with, nor the rights it was opened with. The service asks after every account
 * change (`CollabService.accountChanged`) and sweeps every open socket on a timer, which catches
 * sessions that simply expire and changes made outside the HTTP routes (CLI, another process).
 */
import type { Database } from '../db/open.js';
import { getUser, hasRole, type User } from '../auth/users.js';
import { stmt } from '../../registry/wiki/statements.js';

/** Why a socket is closed (sent as the close reason with `CLOSE.revoked`, 4401). */
export type AccessEnd =
  | 'account deleted'
  | 'session expired'
  | 'session revoked'
  | 'password reset required'
  | 'role changed';

/** What the guard needs of a connection. */
export interface GuardedConnection {
  user: User | null;
  /** `s:<session hash>` or `t:<token hash>` (see `getSession`, `userForApiToken`); null for anonymous readers. */
  credential: string | null;
  canWrite: boolean;
}

const SQL_SESSION_EXPIRY = `SELECT expires_at FROM sessions WHERE id_hash = @hash`;
const SQL_TOKEN_EXISTS = `SELECT 1 FROM api_tokens WHERE token_hash = @hash`;

/** Whether a credential is live, expired (a session past its end) or gone (revoked, logged out). */
export function credentialState(
  db: Database,
  credential: string,
  now = new Date().toISOString(),
): 'live' | 'expired' | 'gone' {
  const hash = credential.slice(2);
  if (credential.startsWith('s:')) {
    const row = stmt(db, SQL_SESSION_EXPIRY).get({ hash }) as { expires_at: string } | undefined;
    if (!row) return 'gone';
    return row.expires_at < now ? 'expired' : 'live';
  }
  return stmt(db, SQL_TOKEN_EXISTS).get({ hash }) ? 'live' : 'gone';
}

/**
 * Why a signed-in user may not hold a co-editing socket at all, or null: an admin forced a password
 * reset (the account is locked until then). Also used before the upgrade.
 */
export function accountBlocked(user: User): AccessEnd | null {
  return user.mustReset ? 'password reset required' : null;
}

/**
 * Why an open connection must be closed now, or null when it may stay open: its account was
 * deleted or locked, its session expired or was revoked, its token was revoked, or it was opened
 * to write and the account is no longer a contributor (a demoted user reconnects as a reader and
 * sees, in their editor, that the rights changed). Anonymous readers are never closed here.
 * @param user the account as it is now (undefined: deleted); read from the database when omitted.
 */
export function accessEnded(
  db: Database,
  conn: GuardedConnection,
  user: User | undefined = conn.user ? getUser(db, conn.user.id) : undefined,
): AccessEnd | null {
  if (!conn.user) return null;
  if (!user) return 'account deleted';
  if (conn.credential) {
    const state = credentialState(db, conn.credential);
    if (state === 'expired') return 'session expired';
    if (state === 'gone') return 'session revoked';
  }
  const blocked = accountBlocked(user);
  if (blocked) return blocked;
  if (conn.canWrite && !hasRole(user.role, 'contributor')) return 'role changed';
  return null;
}
