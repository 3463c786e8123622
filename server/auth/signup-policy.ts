/** The sign-up policy admins set, kept in the `settings` table. */
import type { Database } from '../db/open.js';

/**
 * - `open`: anyone signs up (address verified by mail before the first sign-in);
 * - `invitation`: only with an invitation link sent by an admin or a facilitator;
 * - `approval`: anyone signs up, but stays a reader until a facilitator approves the account.
 */
export const SIGNUP_POLICIES = ['open', 'invitation', 'approval'] as const;
export type SignupPolicy = (typeof SIGNUP_POLICIES)[number];

const KEY = 'signup_policy';

/** The current policy (`open` until an admin sets one). */
export function getSignupPolicy(db: Database): SignupPolicy {
  const row = db.prepare(`SELECT value FROM settings WHERE key = @key`).get({ key: KEY }) as
    { value: string } | undefined;
  return (SIGNUP_POLICIES as readonly string[]).includes(row?.value ?? '')
    ? (row!.value as SignupPolicy)
    : 'open';
}

/** Sets the policy (synchronous, inside the caller's transaction). */
export function setSignupPolicy(db: Database, policy: SignupPolicy): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run({
    key: KEY,
    value: policy,
  });
}
