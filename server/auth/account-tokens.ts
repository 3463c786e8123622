/**
 * Single-use secrets sent by mail: password resets (valid one hour) and address verifications
 * (valid two days). Only their SHA-256 is stored; using one deletes it, and issuing a new one
 * replaces the previous one of the same purpose.
 */
import type { Database } from '../db/open.js';
import { AppError } from '../errors.js';
import { newSecret, sha256 } from './users.js';

/** What a mailed secret is for. */
export type AccountTokenPurpose = 'reset' | 'verify';

/** How long each kind of secret is valid, in ms. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  verify: 48 * 60 * 60 * 1000,
};

/**
 * Issues a secret for a user (synchronous, inside the caller's transaction); returns it in clear.
 * A reset replaces the user's previous reset secret; verifications accumulate (each sign-up's link
 * carries its own `passwordHash`) until one is used.
 */
export function issueAccountToken(
  db: Database,
  userId: number,
  purpose: AccountTokenPurpose,
  opts: { passwordHash?: string; now?: number } = {},
): string {
  const token = newSecret();
  if (purpose === 'reset')
    db.prepare(`DELETE FROM account_tokens WHERE user_id = @userId AND purpose = 'reset'`).run({
      userId,
    });
  db.prepare(
    `INSERT INTO account_tokens (token_hash, user_id, purpose, password_hash, expires_at) VALUES (@hash, @userId, @purpose, @passwordHash, @expires)`,
  ).run({
    hash: sha256(token),
    userId,
    purpose,
    passwordHash: opts.passwordHash ?? null,
    expires: new Date((opts.now ?? Date.now()) + ACCOUNT_TOKEN_TTL_MS[purpose]).toISOString(),
  });
  return token;
}

/** What a live secret is for. */
export interface AccountTokenInfo {
  userId: number;
  /** For a verification: the password hash chosen at the sign-up that sent it. */
  passwordHash: string | null;
}

const invalid = () =>
  new AppError(
    400,
    'token_invalid',
    'token: this link is invalid, already used or expired; ask for a new one',
    { field: 'token' },
  );

/**
 * Reads a live secret without using it.
 * @throws AppError 400 `token_invalid` (field `token`) when it is unknown, used, expired or of another purpose.
 */
export function peekAccountToken(
  db: Database,
  token: string,
  purpose: AccountTokenPurpose,
): AccountTokenInfo {
  const row = db
    .prepare(
      `SELECT user_id, password_hash, expires_at FROM account_tokens WHERE token_hash = @hash AND purpose = @purpose`,
    )
    .get({ hash: sha256(token), purpose }) as
    { user_id: number; password_hash: string | null; expires_at: string } | undefined;
  if (!row || row.expires_at < new Date().toISOString()) throw invalid();
  return { userId: row.user_id, passwordHash: row.password_hash };
}

/**
 * Uses a secret: deletes it (and, for a verification, the user's other verification secrets) and
 * returns what it was for (synchronous, inside the caller's transaction).
 * @throws AppError 400 `token_invalid` (field `token`) when it is unknown, used, expired or of another purpose.
 */
export function consumeAccountToken(
  db: Database,
  token: string,
  purpose: AccountTokenPurpose,
): AccountTokenInfo {
  const info = peekAccountToken(db, token, purpose);
  db.prepare(`DELETE FROM account_tokens WHERE token_hash = @hash`).run({ hash: sha256(token) });
  if (purpose === 'verify')
    db.prepare(`DELETE FROM account_tokens WHERE user_id = @userId AND purpose = 'verify'`).run({
      userId: info.userId,
    });
  return info;
}

/**
 * Voids a user's live secrets of one purpose (synchronous, inside the caller's transaction): a
 * password changed by its owner makes the reset links sent before it useless.
 */
export function voidAccountTokens(
  db: Database,
  userId: number,
  purpose: AccountTokenPurpose,
): void {
  db.prepare(`DELETE FROM account_tokens WHERE user_id = @userId AND purpose = @purpose`).run({
    userId,
    purpose,
  });
}
