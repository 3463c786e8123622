import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { parseCsv } from '../../registry/csv.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const cli = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LC_DB: '' } });
const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';
// Each test starts node + tsx child processes: generous timeouts for loaded machines.
const SLOW = 120_000;

/** Latin-1 bytes of a text (its letters are the same in Windows-1252). */
const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('CLI import-places: the national base re-saved by a French spreadsheet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lc-places-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'reads ";" as separator, decimal commas and Windows-1252, as Excel\'s "CSV (;)" writes them',
    async () => {
      // The first rows of the published base, as a French Excel saves them.
      const rows = parseCsv(readFileSync(CGET, 'utf8')).slice(0, 4);
      expect(rows[1][1]).toBe('ADE Coworking');
      const excel = rows
        .map((r, i) =>
          r
            .map((cell, k) =>
              // LAT and LONG with a decimal comma, text cells quoted when they hold a ";".
              i > 0 && (rows[0][k] === 'LAT' || rows[0][k] === 'LONG')
                ? cell.replace('.', ',')
                : cell.includes(';')
                  ? `"${cell}"`
                  : cell,
            )
            .join(';'),
        )
        .join('\r\n');
      expect(excel).toMatch(/Ch[âa]telier/);
      const file = join(dir, 'tiers-lieux-excel.csv');
      writeFileSync(file, latin1(`${excel}\r\n`));
      const dbPath = join(dir, 'places.sqlite');
      const { stdout } = await cli('import-places', file, '--db', dbPath);
      expect(stdout).toContain('3 rows: 3 places created');
      const db = openDatabase(dbPath);
      try {
        const places = db
          .prepare(`SELECT name, address, city, lat, lon FROM places ORDER BY source_ref`)
          .all() as { name: string; address: string; city: string; lat: number; lon: number }[];
        expect(places[0]).toMatchObject({
          name: 'ADE Coworking',
          address: '9 Rue du Petit Châtelier',
          lat: 47.245935,
          lon: -1.505602,
        });
        expect(places.map((p) => p.name)).toContain('Anticafé');
        expect(
          places.every((p) => !p.name.includes('\uFFFD') && !p.address.includes('\uFFFD')),
        ).toBe(true);
      } finally {
        db.close();
      }
    },
    SLOW,
  );
});
