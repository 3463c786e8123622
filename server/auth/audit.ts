/**
 * The audit log admins read: sign-ins, failed sign-ins, role changes, revocations, resets and
 * sign-up events, with who did it, to whom, and from which address (see `clientAddress`).
 */
import type { Database } from '../db/open.js';

/** Actions recorded in the audit log. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'signup',
  'signup_existing',
  'email_verified',
  'account_approved',
  'role_changed',
  'account_deleted',
  'session_revoked',
  'token_created',
  'token_revoked',
  'revoked_all',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'reset_forced',
  'invitation_sent',
  'invitation_revoked',
  'invitation_used',
  'signup_policy_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One event to record. */
export interface AuditEvent {
  action: AuditAction;
  actorId?: number | null;
  targetId?: number | null;
  /** Only for events without an account (a failed sign-in on an unknown address). */
  email?: string | null;
  address?: string;
  detail?: Record<string, unknown>;
}

/** One recorded event, as admins read it. */
export interface AuditEntry {
  id: number;
  at: string;
  action: AuditAction;
  actor: { id: number; name: string } | null;
  target: { id: number; name: string } | null;
  email: string | null;
  address: string;
  detail: Record<string, unknown>;
}

/** Records an event (synchronous: call it inside the transaction of what it records). */
export function audit(db: Database, e: AuditEvent): void {
  db.prepare(
    `INSERT INTO audit_log (action, actor_id, target_id, email, address, detail)
     VALUES (@action, @actorId, @targetId, @email, @address, @detail)`,
  ).run({
    action: e.action,
    actorId: e.actorId ?? null,
    targetId: e.targetId ?? null,
    email: e.email ?? null,
    address: e.address ?? '',
    detail: JSON.stringify(e.detail ?? {}),
  });
}

/**
 * Events newest first, `limit` at a time; `before` pages on (the `next` of the previous answer).
 * @param actions only these actions (all when empty).
 */
export function listAudit(
  db: Database,
  opts: { actions?: readonly AuditAction[]; userId?: number; before?: number; limit: number },
): { entries: AuditEntry[]; next: number | null } {
  const actions = opts.actions ?? [];
  const rows = db
    .prepare(
      `SELECT a.*, ua.name AS actor_name, ut.name AS target_name FROM audit_log a
       LEFT JOIN users ua ON ua.id = a.actor_id LEFT JOIN users ut ON ut.id = a.target_id
       WHERE (@before IS NULL OR a.id < @before)
         AND (@userId IS NULL OR a.actor_id = @userId OR a.target_id = @userId)
         AND (@any = 1 OR a.action IN (SELECT value FROM json_each(@actions)))
       ORDER BY a.id DESC LIMIT @limit`,
    )
    .all({
      before: opts.before ?? null,
      userId: opts.userId ?? null,
      any: actions.length ? 0 : 1,
      actions: JSON.stringify(actions),
      limit: opts.limit + 1,
    }) as {
    id: number;
    at: string;
    action: AuditAction;
    actor_id: number | null;
    actor_name: string | null;
    target_id: number | null;
    target_name: string | null;
    email: string | null;
    address: string;
    detail: string;
  }[];
  const more = rows.length > opts.limit;
  const entries = rows.slice(0, opts.limit).map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor: r.actor_id !== null ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
    target: r.target_id !== null ? { id: r.target_id, name: r.target_name ?? '' } : null,
    email: r.email,
    address: r.address,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
  return { entries, next: more ? entries[entries.length - 1].id : null };
}
