import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('security headers', () => {
  it('are sent on API answers, errors included', async () => {
    const t = await testApp();
    for (const path of ['/api/health', '/api/pages/accueil-inexistant']) {
      const r = await t.request('GET', path);
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('are sent with the browser application', async () => {
    const t = await testApp();
    const r = await t.request('GET', '/wiki/accueil');
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
