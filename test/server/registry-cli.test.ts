import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const cli = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LC_DB: '' } });
const BUNDLE = '/work/shared/data/switchyard-dev/bundle.json';
const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';
const YML = new URL('../fixtures/publiccode.yml', import.meta.url).pathname;

// Each test starts node + tsx child processes: generous timeouts for loaded machines.
const SLOW = 120_000;

describe('CLI: import, export, import-places', () => {
  let dir: string;
  let dbPath: string;
  const count = (table: string) => {
    const db = openDatabase(dbPath);
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lc-registry-cli-'));
    dbPath = join(dir, 'registry.sqlite');
  }, SLOW);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'imports a bundle, then the same bundle again without changes',
    async () => {
      const first = await cli('import', BUNDLE, '--db', dbPath);
      expect(first.stdout).toContain('resources: 78 created');
      expect(first.stdout).toContain('referents: 70 created');
      const again = await cli('import', BUNDLE, '--db', dbPath);
      expect(again.stdout).toContain('resources: 0 created, 0 updated, 78 unchanged');
      expect(count('resources')).toBe(78);
      // Every resource got its wiki page of kind "commun".
      expect(count(`pages WHERE kind = 'commun'`)).toBe(78);
    },
    SLOW,
  );

  it(
    'refuses a broken bundle with the record and field, writing nothing',
    async () => {
      const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8'));
      bundle.resources.push({
        slug: 'nouveau',
        name: 'Nouveau',
        kind: 'software',
        summary: 'x',
        themes: ['numerique'],
      });
      bundle.referents.push({ resource: 'nouveau', person: 'personne-inconnue', isExpert: true });
      const file = join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify(bundle));
      const err = await cli('import', file, '--db', dbPath).catch((e) => e);
      expect(err.code).toBe(2);
      expect(err.stderr).toMatch(
        /referents\[70\] \(nouveau \/ personne-inconnue\): person: unknown person "personne-inconnue"/,
      );
      expect(count(`resources WHERE slug = 'nouveau'`)).toBe(0);
    },
    SLOW,
  );

  it(
    'imports a publiccode.yml as a software resource',
    async () => {
      const { stdout } = await cli('import', YML, '--db', dbPath);
      expect(stdout).toContain('Agenda Partagé (agenda-partage): created');
    },
    SLOW,
  );

  it(
    'imports the 1,512 places of the national base with a progress display, idempotently',
    async () => {
      const first = await cli('import-places', CGET, '--db', dbPath);
      expect(first.stdout).toContain('1512 rows: 1512 places created');
      expect(first.stderr).toContain('import-places: 1512/1512');
      const again = await cli('import-places', CGET, '--db', dbPath);
      expect(again.stdout).toContain('0 places created, 0 updated, 1512 unchanged');
      expect(
        count(
          `places WHERE source_ref LIKE 'cget-2019:%' AND lat IS NOT NULL AND region IS NOT NULL`,
        ),
      ).toBe(1512);
    },
    SLOW,
  );

  it(
    'exports everything public to a bundle file',
    async () => {
      const file = join(dir, 'out', 'bundle.json');
      const { stdout } = await cli('export', file, '--db', dbPath);
      expect(stdout).toContain('79 resources, 1538 places, 41 people');
      const out = JSON.parse(readFileSync(file, 'utf8'));
      expect(out.format).toBe('commons-bundle/1');
      expect(out.places).toHaveLength(1538);
    },
    SLOW,
  );
});
