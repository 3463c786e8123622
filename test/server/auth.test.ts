import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const cookieOf = (headers: Headers) => headers.get('set-cookie')!.split(';')[0];

describe('accounts and sessions', () => {
  it('makes the first account admin and signs it in; later sign-ups wait for their address to be verified', async () => {
    const t = await testApp();
    const a = await t.request('POST', '/api/auth/register', {
      body: { email: 'a@x.org', name: 'A', password: 'longenough' },
    });
    expect(a.status).toBe(201);
    expect(a.json.user.role).toBe('admin');
    const b = await t.request('POST', '/api/auth/register', {
      body: { email: 'b@x.org', name: 'B', password: 'longenough' },
    });
    expect(b.status).toBe(202);
    expect(b.json).toEqual({ status: 'check_mail' });
    // The same answer for an address that has an account (accounts.test.ts follows the mails).
    const dup = await t.request('POST', '/api/auth/register', {
      body: { email: 'B@x.org', name: 'B', password: 'longenough' },
    });
    expect(dup.status).toBe(202);
    expect(dup.json).toEqual(b.json);
  });

  it('sets an HttpOnly SameSite session cookie and stores a scrypt hash', async () => {
    const t = await testApp();
    const r = await t.request('POST', '/api/auth/register', {
      body: { email: 'a@x.org', name: 'A', password: 'longenough' },
    });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const row = t.db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('longenough');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const t = await testApp();
    const r = await t.request('POST', '/api/auth/register', {
      body: { email: 'a@x.org', name: 'A', password: 'longenough' },
    });
    const cookie = cookieOf(r.headers);
    const body = { title: 'Essai', markdown: 'x' };
    const without = await t.request('PUT', '/api/pages/essai', { body, headers: { cookie } });
    expect(without.status).toBe(403);
    expect(without.json.error.code).toBe('csrf_failed');
    const withToken = await t.request('PUT', '/api/pages/essai', {
      body,
      headers: { cookie, 'x-csrf-token': r.json.csrfToken },
    });
    expect(withToken.status).toBe(201);
    const me = await t.request('GET', '/api/auth/me', { headers: { cookie } });
    expect(me.json.user.email).toBe('a@x.org');
    expect(me.json.csrfToken).toBe(r.json.csrfToken);
  });

  it('logs in and out, and refuses wrong passwords with 401', async () => {
    const t = await testApp();
    await t.request('POST', '/api/auth/register', {
      body: { email: 'a@x.org', name: 'A', password: 'longenough' },
    });
    const bad = await t.request('POST', '/api/auth/login', {
      body: { email: 'a@x.org', password: 'nope' },
    });
    expect(bad.status).toBe(401);
    const ok = await t.request('POST', '/api/auth/login', {
      body: { email: 'A@X.org', password: 'longenough' },
    });
    expect(ok.status).toBe(200);
    const cookie = cookieOf(ok.headers);
    const out = await t.request('POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': ok.json.csrfToken },
    });
    expect(out.status).toBe(200);
    const me = await t.request('GET', '/api/auth/me', { headers: { cookie } });
    expect(me.json.user).toBeNull();
  });

  it('rate-limits login attempts per account', async () => {
    const t = await testApp({ loginMaxAttempts: 3 });
    await t.request('POST', '/api/auth/register', {
      body: { email: 'a@x.org', name: 'A', password: 'longenough' },
    });
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await t.request('POST', '/api/auth/login', {
            body: { email: 'a@x.org', password: 'wrong' },
          })
        ).status,
      ).toBe(401);
    }
    const limited = await t.request('POST', '/api/auth/login', {
      body: { email: 'a@x.org', password: 'longenough' },
    });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
  });

  it('names the bad field and refuses malformed JSON with 400', async () => {
    const t = await testApp();
    const r = await t.request('POST', '/api/auth/register', {
      body: { email: 'not-an-email', name: 'A', password: 'longenough' },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe('email');
    const m = await t.request('POST', '/api/auth/register', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(m.status).toBe(400);
  });

  it('checks roles on writes: readers cannot edit pages, bad tokens get 401', async () => {
    const t = await testApp();
    const r = await t.request('PUT', '/api/pages/essai', {
      body: { title: 'Essai', markdown: 'x' },
      as: 'reader',
    });
    expect(r.status).toBe(403);
    const anon = await t.request('PUT', '/api/pages/essai', {
      body: { title: 'Essai', markdown: 'x' },
    });
    expect(anon.status).toBe(401);
    const bad = await t.request('GET', '/api/pages/essai', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(bad.status).toBe(401);
  });
});
