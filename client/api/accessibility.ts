import { api } from './http.js';
import type { A11yContact, AccessibilityAnswer } from '../../server/contracts/system.js';

/** axe-core's impact levels. */
export type Impact = 'critical' | 'serious' | 'moderate' | 'minor';

/** One rule that failed on a screen. */
export interface A11yViolation {
  rule: string;
  impact: Impact;
  nodes: number;
}

/** One screen as one kind of visitor sees it, audited by axe-core in the test suite. */
export interface A11yScreen {
  id: string;
  label: string;
  path: string;
  viewer: 'anonymous' | 'reader' | 'contributor' | 'facilitator' | 'admin';
  passed: number;
  inapplicable: number;
  review: number;
  violations: A11yViolation[];
  darkContrast: A11yViolation[];
}

/** The automated audit's results, written by the test suite (test/e2e/a11y-screens.test.ts). */
export interface A11yResults {
  format: 'lc-a11y-results/1';
  generatedOn: string;
  browser: string;
  tool: string;
  tags: string[];
  rules: number;
  totals: Record<Impact, number> & { screens: number; clean: number };
  screens: A11yScreen[];
}

// Where to report a problem, as the operator set it (LC_A11Y_CONTACT): the server's contract.
export type { A11yContact };

/** The committed results of the last automated audit (a static file of the build). */
export const getA11yResults = () => api<A11yResults>('GET', '/accessibility/results.json');

/** This instance's contact for accessibility problems. */
export const getA11yContact = () =>
  api<AccessibilityAnswer>('GET', '/api/accessibility').then((r) => r.contact);
