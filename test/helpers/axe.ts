import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The WCAG 2.1 A and AA rules (RGAA 4.1 refers to WCAG 2.1 AA). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A violation as a line a failing test prints: rule, impact, and the first nodes' selectors. */
export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now (in the page itself: the builder's
 * default finishes each run in a new blank page, which the application, without iframes, does not need).
 * @returns the serious and critical violations (what fails the suite); empty when the screen is clean.
 */
export async function seriousA11yViolations(
  page: Page,
  opts: { exclude?: string[] } = {},
): Promise<A11yViolation[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true);
  for (const selector of opts.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
