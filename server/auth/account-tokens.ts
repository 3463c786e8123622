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

/** Issues a secret for a user (synchronous, inside the caller's transaction); returns it in clear. */
export function issueAccountToken(db: Database, userId: number, purpose: AccountTokenPurpose, now = Date.now()): string {
  const token = newSecret();
  db.prepare(`DELETE FROM account_tokens WHERE user_id = @userId AND purpose = @purpose`).run({ userId, purpose });
  db.prepare(`INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) VALUES (@hash, @userId, @purpose, @expires)`).run({
    hash: sha256(token),
    userId,
    purpose,
    expires: new Date(now + ACCOUNT_TOKEN_TTL_MS[purpose]).toISOString(),
  });
  return token;
}

/**
 * Uses a secret: deletes it and returns its user's id (synchronous, inside the caller's transaction).
 * @throws AppError 400 `token_invalid` (field `token`) when it is unknown, used, expired or of another purpose.
 */
export function consumeAccountToken(db: Database, token: string, purpose: AccountTokenPurpose): number {
  const hash = sha256(token);
  const row = db
    .prepare(`SELECT user_id, expires_at FROM account_tokens WHERE token_hash = @hash AND purpose = @purpose`)
    .get({ hash, purpose }) as { user_id: number; expires_at: string } | undefined;
  if (row) db.prepare(`DELETE FROM account_tokens WHERE token_hash = @hash`).run({ hash });
  if (!row || row.expires_at < new Date().toISOString()) {
    throw new AppError(400, 'token_invalid', 'token: this link is invalid, already used or expired; ask for a new one', { field: 'token' });
  }
  return row.user_id;
}
