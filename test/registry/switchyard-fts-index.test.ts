import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHYARD_CONFIG } from '../../registry/switchyard/config.js';
import { buildSwitchyardIndex, matchProblem } from '../../registry/switchyard/engine.js';
import { FieldedIndex } from '../../registry/switchyard/fielded-index.js';
import { FtsFieldedIndex } from '../../registry/switchyard/fts-index.js';
import { textStems } from '../../registry/switchyard/text.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';

/*
 * The BM25F index computed from FTS5 data (issue 14) gives the in-memory index's scores: same
 * documents, same weights, same answers to every question the switchyard asks of an index.
 */
const docs = [
  { title: 'Tableur partagé', body: 'Un tableur que trois personnes modifient en même temps.' },
  {
    title: 'Gestion des adhésions',
    body: ['Cotisations et adhésions', 'reçus fiscaux'],
    notes: 'tableur',
  },
  { title: 'Broyeur', body: '', notes: 'Un broyeur de végétaux, prêté entre jardins.' },
  {},
];
const weights = { title: 3, body: 1, notes: 0.5 };

describe('FtsFieldedIndex', () => {
  const db = new BetterSqlite3(':memory:');
  const memory = new FieldedIndex(docs, weights, 1.2, 0.5, true);
  const fts = new FtsFieldedIndex(db, docs, weights, 1.2, 0.5);
  const stems = [...new Set(docs.flatMap((d) => textStems(JSON.stringify(d))))];

  it('scores every document as the in-memory index does', () => {
    expect(fts.size).toBe(4);
    const terms = new Map(stems.map((s, i) => [s, 1 + i / 10]));
    expect([...fts.score(terms)]).toEqual([...memory.score(terms)]);
    for (const s of stems)
      expect([...fts.score(new Map([[s, 1]]))], s).toEqual([...memory.score(new Map([[s, 1]]))]);
    expect([...fts.score(new Map([['absent', 1]]))]).toEqual([0, 0, 0, 0]);
  });

  it('answers the same per-document terms, idf, membership and vocabulary', () => {
    expect(new Set(fts.stems())).toEqual(new Set(memory.stems()));
    for (let id = 0; id < docs.length; id++) {
      expect([...fts.docTerms(id)]).toEqual([...memory.docTerms(id)]);
      for (const s of stems)
        expect(fts.contains(s, id), `${s} in ${id}`).toBe(memory.contains(s, id));
    }
    for (const s of [...stems, 'absent']) {
      expect(fts.idfOf(s)).toBe(memory.idfOf(s));
      expect(fts.has(s)).toBe(memory.has(s));
    }
  });

  it('ignores a field of weight 0, in scores and document frequencies', () => {
    const w = { title: 3, body: 1, notes: 0 };
    const m = new FieldedIndex(docs, w, 1.2, 0.5, true);
    const f = new FtsFieldedIndex(db, docs, w, 1.2, 0.5);
    expect(f.has('broyeur')).toBe(m.has('broyeur'));
    expect(f.idfOf('tableur')).toBe(m.idfOf('tableur'));
    expect([...f.score(new Map([['tableur', 1]]))]).toEqual([
      ...m.score(new Map([['tableur', 1]])),
    ]);
    expect([...f.docTerms(1)]).toEqual([...m.docTerms(1)]);
    expect(f.contains('tableur', 1)).toBe(false);
    // The first field weighing nothing.
    const w0 = { notes: 0, title: 3, body: 1 };
    const m0 = new FieldedIndex(docs, w0, 1.2, 0.5, true);
    const f0 = new FtsFieldedIndex(db, docs, w0, 1.2, 0.5);
    for (let id = 0; id < docs.length; id++)
      for (const s of stems) expect(f0.contains(s, id), `${s} in ${id}`).toBe(m0.contains(s, id));
    expect([...f0.score(new Map([['tableur', 1]]))]).toEqual([
      ...m0.score(new Map([['tableur', 1]])),
    ]);
  });

  it('drops its tables', () => {
    const before = db.prepare(`SELECT count(*) FROM temp.sqlite_master`).pluck().get() as number;
    const f = new FtsFieldedIndex(db, docs, weights, 1.2, 0.5);
    f.drop();
    expect(db.prepare(`SELECT count(*) FROM temp.sqlite_master`).pluck().get()).toBe(before);
  });
});

describe('the switchyard on FTS5 indexes', () => {
  it('answers every fixture problem as on the in-memory indexes', () => {
    const registry = fixtureRegistry();
    const memory = buildSwitchyardIndex(registry, DEFAULT_SWITCHYARD_CONFIG);
    const fts = buildSwitchyardIndex(registry, DEFAULT_SWITCHYARD_CONFIG, {
      ftsDb: new BetterSqlite3(':memory:'),
    });
    for (const problem of [
      "l'adhesion et la comptabilite de l'asso",
      'notre comptabilitée et nos adhésoins',
      'un broyeur de végétaux partagé',
      'we need a shared calendar for our rooms',
      'réserver les salles et le matériel',
    ]) {
      const a = matchProblem(memory, { problem });
      const b = matchProblem(fts, { problem });
      expect(b.resources, problem).toEqual(a.resources);
      expect(b.people, problem).toEqual(a.people);
    }
  });
});

describe('a named FtsFieldedIndex (tables kept in the database)', () => {
  const keys = ['tableur', 'adhesions', 'broyeur', 'vide'];
  const stems = [...new Set(docs.flatMap((d) => textStems(JSON.stringify(d))))];
  const same = (fts: FtsFieldedIndex<string>, memory: FieldedIndex<string>) => {
    const terms = new Map(stems.map((s, i) => [s, 1 + i / 10]));
    expect([...fts.score(terms)]).toEqual([...memory.score(terms)]);
    for (let id = 0; id < memory.size; id++)
      expect([...fts.docTerms(id)]).toEqual([...memory.docTerms(id)]);
    for (const s of stems) expect(fts.idfOf(s)).toBe(memory.idfOf(s));
  };

  it('analyses again only the documents that changed, with the scores of a fresh index', () => {
    const db = new BetterSqlite3(':memory:');
    const first = new FtsFieldedIndex(db, docs, weights, 1.2, 0.5, { name: 'test', keys });
    expect(first.analysed).toBe(4);
    same(first, new FieldedIndex(docs, weights, 1.2, 0.5, true));
    // A restart: nothing to analyse.
    const again = new FtsFieldedIndex(db, docs, weights, 1.2, 0.5, { name: 'test', keys });
    expect(again.analysed).toBe(0);
    same(again, new FieldedIndex(docs, weights, 1.2, 0.5, true));
    // One record edited, one removed, the rest in another order.
    const edited = [docs[3], { ...docs[0], notes: 'tableur des adhésions' }, docs[1]];
    const editedKeys = ['vide', 'tableur', 'adhesions'];
    const next = new FtsFieldedIndex(db, edited, weights, 1.2, 0.5, {
      name: 'test',
      keys: editedKeys,
    });
    expect(next.analysed).toBe(1);
    same(next, new FieldedIndex(edited, weights, 1.2, 0.5, true));
    expect(next.contains('broyeur', 0) || next.contains('broyeur', 1)).toBe(false);
    expect(db.prepare(`SELECT count(*) FROM switchyard_fts_test_docs`).pluck().get()).toBe(3);
  });

  it('survives the connection: a reopened database file is not analysed again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-fts-'));
    const file = join(dir, 'registry.db');
    let db = new BetterSqlite3(file);
    new FtsFieldedIndex(db, docs, weights, 1.2, 0.5, { name: 'test', keys });
    db.close();
    db = new BetterSqlite3(file);
    const reopened = new FtsFieldedIndex(db, docs, weights, 1.2, 0.5, { name: 'test', keys });
    expect(reopened.analysed).toBe(0);
    same(reopened, new FieldedIndex(docs, weights, 1.2, 0.5, true));
    // As many fields, another one among them: rebuilt too.
    const renamed = new FtsFieldedIndex<string>(
      db,
      docs,
      { title: 3, body: 1, summary: 1 },
      1.2,
      0.5,
      {
        name: 'test',
        keys,
      },
    );
    expect(renamed.analysed).toBe(4);
    // Other fields: the tables are rebuilt.
    const other = new FtsFieldedIndex<string>(db, docs, { title: 1, body: 1 }, 1.2, 0.5, {
      name: 'test',
      keys,
    });
    expect(other.analysed).toBe(4);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads ahead its frequent terms, with the same scores after', () => {
    const db = new BetterSqlite3(':memory:');
    const fts = new FtsFieldedIndex(db, docs, weights, 1.2, 0.5, { name: 'test', keys });
    let rounds = 0;
    while (!fts.warm(5, 1)) rounds++;
    expect(rounds).toBeLessThan(100);
    same(fts, new FieldedIndex(docs, weights, 1.2, 0.5, true));
  });
});
