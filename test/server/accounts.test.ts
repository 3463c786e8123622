import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { createUser } from '../../server/auth/users.js';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

const PASSWORD = 'un jardin partagé';
// Each scrypt hash (sign-ups, logins, resets) takes from 50 ms to over a second on a busy machine: these
// tests hash a dozen times or more.

/** An app whose mails go to the test SMTP server, with an admin account signed up first. */
async function setup(config: Parameters<typeof testApp>[0] = {}) {
  const t = await testApp({
    smtpUrl: smtp.url,
    accountAnswerFloorMs: 0,
    publicUrl: 'https://wiki.example.org',
    ...config,
  });
  await t.tokenFor('admin');
  const cookieOf = (headers: Headers) => headers.get('set-cookie')!.split(';')[0];
  return {
    ...t,
    /** Delivers queued mail now and returns the last one sent to `to` (with `kind`'s subject). */
    async lastMail(to: string) {
      await t.services.mail.flush();
      const mails = smtp.mails.filter((m) => m.envelopeTo.includes(to));
      return mails[mails.length - 1];
    },
    async mailsTo(to: string) {
      await t.services.mail.flush();
      return smtp.mails.filter((m) => m.envelopeTo.includes(to));
    },
    /** The secret in a link of a mail (`?token=` or `?invitation=`). */
    secretIn(text: string, param = 'token') {
      const m = new RegExp(`[?&]${param}=([\\w-]+)`).exec(text);
      expect(m, `a ${param} link in the mail`).not.toBeNull();
      return m![1];
    },
    async login(email: string, password: string, userAgent = 'test-agent') {
      const r = await t.request('POST', '/api/auth/login', {
        body: { email, password },
        headers: { 'user-agent': userAgent },
      });
      return {
        ...r,
        cookie: r.status === 200 ? cookieOf(r.headers) : '',
        csrf: r.json?.csrfToken as string,
      };
    },
    cookieOf,
  };
}

describe('sign-up', { timeout: 90_000 }, () => {
  it('verifies the address by mail before the first sign-in, and answers alike for addresses that have an account', async () => {
    const t = await setup();
    const body = { email: 'camille@example.org', name: 'Camille', password: PASSWORD };
    const first = await t.request('POST', '/api/auth/register', { body });
    expect(first.status).toBe(202);
    expect(first.headers.get('set-cookie')).toBeNull();
    const early = await t.login('camille@example.org', PASSWORD);
    expect(early.status).toBe(403);
    expect(early.json.error.code).toBe('email_unverified');

    const mail = await t.lastMail('camille@example.org');
    expect(mail.subject).toContain('Confirmez votre adresse');
    expect(mail.text).toContain('https://wiki.example.org/compte/verifier?token=');
    const token = t.secretIn(mail.text!);
    const wrongPassword = await t.request('POST', '/api/auth/verify', {
      body: { token, password: 'pas le bon' },
    });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.json.error.field).toBe('password');
    const verified = await t.request('POST', '/api/auth/verify', {
      body: { token, password: PASSWORD },
    });
    expect(verified.status).toBe(200);
    expect(verified.json.user).toMatchObject({
      email: 'camille@example.org',
      role: 'contributor',
      emailVerified: true,
    });
    expect(verified.headers.get('set-cookie')).toMatch(/lc_session=/);
    const again = await t.request('POST', '/api/auth/verify', {
      body: { token, password: PASSWORD },
    });
    expect(again.status).toBe(400);
    expect(again.json.error).toMatchObject({ code: 'token_invalid', field: 'token' });

    // The same address again: same status and body, no second account, and a mail to the owner only.
    const dup = await t.request('POST', '/api/auth/register', {
      body: { ...body, name: 'Intrus' },
    });
    expect(dup.status).toBe(first.status);
    expect(dup.json).toEqual(first.json);
    const notice = await t.lastMail('camille@example.org');
    expect(notice.subject).toContain('Vous avez déjà un compte');
    expect(
      (
        t.db
          .prepare(`SELECT COUNT(*) AS n FROM users WHERE email = 'camille@example.org'`)
          .get() as { n: number }
      ).n,
    ).toBe(1);
    expect((await t.login('camille@example.org', PASSWORD)).status).toBe(200);
  });

  it('a stranger who signs up first with someone’s address can neither verify nor keep the account', async () => {
    const t = await setup();
    const signUp = (name: string, password: string) =>
      t.request('POST', '/api/auth/register', {
        body: { email: 'rosa@example.org', name, password },
      });
    await signUp('Intrus', 'le mot de passe de l’intrus');
    const strangersLink = t.secretIn((await t.lastMail('rosa@example.org')).text!);
    await signUp('Rosa', PASSWORD);
    const ownLink = t.secretIn((await t.lastMail('rosa@example.org')).text!);
    expect(ownLink).not.toBe(strangersLink);
    // The owner clicks the stranger's link by mistake: her password does not open it.
    const mistaken = await t.request('POST', '/api/auth/verify', {
      body: { token: strangersLink, password: PASSWORD },
    });
    expect(mistaken.json.error.field).toBe('password');
    const ok = await t.request('POST', '/api/auth/verify', {
      body: { token: ownLink, password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    // The account has her password; the stranger's neither signs in nor verifies any more.
    expect((await t.login('rosa@example.org', 'le mot de passe de l’intrus')).status).toBe(401);
    expect((await t.login('rosa@example.org', PASSWORD)).status).toBe(200);
    const late = await t.request('POST', '/api/auth/verify', {
      body: { token: strangersLink, password: 'le mot de passe de l’intrus' },
    });
    expect(late.json.error.code).toBe('token_invalid');
  });

  it('refuses short and common passwords, naming the field and the reason', async () => {
    const t = await setup();
    const short = await t.request('POST', '/api/auth/register', {
      body: { email: 'x@example.org', name: 'X', password: 'court' },
    });
    expect(short.status).toBe(400);
    expect(short.json.error).toMatchObject({
      code: 'validation_failed',
      field: 'password',
      reason: 'too_short',
    });
    for (const password of ['azerty123', 'Password123', 'motdepasse']) {
      const common = await t.request('POST', '/api/auth/register', {
        body: { email: 'x@example.org', name: 'X', password },
      });
      expect(common.status, password).toBe(400);
      expect(common.json.error).toMatchObject({ field: 'password', reason: 'too_common' });
    }
    const email = await t.request('POST', '/api/auth/register', {
      body: { email: 'pas une adresse', name: 'X', password: PASSWORD },
    });
    expect(email.json.error.field).toBe('email');
  });

  it('throttles sign-ups per address and globally', async () => {
    const t = await setup({ signupMaxPerAddress: 2, signupMaxGlobal: 3 });
    const signUp = (i: number) =>
      t.request('POST', '/api/auth/register', {
        body: { email: `p${i}@example.org`, name: `P${i}`, password: PASSWORD },
      });
    expect((await signUp(1)).status).toBe(202);
    expect((await signUp(2)).status).toBe(202);
    const third = await signUp(3);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('under the approval policy, new accounts are readers until a facilitator approves them', async () => {
    const t = await setup();
    expect(
      (
        await t.request('PUT', '/api/admin/signup-policy', {
          body: { policy: 'approval' },
          as: 'facilitator',
        })
      ).status,
    ).toBe(403);
    const bad = await t.request('PUT', '/api/admin/signup-policy', {
      body: { policy: 'closed' },
      as: 'admin',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('policy');
    expect(
      (
        await t.request('PUT', '/api/admin/signup-policy', {
          body: { policy: 'approval' },
          as: 'admin',
        })
      ).json.policy,
    ).toBe('approval');
    expect((await t.request('GET', '/api/auth/signup-policy')).json.policy).toBe('approval');

    await t.request('POST', '/api/auth/register', {
      body: { email: 'noe@example.org', name: 'Noé', password: PASSWORD },
    });
    const verified = await t.request('POST', '/api/auth/verify', {
      body: { token: t.secretIn((await t.lastMail('noe@example.org')).text!), password: PASSWORD },
    });
    expect(verified.json.user).toMatchObject({ role: 'reader', status: 'pending' });
    const pending = await t.request('GET', '/api/admin/users?status=pending', {
      as: 'facilitator',
    });
    expect(pending.json.users.map((u: { email: string }) => u.email)).toEqual(['noe@example.org']);
    const id = pending.json.users[0].id;
    expect(
      (await t.request('POST', `/api/admin/users/${id}/approve`, { as: 'contributor' })).status,
    ).toBe(403);
    const approved = await t.request('POST', `/api/admin/users/${id}/approve`, {
      as: 'facilitator',
    });
    expect(approved.json.user).toMatchObject({ role: 'contributor', status: 'active' });
    expect(
      (await t.request('POST', `/api/admin/users/${id}/approve`, { as: 'facilitator' })).status,
    ).toBe(409);
    expect((await t.lastMail('noe@example.org')).subject).toContain('Compte validé');
  });

  it('under the approval policy, admins get a mail once a new account has confirmed its address and waits', async () => {
    const t = await setup();
    await createUser(t.db, {
      email: 'admin2@example.org',
      name: 'Deuxième admin',
      password: PASSWORD,
      role: 'admin',
    });
    await t.tokenFor('facilitator');
    await t.request('PUT', '/api/admin/signup-policy', {
      body: { policy: 'approval' },
      as: 'admin',
    });
    // The SMTP server is shared by the file's tests: only this test's accounts count.
    const approvalMails = async (name = 'Inès') =>
      (await t.mailsTo('admin@example.org'))
        .concat(await t.mailsTo('admin2@example.org'))
        .filter((m) => m.subject === `Compte à valider : ${name} / Account waiting for approval`);

    await t.request('POST', '/api/auth/register', {
      body: { email: 'ines@example.org', name: 'Inès', password: PASSWORD },
    });
    // An unconfirmed sign-up (anyone may type any address) alerts nobody.
    expect(await approvalMails()).toEqual([]);
    const token = t.secretIn((await t.lastMail('ines@example.org')).text!);
    const verified = await t.request('POST', '/api/auth/verify', {
      body: { token, password: PASSWORD },
    });
    expect(verified.json.user).toMatchObject({ status: 'pending' });

    const mails = await approvalMails();
    expect(
      mails
        .map((m) => m.envelopeTo)
        .flat()
        .sort(),
    ).toEqual(['admin2@example.org', 'admin@example.org']);
    expect(mails[0].subject).toBe('Compte à valider : Inès / Account waiting for approval');
    expect(mails[0].text).toContain('Inès (ines@example.org)');
    expect(mails[0].text).toContain('https://wiki.example.org/admin/comptes');
    expect(
      (await t.mailsTo('facilitator@example.org')).filter((m) =>
        m.subject?.startsWith('Compte à valider'),
      ),
    ).toEqual([]);

    // Under the open policy, a new account waits for nobody: no mail.
    await t.request('PUT', '/api/admin/signup-policy', { body: { policy: 'open' }, as: 'admin' });
    await t.request('POST', '/api/auth/register', {
      body: { email: 'tom@example.org', name: 'Tom', password: PASSWORD },
    });
    await t.request('POST', '/api/auth/verify', {
      body: { token: t.secretIn((await t.lastMail('tom@example.org')).text!), password: PASSWORD },
    });
    expect(await approvalMails('Tom')).toEqual([]);
    expect(await approvalMails()).toHaveLength(2);
  });

  it('under the invitation policy, only an invitation link (7 days, single use) opens an account', async () => {
    const t = await setup();
    await t.request('PUT', '/api/admin/signup-policy', {
      body: { policy: 'invitation' },
      as: 'admin',
    });
    const open = await t.request('POST', '/api/auth/register', {
      body: { email: 'lea@example.org', name: 'Léa', password: PASSWORD },
    });
    expect(open.status).toBe(403);

    expect(
      (
        await t.request('POST', '/api/admin/invitations', {
          body: { email: 'lea@example.org', role: 'admin' },
          as: 'facilitator',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', '/api/admin/invitations', {
          body: { email: 'lea@example.org' },
          as: 'contributor',
        })
      ).status,
    ).toBe(403);
    const sent = await t.request('POST', '/api/admin/invitations', {
      body: { email: 'lea@example.org', role: 'facilitator' },
      as: 'admin',
    });
    expect(sent.status).toBe(201);
    const days = (Date.parse(sent.json.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const mail = await t.lastMail('lea@example.org');
    expect(mail.subject).toContain('Invitation');
    const invitation = t.secretIn(mail.text!, 'invitation');
    expect((await t.request('GET', `/api/auth/invitations/${invitation}`)).json).toMatchObject({
      email: 'lea@example.org',
      role: 'facilitator',
    });

    const wrong = await t.request('POST', '/api/auth/register', {
      body: { email: 'autre@example.org', name: 'Léa', password: PASSWORD, invitation },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.field).toBe('email');
    const ok = await t.request('POST', '/api/auth/register', {
      body: { email: 'LEA@example.org', name: 'Léa', password: PASSWORD, invitation },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.user).toMatchObject({ role: 'facilitator', emailVerified: true });
    const reused = await t.request('POST', '/api/auth/register', {
      body: { email: 'lea@example.org', name: 'Léa', password: PASSWORD, invitation },
    });
    expect(reused.status).toBe(400);
    expect(reused.json.error).toMatchObject({ code: 'token_invalid', field: 'invitation' });
    const list = await t.request('GET', '/api/admin/invitations', { as: 'facilitator' });
    expect(list.json.invitations[0]).toMatchObject({ email: 'lea@example.org', status: 'used' });
  });
});

describe('passwords', { timeout: 90_000 }, () => {
  it('resets by mail with a single-use link valid one hour, without telling which addresses have an account', async () => {
    const t = await setup();
    await createUser(t.db, { email: 'sam@example.org', name: 'Sam', password: PASSWORD });
    const before = await t.login('sam@example.org', PASSWORD);
    const known = await t.request('POST', '/api/auth/password-reset', {
      body: { email: 'sam@example.org' },
    });
    const unknown = await t.request('POST', '/api/auth/password-reset', {
      body: { email: 'personne@example.org' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.json).toEqual(known.json);
    expect(await t.mailsTo('personne@example.org')).toEqual([]);
    const mail = await t.lastMail('sam@example.org');
    expect(mail.text).toContain('https://wiki.example.org/compte/reinitialiser?token=');
    const token = t.secretIn(mail.text!);

    const common = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'qwerty123' },
    });
    expect(common.status).toBe(400);
    expect(common.json.error.field).toBe('password');
    const done = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'une haie de noisetiers' },
    });
    expect(done.status).toBe(200);
    // Every session of the account was closed; the new password works, the old one not.
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: before.cookie } })).json.user,
    ).toBeNull();
    expect((await t.login('sam@example.org', PASSWORD)).status).toBe(401);
    expect((await t.login('sam@example.org', 'une haie de noisetiers')).status).toBe(200);
    const reused = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token, password: 'encore un autre essai' },
    });
    expect(reused.json.error.code).toBe('token_invalid');

    // A link older than an hour is refused.
    await t.request('POST', '/api/auth/password-reset', { body: { email: 'sam@example.org' } });
    const late = t.secretIn((await t.lastMail('sam@example.org')).text!);
    t.db
      .prepare(
        `UPDATE account_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ','now','-1 second')`,
      )
      .run();
    const expired = await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token: late, password: 'encore un autre essai' },
    });
    expect(expired.status).toBe(400);
    expect(expired.json.error.code).toBe('token_invalid');
  });

  it('changes a password knowing the old one, closing the other sessions and telling the owner', async () => {
    const t = await setup();
    await createUser(t.db, { email: 'ali@example.org', name: 'Ali', password: PASSWORD });
    const laptop = await t.login('ali@example.org', PASSWORD, 'Laptop');
    const phone = await t.login('ali@example.org', PASSWORD, 'Phone');
    const change = (currentPassword: string, newPassword: string) =>
      t.request('POST', '/api/auth/password', {
        body: { currentPassword, newPassword },
        headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf },
      });
    const wrong = await change('pas le bon', 'une haie de noisetiers');
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.field).toBe('currentPassword');
    const weak = await change(PASSWORD, '12345678');
    expect(weak.json.error).toMatchObject({ field: 'newPassword', reason: 'too_common' });
    expect((await change(PASSWORD, 'une haie de noisetiers')).status).toBe(200);
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: laptop.cookie } })).json.user
        .email,
    ).toBe('ali@example.org');
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: phone.cookie } })).json.user,
    ).toBeNull();
    expect((await t.lastMail('ali@example.org')).subject).toContain('Mot de passe changé');
    expect(
      (
        await t.request('POST', '/api/auth/password', {
          body: { currentPassword: 'x', newPassword: 'y' },
        })
      ).status,
    ).toBe(401);
  });

  it('a password change revokes every API token of the account; the session that made it stays', async () => {
    const t = await setup();
    await createUser(t.db, { email: 'maud@example.org', name: 'Maud', password: PASSWORD });
    const laptop = await t.login('maud@example.org', PASSWORD, 'Laptop');
    const as = { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf };
    const made = await t.request('POST', '/api/auth/tokens', {
      body: { name: 'script' },
      headers: as,
    });
    const bearer = { authorization: `Bearer ${made.json.token}` };
    expect((await t.request('GET', '/api/auth/me', { headers: bearer })).status).toBe(200);

    const changed = await t.request('POST', '/api/auth/password', {
      body: { currentPassword: PASSWORD, newPassword: 'une haie de noisetiers' },
      headers: as,
    });
    expect(changed.status).toBe(200);
    const after = await t.request('GET', '/api/auth/me', { headers: bearer });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthenticated');
    expect((await t.request('GET', '/api/auth/tokens', { headers: as })).json.tokens).toEqual([]);
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: laptop.cookie } })).json.user
        .email,
    ).toBe('maud@example.org');
    expect((await t.lastMail('maud@example.org')).text).toContain("jetons d'API révoqués");
    const log = await t.request('GET', '/api/admin/audit?action=password_changed', { as: 'admin' });
    expect(log.json.entries[0].detail).toMatchObject({ tokensRevoked: 1 });
  });

  it('a reset by mail revokes every API token and every session of the account', async () => {
    const t = await setup();
    await createUser(t.db, { email: 'noor@example.org', name: 'Noor', password: PASSWORD });
    const phone = await t.login('noor@example.org', PASSWORD, 'Phone');
    const made = await t.request('POST', '/api/auth/tokens', {
      body: { name: 'script' },
      headers: { cookie: phone.cookie, 'x-csrf-token': phone.csrf },
    });
    const bearer = { authorization: `Bearer ${made.json.token}` };
    expect((await t.request('GET', '/api/auth/me', { headers: bearer })).status).toBe(200);

    await t.request('POST', '/api/auth/password-reset', { body: { email: 'noor@example.org' } });
    const token = t.secretIn((await t.lastMail('noor@example.org')).text!);
    expect(
      (
        await t.request('POST', '/api/auth/password-reset/confirm', {
          body: { token, password: 'une haie de noisetiers' },
        })
      ).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { headers: bearer })).status).toBe(401);
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: phone.cookie } })).json.user,
    ).toBeNull();
  });
});

describe('sessions and tokens', { timeout: 90_000 }, () => {
  it('lists one’s sessions (device, last seen) and tokens (name, scope, last use); each is revocable', async () => {
    const t = await setup();
    await createUser(t.db, { email: 'iris@example.org', name: 'Iris', password: PASSWORD });
    const laptop = await t.login(
      'iris@example.org',
      PASSWORD,
      'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
    );
    const phone = await t.login(
      'iris@example.org',
      PASSWORD,
      'Mozilla/5.0 (Android 15) Chrome/140.0 Mobile',
    );
    const as = { cookie: laptop.cookie, 'x-csrf-token': laptop.csrf };
    const sessions = (await t.request('GET', '/api/auth/sessions', { headers: as })).json.sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.find((s: { current: boolean }) => s.current).userAgent).toContain('Firefox');
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect(other.userAgent).toContain('Android');
    expect(other.lastSeenAt).toMatch(/^\d{4}-/);
    expect(JSON.stringify(sessions)).not.toContain(phone.cookie.split('=')[1]);

    expect((await t.request('DELETE', '/api/auth/sessions/nope', { headers: as })).status).toBe(
      404,
    );
    expect(
      (await t.request('DELETE', `/api/auth/sessions/${other.id}`, { headers: as })).status,
    ).toBe(200);
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: phone.cookie } })).json.user,
    ).toBeNull();

    const created = await t.request('POST', '/api/auth/tokens', {
      body: { name: 'Script de sauvegarde', scope: 'read' },
      headers: as,
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Script de sauvegarde',
      scope: 'read',
      lastUsedAt: null,
    });
    const bearer = { authorization: `Bearer ${created.json.token}` };
    expect((await t.request('GET', '/api/auth/me', { headers: bearer })).json.user.email).toBe(
      'iris@example.org',
    );
    const write = await t.request('PUT', '/api/pages/essai', {
      body: { title: 'Essai', markdown: 'x' },
      headers: bearer,
    });
    expect(write.status).toBe(403);
    expect(write.json.error.message).toContain('read-only');
    const tokens = (await t.request('GET', '/api/auth/tokens', { headers: as })).json.tokens;
    expect(tokens[0]).toMatchObject({ name: 'Script de sauvegarde', scope: 'read' });
    expect(tokens[0].lastUsedAt).toMatch(/^\d{4}-/);
    expect(JSON.stringify(tokens)).not.toContain(created.json.token);
    const badScope = await t.request('POST', '/api/auth/tokens', {
      body: { scope: 'admin' },
      headers: as,
    });
    expect(badScope.json.error.field).toBe('scope');
    expect(
      (await t.request('DELETE', `/api/auth/tokens/${tokens[0].id}`, { headers: as })).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { headers: bearer })).status).toBe(401);
    expect((await t.request('DELETE', '/api/auth/tokens/abc', { headers: as })).status).toBe(404);
    expect((await t.request('GET', '/api/auth/sessions')).status).toBe(401);
  });
});

describe('admin', { timeout: 90_000 }, () => {
  it('forces a reset, revokes all, changes roles and deletes accounts, with an audit log', async () => {
    const t = await setup();
    const u = await createUser(t.db, {
      email: 'gael@example.org',
      name: 'Gaël',
      password: PASSWORD,
    });
    await t.login('gael@example.org', 'mauvais mot de passe');
    const s = await t.login('gael@example.org', PASSWORD);
    const tok = await t.request('POST', '/api/auth/tokens', {
      body: { name: 'cli' },
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    const bearer = { authorization: `Bearer ${tok.json.token}` };

    const revoked = await t.request('POST', `/api/admin/users/${u.id}/revoke`, { as: 'admin' });
    expect(revoked.json).toEqual({ sessions: 1, tokens: 1 });
    expect((await t.request('GET', '/api/auth/me', { headers: bearer })).status).toBe(401);
    expect(
      (await t.request('GET', '/api/auth/me', { headers: { cookie: s.cookie } })).json.user,
    ).toBeNull();

    expect(
      (await t.request('POST', `/api/admin/users/${u.id}/force-reset`, { as: 'facilitator' }))
        .status,
    ).toBe(403);
    const forced = await t.request('POST', `/api/admin/users/${u.id}/force-reset`, { as: 'admin' });
    expect(forced.json.user.mustReset).toBe(true);
    const refused = await t.login('gael@example.org', PASSWORD);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('password_reset_required');
    const mail = await t.lastMail('gael@example.org');
    expect(mail.text).toContain('Un administrateur demande');
    await t.request('POST', '/api/auth/password-reset/confirm', {
      body: { token: t.secretIn(mail.text!), password: 'une haie de noisetiers' },
    });
    expect((await t.login('gael@example.org', 'une haie de noisetiers')).status).toBe(200);

    const role = await t.request('PATCH', `/api/admin/users/${u.id}`, {
      body: { role: 'facilitator' },
      as: 'admin',
    });
    expect(role.json.user.role).toBe('facilitator');
    expect(
      (
        await t.request('PATCH', `/api/admin/users/${u.id}`, {
          body: { role: 'chef' },
          as: 'admin',
        })
      ).json.error.field,
    ).toBe('role');
    expect(
      (await t.request('PATCH', '/api/admin/users/999', { body: { role: 'reader' }, as: 'admin' }))
        .status,
    ).toBe(404);
    const adminId = (
      t.db.prepare(`SELECT id FROM users WHERE role = 'admin'`).get() as { id: number }
    ).id;
    const last = await t.request('PATCH', `/api/admin/users/${adminId}`, {
      body: { role: 'reader' },
      as: 'admin',
    });
    expect(last.status).toBe(409);

    const log = await t.request('GET', '/api/admin/audit', { as: 'admin' });
    const actions = log.json.entries.map((e: { action: string }) => e.action);
    for (const a of [
      'login_failed',
      'login',
      'token_created',
      'revoked_all',
      'reset_forced',
      'password_reset',
      'role_changed',
    ])
      expect(actions).toContain(a);
    const change = log.json.entries.find((e: { action: string }) => e.action === 'role_changed');
    expect(change).toMatchObject({
      target: { id: u.id, name: 'Gaël' },
      detail: { from: 'contributor', to: 'facilitator' },
    });
    const failed = await t.request('GET', '/api/admin/audit?action=login_failed&limit=1', {
      as: 'admin',
    });
    expect(failed.json.entries).toHaveLength(1);
    expect(failed.json.entries[0].target.id).toBe(u.id);
    expect(
      (await t.request('GET', '/api/admin/audit?action=nothing', { as: 'admin' })).json.error.field,
    ).toBe('action');
    expect((await t.request('GET', '/api/admin/audit', { as: 'facilitator' })).status).toBe(403);

    expect((await t.request('DELETE', `/api/admin/users/${u.id}`, { as: 'admin' })).status).toBe(
      200,
    );
    expect((await t.login('gael@example.org', 'une haie de noisetiers')).status).toBe(401);
    expect((await t.request('DELETE', `/api/admin/users/${u.id}`, { as: 'admin' })).status).toBe(
      404,
    );
  });
});
