import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/db/open.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { createUser } from '../../server/auth/users.js';

/** What `lieux-communs export-pages` printed and wrote. */
export interface PagesExport {
  out: string;
  /** The exported files, sorted. */
  files: string[];
  read(name: string): string;
}

/**
 * Runs the real CLI's `export-pages` on a database file holding `pages` (saved by an admin) after
 * `change` (a deletion, a move…), and hands what it printed and wrote to `check`; the files are
 * removed afterwards.
 */
export async function exportPagesAfter(
  pages: { slug: string; title: string; markdown: string }[],
  change: (db: Database, wiki: WikiServices, adminId: number) => void,
  check: (exported: PagesExport) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lc-export-'));
  try {
    const path = join(dir, 'wiki.sqlite');
    const db = openDatabase(path);
    const wiki = new WikiServices(db);
    const admin = await createUser(db, {
      email: 'a@example.org',
      name: 'Admin',
      password: 'password123',
      role: 'admin',
    });
    for (const p of pages) savePage(db, wiki, { ...p, authorIds: [admin.id] });
    change(db, wiki, admin.id);
    db.close();
    const bin = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
    const out = execFileSync(
      process.execPath,
      [bin, 'export-pages', join(dir, 'out'), '--db', path],
      {
        encoding: 'utf8',
        env: { ...process.env, LC_DB: '' },
      },
    );
    check({
      out,
      files: readdirSync(join(dir, 'out')).sort(),
      read: (name) => readFileSync(join(dir, 'out', name), 'utf8'),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
