import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { BROYEUR as broyeur, fixtureRegistry } from '../helpers/switchyard-fixture.js';
import { importBundle } from '../../registry/bundle.js';

/*
 * The switchyard answers from the registry as written a moment ago, whichever store holds its
 * BM25F indexes (LC_SWITCHYARD_INDEX: in memory, or FTS5 tables computing the same scores).
 */
describe.each(['memory', 'fts'])('the switchyard on the %s index store', (store) => {
  const saved = process.env.LC_SWITCHYARD_INDEX;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    process.env.LC_SWITCHYARD_INDEX = store;
    t = await testApp();
    importBundle(t.db, fixtureRegistry().bundle);
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LC_SWITCHYARD_INDEX;
    else process.env.LC_SWITCHYARD_INDEX = saved;
  });

  const ask = async (problem: string) =>
    (await t.request('POST', '/api/switchyard', { body: { problem } })).json.resources.map(
      (r: { slug: string }) => r.slug,
    ) as string[];

  it('finds a resource created through the API at once, and by its new words once edited', async () => {
    expect(await ask('un broyeur de végétaux partagé')).toEqual([]);
    const created = await t.request('POST', '/api/resources', { as: 'contributor', body: broyeur });
    expect(created.status).toBe(201);
    expect((await ask('un broyeur de végétaux partagé'))[0]).toBe('broyeur-commun');

    const edited = await t.request('PUT', '/api/resources/broyeur-commun', {
      as: 'contributor',
      body: {
        ...broyeur,
        name: 'Grelinette collective',
        summary: 'Une grelinette prêtée pour aérer la terre des potagers.',
      },
    });
    expect(edited.status).toBe(200);
    expect((await ask('aérer la terre avec une grelinette'))[0]).toBe('broyeur-commun');
    // (Its old words still find it through its wiki page, created with the resource.)
  });

  it('reflects a resource archived through the API in the next answer', async () => {
    await t.request('POST', '/api/resources', { as: 'contributor', body: broyeur });
    const before = await t.request('POST', '/api/switchyard', {
      body: { problem: 'un broyeur de végétaux partagé' },
    });
    expect(before.json.resources[0]).toMatchObject({ slug: 'broyeur-commun' });
    const archived = await t.request('DELETE', '/api/resources/broyeur-commun', {
      as: 'facilitator',
    });
    expect(archived.status).toBe(200);
    const after = await t.request('POST', '/api/switchyard', {
      body: { problem: 'un broyeur de végétaux partagé' },
    });
    expect(before.json.resources[0].reasons).not.toContain('archivé');
    expect(after.json.resources[0]).toMatchObject({ slug: 'broyeur-commun' });
    expect(after.json.resources[0].reasons).toContain('archivé');
  });
});
