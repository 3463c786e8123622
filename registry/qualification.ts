import type { Database } from 'better-sqlite3';
import { invalid, missing } from './errors.js';
import { registryChanged, stmt } from './store.js';

/**
 * Qualification of resources: admins configure the criteria; facilitators record assessments
 * (level 0–3 with evidence) and the full history is kept. The status follows from the latest
 * assessment of each criterion:
 * - "proposed": no assessment yet;
 * - "under-review": assessed, but some criterion is missing, the weighted mean level is below
 *   the threshold, or the licence is not a recognised open one (proprietary and unknown
 *   licences are never qualified);
 * - "qualified": every criterion assessed, weighted mean ≥ threshold, open licence;
 * - "to-review": qualified, but its oldest counted assessment is older than the maximum age.
 */

/** A qualification criterion. */
export interface Criterion {
  slug: string;
  label: string;
  description: string;
  /** Weight in the mean; 0 keeps the criterion informative only. */
  weight: number;
}

/** Qualification rules stored in `settings` (key `registry.qualification`). */
export interface QualificationSettings {
  /** Days after which a qualification must be reviewed again. */
  maxAgeDays: number;
  /** Weighted mean level (0–3) needed to qualify. */
  threshold: number;
}

/** Defaults: two years, "satisfactory" (2) on average. */
export const DEFAULT_QUALIFICATION_SETTINGS: QualificationSettings = {
  maxAgeDays: 730,
  threshold: 2,
};

/** Status shown for a resource. */
export type QualificationStatus = 'proposed' | 'under-review' | 'qualified' | 'to-review';

/** Someone who did something, as shown publicly. */
export interface UserRef {
  id: number | null;
  name: string;
}

/** One recorded assessment. */
export interface Assessment {
  id: number;
  criterion: string;
  label: string;
  level: number;
  evidence: string;
  by: UserRef;
  at: string;
}

const SQL_CRITERIA = `SELECT slug, label, description, weight FROM criteria ORDER BY position, slug`;
const SQL_DELETE_CRITERIA = `DELETE FROM criteria`;
const SQL_INSERT_CRITERION = `INSERT INTO criteria (slug, label, description, weight, position)
  VALUES (@slug, @label, @description, @weight, @position)`;
const SQL_SETTINGS = `SELECT value FROM settings WHERE key = 'registry.qualification'`;
const SQL_SAVE_SETTINGS = `INSERT INTO settings (key, value) VALUES ('registry.qualification', @value)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;
const SQL_INSERT_ASSESSMENT = `INSERT INTO assessments (resource_id, criterion, level, evidence, user_id, created_at)
  VALUES (@resourceId, @criterion, @level, @evidence, @userId, @at)`;
const SQL_ASSESSMENTS = `SELECT a.id, a.criterion, a.level, a.evidence, a.user_id, a.created_at, u.name AS user_name
  FROM assessments a LEFT JOIN users u ON u.id = a.user_id
  WHERE a.resource_id = @resourceId ORDER BY a.created_at DESC, a.id DESC`;
const SQL_RESOURCE_FLAG = `SELECT license_flag FROM resources WHERE id = @id`;
const SQL_SET_QUALIFICATION = `UPDATE resources SET qualification = @qualification, qualified_until = @until,
  last_reviewed_at = COALESCE(@reviewed, last_reviewed_at) WHERE id = @id`;
const SQL_RESOURCE_IDS = `SELECT id FROM resources`;
const SQL_RESOURCE_ID = `SELECT id FROM resources WHERE slug = @slug`;

interface AssessmentRow {
  id: number;
  criterion: string;
  level: number;
  evidence: string;
  user_id: number | null;
  created_at: string;
  user_name: string | null;
}

/** The configured criteria, in display order. */
export function listCriteria(db: Database): Criterion[] {
  return stmt(db, SQL_CRITERIA).all() as Criterion[];
}

/** The qualification rules (defaults when never configured). */
export function getQualificationSettings(db: Database): QualificationSettings {
  const row = stmt(db, SQL_SETTINGS).get() as { value: string } | undefined;
  if (!row) return { ...DEFAULT_QUALIFICATION_SETTINGS };
  try {
    return {
      ...DEFAULT_QUALIFICATION_SETTINGS,
      ...(JSON.parse(row.value) as Partial<QualificationSettings>),
    };
  } catch {
    return { ...DEFAULT_QUALIFICATION_SETTINGS };
  }
}

/**
 * Replaces the criteria list and/or the rules, then recomputes every resource's status, in one
 * transaction. Assessments of a removed criterion stay in the history but no longer count.
 * @throws RegistryError 400 on duplicate slugs or an empty list.
 */
export function configureQualification(
  db: Database,
  input: { criteria?: Criterion[]; settings?: Partial<QualificationSettings> },
): { criteria: Criterion[]; settings: QualificationSettings } {
  if (input.criteria) {
    if (!input.criteria.length) throw invalid('criteria', 'keep at least one criterion');
    const seen = new Set<string>();
    input.criteria.forEach((c, i) => {
      if (seen.has(c.slug)) throw invalid(`criteria.${i}.slug`, `"${c.slug}" is listed twice`);
      seen.add(c.slug);
    });
  }
  db.transaction(() => {
    if (input.criteria) {
      stmt(db, SQL_DELETE_CRITERIA).run();
      const insert = stmt(db, SQL_INSERT_CRITERION);
      input.criteria.forEach((c, position) =>
        insert.run({ ...c, description: c.description ?? '', position }),
      );
    }
    if (input.settings) {
      const settings = { ...getQualificationSettings(db), ...input.settings };
      stmt(db, SQL_SAVE_SETTINGS).run({ value: JSON.stringify(settings) });
    }
    for (const { id } of stmt(db, SQL_RESOURCE_IDS).all() as { id: number }[])
      recomputeQualification(db, id);
  })();
  registryChanged(db);
  return { criteria: listCriteria(db), settings: getQualificationSettings(db) };
}

const toAssessment = (r: AssessmentRow, labels: Map<string, string>): Assessment => ({
  id: r.id,
  criterion: r.criterion,
  label: labels.get(r.criterion) ?? r.criterion,
  level: r.level,
  evidence: r.evidence,
  by: { id: r.user_id, name: r.user_name ?? '' },
  at: r.created_at,
});

/** The full assessment history of a resource, newest first. */
export function listAssessments(db: Database, resourceId: number): Assessment[] {
  const labels = new Map(listCriteria(db).map((c) => [c.slug, c.label]));
  return (stmt(db, SQL_ASSESSMENTS).all({ resourceId }) as AssessmentRow[]).map((r) =>
    toAssessment(r, labels),
  );
}

/**
 * Records an assessment of one criterion and recomputes the resource's status, in one transaction.
 * @param at when it was made (defaults to now; imports of past reviews pass their date).
 * @throws RegistryError 404 for an unknown resource, 400 for an unknown criterion or a bad level.
 */
export function addAssessment(
  db: Database,
  slug: string,
  input: {
    criterion: string;
    level: number;
    evidence?: string;
    userId: number | null;
    at?: string;
  },
): Assessment {
  const resource = stmt(db, SQL_RESOURCE_ID).get({ slug }) as { id: number } | undefined;
  if (!resource) throw missing(`resource "${slug}"`);
  const criteria = listCriteria(db);
  if (!criteria.some((c) => c.slug === input.criterion)) {
    throw invalid(
      'criterion',
      `unknown criterion "${input.criterion}" (known: ${criteria.map((c) => c.slug).join(', ')})`,
    );
  }
  if (!Number.isInteger(input.level) || input.level < 0 || input.level > 3)
    throw invalid('level', 'an integer from 0 to 3');
  const id = db.transaction(() => {
    const info = stmt(db, SQL_INSERT_ASSESSMENT).run({
      resourceId: resource.id,
      criterion: input.criterion,
      level: input.level,
      evidence: input.evidence ?? '',
      userId: input.userId,
      at: input.at ?? new Date().toISOString(),
    });
    recomputeQualification(db, resource.id);
    return Number(info.lastInsertRowid);
  })();
  registryChanged(db);
  return listAssessments(db, resource.id).find((a) => a.id === id)!;
}

/** The latest assessment of each criterion, from a newest-first history. */
export function latestPerCriterion(history: Assessment[]): Map<string, Assessment> {
  const latest = new Map<string, Assessment>();
  for (const a of history) if (!latest.has(a.criterion)) latest.set(a.criterion, a);
  return latest;
}

/**
 * Pure rule: the stored part of the status ("to-review" is derived from `qualifiedUntil` at read
 * time) from the criteria, the latest assessments and the licence flag.
 */
export function computeQualification(
  criteria: Criterion[],
  latest: Map<string, Pick<Assessment, 'level' | 'at'>>,
  licenseFlag: string,
  settings: QualificationSettings,
): { status: 'proposed' | 'under-review' | 'qualified'; qualifiedUntil: string | null } {
  const counted = criteria.filter((c) => c.weight > 0);
  const assessed = counted.filter((c) => latest.has(c.slug));
  if (latest.size === 0) return { status: 'proposed', qualifiedUntil: null };
  if (licenseFlag !== 'open' || assessed.length < counted.length || counted.length === 0) {
    return { status: 'under-review', qualifiedUntil: null };
  }
  const totalWeight = counted.reduce((s, c) => s + c.weight, 0);
  const mean = counted.reduce((s, c) => s + c.weight * latest.get(c.slug)!.level, 0) / totalWeight;
  if (mean < settings.threshold) return { status: 'under-review', qualifiedUntil: null };
  const oldest = counted.map((c) => latest.get(c.slug)!.at).sort()[0];
  const until = new Date(Date.parse(oldest) + settings.maxAgeDays * 86_400_000).toISOString();
  return { status: 'qualified', qualifiedUntil: until };
}

/** The status shown at `now`: a qualification past its date is "to-review". */
export function effectiveStatus(
  stored: string,
  qualifiedUntil: string | null | undefined,
  now: string,
): QualificationStatus {
  if (stored === 'qualified' && qualifiedUntil && qualifiedUntil < now) return 'to-review';
  return stored as QualificationStatus;
}

/** Recomputes and stores one resource's qualification (call inside the writing transaction). */
export function recomputeQualification(db: Database, resourceId: number): void {
  const flag = stmt(db, SQL_RESOURCE_FLAG).get({ id: resourceId }) as
    { license_flag: string } | undefined;
  if (!flag) return;
  const history = listAssessments(db, resourceId);
  const latest = latestPerCriterion(history);
  const result = computeQualification(
    listCriteria(db),
    latest,
    flag.license_flag,
    getQualificationSettings(db),
  );
  stmt(db, SQL_SET_QUALIFICATION).run({
    id: resourceId,
    qualification: result.status,
    until: result.qualifiedUntil,
    reviewed: history[0]?.at ?? null,
  });
}

/** What the resource page shows about qualification. */
export interface QualificationView {
  status: QualificationStatus;
  /** The latest assessment of each configured criterion (criteria never assessed have level null). */
  criteria: {
    criterion: string;
    label: string;
    level: number | null;
    evidence: string;
    by: UserRef | null;
    at: string | null;
  }[];
  expiresAt: string | null;
}

/** Builds the qualification block of a resource page. */
export function qualificationView(
  db: Database,
  resource: { id: number; qualification: string; qualifiedUntil: string | null },
  now: string = new Date().toISOString(),
): QualificationView {
  const latest = latestPerCriterion(listAssessments(db, resource.id));
  return {
    status: effectiveStatus(resource.qualification, resource.qualifiedUntil, now),
    criteria: listCriteria(db).map((c) => {
      const a = latest.get(c.slug);
      return {
        criterion: c.slug,
        label: c.label,
        level: a?.level ?? null,
        evidence: a?.evidence ?? '',
        by: a?.by ?? null,
        at: a?.at ?? null,
      };
    }),
    expiresAt: resource.qualifiedUntil,
  };
}
