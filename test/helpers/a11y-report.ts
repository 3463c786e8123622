import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { WCAG_TAGS } from './axe.js';

/** axe-core's impact levels, most severe first. */
export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

/**
 * Every axe-core rule tagged WCAG 2.1 A or AA, the experimental ones included: selecting by tag
 * leaves those out, and among them is label-content-name-mismatch (WCAG 2.5.3, RGAA 6.1.5), which
 * the people directory failed.
 */
export const WCAG_RULES: string[] = axe.getRules(WCAG_TAGS).map((r) => r.ruleId);

/** One rule that failed on a screen: how severe, and how many elements. */
export interface RuleViolation {
  rule: string;
  impact: Impact;
  nodes: number;
  /** The first failing elements' selectors, for whoever fixes it. */
  targets: string[];
}

/** What axe-core found on one screen, in a form that does not change from one run to the next. */
export interface ScreenAudit {
  /** Rules with at least one element that passed. */
  passed: number;
  /** Rules that found nothing to check on this screen. */
  inapplicable: number;
  /** Rules that need a human to decide (axe's "incomplete"). */
  review: number;
  violations: RuleViolation[];
  /** Every rule id that was run, for the report's count of distinct rules. */
  rules: string[];
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules (all of them, or only `rules`) on the page as it is now.
 * @returns the counts the accessibility statement publishes and every violation, whatever its impact.
 */
export async function auditPage(page: Page, opts: { rules?: string[] } = {}): Promise<ScreenAudit> {
  // axe-core is injected once per page and run in it directly: @axe-core/playwright's builder
  // injects it again at each run and finishes each run in a new blank page, which cost about
  // 1.5 s per screen (the two audits of a screen run in the same page).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const r = await page.evaluate(
    (values) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'rule', values },
      }),
    opts.rules ?? WCAG_RULES,
  );
  const ids = (list: { id: string }[]) => list.map((x) => x.id);
  return {
    passed: r.passes.length,
    inapplicable: r.inapplicable.length,
    review: r.incomplete.length,
    violations: r.violations
      .map((v) => ({
        rule: v.id,
        impact: (v.impact ?? 'minor') as Impact,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }))
      .sort((a, b) => a.rule.localeCompare(b.rule)),
    rules: [
      ...new Set([
        ...ids(r.passes),
        ...ids(r.inapplicable),
        ...ids(r.incomplete),
        ...ids(r.violations),
      ]),
    ].sort(),
  };
}

/** The serious and critical violations: what fails the suite. */
export const blocking = (a: ScreenAudit) =>
  a.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
