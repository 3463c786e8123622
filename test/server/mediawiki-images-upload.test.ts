import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { uploadMediawiki, type UploadedFile } from '../helpers/mediawiki.js';

const MOVILAB = readFileSync(new URL('../fixtures/mediawiki/movilab.xml', import.meta.url));
// A 1×1 PNG: what the source wiki's images/ folder holds for "Coop façade.jpg".
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const THUMB = Buffer.from('not the file: a thumbnail');

type T = Awaited<ReturnType<typeof testApp>>;

/** Uploads the Movilab export with these image archives. */
const upload = (t: T, images: UploadedFile[]) =>
  uploadMediawiki(t, { bytes: MOVILAB, name: 'movilab.xml' }, images);

describe('MediaWiki import in the web app: the images folder', () => {
  it('takes a .tar.gz of images/ (made by tar), thumbnails left out, and stores the files pages name, like --images', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-mw-images-'));
    try {
      mkdirSync(join(dir, 'images', 'a', 'ab'), { recursive: true });
      mkdirSync(join(dir, 'images', 'thumb', 'a', 'ab', 'Coop_façade.jpg'), { recursive: true });
      writeFileSync(join(dir, 'images', 'a', 'ab', 'Coop_façade.jpg'), PNG);
      writeFileSync(
        join(dir, 'images', 'thumb', 'a', 'ab', 'Coop_façade.jpg', '120px-Coop_façade.jpg'),
        THUMB,
      );
      execFileSync('tar', ['czf', join(dir, 'images.tgz'), '-C', dir, 'images']);

      const t = await testApp({ filesDir: join(dir, 'store') });
      const r = await upload(t, [
        { bytes: readFileSync(join(dir, 'images.tgz')), name: 'images.tgz' },
      ]);
      expect(r.status).toBe(201);
      expect(r.json.import.report.files).toMatchObject({ count: 1, stored: 1, missing: [] });
      const served = await t.app.request('/files/coop-facade.jpg');
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
      expect((await t.request('GET', '/api/pages/la-coop-des-communs')).json.html).toContain(
        'src="/files/coop-facade.jpg"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the images as several files too, and refuses a zip or a broken archive with a plain 400', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-mw-images-'));
    try {
      const t = await testApp({ filesDir: dir });
      const r = await upload(t, [
        { bytes: PNG, name: 'Coop_façade.jpg' },
        { bytes: PNG, name: 'Autre.png' },
      ]);
      expect(r.status).toBe(201);
      expect(r.json.import.report.files).toMatchObject({ stored: 1, missing: [] });
      expect((await t.app.request('/files/coop-facade.jpg')).status).toBe(200);

      const zip = await upload(t, [{ bytes: Buffer.from('PK\x03\x04'), name: 'images.zip' }]);
      expect(zip.status).toBe(400);
      expect(zip.json.error).toMatchObject({ code: 'validation_failed', field: 'images' });
      const broken = await upload(t, [{ bytes: Buffer.alloc(1024, 7), name: 'images.tar' }]);
      expect(broken.status).toBe(400);
      expect(broken.json.error.field).toBe('images');
      // Nothing was imported by the refused uploads.
      expect(
        (await t.request('GET', '/api/admin/mediawiki/imports', { as: 'admin' })).json.imports,
      ).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
