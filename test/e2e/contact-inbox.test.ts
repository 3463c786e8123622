import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { createUser } from '../../server/auth/users.js';
import { upsertPerson } from '../../registry/people.js';
import {
  HAS_CHROMIUM,
  loggedInContext,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

/*
 * The contact-message inbox in real Chromium: a logged-in sender writes from a person's page; the
 * person (account linked to the profile) sees the unread count in the header, reads, answers and
 * closes; the sender is alerted by mail (real SMTP server) and reads the answer in "Mes demandes".
 */
describe.skipIf(!HAS_CHROMIUM)('contact messages reach an inbox and come back as answers', () => {
  let s: BrowserSession;
  let smtp: TestSmtpServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    s = await startBrowserSession({ config: { smtpUrl: smtp.url, mailPollMs: 60_000 } });
    await createUser(s.db, {
      email: 'admin@example.org',
      name: 'Admin',
      password: 'password123',
      role: 'admin',
    });
    const nadia = await createUser(s.db, {
      email: 'nadia@example.org',
      name: 'Nadia B.',
      password: 'password123',
      role: 'reader',
    });
    await createUser(s.db, {
      email: 'camille@example.org',
      name: 'Camille',
      password: 'password123',
      role: 'contributor',
    });
    upsertPerson(
      s.db,
      { slug: 'nadia', name: 'Nadia Benali', contactable: true, skills: ['comptabilité'] },
      { mode: 'replace', userId: nadia.id },
    );
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await s?.close();
    await smtp?.close();
  });

  async function loggedIn(email: string) {
    const { context } = await loggedInContext(s, email, { timeout: 20_000 });
    contexts.push(context);
    return watchedPage(context);
  }

  it('goes from the person’s page to her inbox and back to the sender’s requests', async () => {
    const camille = await loggedIn('camille@example.org');
    await camille.page.goto('/personnes/nadia');
    await camille.page.getByTestId('contact').click();
    await camille.page
      .getByRole('dialog', { name: 'Écrire à Nadia Benali' })
      .getByRole('textbox', { name: 'Votre message' })
      .fill('Bonjour, pouvez-vous relire notre budget prévisionnel ?');
    await camille.page.getByRole('button', { name: 'Envoyer' }).click();
    await camille.page.getByText('la réponse s’affichera dans « Mes demandes »').waitFor();

    // Nadia: the header counts the message; the inbox shows it; opening it reads it.
    const nadia = await loggedIn('nadia@example.org');
    await nadia.page.goto('/');
    const inboxLink = nadia.page.getByTestId('unread-inbox');
    await expect.poll(() => inboxLink.getAttribute('aria-label')).toBe('Messages, 1 non lu');
    await inboxLink.click();
    await nadia.page.waitForURL('**/messages');
    await nadia.page.getByRole('heading', { name: 'Messages reçus', level: 1 }).waitFor();
    const card = nadia.page.getByTestId('inbox-message');
    await card.getByText('Bonjour, pouvez-vous relire notre budget prévisionnel ?').waitFor();
    await card.getByRole('heading', { name: 'De Camille' }).waitFor();
    expect(await seriousA11yViolations(nadia.page)).toEqual([]);
    await card.getByRole('button', { name: 'Lire et répondre' }).click();
    await expect.poll(() => inboxLink.getAttribute('aria-label')).toBe('Messages');
    await card
      .getByLabel('Votre réponse')
      .fill('Avec plaisir : envoyez-le moi ici, je le relis cette semaine.');
    await card.getByRole('button', { name: 'Répondre' }).click();
    await card.getByTestId('inbox-reply').getByText('je le relis cette semaine').waitFor();
    await expect.poll(() => card.getByTestId('inbox-status').innerText()).toBe('Répondu');
    expect(await seriousA11yViolations(nadia.page)).toEqual([]);

    // Mails: the new message to Nadia, the answer to Camille; no address of the other side.
    expect(await s.server.app.services.mail.flush()).toBe(2);
    const toCamille = smtp.mails.find((m) => m.envelopeTo.includes('camille@example.org'));
    expect(toCamille?.text).toContain('je le relis cette semaine');
    expect(toCamille?.text).not.toContain('nadia@example.org');
    expect(smtp.mails.find((m) => m.envelopeTo.includes('nadia@example.org'))?.text).not.toContain(
      'camille@example.org',
    );

    // Camille: "Réponses" in the header, the answer in "Mes demandes", then counted as seen.
    await camille.page.goto('/');
    const answers = camille.page.getByTestId('unread-answers');
    await expect
      .poll(() => answers.getAttribute('aria-label'))
      .toBe('Réponses à mes messages, 1 nouvelle');
    await answers.click();
    await camille.page.waitForURL('**/aiguillage/demandes');
    const sent = camille.page.getByTestId('sent-message');
    await sent.getByText('je le relis cette semaine').waitFor();
    expect(await sent.getByRole('heading', { name: 'À Nadia Benali' }).count()).toBe(1);
    await answers.waitFor({ state: 'detached' });
    expect(await seriousA11yViolations(camille.page)).toEqual([]);

    // Nadia closes it: it leaves the messages to handle.
    await card.getByRole('button', { name: 'Clore' }).click();
    await expect.poll(() => card.getByTestId('inbox-status').innerText()).toBe('Clos');
    await nadia.page.getByLabel('Afficher').selectOption('closed');
    await card.getByText('Bonjour, pouvez-vous relire').waitFor();
    await nadia.page.getByLabel('Afficher').selectOption('open');
    await nadia.page.getByTestId('inbox-empty').waitFor();

    for (const w of [camille, nadia]) {
      expect(w.problems.page).toEqual([]);
      expect(w.problems.console).toEqual([]);
      expect(w.problems.http).toEqual([]);
    }
  }, 180_000);

  it('tells an account without a profile that it has no messages to handle', async () => {
    const camille = await loggedIn('camille@example.org');
    await camille.page.goto('/messages');
    await camille.page.getByTestId('inbox-none').waitFor();
    expect(await camille.page.getByTestId('unread-inbox').count()).toBe(0);
  }, 60_000);
});
