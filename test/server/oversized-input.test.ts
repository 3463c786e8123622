import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

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
});
