import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { uploadMediawiki } from '../helpers/mediawiki.js';
import { openDatabase } from '../../server/db/open.js';

/*
 * Gzip bombs sent to the MediaWiki import (admins only): small files that decompress to far more
 * than the limits. The limits are set small here (1 MiB) so the bombs stay a few megabytes.
 */

const MOVILAB = readFileSync(new URL('../fixtures/mediawiki/movilab.xml', import.meta.url));
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const MiB = 1024 * 1024;

/** A valid export whose one revision's text is `size` letters: gzipped, a few kilobytes. */
function xmlBomb(size: number): Buffer {
  const head = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="fr">
  <siteinfo><sitename>Bombe</sitename><dbname>bombe</dbname><base>https://bombe.example/wiki/Accueil</base>
    <namespaces><namespace key="0" case="first-letter" /></namespaces></siteinfo>
  <page><title>Bombe</title><ns>0</ns><id>1</id>
    <revision><id>1</id><timestamp>2020-01-20T08:30:00Z</timestamp>
      <contributor><username>X</username><id>1</id></contributor>
      <model>wikitext</model><format>text/x-wiki</format><text xml:space="preserve">`;
  const tail = `</text></revision></page></mediawiki>`;
  return gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(size, 'a'), Buffer.from(tail)]));
}

/** A tar of one file of `size` zero bytes, gzipped (a few kilobytes). */
function tarBomb(size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write('images/a/ab/Bombe.png', 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(size.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('0', 156);
  header.write('ustar\x0000', 257);
  header.fill(' ', 148, 156);
  const sum = header.reduce((n, b) => n + b, 0);
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return gzipSync(Buffer.concat([header, Buffer.alloc(Math.ceil(size / 512) * 512 + 1024)]));
}

type T = Awaited<ReturnType<typeof testApp>>;

const pageCount = (t: T) => t.db.prepare(`SELECT COUNT(*) FROM pages`).pluck().get() as number;

describe('MediaWiki import: gzip bombs', { timeout: 60_000 }, () => {
  it('refuses a .tar.gz of images larger than LC_IMPORT_BODY_LIMIT once uncompressed with 413 naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-mw-bomb-'));
    try {
      const t = await testApp({ importBodyLimit: MiB, filesDir: dir });
      const bomb = tarBomb(8 * MiB);
      expect(bomb.length).toBeLessThan(64 * 1024);
      const r = await uploadMediawiki(t, { bytes: MOVILAB, name: 'movilab.xml' }, [
        { bytes: bomb, name: 'images.tgz' },
      ]);
      expect(r.status).toBe(413);
      expect(r.json.error).toMatchObject({ code: 'payload_too_large', field: 'images' });
      expect(r.json.error.message).toContain(String(MiB));
      // Damaged gzip data: a plain 400 naming the field, not a server error.
      const damaged = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64, 7)]);
      const d = await uploadMediawiki(t, { bytes: MOVILAB, name: 'movilab.xml' }, [
        { bytes: damaged, name: 'images.tar.gz' },
      ]);
      expect(d.status).toBe(400);
      expect(d.json.error.field).toBe('images');
      expect(pageCount(t)).toBe(0);
      // Under the limit, the same kind of archive is read.
      const fine = await uploadMediawiki(t, { bytes: MOVILAB, name: 'movilab.xml' }, [
        { bytes: tarBomb(64 * 1024), name: 'images.tgz' },
      ]);
      expect(fine.status).toBe(201);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops reading a .xml.gz export past LC_MEDIAWIKI_XML_LIMIT with 413 naming the field, the import recorded as failed', async () => {
    const t = await testApp({ mediawikiXmlLimit: MiB });
    const bomb = xmlBomb(16 * MiB);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await uploadMediawiki(t, { bytes: bomb, name: 'export.xml.gz' });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatchObject({ code: 'payload_too_large', field: 'file' });
    expect(r.json.error.message).toContain('LC_MEDIAWIKI_XML_LIMIT');
    expect(pageCount(t)).toBe(0);
    const list = await t.request('GET', '/api/admin/mediawiki/imports', { as: 'admin' });
    expect(list.json.imports[0]).toMatchObject({ status: 'failed' });
    // A small export in gzip goes through.
    const ok = await uploadMediawiki(t, { bytes: gzipSync(MOVILAB), name: 'movilab.xml.gz' });
    expect(ok.status).toBe(201);
  });

  it('the command stops too, with the limit in its error (LC_MEDIAWIKI_XML_LIMIT)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-mw-bomb-cli-'));
    try {
      const dbPath = join(dir, 'wiki.sqlite');
      openDatabase(dbPath).close();
      const file = join(dir, 'export.xml.gz');
      writeFileSync(file, xmlBomb(16 * MiB));
      const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [BIN, 'import-mediawiki', file, '--db', dbPath],
          { env: { ...process.env, LC_DB: '', LC_MEDIAWIKI_XML_LIMIT: String(MiB) } },
          (err, _stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
        );
      });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`more than ${MiB} bytes`);
      const db = openDatabase(dbPath);
      expect(db.prepare(`SELECT COUNT(*) FROM pages`).pluck().get()).toBe(0);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
