import { api, setCsrfToken } from './http.js';
import type { MeAnswer, PublicUser, SessionAnswer } from '../../server/contracts/accounts.js';

/** The logged-in user as the API describes it (the server's contract, server/contracts/accounts.ts). */
export type SessionUser = PublicUser;

/** Who is logged in (null when anonymous); remembers the CSRF token. */
export async function me(): Promise<SessionUser | null> {
  const r = await api<MeAnswer>('GET', '/api/auth/me');
  setCsrfToken(r.csrfToken);
  return r.user;
}

/** Logs in; remembers the CSRF token. */
export async function login(email: string, password: string): Promise<SessionUser> {
  const r = await api<SessionAnswer>('POST', '/api/auth/login', { email, password });
  setCsrfToken(r.csrfToken);
  return r.user;
}

/** Logs out. */
export async function logout(): Promise<void> {
  await api('POST', '/api/auth/logout');
  setCsrfToken(null);
}
