import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../server/auth/users.js';
import { savePage } from '../../registry/wiki/pages.js';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { seriousA11yViolations } from '../helpers/axe.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

/*
 * What the co-editor tells about saving, in real Chromium with two accounts: the save status
 * ("Enregistré à … · révision n", "Modifications non enregistrées"), *Enregistrer maintenant* with
 * an edit summary, and the page shown right after leaving the editor (it used to show the
 * revision before the co-edits, until a reload).
 */
describe.skipIf(!HAS_CHROMIUM)('saving in the co-editor, in a real browser', () => {
  let s: BrowserSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // A long quiet period: only leaving the editor or *Enregistrer maintenant* writes a revision.
    s = await startBrowserSession({ config: { collabQuietMs: 120_000 } });
    await createUser(s.db, {
      email: 'admin@example.org',
      name: 'Admin',
      password: 'password123',
      role: 'admin',
    });
    await createUser(s.db, {
      email: 'alice@example.org',
      name: 'Alice',
      password: 'password123',
      role: 'contributor',
    });
    await createUser(s.db, {
      email: 'bruno@example.org',
      name: 'Bruno',
      password: 'password123',
      role: 'contributor',
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await s?.close();
  });

  /** A browser of its own, logged in as `email`, on the co-editor of `slug`. */
  async function editorAs(email: string, slug: string) {
    const context = await s.browser.newContext({
      baseURL: s.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const { page, problems } = await watchedPage(context);
    const login = await page.request.post('/api/auth/login', {
      data: { email, password: 'password123' },
    });
    expect(login.status()).toBe(200);
    await page.goto(`/wiki/${slug}/edit`);
    await page
      .locator('[data-testid=collab-status][data-status=connected]')
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=collab-editor] .cm-content').waitFor();
    return { page, problems, context };
  }

  const typeAtEnd = async (page: Page, text: string) => {
    await page.locator('[data-testid=collab-editor] .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text, { delay: 5 });
  };
  const saveState = (page: Page) => page.getByTestId('collab-save-state').innerText();

  it('shows the text just typed on the page view after two people edited and one left', async () => {
    savePage(s.db, s.server.app.services.wiki, {
      slug: 'fournil',
      title: 'Fournil',
      markdown: '# Fournil\n\nPremière ligne.\n',
      authorIds: [],
    });
    const alice = await editorAs('alice@example.org', 'fournil');
    const bruno = await editorAs('bruno@example.org', 'fournil');
    await typeAtEnd(bruno.page, '\nBruno passe le samedi.');
    await expect
      .poll(() => alice.page.locator('[data-testid=collab-editor] .cm-content').innerText())
      .toContain('Bruno passe le samedi.');
    // Bruno leaves; Alice types and goes straight to the page.
    await bruno.page.close();
    await typeAtEnd(alice.page, '\nAlice apporte la farine.');
    await alice.page.getByRole('link', { name: 'Voir la page' }).click();
    await alice.page.waitForURL('**/wiki/fournil');
    const article = alice.page.locator('lc-page-view article');
    await article.getByText('Alice apporte la farine.').waitFor();
    expect(await article.getByText('Bruno passe le samedi.').count()).toBe(1);
    await alice.page.getByText('Révision 2').waitFor();
    expect(alice.problems.page).toEqual([]);
    expect(alice.problems.http).toEqual([]);
  }, 120_000);

  it('says when it saved, that changes are pending, and saves now with a summary', async () => {
    savePage(s.db, s.server.app.services.wiki, {
      slug: 'atelier',
      title: 'Atelier',
      markdown: '# Atelier\n\nOuvert le mardi.\n',
      authorIds: [],
    });
    const alice = await editorAs('alice@example.org', 'atelier');
    const bruno = await editorAs('bruno@example.org', 'atelier');
    for (const p of [alice.page, bruno.page])
      await expect.poll(() => saveState(p)).toMatch(/^Enregistré à \d\d:\d\d · révision 1$/);

    await typeAtEnd(alice.page, '\nEt le jeudi.');
    await expect.poll(() => saveState(alice.page)).toBe('Modifications non enregistrées');
    await expect.poll(() => saveState(bruno.page)).toBe('Modifications non enregistrées');
    expect(await seriousA11yViolations(alice.page)).toEqual([]);

    await alice.page.getByLabel('Résumé de la modification (facultatif)').fill('Horaires du jeudi');
    await alice.page.getByRole('button', { name: 'Enregistrer maintenant' }).click();
    // Both editors learn of the revision (the server announces it to everyone).
    for (const p of [alice.page, bruno.page])
      await expect.poll(() => saveState(p)).toMatch(/^Enregistré à \d\d:\d\d · révision 2$/);
    expect(await alice.page.getByLabel('Résumé de la modification (facultatif)').inputValue()).toBe(
      '',
    );
    const history = (await (
      await alice.page.request.get('/api/pages/atelier/revisions')
    ).json()) as { revisions: { number: number; summary: string }[] };
    expect(history.revisions[0]).toMatchObject({ number: 2, summary: 'Horaires du jeudi' });
    expect((await (await alice.page.request.get('/api/pages/atelier')).json()).markdown).toBe(
      '# Atelier\n\nOuvert le mardi.\n\nEt le jeudi.',
    );

    // Nothing new: said so, no revision.
    await alice.page.getByRole('button', { name: 'Enregistrer maintenant' }).click();
    await alice.page.getByText('Rien de nouveau à enregistrer (révision 2).').waitFor();

    // In English too.
    await alice.page.evaluate(() => {
      localStorage.setItem('lc-locale', 'en');
    });
    await alice.page.reload();
    await alice.page.locator('[data-testid=collab-status][data-status=connected]').waitFor();
    await expect.poll(() => saveState(alice.page)).toMatch(/^Saved at \d\d:\d\d · revision 2$/);
    await alice.page.evaluate(() => localStorage.setItem('lc-locale', 'fr'));
    expect(alice.problems.page).toEqual([]);
    expect(alice.problems.console).toEqual([]);
  }, 120_000);

  it('keeps *Enregistrer les propriétés* disabled until the page exists', async () => {
    const { page } = await editorAs('alice@example.org', 'nouvelle-idee');
    await page.getByTestId('collab-new').waitFor();
    await expect.poll(() => saveState(page)).toBe('Pas encore enregistrée');
    expect(await page.getByTestId('collab-props-save').isDisabled()).toBe(true);
    await typeAtEnd(page, 'Une première phrase.');
    await page.getByRole('button', { name: 'Enregistrer maintenant' }).click();
    await expect.poll(() => saveState(page)).toMatch(/révision 1$/);
    await page.getByTestId('collab-new').waitFor({ state: 'detached' });
    expect(await page.getByTestId('collab-props-save').isDisabled()).toBe(false);
  }, 120_000);
});
