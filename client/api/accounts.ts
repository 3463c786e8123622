import { api, setCsrfToken } from './http.js';
import type { SessionUser } from './auth.js';
// The shapes the server answers with: its contracts (server/contracts/accounts.ts, the zod
// schemas the OpenAPI document is generated from), type-only imports: nothing of the server is bundled.
import type {
  AdminUser,
  AuditPage,
  AuditEntry,
  Invitation,
  SessionAnswer,
  SessionInfo,
  SignupPolicy,
  TokenInfo,
} from '../../server/contracts/accounts.js';

export type { AdminUser, AuditEntry, Invitation, SessionInfo, SignupPolicy, TokenInfo };

/** Roles, least to most powerful. */
export type Role = SessionUser['role'];

/**
 * Signs up. Returns the user when signed in at once (first account, invitation), or null when a
 * verification mail was sent (the answer does not say whether the address had an account).
 */
export async function signUp(body: {
  email: string;
  name: string;
  password: string;
  invitation?: string;
}): Promise<SessionUser | null> {
  const r = await api<SessionAnswer | { status: 'check_mail' }>('POST', '/api/auth/register', body);
  if (!('user' in r)) return null;
  setCsrfToken(r.csrfToken);
  return r.user;
}

/** The sign-up policy. */
export const signupPolicy = () =>
  api<{ policy: SignupPolicy }>('GET', '/api/auth/signup-policy').then((r) => r.policy);

/** What an invitation link is for. */
export const invitationInfo = (token: string) =>
  api<{ email: string; role: Role; expiresAt: string }>(
    'GET',
    `/api/auth/invitations/${encodeURIComponent(token)}`,
  );

/** Confirms an address with the mailed link and the password chosen at that sign-up, and signs in. */
export async function verifyEmail(token: string, password: string): Promise<SessionUser> {
  const r = await api<SessionAnswer>('POST', '/api/auth/verify', { token, password });
  setCsrfToken(r.csrfToken);
  return r.user;
}

/** Asks for a reset link by mail. */
export const requestPasswordReset = (email: string) =>
  api<unknown>('POST', '/api/auth/password-reset', { email });
/** Sets a new password with a mailed link. */
export const resetPassword = (token: string, password: string) =>
  api<unknown>('POST', '/api/auth/password-reset/confirm', { token, password });
/** Changes my password. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api<unknown>('POST', '/api/auth/password', { currentPassword, newPassword });

/** My sessions. */
export const mySessions = () =>
  api<{ sessions: SessionInfo[] }>('GET', '/api/auth/sessions').then((r) => r.sessions);
/** Ends one of my sessions. */
export const endSession = (id: string) =>
  api<unknown>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);
/** My API tokens. */
export const myTokens = () =>
  api<{ tokens: TokenInfo[] }>('GET', '/api/auth/tokens').then((r) => r.tokens);
/** Creates an API token; the answer holds the secret, shown once. */
export const createToken = (name: string, scope: 'read' | 'write') =>
  api<TokenInfo & { token: string }>('POST', '/api/auth/tokens', { name, scope });
/** Revokes one of my API tokens. */
export const revokeToken = (id: number) => api<unknown>('DELETE', `/api/auth/tokens/${id}`);

/** Accounts (facilitators and admins). */
export const adminUsers = () =>
  api<{ users: AdminUser[] }>('GET', '/api/admin/users').then((r) => r.users);
/** Changes a role (admins). */
export const setRole = (id: number, role: Role) =>
  api<unknown>('PATCH', `/api/admin/users/${id}`, { role });
/** Approves a pending account. */
export const approveUser = (id: number) => api<unknown>('POST', `/api/admin/users/${id}/approve`);
/** Forces a password reset (admins). */
export const forceReset = (id: number) =>
  api<unknown>('POST', `/api/admin/users/${id}/force-reset`);
/** Revokes all of a user's sessions and tokens (admins). */
export const revokeAll = (id: number) =>
  api<{ sessions: number; tokens: number }>('POST', `/api/admin/users/${id}/revoke`);
/** Deletes an account (admins). */
export const deleteUser = (id: number) => api<unknown>('DELETE', `/api/admin/users/${id}`);
/** Invitations. */
export const invitations = () =>
  api<{ invitations: Invitation[] }>('GET', '/api/admin/invitations').then((r) => r.invitations);
/** Sends an invitation. */
export const invite = (email: string, role: Role) =>
  api<{ invitation: Invitation }>('POST', '/api/admin/invitations', { email, role });
/** Revokes a pending invitation. */
export const revokeInvitation = (id: number) =>
  api<unknown>('DELETE', `/api/admin/invitations/${id}`);
/** Sets the sign-up policy (admins). */
export const setSignupPolicy = (policy: SignupPolicy) =>
  api<unknown>('PUT', '/api/admin/signup-policy', { policy });
/** The audit log, newest first; `before` pages on. */
export const auditLog = (q: { action?: string; before?: number }) => {
  const params = new URLSearchParams();
  if (q.action) params.set('action', q.action);
  if (q.before) params.set('before', String(q.before));
  const qs = params.toString();
  return api<AuditPage>('GET', `/api/admin/audit${qs ? `?${qs}` : ''}`);
};
