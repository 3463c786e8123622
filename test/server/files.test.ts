import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type AnswerJson } from '../helpers/app.js';
import { tinyPng } from '../helpers/files.js';
import { LocalFileStorage, sha256Of } from '../../server/files/storage.js';
import {
  attachFile,
  fileNameFrom,
  getFileDetails,
  referencedFileNames,
  storeFile,
} from '../../server/files/files.js';
import { pageIdOf } from '../../registry/wiki/fields.js';

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const SVG = new TextEncoder().encode(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);
const HTML = new TextEncoder().encode(
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
);

type T = Awaited<ReturnType<typeof testApp>>;

async function upload(
  t: T,
  file: { bytes: Uint8Array; filename: string; type?: string },
  fields: Record<string, string> = {},
  role: 'contributor' | 'reader' | null = 'contributor',
) {
  const form = new FormData();
  form.set(
    'file',
    new File([new Uint8Array(file.bytes)], file.filename, {
      type: file.type ?? 'application/octet-stream',
    }),
  );
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const headers: Record<string, string> = role
    ? { authorization: `Bearer ${await t.tokenFor(role)}` }
    : {};
  const res = await t.app.request('/api/files', { method: 'POST', body: form, headers });
  return { status: res.status, json: (await res.json()) as AnswerJson };
}

describe('files', () => {
  it('uploads an image, sniffs its type from the bytes, stores it by hash, and serves it inline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-files-test-'));
    const t = await testApp({ filesDir: dir });
    const png = tinyPng();
    // The browser claims a PDF named .pdf: the bytes say PNG.
    const r = await upload(
      t,
      { bytes: png, filename: 'Logo de la Halle.PNG', type: 'application/pdf' },
      { comment: 'Premier logo' },
    );
    expect(r.status).toBe(201);
    expect(r.json.file).toMatchObject({
      name: 'logo-de-la-halle.png',
      version: 1,
      contentType: 'image/png',
      image: true,
      size: png.length,
      url: '/files/logo-de-la-halle.png',
    });
    expect(r.json.file.uploadedBy).toEqual({
      id: expect.any(Number),
      name: 'Test contributor',
      imported: false,
    });
    // Content-addressed under the data folder given.
    const hash = sha256Of(png);
    expect(r.json.file.sha256).toBe(hash);
    expect(readFileSync(join(dir, hash.slice(0, 2), hash.slice(2, 4), hash))).toEqual(
      Buffer.from(png),
    );

    const raw = await t.app.request('/files/logo-de-la-halle.png');
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('image/png');
    expect(raw.headers.get('content-disposition')).toBe('inline; filename="logo-de-la-halle.png"');
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    expect(raw.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(png);
  });

  it('serves SVG and HTML as attachments, never inline, whatever their name says', async () => {
    const t = await testApp();
    const svg = await upload(t, { bytes: SVG, filename: 'dessin.svg', type: 'image/svg+xml' });
    expect(svg.json.file.contentType).toBe('image/svg+xml');
    expect(svg.json.file.image).toBe(false);
    // HTML disguised as a PNG.
    const html = await upload(t, { bytes: HTML, filename: 'photo.png', type: 'image/png' });
    expect(html.json.file).toMatchObject({
      name: 'photo.png',
      contentType: 'text/html',
      image: false,
    });
    for (const name of ['dessin.svg', 'photo.png']) {
      const res = await t.app.request(`/files/${name}`);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    }
    const pdf = await upload(t, { bytes: PDF, filename: 'Statuts.pdf' });
    expect(pdf.json.file).toMatchObject({ contentType: 'application/pdf', image: false });
    expect((await t.app.request('/files/statuts.pdf')).headers.get('content-disposition')).toMatch(
      /^inline/,
    );
  });

  it('keeps versions: the same name again is a new version, the same bytes again are nothing new', async () => {
    const t = await testApp();
    const first = await upload(t, { bytes: tinyPng([1, 2, 3]), filename: 'plan.png' });
    const same = await upload(t, { bytes: tinyPng([1, 2, 3]), filename: 'plan.png' });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ created: false, changed: false, file: { version: 1 } });
    const second = await upload(
      t,
      { bytes: tinyPng([9, 9, 9]), filename: 'autre-nom.png' },
      { name: 'plan.png', comment: 'Plan corrigé' },
      'contributor',
    );
    expect(second.json).toMatchObject({
      created: false,
      changed: true,
      file: { name: 'plan.png', version: 2 },
    });
    const details = (await t.request('GET', '/api/files/plan.png')).json;
    expect(
      details.versions.map((v: { number: number; comment: string; originalName: string }) => [
        v.number,
        v.comment,
        v.originalName,
      ]),
    ).toEqual([
      [2, 'Plan corrigé', 'autre-nom.png'],
      [1, '', 'plan.png'],
    ]);
    // The current version by default, an older one by number (cacheable: it never changes).
    expect(new Uint8Array(await (await t.app.request('/files/plan.png')).arrayBuffer())).toEqual(
      tinyPng([9, 9, 9]),
    );
    const old = await t.app.request('/files/plan.png?version=1');
    expect(new Uint8Array(await old.arrayBuffer())).toEqual(tinyPng([1, 2, 3]));
    expect(old.headers.get('cache-control')).toContain('immutable');
    // Revalidation by hash: a bodiless 304 while the current version is the one held.
    const current = await t.app.request('/files/plan.png');
    expect(current.headers.get('cache-control')).toBe('no-cache');
    const etag = current.headers.get('etag')!;
    expect(
      (await t.app.request('/files/plan.png', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect(
      (
        await t.app.request('/files/plan.png', {
          headers: { 'if-none-match': `"${first.json.file.sha256}"` },
        })
      ).status,
    ).toBe(200);
    expect(first.json.file.sha256).not.toBe(second.json.file.sha256);
    expect((await t.app.request('/files/plan.png?version=3')).status).toBe(404);
  });

  it('tells where a file is used: pages linking to it and pages it is attached to', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/la-halle', {
      as: 'contributor',
      body: {
        title: 'La Halle',
        markdown:
          'Notre logo : ![Logo de la Halle](/files/logo.png)\n\n[Statuts](/files/statuts.pdf)\n',
      },
    });
    await t.request('PUT', '/api/pages/guide', {
      as: 'contributor',
      body: { title: 'Guide', markdown: 'Voir /files/logo.png.old et `logo.pngx`.\n' },
    });
    await t.request('PUT', '/api/pages/annexe', {
      as: 'contributor',
      body: { title: 'Annexe', markdown: 'Rien.\n' },
    });
    await upload(t, { bytes: tinyPng(), filename: 'logo.png' });
    await upload(t, { bytes: PDF, filename: 'statuts.pdf' }, { page: 'annexe' });

    const logo = (await t.request('GET', '/api/files/logo.png')).json;
    expect(logo.usedBy).toEqual([
      { slug: 'la-halle', title: 'La Halle', attached: false, linked: true },
    ]);
    const statuts = (await t.request('GET', '/api/files/statuts.pdf')).json;
    expect(statuts.usedBy.map((u: { slug: string }) => u.slug)).toEqual(['annexe', 'la-halle']);

    // The page renders the image with its alt text, and the PDF as a link.
    const page = (await t.request('GET', '/api/pages/la-halle')).json;
    expect(page.html).toContain('<img src="/files/logo.png" alt="Logo de la Halle"');
    expect(page.html).toContain('<a href="/files/statuts.pdf">Statuts</a>');

    // A page's files list: attached and linked ones; attaching and detaching.
    const names = async (slug: string) =>
      (await t.request('GET', `/api/pages/${slug}/files`)).json.files.map(
        (f: { name: string }) => f.name,
      );
    expect(await names('la-halle')).toEqual(['logo.png', 'statuts.pdf']);
    expect(await names('annexe')).toEqual(['statuts.pdf']);
    expect(
      (
        await t.request('POST', '/api/pages/annexe/files', {
          as: 'contributor',
          body: { name: 'logo.png' },
        })
      ).status,
    ).toBe(200);
    expect(await names('annexe')).toEqual(['logo.png', 'statuts.pdf']);
    await t.request('DELETE', '/api/pages/annexe/files/logo.png', { as: 'contributor' });
    expect(await names('annexe')).toEqual(['statuts.pdf']);
    expect(
      (
        await t.request('POST', '/api/pages/annexe/files', {
          as: 'contributor',
          body: { name: 'absent.png' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('POST', '/api/pages/annexe/files', {
          as: 'reader',
          body: { name: 'logo.png' },
        })
      ).status,
    ).toBe(403);

    // The list of files.
    const list = (await t.request('GET', '/api/files?q=log')).json;
    expect(list.total).toBe(1);
    expect(list.files[0].name).toBe('logo.png');
  });

  it('refuses uploads over LC_UPLOAD_LIMIT with 413, and bad uploads with a 400 naming the field', async () => {
    const t = await testApp({ uploadLimit: 2000, bodyLimit: 100 });
    // Above the general body limit but under the upload limit: accepted.
    expect(
      (await upload(t, { bytes: new Uint8Array(800).fill(65), filename: 'notes.txt' })).status,
    ).toBe(201);
    const big = await upload(t, { bytes: new Uint8Array(5000).fill(65), filename: 'gros.txt' });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('payload_too_large');
    expect((await t.request('GET', '/api/files/gros.txt')).status).toBe(404);

    expect(
      (await upload(t, { bytes: new Uint8Array(0), filename: 'vide.txt' })).json.error,
    ).toMatchObject({ field: 'file' });
    expect((await upload(t, { bytes: PDF, filename: '!!!.pdf' })).json.error).toMatchObject({
      field: 'file',
    });
    expect((await upload(t, { bytes: PDF, filename: 'a.pdf' }, { page: 'absente' })).status).toBe(
      404,
    );
    expect(
      (await upload(t, { bytes: PDF, filename: 'a.pdf' }, { page: 'Pas Un Slug' })).json.error,
    ).toMatchObject({ field: 'page' });
    const json = await t.request('POST', '/api/files', { as: 'contributor', body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.json.error.field).toBe('file');
    const noFile = new FormData();
    noFile.set('name', 'x.txt');
    const res = await t.app.request('/api/files', {
      method: 'POST',
      body: noFile,
      headers: { authorization: `Bearer ${await t.tokenFor('contributor')}` },
    });
    expect(((await res.json()) as AnswerJson).error.field).toBe('file');

    // Roles: readers and anonymous visitors cannot upload.
    expect((await upload(t, { bytes: PDF, filename: 'a.pdf' }, {}, 'reader')).status).toBe(403);
    expect((await upload(t, { bytes: PDF, filename: 'a.pdf' }, {}, null)).status).toBe(401);
    expect((await t.request('GET', '/api/files/Pas_Un_Nom')).json.error.field).toBe('name');
  });

  it('keeps files private on a private wiki', async () => {
    const t = await testApp({ publicRead: false });
    await upload(t, { bytes: PDF, filename: 'interne.pdf' });
    expect((await t.app.request('/files/interne.pdf')).status).toBe(401);
    expect((await t.request('GET', '/api/files/interne.pdf')).status).toBe(401);
    const asReader = await t.app.request('/files/interne.pdf', {
      headers: { authorization: `Bearer ${await t.tokenFor('reader')}` },
    });
    expect(asReader.status).toBe(200);
  });

  it('gives importers functions that work without HTTP (imported uploader names, source dates, attachments)', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/lieu', {
      as: 'contributor',
      body: { title: 'Lieu', markdown: 'x' },
    });
    const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'lc-import-files-')));
    const r = await storeFile(t.db, storage, {
      bytes: tinyPng(),
      originalName: 'Façade du Lieu.jpg',
      userId: null,
      uploaderName: 'Movilab-Bot',
      uploadedAt: '2015-04-01T10:00:00.000Z',
      comment: 'importé de Movilab',
      pageId: pageIdOf(t.db, 'lieu'),
    });
    expect(r.file).toMatchObject({
      name: 'facade-du-lieu.jpg',
      contentType: 'image/png',
      updatedAt: '2015-04-01T10:00:00.000Z',
    });
    expect(r.file.uploadedBy).toEqual({ id: null, name: 'Movilab-Bot', imported: true });
    expect(existsSync(storage.pathOf(r.file.sha256))).toBe(true);
    attachFile(t.db, pageIdOf(t.db, 'lieu'), 'facade-du-lieu.jpg');
    expect(getFileDetails(t.db, 'facade-du-lieu.jpg').usedBy).toEqual([
      { slug: 'lieu', title: 'Lieu', attached: true, linked: false },
    ]);
    expect(fileNameFrom('C:\\Photos\\Été 2019 (1).JPEG')).toBe('ete-2019-1.jpeg');
    expect(
      referencedFileNames(
        '![a](/files/x.png) [b](/files/y-1.pdf "t") /files/z.txt, (/files/bad_name)',
      ),
    ).toEqual(['x.png', 'y-1.pdf', 'z.txt']);
  });
});
