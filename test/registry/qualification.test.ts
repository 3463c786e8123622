import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const RESOURCE = {
  slug: 'nextcloud',
  name: 'Nextcloud',
  kind: 'software',
  summary: 'Fichiers, agendas et contacts partagés.',
  themes: ['numerique'],
  license: 'AGPL-3.0-or-later',
};

async function qualifiedApp() {
  const t = await testApp();
  expect(
    (await t.request('POST', '/api/resources', { as: 'contributor', body: RESOURCE })).status,
  ).toBe(201);
  return t;
}

describe('qualification', () => {
  it('goes from proposed to under review to qualified, keeping the full history', async () => {
    const t = await qualifiedApp();
    const proposed = await t.request('GET', '/api/resources/nextcloud');
    expect(proposed.json.qualification.status).toBe('proposed');
    expect(proposed.json.wikiPage).toBe('nextcloud');
    const criteria = (await t.request('GET', '/api/criteria')).json.criteria as { slug: string }[];
    expect(criteria.map((c) => c.slug)).toEqual([
      'open-license',
      'documentation',
      'active-community',
      'open-governance',
      'maturity',
      'data-portability',
      'usage-attested',
      'accessibility-rgpd',
    ]);
    await t.request('POST', '/api/resources/nextcloud/assessments', {
      as: 'facilitator',
      body: { criterion: 'documentation', level: 1, evidence: 'docs partielles' },
    });
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification.status).toBe(
      'under-review',
    );
    for (const c of criteria) {
      await t.request('POST', '/api/resources/nextcloud/assessments', {
        as: 'facilitator',
        body: { criterion: c.slug, level: 3, evidence: `https://exemple.org/${c.slug}` },
      });
    }
    const page = (await t.request('GET', '/api/resources/nextcloud')).json;
    expect(page.qualification.status).toBe('qualified');
    expect(page.qualification.expiresAt).toBeTruthy();
    const doc = page.qualification.criteria.find(
      (c: { criterion: string }) => c.criterion === 'documentation',
    );
    expect(doc).toMatchObject({
      level: 3,
      evidence: 'https://exemple.org/documentation',
      by: { name: 'Test facilitator' },
    });
    const history = (await t.request('GET', '/api/resources/nextcloud/assessments')).json
      .assessments;
    expect(history).toHaveLength(criteria.length + 1);
    expect(history.at(-1)).toMatchObject({
      criterion: 'documentation',
      level: 1,
      evidence: 'docs partielles',
    });
    const list = await t.request('GET', '/api/resources?qualification=qualified');
    expect(list.json.items.map((i: { slug: string }) => i.slug)).toEqual(['nextcloud']);
  });

  it('becomes "to-review" once older than the configured age', async () => {
    const t = await qualifiedApp();
    const criteria = (await t.request('GET', '/api/criteria')).json.criteria as { slug: string }[];
    for (const c of criteria)
      await t.request('POST', '/api/resources/nextcloud/assessments', {
        as: 'admin',
        body: { criterion: c.slug, level: 2, evidence: 'ok' },
      });
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification.status).toBe(
      'qualified',
    );
    // The assessments were made 400 days ago: still within the default two years…
    t.db
      .prepare(`UPDATE assessments SET created_at = @at`)
      .run({ at: new Date(Date.now() - 400 * 86_400_000).toISOString() });
    expect(
      (await t.request('PUT', '/api/criteria', { as: 'admin', body: { maxAgeDays: 730 } })).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification.status).toBe(
      'qualified',
    );
    // …but no longer when admins set the maximum age to one year.
    const put = await t.request('PUT', '/api/criteria', { as: 'admin', body: { maxAgeDays: 365 } });
    expect(put.json.maxAgeDays).toBe(365);
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification.status).toBe(
      'to-review',
    );
    expect((await t.request('GET', '/api/resources?qualification=to-review')).json.total).toBe(1);
    // A fresh assessment of every criterion qualifies it again.
    for (const c of criteria)
      await t.request('POST', '/api/resources/nextcloud/assessments', {
        as: 'facilitator',
        body: { criterion: c.slug, level: 2, evidence: 'revu' },
      });
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification.status).toBe(
      'qualified',
    );
  });

  it('stays under review below the threshold, and follows configured criteria', async () => {
    const t = await qualifiedApp();
    const criteria = (await t.request('GET', '/api/criteria')).json.criteria as { slug: string }[];
    for (const c of criteria)
      await t.request('POST', '/api/resources/nextcloud/assessments', {
        as: 'facilitator',
        body: { criterion: c.slug, level: 1, evidence: 'faible' },
      });
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification.status).toBe(
      'under-review',
    );
    const put = await t.request('PUT', '/api/criteria', {
      as: 'admin',
      body: {
        criteria: [{ slug: 'documentation', label: 'Documentation', weight: 1 }],
        threshold: 1,
      },
    });
    expect(put.status).toBe(200);
    expect((await t.request('GET', '/api/resources/nextcloud')).json.qualification).toMatchObject({
      status: 'qualified',
      criteria: [{ criterion: 'documentation', level: 1 }],
    });
    const dup = await t.request('PUT', '/api/criteria', {
      as: 'admin',
      body: {
        criteria: [
          { slug: 'a', label: 'A' },
          { slug: 'a', label: 'B' },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect(dup.json.error.field).toBe('criteria.1.slug');
  });
});
