import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionUser } from './api/auth.js';

/** Roles from least to most powerful (mirrors the server's list). */
const ROLE_ORDER = ['reader', 'contributor', 'facilitator', 'admin'] as const;

let user: SessionUser | null = null;
let known = false;

/** The logged-in user, or null (also null while the session is not yet known). */
export const currentUser = () => user;

/** True once the shell has asked the server who is logged in. */
export const sessionKnown = () => known;

/**
 * Records who is logged in and tells every view (`lc-session-changed` on window, detail = the user).
 * Called by the shell after `/api/auth/me`, and by the login, registration and logout actions.
 */
export function setCurrentUser(u: SessionUser | null) {
  user = u;
  known = true;
  window.dispatchEvent(new CustomEvent('lc-session-changed', { detail: u }));
}

/** True when the user has at least role `min` (false for anonymous visitors). */
export function hasRole(u: SessionUser | null, min: SessionUser['role']): boolean {
  return !!u && ROLE_ORDER.indexOf(u.role) >= ROLE_ORDER.indexOf(min);
}

/** Re-renders its host whenever the session or the interface language changes; `user` is the current user. */
export class SessionController implements ReactiveController {
  constructor(private host: ReactiveControllerHost) {
    host.addController(this);
  }
  /** The logged-in user, or null. */
  get user() {
    return user;
  }
  /** True once the session is known (so "log in first" is not shown too early). */
  get known() {
    return known;
  }
  /** True when the user may edit pages. */
  get canEdit() {
    return hasRole(user, 'contributor');
  }
  private onChange = () => this.host.requestUpdate();
  hostConnected() {
    window.addEventListener('lc-session-changed', this.onChange);
    window.addEventListener('lc-locale-changed', this.onChange);
  }
  hostDisconnected() {
    window.removeEventListener('lc-session-changed', this.onChange);
    window.removeEventListener('lc-locale-changed', this.onChange);
  }
}
