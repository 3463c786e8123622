import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openDatabase } from '../../server/db/open.js';
import { seedIfEmpty } from '../../server/seed/index.js';
import { DEMO_PAGES } from '../../server/seed/pages.js';
import { DEMO_REGISTRY } from '../../server/seed/registry.js';

// The demo registry also creates one wiki page (kind "commun") per resource.
const ALL_SLUGS = [...DEMO_PAGES.map((p) => p.slug), ...DEMO_REGISTRY.resources.map((r) => r.slug)];

const run = promisify(execFile);
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const cli = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LC_DB: '' } });

describe('CLI: export-pages and backup', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lc-cli-'));
    dbPath = join(dir, 'wiki.sqlite');
    const db = openDatabase(dbPath);
    await seedIfEmpty(db);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports one markdown file per page with its metadata as front matter', async () => {
    const out = join(dir, 'export');
    const { stdout } = await cli('export-pages', out, '--db', dbPath);
    expect(stdout).toContain(`${ALL_SLUGS.length} pages exported`);
    const files = readdirSync(out).sort();
    expect(files).toEqual(ALL_SLUGS.map((slug) => `${slug}.md`).sort());
    const text = readFileSync(join(out, 'gouvernance-partagee.md'), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    expect(m).not.toBeNull();
    const front = parseYaml(m![1]);
    expect(front).toMatchObject({
      title: 'Gouvernance partagée',
      slug: 'gouvernance-partagee',
      kind: 'practice',
      revision: 1,
    });
    expect(front.categories).toEqual(['Gouvernance']);
    expect(m![2]).toBe(DEMO_PAGES.find((p) => p.slug === 'gouvernance-partagee')!.markdown);
    const modele = parseYaml(
      /^---\n([\s\S]*?)\n---/.exec(
        readFileSync(join(out, 'modele-economique-d-un-tiers-lieu.md'), 'utf8'),
      )![1],
    );
    expect(modele.title).toBe("Modèle économique d'un tiers-lieu");
  });

  it('writes an online backup that opens with every page and revision', async () => {
    const file = join(dir, 'backups', 'copie.sqlite');
    const { stdout } = await cli('backup', file, '--db', dbPath);
    expect(stdout).toContain('Backup written');
    const copy = openDatabase(file);
    try {
      expect(copy.prepare('SELECT COUNT(*) AS n FROM pages').get()).toEqual({
        n: ALL_SLUGS.length,
      });
      expect(copy.prepare('SELECT COUNT(*) AS n FROM revisions').get()).toEqual({
        n: ALL_SLUGS.length,
      });
      const links = copy.prepare('SELECT COUNT(*) AS n FROM page_links').get() as { n: number };
      expect(links.n).toBeGreaterThan(20);
    } finally {
      copy.close();
    }
  });

  it('fails with a usage error (exit 2) without a target', async () => {
    await expect(cli('export-pages', '--db', dbPath)).rejects.toMatchObject({ code: 2 });
    await expect(cli('backup', '--db', dbPath)).rejects.toMatchObject({ code: 2 });
  });
});
