import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('POST /api/wiki/preview (the edit form preview)', () => {
  it('renders like a saved page, marks missing pages, and saves nothing', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/compost', {
      as: 'contributor',
      body: { title: 'Compost', markdown: 'Du compost.' },
    });
    const r = await t.request('POST', '/api/wiki/preview', {
      as: 'contributor',
      body: {
        markdown:
          '## Étapes\n\n- [x] [[Compost]]\n- [ ] [[Jardin partagé]]\n\n<script>alert(1)</script> [x](javascript:alert(1))',
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.html).toContain('<h2 id="h-etapes">Étapes</h2>');
    expect(r.json.html).toContain('<a class="wikilink" href="/wiki/compost">Compost</a>');
    expect(r.json.html).toContain(
      '<a class="wikilink missing" href="/wiki/jardin-partage">Jardin partagé</a>',
    );
    expect(r.json.html).not.toContain('<script');
    expect(r.json.html).not.toContain('href="javascript:');
    const pages = await t.request('GET', '/api/pages');
    expect(pages.json.total).toBe(1);
  });

  it('is for contributors, and names the missing field', async () => {
    const t = await testApp();
    expect((await t.request('POST', '/api/wiki/preview', { body: { markdown: 'x' } })).status).toBe(
      401,
    );
    expect(
      (await t.request('POST', '/api/wiki/preview', { as: 'reader', body: { markdown: 'x' } }))
        .status,
    ).toBe(403);
    const bad = await t.request('POST', '/api/wiki/preview', { as: 'contributor', body: {} });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('markdown');
  });
});
