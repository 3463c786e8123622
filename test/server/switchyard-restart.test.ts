import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { BROYEUR as broyeur, fixtureRegistry } from '../helpers/switchyard-fixture.js';
import { importBundle } from '../../registry/bundle.js';
import { openDatabase } from '../../server/db/open.js';
import { createApiToken } from '../../server/auth/users.js';

/*
 * The switchyard's indexes are FTS5 tables in the database file (issue 14): after a restart the
 * server answers from them as before, and what is written after the restart is found at once.
 */
describe('the switchyard across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-switchyard-'));
  const file = join(dir, 'lieux-communs.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const problems = [
    "l'adhesion et la comptabilite de l'asso",
    'notre comptabilitée et nos adhésoins',
    'réserver les salles et le matériel',
    'un broyeur de végétaux partagé',
  ];
  const answers = async (t: Awaited<ReturnType<typeof testApp>>) => {
    const out: unknown[] = [];
    for (const problem of problems) {
      const res = await t.request('POST', '/api/switchyard', { body: { problem } });
      expect(res.status).toBe(200);
      out.push({ resources: res.json.resources, people: res.json.people });
    }
    return out;
  };

  it('answers the same from the tables it kept, and finds what is written afterwards', async () => {
    let db = openDatabase(file);
    let t = await testApp({}, db);
    importBundle(db, fixtureRegistry().bundle);
    const created = await t.request('POST', '/api/resources', { as: 'contributor', body: broyeur });
    expect(created.status).toBe(201);
    const before = await answers(t);
    expect((before[3] as { resources: { slug: string }[] }).resources[0].slug).toBe(
      'broyeur-commun',
    );
    const resources = db.prepare(`SELECT count(*) FROM resources`).pluck().get() as number;
    expect(db.prepare(`SELECT count(*) FROM switchyard_fts_resources_docs`).pluck().get()).toBe(
      resources,
    );
    t.services.close?.();
    db.close();

    db = openDatabase(file);
    t = await testApp({}, db);
    expect(await answers(t)).toEqual(before);
    // Built from the tables as they were: answering wrote nothing (no record analysed again).
    expect(db.prepare(`SELECT total_changes()`).pluck().get()).toBe(0);
    // Edited after the restart: found by its new words in the next answer.
    // (The contributor's account is in the database already: a token for it, not a new account.)
    const contributor = db
      .prepare(`SELECT id FROM users WHERE email = 'contributor@example.org'`)
      .pluck()
      .get() as number;
    const edited = await t.request('PUT', '/api/resources/broyeur-commun', {
      headers: { authorization: `Bearer ${createApiToken(db, contributor, 'after restart')}` },
      body: { ...broyeur, summary: 'Une grelinette prêtée pour aérer la terre des potagers.' },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: 'aérer la terre avec une grelinette' },
    });
    expect(res.json.resources[0].slug).toBe('broyeur-commun');
    t.services.close?.();
    db.close();
  });
});
