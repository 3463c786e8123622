import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

/** The statement's contact, as the operator configured it (LC_A11Y_CONTACT), or null. */
export interface AccessibilityContact {
  kind: 'email' | 'url';
  value: string;
}

/**
 * Reads LC_A11Y_CONTACT: an address with an `@` (and no scheme) is an e-mail, anything else a URL.
 * It is the organisation's contact, published on purpose, not a person's address from the directory.
 */
export function accessibilityContact(raw: string | null): AccessibilityContact | null {
  if (!raw) return null;
  const value = raw.replace(/^mailto:/i, '');
  return /^[^\s@/:]+@[^\s@/]+$/.test(value) ? { kind: 'email', value } : { kind: 'url', value: raw };
}

/** /api/accessibility: what the accessibility statement needs from this instance (public). */
export const accessibility = new Hono<AppEnv>().get('/', (c) => c.json({ contact: accessibilityContact(c.get('config').a11yContact) }));
