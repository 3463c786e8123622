import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp, type AnswerJson } from '../helpers/app.js';

const FIXTURES = new URL('../fixtures/mediawiki/', import.meta.url).pathname;
const MOVILAB = readFileSync(`${FIXTURES}movilab.xml`);
const TEMPLATES = readFileSync(`${FIXTURES}templates.yml`, 'utf8');

/** Uploads an export as an admin's script would (multipart, bearer token). */
async function upload(
  t: Awaited<ReturnType<typeof testApp>>,
  role: 'admin' | 'facilitator',
  parts: Record<string, Blob | string>,
  name = 'movilab.xml',
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (v instanceof Blob) form.append(k, v, name);
    else form.append(k, v);
  }
  const res = await t.app.request('/api/admin/mediawiki/imports', {
    method: 'POST',
    headers: { authorization: `Bearer ${await t.tokenFor(role)}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as AnswerJson };
}

describe('/api/admin/mediawiki (admins)', () => {
  it('imports an uploaded export with the same code as the CLI, keeps the report, and makes pages readable and searchable', async () => {
    const t = await testApp();
    const r = await upload(
      t,
      'admin',
      { file: new Blob([gzipSync(MOVILAB)]), templates: TEMPLATES },
      'movilab.xml.gz',
    );
    expect(r.status).toBe(201);
    expect(r.json.import).toMatchObject({
      fileName: 'movilab.xml.gz',
      status: 'done',
      via: 'web',
      userName: 'Test admin',
      source: 'movilab',
    });
    expect(r.json.import.report.pages).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect(r.json.import.report.templates).toEqual({
      mapped: { Lieu: 1 },
      unmapped: { Ébauche: 1 },
    });

    const page = await t.request('GET', '/api/pages/la-coop-des-communs');
    expect(page.status).toBe(200);
    expect(page.json.kind).toBe('place');
    const history = await t.request('GET', '/api/pages/tiers-lieu/revisions');
    expect(history.json.revisions).toHaveLength(3);
    expect(history.json.revisions[2].imported).toEqual({ name: 'Margot', kind: 'user' });
    const found = await t.request('GET', '/api/search?q=fablab');
    expect(found.json.results.map((x: { slug: string }) => x.slug)).toContain('tiers-lieu');
    const moved = await t.request('GET', '/api/pages/lieu-intermediaire');
    expect(moved.status).toBe(308);

    const list = await t.request('GET', '/api/admin/mediawiki/imports', { as: 'admin' });
    expect(list.json.imports).toHaveLength(1);
    expect(list.json.imports[0].report).toBeNull();
    const one = await t.request('GET', `/api/admin/mediawiki/imports/${r.json.import.id}`, {
      as: 'admin',
    });
    expect(one.json.import.report.redirects.created).toBe(1);

    // The category page's description is shown above the category's pages, rendered safely.
    const category = await t.request('GET', '/api/wiki/categories/Tiers-lieux');
    expect(category.status).toBe(200);
    expect(category.json.description).toContain('tiers-lieux');
    expect(category.json.descriptionHtml).toMatch(/^<p>/);
    expect(category.json.descriptionHtml).not.toContain('<script');
    expect(category.json.pages.map((p: { slug: string }) => p.slug)).toContain('tiers-lieu');
    // A described category without pages yet exists; raw HTML in a description is never rendered.
    t.db
      .prepare(
        `INSERT INTO category_descriptions (category, markdown, source) VALUES ('Ateliers', '<script>alert(1)</script> Les **ateliers**.', 'movilab')`,
      )
      .run();
    const empty = await t.request('GET', '/api/wiki/categories/ateliers');
    expect(empty.status).toBe(200);
    expect(empty.json.pages).toEqual([]);
    expect(empty.json.descriptionHtml).toContain('<strong>ateliers</strong>');
    expect(empty.json.descriptionHtml).not.toContain('<script');
    expect((await t.request('GET', '/api/wiki/categories/Inconnue')).status).toBe(404);

    // Again: nothing changes.
    const again = await upload(t, 'admin', { file: new Blob([MOVILAB]) });
    expect(again.json.import.report.revisions).toMatchObject({ imported: 0, alreadyImported: 7 });
    t.services.close?.();
  });

  it('refuses other roles, a missing file, malformed XML (line, column, field) and a bad template map', async () => {
    const t = await testApp();
    expect((await upload(t, 'facilitator', { file: new Blob([MOVILAB]) })).status).toBe(403);
    expect(
      (await t.request('GET', '/api/admin/mediawiki/imports', { as: 'facilitator' })).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/admin/mediawiki/imports')).status).toBe(401);
    expect(
      (await t.request('GET', '/api/admin/mediawiki/imports/999', { as: 'admin' })).status,
    ).toBe(404);

    const none = await upload(t, 'admin', { templates: TEMPLATES });
    expect(none.status).toBe(400);
    expect(none.json.error.field).toBe('file');

    const broken = await upload(t, 'admin', {
      file: new Blob([readFileSync(`${FIXTURES}movilab-malformed.xml`)]),
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({
      code: 'validation_failed',
      field: 'file',
      line: 148,
    });
    expect(broken.json.error.message).toContain('line 148');
    const failed = await t.request(
      'GET',
      `/api/admin/mediawiki/imports/${broken.json.error.importId}`,
      { as: 'admin' },
    );
    expect(failed.json.import).toMatchObject({ status: 'failed' });
    expect(failed.json.import.error).toContain('line 148');

    const badMap = await upload(t, 'admin', {
      file: new Blob([MOVILAB]),
      templates: 'Lieu: [1, 2',
    });
    expect(badMap.status).toBe(400);
    expect(badMap.json.error.field).toBe('templates');
    const badNs = await upload(t, 'admin', { file: new Blob([MOVILAB]), namespaces: 'Inexistant' });
    expect(badNs.status).toBe(400);
    expect(badNs.json.error.field).toBe('namespaces');
    t.services.close?.();
  });
});

describe('/api/admin/mediawiki: exports as they reach an admin', () => {
  it('imports an export re-saved as UTF-16 (with its byte-order mark) like the UTF-8 one', async () => {
    const t = await testApp();
    const utf16 = Buffer.from(`\uFEFF${MOVILAB.toString('utf8')}`, 'utf16le');
    const r = await upload(t, 'admin', { file: new Blob([utf16]) }, 'movilab.xml');
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.import.report.pages).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect((await t.request('GET', '/api/pages/tiers-lieu')).status).toBe(200);
    t.services.close?.();
  });

  it('names the archive format of a dump it cannot read (bzip2, as dumps.wikimedia.org serves them; zip)', async () => {
    const t = await testApp();
    // The first bytes of a bzip2 stream (block size 9, block magic), as `bzip2 -9` writes them.
    const bz2 = Buffer.concat([Buffer.from('BZh91AY&SY', 'latin1'), Buffer.alloc(60)]);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)]);
    for (const [bytes, name, format] of [
      [bz2, 'movilab.xml.bz2', 'bzip2'],
      [zip, 'movilab.zip', 'zip'],
    ] as const) {
      const r = await upload(t, 'admin', { file: new Blob([bytes]) }, name);
      expect(r.status, name).toBe(400);
      expect(r.json.error.field).toBe('file');
      expect(r.json.error.message).toContain(`a ${format} archive, not XML`);
    }
    t.services.close?.();
  });
});
