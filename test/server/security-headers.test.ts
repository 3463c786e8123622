import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('security headers', () => {
  it('are sent on API answers and feeds, errors included: data is never run, framed or sniffed', async () => {
    const t = await testApp();
    for (const path of [
      '/api/health',
      '/api/pages/accueil-inexistant',
      '/api/pages/accueil',
      '/feed/recent-changes.atom',
    ]) {
      const r = await t.request('GET', path);
      expect(r.headers.get('content-security-policy'), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
    }
  });

  it('are sent with the browser application', async () => {
    const t = await testApp();
    const r = await t.request('GET', '/wiki/accueil');
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:");
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('strict-transport-security')).toContain('max-age=');
  });
});

describe('on the real HTTP server', () => {
  it('sends the security headers and reads the session cookie and bearer token from Node headers', async () => {
    const { openDatabase } = await import('../../server/db/open.js');
    const { startServer } = await import('../../server/server.js');
    const db = openDatabase(':memory:');
    const server = await startServer(db, { port: 0 });
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      const page = await fetch(`${server.url}/wiki/accueil`);
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('strict-transport-security')).toContain('max-age=');
      const reg = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.org', name: 'A', password: 'longenough' }),
      });
      const { csrfToken } = (await reg.json()) as { csrfToken: string };
      const cookie = reg.headers.get('set-cookie')!.split(';')[0];
      const meRes = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
      expect(meRes.headers.get('cache-control')).toBe('no-store');
      const me = (await meRes.json()) as { user: { email: string } };
      expect(me.user.email).toBe('a@example.org');
      const noCsrf = await fetch(`${server.url}/api/auth/tokens`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(noCsrf.status).toBe(403);
      const tok = await fetch(`${server.url}/api/auth/tokens`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: '{}',
      });
      const { token } = (await tok.json()) as { token: string };
      const viaToken = (await (
        await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        user: { email: string };
      };
      expect(viaToken.user.email).toBe('a@example.org');
    } finally {
      await server.close();
      db.close();
    }
  });
});

describe('caching of authenticated answers', () => {
  it('is forbidden (no-store), except for public page reads, which revalidate with their ETag', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/publique', {
      as: 'contributor',
      body: { title: 'Publique', markdown: 'Texte.' },
    });
    const me = await t.request('GET', '/api/auth/me', { as: 'contributor' });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const list = await t.request('GET', '/api/pages', { as: 'reader' });
    expect(list.headers.get('cache-control')).toBe('no-store');
    const page = await t.request('GET', '/api/pages/publique', { as: 'reader' });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('etag')).toBeTruthy();
    const anonymous = await t.request('GET', '/api/pages');
    expect(anonymous.headers.get('cache-control')).toBeNull();
  });
});
