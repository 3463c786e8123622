import { api, setCsrfToken } from './http.js';

/** The logged-in user as the API describes it. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: 'reader' | 'contributor' | 'facilitator' | 'admin';
  /** 'pending': waiting for a facilitator's approval (a reader meanwhile). */
  status?: 'active' | 'pending';
}

interface SessionAnswer {
  user: SessionUser | null;
  csrfToken: string | null;
}

/** Who is logged in (null when anonymous); remembers the CSRF token. */
export async function me(): Promise<SessionUser | null> {
  const r = await api<SessionAnswer>('GET', '/api/auth/me');
  setCsrfToken(r.csrfToken);
  return r.user;
}

/** Logs in; remembers the CSRF token. */
export async function login(email: string, password: string): Promise<SessionUser> {
  const r = await api<SessionAnswer>('POST', '/api/auth/login', { email, password });
  setCsrfToken(r.csrfToken);
  return r.user!;
}

/** Logs out. */
export async function logout(): Promise<void> {
  await api('POST', '/api/auth/logout');
  setCsrfToken(null);
}
