import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('OpenAPI description of the wiki', () => {
  it('documents every wiki route the app serves, with each method', async () => {
    const t = await testApp();
    const doc = (await t.request('GET', '/api/openapi.json')).json;
    const wikiRoutes = t.app.routes.filter(
      (r) => /^\/(?:api\/pages|api\/wiki|api\/recent-changes|feed)(?:\/|$)/.test(r.path) && r.method !== 'ALL' && !r.path.endsWith('*'),
    );
    expect(wikiRoutes.length).toBeGreaterThanOrEqual(15);
    for (const r of wikiRoutes) {
      const path = r.path.replace(/\/$/, '').replace(/:(\w+)/g, (_, name: string) => `{${name === 'n' ? 'n' : name}}`);
      expect(doc.paths[path], path).toBeDefined();
      expect(doc.paths[path][r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
    expect(doc.components.schemas.Page.required).toContain('backlinkCount');
  });
});
