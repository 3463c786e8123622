import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { importBundle } from '../../registry/bundle.js';

/*
 * Learning from outcomes through the API: a request resolved as helped by a resource lifts that
 * resource for the same problem asked again in other words; one that did not help pushes the
 * resource it names down.
 */

const DEV_BUNDLE = JSON.parse(readFileSync('/work/shared/data/switchyard-dev/bundle.json', 'utf8'));
const FIRST = 'Nos adhérents veulent voir où passe l\u2019argent du lieu';
const REPHRASED = 'Les membres demandent à voir où va l\u2019argent du lieu';

async function setup() {
  const t = await testApp();
  importBundle(t.db, DEV_BUNDLE);
  const rank = async (problem: string, slug: string) => {
    const res = await t.request('POST', '/api/switchyard', { body: { problem } });
    expect(res.status).toBe(200);
    const slugs = (res.json.resources as { slug: string }[]).map((r) => r.slug);
    return {
      rank: slugs.indexOf(slug),
      slugs,
      reasons:
        (res.json.resources as { slug: string; reasons: string[] }[]).find((r) => r.slug === slug)
          ?.reasons ?? [],
    };
  };
  const resolve = async (problem: string, outcome: { helped: boolean; resource: string }) => {
    const created = await t.request('POST', '/api/switchyard/requests', {
      body: { problem },
      as: 'reader',
    });
    expect(created.status).toBe(201);
    const res = await t.request(
      'POST',
      `/api/switchyard/requests/${created.json.request.id}/outcome`,
      { body: outcome, as: 'reader' },
    );
    expect(res.status).toBe(200);
  };
  return { t, rank, resolve };
}

describe('switchyard outcomes', () => {
  it('a request resolved by a resource lifts it for the same problem rephrased', async () => {
    const { rank, resolve } = await setup();
    const before = await rank(REPHRASED, 'grist');
    expect(before.rank === -1 || before.rank > 0).toBe(true);
    await resolve(FIRST, { helped: true, resource: 'grist' });
    const after = await rank(REPHRASED, 'grist');
    expect(after.rank).toBeGreaterThanOrEqual(0);
    expect(before.rank === -1 || after.rank < before.rank).toBe(true);
    expect(after.reasons.join(' ')).toMatch(/aidé|helped/);
  });

  it('a request that did not help pushes the resource it names down', async () => {
    const { rank, resolve } = await setup();
    const before = await rank(REPHRASED, 'open-collective');
    expect(before.rank).toBeGreaterThanOrEqual(0);
    for (let k = 0; k < 3; k++)
      await resolve(FIRST, { helped: false, resource: 'open-collective' });
    const after = await rank(REPHRASED, 'open-collective');
    expect(
      after.rank === -1 || after.rank > before.rank,
      JSON.stringify([before.slugs, after.slugs]),
    ).toBe(true);
  });
});
