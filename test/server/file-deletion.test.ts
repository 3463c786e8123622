import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { tinyPng } from '../helpers/files.js';
import { openDatabase } from '../../server/db/open.js';
import { deleteFile, storeFile } from '../../server/files/files.js';
import { LocalFileStorage, sha256Of } from '../../server/files/storage.js';

type T = Awaited<ReturnType<typeof testApp>>;

async function upload(
  t: T,
  bytes: Uint8Array,
  filename: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], filename, { type: 'image/png' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await t.app.request('/api/files', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${await t.tokenFor('contributor')}` },
  });
  return (await res.json()) as { file: { name: string; version: number } };
}

const run = promisify(execFile);
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const cli = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], { env: { ...process.env, LC_DB: '', LC_FILES_DIR: '' } });

describe('file deletion', () => {
  it('lets facilitators delete a version or a file, logs it, and leaves the pages that used it readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-file-del-'));
    try {
      const t = await testApp({ filesDir: dir });
      await t.request('PUT', '/api/pages/la-halle', {
        as: 'contributor',
        body: {
          title: 'La Halle',
          markdown: '# La Halle\n\n![Façade de la Halle](/files/facade.png)\n',
        },
      });
      await upload(t, tinyPng([1, 2, 3]), 'Façade.png', { page: 'la-halle' });
      const v2 = await upload(t, tinyPng([4, 5, 6]), 'Façade.png', { comment: 'Nouvelle photo' });
      expect(v2.file.version).toBe(2);

      // Readers and contributors may not delete.
      expect(
        (
          await t.request('DELETE', '/api/files/facade.png', {
            as: 'contributor',
            body: { reason: 'doublon' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.request('DELETE', '/api/files/facade.png', { body: { reason: 'doublon' } }))
          .status,
      ).toBe(401);

      // The current version deleted: the previous one is current again.
      const dv = await t.request('DELETE', '/api/files/facade.png/versions/2', {
        as: 'facilitator',
        body: { reason: 'photo floue' },
      });
      expect(dv.status).toBe(200);
      expect(dv.json.file).toMatchObject({
        name: 'facade.png',
        version: 1,
        sha256: sha256Of(tinyPng([1, 2, 3])),
      });
      expect(
        (await t.request('GET', '/api/files/facade.png')).json.versions.map(
          (v: { number: number }) => v.number,
        ),
      ).toEqual([1]);
      // The only version left is not deleted alone; unknown versions and files are 404; a bad number is a 400.
      const last = await t.request('DELETE', '/api/files/facade.png/versions/1', {
        as: 'facilitator',
        body: {},
      });
      expect(last.status).toBe(409);
      expect(last.json.error).toMatchObject({ code: 'conflict', field: 'n' });
      expect(
        (
          await t.request('DELETE', '/api/files/facade.png/versions/7', {
            as: 'facilitator',
            body: {},
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.request('DELETE', '/api/files/facade.png/versions/zero', {
            as: 'facilitator',
            body: {},
          })
        ).status,
      ).toBe(400);
      expect(
        (await t.request('DELETE', '/api/files/absent.png', { as: 'facilitator', body: {} }))
          .status,
      ).toBe(404);

      const del = await t.request('DELETE', '/api/files/facade.png', {
        as: 'admin',
        body: { reason: 'droits non cédés' },
      });
      expect(del.status).toBe(200);
      expect((await t.request('GET', '/api/files/facade.png')).status).toBe(404);
      expect((await t.app.request('/files/facade.png')).status).toBe(404);
      // The page still reads, and still names the file (the page view shows it as missing).
      const page = await t.request('GET', '/api/pages/la-halle');
      expect(page.status).toBe(200);
      expect(page.json.html).toContain('src="/files/facade.png"');
      expect(
        (await t.request('GET', '/api/pages/la-halle/files')).json.files.filter(
          (f: { attached: boolean }) => f.attached,
        ),
      ).toEqual([]);

      const log = (await t.request('GET', '/api/file-log')).json.entries;
      expect(
        log.map(
          (e: {
            action: string;
            name: string;
            version: number | null;
            reason: string;
            user: { name: string };
          }) => [e.action, e.name, e.version, e.reason, e.user.name],
        ),
      ).toEqual([
        ['delete', 'facade.png', null, 'droits non cédés', 'Test admin'],
        ['delete-version', 'facade.png', 2, 'photo floue', 'Test facilitator'],
      ]);
      // The bytes stay until the garbage collection.
      const storage = new LocalFileStorage(dir);
      expect(storage.listSync()).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gc-files removes the stored contents no version names, never one still named, nor a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-file-gc-'));
    try {
      const dbPath = join(dir, 'wiki.sqlite');
      const db = openDatabase(dbPath);
      const storage = new LocalFileStorage(join(dir, 'files'));
      const shared = tinyPng([9, 9, 9]);
      const own = tinyPng([7, 7, 7]);
      // Two files with the same bytes (one blob), and one with its own.
      await storeFile(db, storage, { bytes: shared, originalName: 'logo.png', userId: null });
      await storeFile(db, storage, { bytes: shared, originalName: 'logo-copie.png', userId: null });
      await storeFile(db, storage, { bytes: own, originalName: 'plan.png', userId: null });
      const admin = Number(
        db
          .prepare(
            `INSERT INTO users (email, name, password_hash, role) VALUES ('a@example.org', 'Admin', 'x', 'admin')`,
          )
          .run().lastInsertRowid,
      );
      deleteFile(db, 'logo.png', admin, 'doublon');
      deleteFile(db, 'plan.png', admin, 'obsolète');
      // A blob being uploaded right now (written, its version not yet recorded).
      const uploading = storage.putSync(tinyPng([5, 5, 5]));
      db.close();
      const old = new Date(Date.now() - 2 * 3600_000);
      for (const h of [sha256Of(shared), sha256Of(own)]) utimesSync(storage.pathOf(h), old, old);

      const dry = await cli('gc-files', '--dry-run', '--db', dbPath);
      expect(dry.stdout).toContain('3 stored, 1 named by a file version (kept), would remove 1');
      expect(dry.stdout).toContain('1 unnamed but younger than 60 min (kept)');
      expect(existsSync(storage.pathOf(sha256Of(own)))).toBe(true);

      const gc = await cli('gc-files', '--db', dbPath);
      expect(gc.stdout).toContain(`removed 1 (${own.length} bytes)`);
      expect(existsSync(storage.pathOf(sha256Of(own)))).toBe(false);
      // Still named by logo-copie.png: kept. The fresh upload: kept.
      expect(existsSync(storage.pathOf(sha256Of(shared)))).toBe(true);
      expect(existsSync(storage.pathOf(uploading))).toBe(true);

      const bad = await cli('gc-files', '--grace-minutes', 'bientôt', '--db', dbPath).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((bad as { code: number }).code).not.toBe(0);
      expect((bad as { stderr: string }).stderr).toContain('--grace-minutes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Three CLI runs (Node and tsx starting each time): tens of seconds on a loaded machine.
  }, 240_000);
});
