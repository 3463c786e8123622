import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { createUser } from '../../server/auth/users.js';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

const poll = expect.poll;
// Each test walks several screens with an accessibility scan on each: longer than the default 30 s on a busy machine.

describe.skipIf(!HAS_CHROMIUM)('accounts in a real browser', () => {
  let s: BrowserSession;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    s = await startBrowserSession({ config: { smtpUrl: smtp.url, accountAnswerFloorMs: 0 } });
    await createUser(s.db, {
      email: 'admin@example.org',
      name: 'Alice Admin',
      password: 'un jardin partagé',
      role: 'admin',
    });
    await createUser(s.db, {
      email: 'camille@example.org',
      name: 'Camille',
      password: 'un jardin partagé',
      role: 'contributor',
    });
  });

  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  /** The secret of the last mail sent to `to` (delivered now). */
  async function secretFromMail(to: string): Promise<string> {
    await s.server.app.services.mail.flush();
    const mail = smtp.mails.filter((m) => m.envelopeTo.includes(to)).pop();
    const m = /[?&](?:token|invitation)=([\w-]+)/.exec(mail?.text ?? '');
    expect(m, `a link in the mail to ${to}`).not.toBeNull();
    return m![1];
  }

  const newContext = async (): Promise<BrowserContext> => {
    const context = await s.browser.newContext({
      baseURL: s.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    return context;
  };

  it('signs up, confirms the address from the mail, then manages password, sessions and tokens on Sécurité', async () => {
    const context = await newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto('/register');
    await page.getByLabel('Nom affiché').fill('Dominique');
    await page.getByLabel('Adresse e-mail').fill('dominique@example.org');
    await page.getByLabel('Mot de passe').fill('azerty123');
    await page.getByTestId('register').click();
    await page.getByText('Ce mot de passe fait partie des plus courants').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Mot de passe').fill('une haie de noisetiers');
    await page.getByTestId('register').click();
    await page.getByTestId('check-mail').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`/compte/verifier?token=${await secretFromMail('dominique@example.org')}`);
    await page.getByLabel('Mot de passe').fill('une haie de noisetiers');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByTestId('verified').waitFor();
    await poll(() => page.getByTestId('current-user').innerText()).toBe('Dominique');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Sécurité' }).click();
    const sessions = page.getByTestId('sessions').locator('tbody tr');
    await poll(() => sessions.count()).toBe(1);
    expect(await sessions.first().innerText()).toContain('cet appareil');
    await page.getByLabel('Nom du jeton').fill('Sauvegarde');
    await page.getByLabel('Portée').selectOption('read');
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    const token = await page.getByTestId('new-token').innerText();
    expect(token).toMatch(/^lc_/);
    const row = page.getByTestId('tokens').locator('tbody tr');
    await poll(() => row.first().innerText()).toContain('Sauvegarde');
    expect(await row.first().innerText()).toContain('Lecture');
    // The read-only token reads, and is refused writes.
    const read = await fetch(`${s.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    const write = await fetch(`${s.url}/api/pages/essai`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Essai', markdown: 'x' }),
    });
    expect(write.status).toBe(403);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Révoquer le jeton Sauvegarde' }).click();
    await page.getByText('Aucun jeton.').waitFor();

    await page.getByLabel('Mot de passe actuel').fill('pas le bon');
    await page.getByLabel('Nouveau mot de passe').fill('un verger de pommiers');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByText('Ce n’est pas votre mot de passe actuel.').waitFor();
    await page.getByLabel('Mot de passe actuel').fill('une haie de noisetiers');
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByTestId('password-changed').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems.page).toEqual([]);
    await context.close();
  }, 120_000);

  it('an admin sets the sign-up policy, invites, changes a role and reads the security log', async () => {
    const context = await newContext();
    const login = await context.request.post('/api/auth/login', {
      data: { email: 'admin@example.org', password: 'un jardin partagé' },
    });
    expect(login.status()).toBe(200);
    const { page, problems } = await watchedPage(context);
    await page.goto('/');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByTestId('users').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Sur invitation seulement').check();
    await page.getByText('Règle d’inscription enregistrée.').waitFor();
    await poll(
      async () => (await (await fetch(`${s.url}/api/auth/signup-policy`)).json()).policy,
    ).toBe('invitation');

    await page.getByLabel('Adresse à inviter').fill('lou@example.org');
    await page.getByLabel('Rôle', { exact: true }).selectOption('contributor');
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await poll(() => page.getByTestId('invitations').innerText()).toContain('lou@example.org');

    await page.getByLabel('Rôle de Camille').selectOption('reader');
    await poll(
      () =>
        (
          s.db.prepare(`SELECT role FROM users WHERE email = 'camille@example.org'`).get() as {
            role: string;
          }
        ).role,
    ).toBe('reader');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The invited person signs up from the mailed link, in another browser.
    const invited = await newContext();
    const other = await invited.newPage();
    await other.goto(`/register?invitation=${await secretFromMail('lou@example.org')}`);
    await other.getByTestId('invited').waitFor();
    expect(await other.getByLabel('Adresse e-mail').inputValue()).toBe('lou@example.org');
    await other.getByLabel('Nom affiché').fill('Lou');
    await other.getByLabel('Mot de passe').fill('une haie de noisetiers');
    await other.getByTestId('register').click();
    await poll(() => other.getByTestId('current-user').innerText()).toBe('Lou');
    expect(await seriousA11yViolations(other)).toEqual([]);
    await invited.close();

    await page.getByRole('link', { name: 'Journal de sécurité' }).click();
    const audit = page.getByTestId('audit');
    await poll(() => audit.innerText()).toContain('Changement de rôle');
    expect(await audit.innerText()).toContain('Invitation utilisée');
    await page.getByLabel('Action').selectOption('role_changed');
    await poll(() => audit.locator('tbody tr').count()).toBe(1);
    expect(await audit.locator('tbody tr').first().innerText()).toContain('contributeur → lecteur');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems.page).toEqual([]);
    await context.close();
  }, 120_000);

  it('resets a forgotten password from the login form and the mailed link', async () => {
    await createUser(s.db, {
      email: 'sacha@example.org',
      name: 'Sacha',
      password: 'un jardin partagé',
    });
    const context = await newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').fill('sacha@example.org');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByTestId('check-mail').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`/compte/reinitialiser?token=${await secretFromMail('sacha@example.org')}`);
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Le mot de passe doit compter au moins 8 caractères.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Nouveau mot de passe').fill('un verger de pommiers');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByTestId('reset-done').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const ok = await context.request.post('/api/auth/login', {
      data: { email: 'sacha@example.org', password: 'un verger de pommiers' },
    });
    expect(ok.status()).toBe(200);
    expect(problems.page).toEqual([]);
    await context.close();
  }, 120_000);
});
