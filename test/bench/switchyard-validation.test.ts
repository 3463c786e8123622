import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJudgments } from '../../bench/switchyard-metrics.js';
import { importBundle } from '../../registry/bundle.js';
import { THEME_SLUGS } from '../../registry/themes.js';
import { openDatabase } from '../../server/db/open.js';

/**
 * The validation corpus of the switchyard (issue 13): it loads through the same path as the
 * benchmark, its bundles import, and every judged id exists in its registry. Only its structure
 * is checked here, never the switchyard's figures on it (it is never tuned on).
 */
const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, 'bench/data/switchyard-validation');
const FILES = ['judgments.json', 'judgments-thin.json'] as const;
const THIN_FIELDS = ['kind', 'languages', 'license', 'name', 'slug', 'summary', 'themes'];

describe('switchyard validation corpus', () => {
  for (const file of FILES)
    it(`${file}: loads, imports, and every judged id exists in its registry`, () => {
      const raw = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { format: string };
      expect(raw.format).toBe('switchyard-judgments/1');
      const { bundle, queries } = readJudgments(DIR, file);
      expect(bundle.format).toBe('commons-bundle/1');

      // The bundle goes through the real import (validation of every record and reference).
      const db = openDatabase(':memory:');
      const res = importBundle(db, bundle);
      expect(res.created.resources).toBe(bundle.resources.length);
      expect(res.created.resources).toBeGreaterThanOrEqual(75);
      expect(res.created.places).toBeGreaterThanOrEqual(15);
      expect(res.created.people).toBeGreaterThanOrEqual(35);
      for (const r of bundle.resources)
        for (const t of r.themes) expect(THEME_SLUGS, `${r.slug} theme ${t}`).toContain(t);

      const resources = new Set(bundle.resources.map((r) => r.slug));
      const places = new Map((bundle.places ?? []).map((p) => [p.slug, p]));
      const people = new Map((bundle.people ?? []).map((p) => [p.slug, p]));
      expect(queries.length).toBeGreaterThanOrEqual(75);
      expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
      for (const q of queries) {
        expect(q.problem.trim().length, q.id).toBeGreaterThan(0);
        const grades = Object.entries(q.resources);
        expect(grades.length, `${q.id} has judged resources`).toBeGreaterThan(0);
        for (const [slug, grade] of grades) {
          expect(resources.has(slug), `${q.id}: resource ${slug}`).toBe(true);
          expect([1, 2, 3], `${q.id}: grade of ${slug}`).toContain(grade);
        }
        expect(
          Math.max(...grades.map(([, g]) => g)),
          `${q.id}: a resource graded 2+`,
        ).toBeGreaterThanOrEqual(2);
        expect(q.people.length, `${q.id} has people`).toBeGreaterThan(0);
        for (const slug of q.people) {
          expect(people.has(slug), `${q.id}: person ${slug}`).toBe(true);
          // A person who refused contact is never an expected helper.
          expect(people.get(slug)?.contactable, `${q.id}: ${slug} contactable`).toBe(true);
          // Nor is a colleague of the asking place: it does not need the switchyard to find them.
          if (q.place)
            expect(people.get(slug)?.place, `${q.id}: ${slug} elsewhere`).not.toBe(q.place);
        }
        if (q.place) {
          expect(places.has(q.place), `${q.id}: place ${q.place}`).toBe(true);
          expect(q.region, q.id).toBe(places.get(q.place)?.region);
        }
      }
    });

  it('the thin bundle keeps only what every record has, the rich one is half rich, same problems', () => {
    const rich = readJudgments(DIR, 'judgments.json');
    const thin = readJudgments(DIR, 'judgments-thin.json');
    expect(thin.queries).toEqual(rich.queries);
    for (const r of thin.bundle.resources)
      for (const k of Object.keys(r)) expect(THIN_FIELDS, `${r.slug}.${k}`).toContain(k);
    expect(thin.bundle.resources.map((r) => r.slug)).toEqual(
      rich.bundle.resources.map((r) => r.slug),
    );
    const described = rich.bundle.resources.filter((r) => r.description).length;
    expect(described).toBeGreaterThan(rich.bundle.resources.length / 3);
    expect(described).toBeLessThan(rich.bundle.resources.length);
    // Some people help through their skills and place only, with no referent link.
    const referents = new Set((rich.bundle.referents ?? []).map((r) => r.person));
    const helpers = new Set(rich.queries.flatMap((q) => q.people));
    expect([...helpers].filter((p) => !referents.has(p)).length).toBeGreaterThanOrEqual(5);
  });

  it('the tuning script refuses to learn on it', () => {
    let message = '';
    try {
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'bench/switchyard-tune.ts', '--train', DIR, '--passes', '0'],
        { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (e) {
      message = String((e as { stderr?: string }).stderr);
    }
    expect(message).toContain('never learns on the held-out or validation corpus');
  });
});
