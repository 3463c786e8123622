import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openDatabase } from '../../server/db/open.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { savePage } from '../../registry/wiki/pages.js';
import { setFieldDefs, setPageFields } from '../../registry/wiki/fields.js';
import { storeFile } from '../../server/files/files.js';
import { LocalFileStorage } from '../../server/files/storage.js';
import { tinyPng } from '../helpers/files.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const cli = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LC_DB: '', LC_FILES_DIR: '' } });

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('CLI: fields and files in export-pages and backup', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lc-cli-files-'));
    dbPath = join(dir, 'wiki.sqlite');
    const db = openDatabase(dbPath);
    const wiki = new WikiServices(db);
    const page = savePage(db, wiki, {
      slug: 'la-halle',
      title: 'La Halle',
      markdown: '![Logo](/files/logo.png)\n',
      kind: 'place',
      authorIds: [],
    });
    savePage(db, wiki, {
      slug: 'guide',
      title: 'Guide',
      markdown: 'Sans champs.\n',
      authorIds: [],
    });
    setFieldDefs(db, 'place', [
      { name: 'ville', label: { fr: 'Ville', en: 'Town' }, type: 'text' },
      { name: 'activites', label: { fr: 'Activités', en: 'Activities' }, type: 'list' },
    ]);
    setPageFields(db, page.id, { ville: 'Lille', activites: ['fablab', 'café'] });
    // The server's default place for files: `files` beside the database.
    const storage = new LocalFileStorage(join(dir, 'files'));
    await storeFile(db, storage, {
      bytes: tinyPng([1, 1, 1]),
      originalName: 'logo.png',
      userId: null,
      uploaderName: 'Import',
    });
    await storeFile(db, storage, {
      bytes: tinyPng([2, 2, 2]),
      originalName: 'logo.png',
      userId: null,
      uploaderName: 'Import',
    });
    await storeFile(db, storage, {
      bytes: PDF,
      originalName: 'Statuts.pdf',
      userId: null,
      pageId: page.id,
    });
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Each test runs the CLI (Node and tsx starting): tens of seconds on a loaded machine.

  it('puts fields in the front matter and files (current versions, all versions listed) beside the pages', async () => {
    const out = join(dir, 'export');
    const { stdout } = await cli('export-pages', out, '--db', dbPath);
    expect(stdout).toContain('2 files in files/');
    const front = parseYaml(
      /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(out, 'la-halle.md'), 'utf8'))![1],
    );
    expect(front.fields).toEqual({ ville: 'Lille', activites: ['fablab', 'café'] });
    expect(
      parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(out, 'guide.md'), 'utf8'))![1])
        .fields,
    ).toBeUndefined();
    expect(new Uint8Array(readFileSync(join(out, 'files', 'logo.png')))).toEqual(
      tinyPng([2, 2, 2]),
    );
    expect(readFileSync(join(out, 'files', 'statuts.pdf'))).toEqual(PDF);
    const listed = JSON.parse(readFileSync(join(out, 'files.json'), 'utf8'));
    expect(
      listed.map((v: { name: string; number: number; current: boolean }) => [
        v.name,
        v.number,
        v.current,
      ]),
    ).toEqual([
      ['logo.png', 1, false],
      ['logo.png', 2, true],
      ['statuts.pdf', 1, true],
    ]);
  }, 120_000);

  it('backs up the files beside the database copy, and only new ones the second time', async () => {
    const target = join(dir, 'backups', 'wiki.sqlite');
    const first = await cli('backup', target, '--db', dbPath);
    expect(first.stdout).toContain('3 copied, 0 already there');
    const storage = new LocalFileStorage(`${target}.files`);
    const db = openDatabase(target);
    const hashes = db.prepare('SELECT sha256 FROM file_versions').pluck().all() as string[];
    db.close();
    expect(hashes).toHaveLength(3);
    for (const h of hashes) expect(existsSync(storage.pathOf(h))).toBe(true);
    const second = await cli('backup', target, '--db', dbPath);
    expect(second.stdout).toContain('0 copied, 3 already there');
  }, 120_000);
});
