import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('registry OpenAPI description', () => {
  it('describes every registry route', async () => {
    const t = await testApp();
    const doc = (await t.request('GET', '/api/openapi.json')).json;
    const routes: [string, string][] = [
      ['/api/resources', 'get'],
      ['/api/resources', 'post'],
      ['/api/resources/{slug}', 'get'],
      ['/api/resources/{slug}', 'put'],
      ['/api/resources/{slug}', 'delete'],
      ['/api/resources/{slug}/usages', 'post'],
      ['/api/resources/{slug}/referents', 'post'],
      ['/api/resources/{slug}/assessments', 'get'],
      ['/api/resources/{slug}/assessments', 'post'],
      ['/api/criteria', 'get'],
      ['/api/criteria', 'put'],
      ['/api/licenses/check', 'get'],
      ['/api/places', 'get'],
      ['/api/places', 'post'],
      ['/api/map/places', 'get'],
      ['/api/places/{slug}', 'get'],
      ['/api/places/{slug}', 'put'],
      ['/api/people', 'get'],
      ['/api/people', 'post'],
      ['/api/people/{slug}', 'get'],
      ['/api/people/{slug}', 'put'],
      ['/api/people/{slug}/contact', 'post'],
      ['/api/import', 'post'],
      ['/api/export', 'get'],
    ];
    for (const [path, method] of routes)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.components.schemas.ResourceSummary).toBeDefined();
  });
});
