import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { BROYEUR, fixtureRegistry } from '../helpers/switchyard-fixture.js';
import { importBundle } from '../../registry/bundle.js';
import { openDatabase, type Database } from '../../server/db/open.js';
import { createApiToken } from '../../server/auth/users.js';

/*
 * The switchyard's FTS5 indexes are kept current from a record, written by triggers in each
 * write's own transaction, of which documents the write made stale (migration 0022): a build looks
 * at those only. Checked through the API on real database files.
 */

type T = Awaited<ReturnType<typeof testApp>>;

const stale = (db: Database) =>
  (db.prepare(`SELECT ix || ' ' || key FROM switchyard_stale ORDER BY 1`).pluck().all() as string[])
    .filter((k) => k !== '* *')
    .sort();

/** Builds the switchyard's indexes (a query does) and returns what the build did. */
const build = async (t: T) => {
  const res = await t.request('POST', '/api/switchyard', { body: { problem: 'comptabilité' } });
  expect(res.status).toBe(200);
  return t.services.switchyard.index().buildReport!;
};

const setup = async (file = ':memory:') => {
  const db = openDatabase(file);
  const t = await testApp({}, db);
  importBundle(db, fixtureRegistry().bundle);
  await build(t);
  return t;
};

/** The documents of every persistent switchyard index: key → hash and field lengths. */
const storedDocs = (db: Database) => {
  const out: Record<string, string[]> = {};
  for (const ix of ['resources', 'context', 'people', 'skills', 'pages', 'missed', 'words']) {
    out[ix] = db
      .prepare(
        `SELECT key || ' ' || hash || ' ' || lens FROM switchyard_fts_${ix}_docs ORDER BY key`,
      )
      .pluck()
      .all() as string[];
  }
  return out;
};

describe('switchyard documents marked stale by writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-switchyard-stale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records, in the write itself, the documents a write touches; a failed write records nothing', async () => {
    const t = await setup();
    const db = t.db;
    // The build took the record in (the migration's full check included) and emptied it.
    expect(db.prepare(`SELECT count(*) FROM switchyard_stale`).pluck().get()).toBe(0);

    const put = await t.request('PUT', '/api/resources/visiolibre', {
      as: 'contributor',
      body: {
        name: 'Visiolibre',
        kind: 'software',
        summary: 'Visioconférence libre, avec tableau blanc partagé.',
        themes: ['numerique'],
        license: 'Apache-2.0',
      },
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(stale(db)).toEqual(
      expect.arrayContaining(['resources visiolibre', 'context visiolibre', 'words r:visiolibre']),
    );
    // Nothing about the other records.
    expect(stale(db).filter((k) => /gestasso|alice|bailtype/.test(k))).toEqual([]);
    await build(t);
    expect(stale(db)).toEqual([]);

    // A person's skills: their documents and those of the resources they are a referent of.
    const alice = await t.request('PUT', '/api/people/alice', {
      as: 'contributor',
      body: {
        name: 'Alice Martin',
        skills: ['comptabilité associative', 'paie'],
        contactable: true,
      },
    });
    expect(alice.status, JSON.stringify(alice.json)).toBe(200);
    expect(stale(db)).toEqual(
      expect.arrayContaining([
        'people alice',
        'skills alice',
        'words p:alice',
        'resources gestasso',
        'words n:gestasso',
      ]),
    );
    await build(t);

    // A new referent: the resource's document and notes, the person's document.
    const ref = await t.request('POST', '/api/resources/bailtype/referents', {
      as: 'contributor',
      body: { person: 'emma', note: 'Relit les baux en visio.' },
    });
    expect(ref.status, JSON.stringify(ref.json)).toBeLessThan(300);
    expect(stale(db)).toEqual(['people emma', 'resources bailtype', 'words n:bailtype']);
    await build(t);

    // Usages and referents written again (upserts: the triggers run under their conflict clause).
    for (const note of ['Réunions hebdomadaires.', 'Réunions mensuelles.']) {
      const use = await t.request('POST', '/api/resources/visiolibre/usages', {
        as: 'contributor',
        body: { place: 'lieu-ouest', note },
      });
      expect(use.status, JSON.stringify(use.json)).toBe(200);
    }
    const again = await t.request('POST', '/api/resources/bailtype/referents', {
      as: 'contributor',
      body: { person: 'emma', note: 'Relit les baux.' },
    });
    expect(again.status, JSON.stringify(again.json)).toBe(200);
    expect(stale(db)).toEqual([
      'people emma',
      'resources bailtype',
      'resources visiolibre',
      'words n:bailtype',
      'words u:visiolibre',
    ]);
    await build(t);

    // A wiki page: its own documents, and its text as the indexes hold it (for context documents).
    const page = await t.request('PUT', '/api/pages/visio-au-conseil', {
      as: 'contributor',
      body: { title: 'Visio au conseil', markdown: 'Le conseil se réunit sur **Visiolibre**.' },
    });
    expect(page.status, JSON.stringify(page.json)).toBeLessThan(300);
    expect(stale(db)).toEqual(['pages visio-au-conseil', 'words w:visio-au-conseil']);
    expect(db.prepare(`SELECT count(*) FROM switchyard_stale_pages`).pluck().get()).toBe(1);
    const afterPage = await build(t);
    // The page names Visiolibre: its context document is analysed again, no other.
    expect(afterPage.context).toMatchObject({ analysed: 1, verified: 1, full: false });
    expect(afterPage.pages).toMatchObject({ analysed: 1, verified: 1 });

    // A request resolved with an outcome: the resource's documents.
    const created = await t.request('POST', '/api/switchyard/requests', {
      body: { problem: 'un modèle de bail pour notre local' },
      as: 'reader',
    });
    expect(created.status).toBe(201);
    await build(t);
    const outcome = await t.request(
      'POST',
      `/api/switchyard/requests/${created.json.request.id}/outcome`,
      { body: { helped: true, resource: 'bailtype', person: 'denis' }, as: 'reader' },
    );
    expect(outcome.status).toBe(200);
    expect(stale(db)).toEqual(['missed bailtype', 'people denis', 'resources bailtype']);
    await build(t);

    // Refused writes leave the record as it was: a validation error, a transaction that throws.
    const bad = await t.request('PUT', '/api/resources/gestasso', {
      as: 'contributor',
      body: { name: 'Gestasso', kind: 'no-such-kind', summary: 'x', themes: ['gestion'] },
    });
    expect(bad.status).toBe(400);
    expect(() =>
      db.transaction(() => {
        db.prepare(`UPDATE people SET bio = 'Comptable' WHERE slug = 'bruno'`).run();
        db.prepare(`UPDATE resources SET summary = 'Autre' WHERE slug = 'gestasso'`).run();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(stale(db)).toEqual([]);
    t.services.close?.();
    db.close();
  });

  it('random writes through the API: the incremental build equals a build from scratch, with no unmarked change', async () => {
    const file = join(dir, 'random.db');
    const t = await setup(file);
    const db = t.db;
    // A small deterministic generator (mulberry32): the same writes at every run.
    let seed = 20261207;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <X>(list: readonly X[]): X => list[Math.floor(rand() * list.length)];
    const words = ['grelinette', 'compost', 'Visiolibre', 'Gestasso', 'Bailtype', 'adhésions'];
    const words2 = ['paie', 'statuts', 'jardin partagé', 'tableau blanc', 'Broyeur commun'];
    const resources = ['gestasso', 'bailtype', 'visiolibre', 'comptapro'];
    const people = ['alice', 'bruno', 'denis', 'emma', 'carole'];
    const places = ['lieu-nord', 'lieu-ouest', 'lieu-voisin', 'lieu-sud'];
    const pages: string[] = [];
    const text = () => `${pick(words)} et ${pick(words2)}, ${pick(words)}.`;
    expect(
      (await t.request('POST', '/api/resources', { as: 'contributor', body: BROYEUR })).status,
    ).toBe(201);
    resources.push('broyeur-commun');
    const writes: (() => Promise<{ status: number; json: unknown }>)[] = [
      () =>
        t.request('PUT', `/api/resources/${pick(resources)}`, {
          as: 'facilitator',
          body: {
            name: pick(['Gestasso', 'Bailtype', 'Visio libre', 'Broyeur commun', 'Compost']),
            kind: pick(['software', 'method', 'hardware', 'service']),
            summary: text(),
            themes: [pick(['gestion', 'numerique', 'juridique', 'transition'])],
            ...(rand() < 0.5 ? { description: text(), keywords: [pick(words)] } : {}),
            license: pick(['AGPL-3.0', 'proprietary', 'CC-BY-4.0']),
          },
        }),
      () =>
        t.request('PUT', `/api/people/${pick(people)}`, {
          as: 'facilitator',
          body: {
            name: 'Quelqu’un',
            skills: [pick(words2)],
            bio: text(),
            contactable: rand() < 0.7,
          },
        }),
      () =>
        t.request('POST', `/api/resources/${pick(resources)}/referents`, {
          as: 'contributor',
          body: { person: pick(people), note: text(), isExpert: rand() < 0.5 },
        }),
      () =>
        t.request('POST', `/api/resources/${pick(resources)}/usages`, {
          as: 'contributor',
          body: { place: pick(places), status: pick(['uses', 'stopped']), note: text() },
        }),
      async () => {
        const slug = rand() < 0.3 || !pages.length ? `page-${pages.length}` : pick(pages);
        if (!pages.includes(slug)) pages.push(slug);
        return t.request('PUT', `/api/pages/${slug}`, {
          as: 'contributor',
          body: { title: `Page ${slug}`, markdown: `${text()}\n\n${text()}` },
        });
      },
      () =>
        t.request('DELETE', `/api/pages/${pick(pages.length ? pages : ['broyeur-commun'])}`, {
          as: 'facilitator',
          body: { reason: 'Essai' },
        }),
      () =>
        t.request('POST', `/api/pages/${pick(pages.length ? pages : ['broyeur-commun'])}/restore`, {
          as: 'admin',
        }),
      async () => {
        const created = await t.request('POST', '/api/switchyard/requests', {
          body: { problem: text() },
          as: 'reader',
        });
        return t.request('POST', `/api/switchyard/requests/${created.json.request.id}/outcome`, {
          as: 'reader',
          body: { helped: rand() < 0.6, resource: pick(resources), person: pick(people) },
        });
      },
    ];
    const accepted = writes.map(() => 0);
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 6; i++) {
        const k = Math.floor(rand() * writes.length);
        const res = await writes[k]();
        // Refused writes (a page already deleted…) are fine; a server error is not.
        expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
        if (res.status < 300) accepted[k]++;
      }
      // Built from the record of the writes only.
      for (const [name, r] of Object.entries(await build(t)))
        expect(r.full, `${name}, round ${round}`).toBe(false);
    }
    // Every kind of write went through, several times.
    for (const n of accepted) expect(n).toBeGreaterThan(1);
    const problems = [text(), text(), 'un broyeur pour le jardin', 'la paie et les statuts'];
    const answers = async (app: T) => {
      const out: unknown[] = [];
      for (const problem of problems)
        out.push((await app.request('POST', '/api/switchyard', { body: { problem } })).json);
      return out;
    };
    const incremental = await answers(t);
    const kept = storedDocs(db);
    // Term lists carried from build to build with the changes equal the tables' own vocabularies.
    const ix = t.services.switchyard.index();
    for (const [name, index] of [
      ['resources', ix.resourceIndex],
      ['people', ix.personIndex],
    ] as const)
      expect([...index.stems()].sort(), name).toEqual(
        (db.prepare(`SELECT term FROM switchyard_fts_${name}_vr`).pluck().all() as string[]).sort(),
      );
    // Verify mode hashes every document: none differs from what the incremental builds stored.
    t.services.switchyard.verifyStale = true;
    t.services.switchyard.invalidate();
    const verified = t.services.switchyard.index().buildReport!;
    for (const [name, r] of Object.entries(verified)) {
      expect(r.unmarked, name).toEqual([]);
      expect(r).toMatchObject({ full: true, analysed: 0, removed: 0 });
    }
    expect(verified.resources.verified).toBe(
      db.prepare(`SELECT count(*) FROM resources`).pluck().get(),
    );
    t.services.close?.();
    db.close();

    // From scratch: the same data without the switchyard's tables.
    const copy = join(dir, 'scratch.db');
    const source = openDatabase(file);
    source.exec(`VACUUM INTO '${copy}'`);
    source.close();
    const fresh = openDatabase(copy);
    for (const name of fresh
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'switchyard_fts_%' AND sql LIKE 'CREATE VIRTUAL%'`,
      )
      .pluck()
      .all() as string[])
      fresh.exec(`DROP TABLE IF EXISTS ${name}`);
    fresh.exec(
      `DROP TABLE IF EXISTS switchyard_fts_meta; ${['resources', 'context', 'people', 'skills', 'pages', 'missed', 'words'].map((ix) => `DROP TABLE IF EXISTS switchyard_fts_${ix}_docs;`).join(' ')}`,
    );
    const t2 = await testApp({}, fresh);
    const scratch = await answers(t2);
    expect(storedDocs(fresh)).toEqual(kept);
    expect(scratch).toEqual(incremental);
    t2.services.close?.();
    fresh.close();
  });

  it('a build by another connection is seen: what a process remembers of its last build is not reused', async () => {
    const file = join(dir, 'two.db');
    const a = await setup(file);
    const b = await testApp({}, openDatabase(file));
    // B writes and builds (taking the record in and emptying it), then A writes something else.
    // One account, made through B; A uses a token of it.
    const put = (t: T, summary: string, headers?: Record<string, string>) =>
      t.request('PUT', '/api/resources/bailtype', {
        ...(headers ? { headers } : { as: 'contributor' as const }),
        body: { name: 'Bailtype', kind: 'legal-template', summary, themes: ['juridique'] },
      });
    expect((await put(b, 'Un modèle de bail avec une clause de grelinette.')).status).toBe(200);
    await build(b);
    const contributor = a.db
      .prepare(`SELECT id FROM users WHERE email = 'contributor@example.org'`)
      .pluck()
      .get() as number;
    const bearer = { authorization: `Bearer ${createApiToken(a.db, contributor, 'a')}` };
    expect(
      (await put(a, 'Un modèle de bail avec une clause de grelinette et de semoir.', bearer))
        .status,
    ).toBe(200);
    await build(a);
    const stems = (t: T) => [...t.services.switchyard.index().resourceIndex.stems()].sort();
    expect(stems(a)).toEqual(
      (
        a.db.prepare(`SELECT term FROM switchyard_fts_resources_vr`).pluck().all() as string[]
      ).sort(),
    );
    for (const t of [a, b]) {
      t.services.close?.();
      t.db.close();
    }
  });

  it('after a restart, one write re-analyses only the documents it touched, and its words are found', async () => {
    const file = join(dir, 'restart.db');
    let t = await setup(file);
    t.services.close?.();
    t.db.close();

    const db = openDatabase(file);
    t = await testApp({}, db);
    const edited = await t.request('PUT', '/api/resources/bailtype', {
      as: 'contributor',
      body: {
        name: 'Bailtype',
        kind: 'legal-template',
        summary: 'Modèle de bail commenté, avec une clause de grelinette partagée.',
        themes: ['juridique', 'foncier'],
        license: 'CC-BY-SA-4.0',
      },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: 'une clause de grelinette' },
    });
    expect(res.json.resources[0].slug).toBe('bailtype');
    const report = t.services.switchyard.index().buildReport!;
    expect(report.resources).toMatchObject({ analysed: 1, removed: 0, verified: 1, full: false });
    expect(report.words).toMatchObject({ analysed: 1, removed: 0, full: false });
    for (const ix of ['people', 'skills', 'pages'])
      expect(report[ix], ix).toMatchObject({ analysed: 0, removed: 0, verified: 0, full: false });
    // Marked but unchanged (the context of a rich record): hashed, not analysed.
    expect(report.context).toMatchObject({ analysed: 0, verified: 1 });
    t.services.close?.();
    db.close();
  });

  it('an outcome that pushes another out of the 5,000 the build reads marks that one too', async () => {
    const db = openDatabase(':memory:');
    const insert = db.prepare(
      `INSERT INTO switchyard_requests (problem, outcome_helped, outcome_resource, outcome_person, created_at, updated_at)
       VALUES (?, 1, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    db.transaction(() => {
      // The oldest names its own resource and person; the 4,999 after it another pair.
      insert.run('le plus ancien', 'ancienne', 'ancien-expert');
      for (let i = 0; i < 4999; i++) insert.run(`problème ${i}`, 'courante', 'experte');
    })();
    db.exec(`DELETE FROM switchyard_stale`);
    // The 5,001st pushes the oldest out: its documents change as well as the new one's.
    insert.run('le plus récent', 'nouvelle', 'nouvel-expert');
    expect(stale(db)).toEqual([
      'missed ancienne',
      'missed courante',
      'missed nouvelle',
      'people ancien-expert',
      'people experte',
      'people nouvel-expert',
      'resources ancienne',
      'resources courante',
      'resources nouvelle',
    ]);
    // Deleting the newest brings the oldest back: marked again.
    db.exec(`DELETE FROM switchyard_stale`);
    db.prepare(`DELETE FROM switchyard_requests WHERE problem = 'le plus récent'`).run();
    expect(stale(db)).toContain('resources ancienne');
    expect(stale(db)).toContain('people nouvel-expert');
    db.close();
  });
});
