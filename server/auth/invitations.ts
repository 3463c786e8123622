/**
 * Invitations: an admin or a facilitator invites an address with a role; the link in the mail is
 * valid seven days and used once. The only way to sign up under the `invitation` policy.
 */
import type { Database } from '../db/open.js';
import { AppError, notFound } from '../errors.js';
import { newSecret, sha256, type Role } from './users.js';

/** How long an invitation link is valid. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** An invitation as admins list it. */
export interface Invitation {
  id: number;
  email: string;
  role: Role;
  invitedBy: { id: number; name: string } | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  status: 'pending' | 'used' | 'expired' | 'revoked';
}

interface InvitationRow {
  id: number;
  email: string;
  role: Role;
  invited_by: number | null;
  inviter_name: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role,
  invitedBy: r.invited_by !== null ? { id: r.invited_by, name: r.inviter_name ?? '' } : null,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  revokedAt: r.revoked_at,
  status: r.used_at
    ? 'used'
    : r.revoked_at
      ? 'revoked'
      : r.expires_at < new Date().toISOString()
        ? 'expired'
        : 'pending',
});

const SELECT = `SELECT i.*, u.name AS inviter_name FROM invitations i LEFT JOIN users u ON u.id = i.invited_by`;

/** Creates an invitation (synchronous, inside the caller's transaction); returns it and its secret. */
export function createInvitation(
  db: Database,
  input: { email: string; role: Role; invitedBy: number },
): { invitation: Invitation; token: string } {
  const token = newSecret();
  const info = db
    .prepare(
      `INSERT INTO invitations (token_hash, email, role, invited_by, expires_at) VALUES (@hash, @email, @role, @invitedBy, @expires)`,
    )
    .run({
      hash: sha256(token),
      ...input,
      expires: new Date(Date.now() + INVITATION_TTL_MS).toISOString(),
    });
  return { invitation: getInvitation(db, Number(info.lastInsertRowid))!, token };
}

/** One invitation by id, or undefined. */
export function getInvitation(db: Database, id: number): Invitation | undefined {
  const row = db.prepare(`${SELECT} WHERE i.id = @id`).get({ id }) as InvitationRow | undefined;
  return row && toInvitation(row);
}

/** Every invitation, newest first (at most 200). */
export function listInvitations(db: Database): Invitation[] {
  return (db.prepare(`${SELECT} ORDER BY i.id DESC LIMIT 200`).all() as InvitationRow[]).map(
    toInvitation,
  );
}

/**
 * The pending invitation a secret opens, or throws.
 * @throws AppError 400 `token_invalid` (field `invitation`) when unknown, used, revoked or expired.
 */
export function openInvitation(db: Database, token: string): Invitation {
  const row = db.prepare(`${SELECT} WHERE i.token_hash = @hash`).get({ hash: sha256(token) }) as
    InvitationRow | undefined;
  const inv = row && toInvitation(row);
  if (!inv || inv.status !== 'pending') {
    throw new AppError(
      400,
      'token_invalid',
      'invitation: this invitation is invalid, already used or expired',
      { field: 'invitation' },
    );
  }
  return inv;
}

/** Marks an invitation used by a new account (synchronous, inside the sign-up transaction). */
export function markInvitationUsed(db: Database, id: number, userId: number): void {
  db.prepare(
    `UPDATE invitations SET used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), used_by = @userId WHERE id = @id`,
  ).run({ id, userId });
}

/** Revokes a pending invitation. @throws AppError 404 unknown, 409 when already used. */
export function revokeInvitation(db: Database, id: number): Invitation {
  const inv = getInvitation(db, id);
  if (!inv) throw notFound('invitation');
  if (inv.usedAt) throw new AppError(409, 'conflict', 'invitation: already used');
  db.prepare(
    `UPDATE invitations SET revoked_at = COALESCE(revoked_at, strftime('%Y-%m-%dT%H:%M:%fZ','now')) WHERE id = @id`,
  ).run({ id });
  return getInvitation(db, id)!;
}
