import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { configFromEnv } from '../../server/config.js';

describe('GET /api/accessibility (the statement’s contact)', () => {
  it('is null until the operator sets LC_A11Y_CONTACT', async () => {
    const { request } = await testApp();
    const res = await request('GET', '/api/accessibility');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ contact: null });
  });

  it('gives an e-mail address as such, publicly', async () => {
    const { request } = await testApp(
      configFromEnv({ LC_A11Y_CONTACT: ' mailto:accessibilite@reseau.example ' }),
    );
    expect((await request('GET', '/api/accessibility')).json).toEqual({
      contact: { kind: 'email', value: 'accessibilite@reseau.example' },
    });
  });

  it('gives anything else as a URL', async () => {
    const { request } = await testApp({ a11yContact: 'https://reseau.example/contact' });
    expect((await request('GET', '/api/accessibility')).json).toEqual({
      contact: { kind: 'url', value: 'https://reseau.example/contact' },
    });
  });
});
