import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { describeRoute } from '../openapi/describe.js';
import { AccessibilityAnswer } from '../contracts/system.js';

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
  return /^[^\s@/:]+@[^\s@/]+$/.test(value)
    ? { kind: 'email', value }
    : { kind: 'url', value: raw };
}

/** /api/accessibility: what the accessibility statement needs from this instance (public). */
export const accessibility = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['accessibility'],
    summary:
      'Where to report an accessibility problem on this instance (LC_A11Y_CONTACT), null when the operator has not set it',
    responses: { 200: { description: 'The contact', schema: AccessibilityAnswer } },
  }),
  (c) =>
    c.json({
      contact: accessibilityContact(c.get('config').a11yContact),
    } satisfies AccessibilityAnswer),
);
