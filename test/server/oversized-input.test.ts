import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { markdownToText } from '../../registry/text/markdown-text.js';

/** `{"a":{"a":…1…}}` nested `depth` levels. */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('oversized or pathological inputs get a clean 4xx, never a 500', () => {
  it('refuses JSON nested too deeply with 400, on every JSON route (extra fields included)', async () => {
    const t = await testApp();
    // Well under the body limit (about 250 KB): extra fields are kept by the loose schemas and
    // serialised again, which overflowed the stack (500) before the depth check.
    const person = `{"slug":"profond","name":"Profond","contactable":false,"extra":${nested(50_000)}}`;
    const res = await t.request('POST', '/api/people', { as: 'contributor', body: person });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'validation_failed', field: 'body' });
    expect((await t.request('GET', '/api/people/profond', { as: 'admin' })).status).toBe(404);

    const resource =
      '{"slug":"profonde","name":"Profonde","kind":"software","summary":"s","description":"d",' +
      `"themes":["gestion"],"license":"MIT","extra":${nested(50_000)}}`;
    const r2 = await t.request('POST', '/api/resources', { as: 'contributor', body: resource });
    expect(r2.status).toBe(400);

    // The commons bundle import (admins, its own body reading) refuses it the same way.
    const bundle = `{"format":"commons-bundle/1","resources":[${resource}]}`;
    const r3 = await t.request('POST', '/api/import', { as: 'admin', body: bundle });
    expect(r3.status).toBe(400);
    expect(r3.json.error.field).toBe('body');

    // Reasonable nesting still works (extra fields are kept as they are).
    const ok = `{"slug":"raisonnable","name":"Raisonnable","contactable":false,"extra":${nested(20)}}`;
    const r4 = await t.request('POST', '/api/people', { as: 'contributor', body: ok });
    expect(r4.status).toBe(201);
  });

  it('saves, indexes and feeds the switchyard with markdown built to make regular expressions backtrack', async () => {
    // Each of these bodies (a few to a hundred kilobytes) kept the server busy for minutes to hours
    // in markdownToText (full-text triggers) or the switchyard's plain words: 4 KB of "|" and blank
    // lines took 42 s to save (bench/markdown-text.ts prints the figures).
    const bodies: [string, string][] = [
      ['crochets', `fondation ${'[['.repeat(50_000)}`],
      ['liens', `fondation ${'[a]('.repeat(50_000)}`],
      ['images', `fondation ${'!['.repeat(50_000)}`],
      ['balises', `fondation ${'a <'.repeat(50_000)}`],
      ['tableau', `fondation |${'\n'.repeat(50_000)}`],
      ['taches', `fondation [ ]${'\n'.repeat(50_000)}x`],
      ['regles', `fondation\n${'- - \n'.repeat(50_000)}x`],
    ];
    const t = await testApp();
    for (const [slug, markdown] of bodies) {
      expect(markdownToText(markdown)).toMatch(/^fondation/);
      const res = await t.request('PUT', `/api/pages/${slug}`, {
        as: 'contributor',
        body: { title: slug, markdown },
      });
      expect(res.status).toBe(201);
    }
    const found = await t.request('GET', '/api/search?q=fondation&limit=20');
    expect(found.status).toBe(200);
    expect(found.json.results.map((r: { slug: string }) => r.slug).sort()).toEqual(
      bodies.map(([slug]) => slug).sort(),
    );
    const sw = await t.request('POST', '/api/switchyard', {
      as: 'reader',
      body: { problem: 'fondation du tiers-lieu' },
    });
    expect(sw.status).toBe(200);
  });

  it('refuses a huge non-number in a number field at once', async () => {
    const t = await testApp();
    const defs = await t.request('PUT', '/api/page-fields/lieu', {
      as: 'admin',
      body: { fields: [{ name: 'surface', label: { fr: 'Surface', en: 'Area' }, type: 'number' }] },
    });
    expect(defs.status).toBe(200);
    const page = await t.request('PUT', '/api/pages/la-halle', {
      as: 'contributor',
      body: { title: 'La Halle', markdown: 'Un lieu.', kind: 'place' },
    });
    expect(page.status).toBe(201);
    // A megabyte of digits then a letter: the number pattern tried every split of the digits
    // (40,000 digits took 7 s, a megabyte over an hour).
    const res = await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { surface: `${'1'.repeat(1_000_000)}x` } },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('fields.surface');
    const ok = await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { surface: '1 200,5' } },
    });
    expect(ok.status).toBe(200);
  });
});
