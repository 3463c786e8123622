import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

describe('an account locked by a forced password reset', () => {
  it('cannot use its API tokens through REST either (co-editing already refused them)', async () => {
    const t = await testApp();
    const token = await t.tokenFor('contributor');
    const id = (
      t.db.prepare(`SELECT id FROM users WHERE role = 'contributor'`).get() as { id: number }
    ).id;
    expect(
      (
        await t.request('PUT', '/api/pages/avant', {
          as: 'contributor',
          body: { title: 'Avant', markdown: 'a' },
        })
      ).status,
    ).toBe(201);

    const forced = await t.request('POST', `/api/admin/users/${id}/force-reset`, { as: 'admin' });
    expect(forced.json.user.mustReset).toBe(true);

    // Whoever holds a token of the account (the reason for a forced reset may be that someone else
    // does) can neither write nor read as that account until the password is reset by mail.
    const write = await t.request('PUT', '/api/pages/apres', {
      as: 'contributor',
      body: { title: 'Après', markdown: 'b' },
    });
    expect(write.status).toBe(403);
    expect(write.json.error.code).toBe('password_reset_required');
    expect((await t.request('GET', '/api/pages/apres')).status).toBe(404);
    const me = await t.request('GET', '/api/auth/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(403);
    expect(me.json.error.code).toBe('password_reset_required');
    const newToken = await t.request('POST', '/api/auth/tokens', {
      as: 'contributor',
      body: { name: 'secours' },
    });
    expect(newToken.status).toBe(403);
  });

  it('a password changed by its owner voids the reset links sent before', async () => {
    const t = await testApp({ accountAnswerFloorMs: 0 });
    await t.tokenFor('contributor');
    expect(
      (
        await t.request('POST', '/api/auth/password-reset', {
          body: { email: 'contributor@example.org' },
        })
      ).status,
    ).toBe(202);
    const mail = t.db
      .prepare(`SELECT text FROM mail_outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1`)
      .get('contributor@example.org') as { text: string };
    const token = /[?&]token=([\w-]+)/.exec(mail.text)![1];
    // The owner (who did not ask, or changed their mind) changes the password knowing the current one.
    const changed = await t.request('POST', '/api/auth/password', {
      as: 'contributor',
      body: { currentPassword: 'password123', newPassword: 'une haie de noisetiers' },
    });
    expect(changed.status).toBe(200);
    // Whoever reads the earlier link (a mailbox read later, a forwarded mail) cannot reset it again.
    const reset = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'un autre mot de passe' },
    });
    expect(reset.status).toBe(400);
    expect(reset.json.error.code).toBe('token_invalid');
  });
});
