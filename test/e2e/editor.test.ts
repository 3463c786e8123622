import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { createUser } from '../../server/auth/users.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

/** The page as the API returns it now (null while it does not exist). */
async function apiPage(
  request: APIRequestContext,
  slug: string,
): Promise<{ title: string; markdown: string; categories: string[]; revision: number } | null> {
  const r = await request.get(`/api/pages/${slug}`);
  return r.status() === 404 ? null : ((await r.json()) as never);
}

/** Waits until the co-editor is connected and its text is shown. */
async function coEditorReady(page: Page) {
  await page
    .locator('[data-testid=collab-status][data-status=connected]')
    .waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=collab-editor] .cm-content').waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('the co-editor is the page editor, in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    // A short quiet period: revisions are written soon after typing stops.
    s = await startBrowserSession({ config: { collabQuietMs: 300 } });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('edits an existing page at /wiki/:slug/edit, then changes its properties without touching the text', async () => {
    const { page, problems } = await watchedPage(s.context);
    await page.goto('/');
    const reg = await page.request.post('/api/auth/register', {
      data: { email: 'sacha@example.org', name: 'Sacha', password: 'mot de passe solide' },
    });
    const csrf = ((await reg.json()) as { csrfToken: string }).csrfToken;
    const put = await page.request.put('/api/pages/atelier-velo', {
      headers: { 'x-csrf-token': csrf },
      data: { title: 'Atelier vélo', markdown: '# Atelier vélo\n\nRéparations le jeudi.\n' },
    });
    expect(put.status()).toBe(201);

    // The page's edit button opens the co-editor.
    await page.goto('/wiki/atelier-velo');
    await page.getByTestId('edit-link').click();
    await page.waitForURL('**/wiki/atelier-velo/edit');
    await coEditorReady(page);
    await expect
      .poll(() => page.locator('[data-testid=collab-editor] .cm-content').innerText())
      .toContain('Réparations le jeudi.');

    // Type at the end of the text, with a wiki link from the toolbar.
    await page.locator('[data-testid=collab-editor] .cm-line', { hasText: 'Réparations' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Outils prêtés par ', { delay: 5 });
    await page.getByRole('button', { name: 'Lien vers une page du wiki' }).click();
    await page.keyboard.type('Repair café', { delay: 5 });
    // The standard key bindings: search opens its panel.
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search').waitFor();
    await page.keyboard.press('Escape');

    // After the quiet period the revision is written; the page view shows the text.
    await expect
      .poll(async () => (await apiPage(page.request, 'atelier-velo'))?.markdown, {
        timeout: 20_000,
      })
      .toBe('# Atelier vélo\n\nRéparations le jeudi. Outils prêtés par [[Repair café]]\n');
    await page.getByRole('link', { name: 'Voir la page' }).click();
    await page.waitForURL('**/wiki/atelier-velo');
    await page.locator('lc-wiki-content a.wikilink.missing', { hasText: 'Repair café' }).waitFor();
    await page.getByText('Outils prêtés par').waitFor();

    // The properties panel changes the title and categories; the text stays as it was.
    await page.getByTestId('edit-link').click();
    await coEditorReady(page);
    await page.getByText('Propriétés', { exact: true }).click();
    await page.getByLabel('Titre', { exact: true }).fill('Atelier vélo solidaire');
    await page.getByLabel('Catégories').fill('Mobilité, Réemploi');
    await page.getByLabel('Je suis référent·e de cette page').check();
    await page.getByTestId('collab-props-save').click();
    await page.getByTestId('collab-props-status').getByText('Propriétés enregistrées').waitFor();
    const after = await apiPage(page.request, 'atelier-velo');
    expect(after).toMatchObject({
      title: 'Atelier vélo solidaire',
      markdown: '# Atelier vélo\n\nRéparations le jeudi. Outils prêtés par [[Repair café]]\n',
    });
    expect(after?.categories).toEqual(['Mobilité', 'Réemploi']);
    await page.getByRole('heading', { name: 'Co-édition : Atelier vélo solidaire' }).waitFor();
    await page.getByRole('link', { name: 'Voir la page' }).click();
    await page.getByRole('heading', { name: 'Atelier vélo solidaire', level: 1 }).waitFor();
    await page.getByTestId('referent').getByText('Sacha').waitFor();

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(problems.http).toEqual([]);
  }, 120_000);

  it('switches a page it created to the normal state once the first revision is written', async () => {
    // A browser of its own: the shared context is already logged in.
    const context = await s.browser.newContext({
      baseURL: s.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    const { page, problems } = await watchedPage(context);
    await page.goto('/');
    // A second account: created directly (sign-ups after the first wait for a verified address).
    await createUser(s.db, {
      email: 'lou@example.org',
      name: 'Lou',
      password: 'mot de passe solide',
      role: 'contributor',
    });
    const login = await page.request.post('/api/auth/login', {
      data: { email: 'lou@example.org', password: 'mot de passe solide' },
    });
    expect(login.status()).toBe(200);
    await page.goto(`/wiki/carnet-de-bord/edit?title=${encodeURIComponent('Carnet de bord')}`);
    await coEditorReady(page);
    await page.getByTestId('collab-new').waitFor();
    await page.getByText('Disponible une fois la page créée.').waitFor();
    expect(await page.getByRole('link', { name: 'Voir la page' }).count()).toBe(0);

    // The server put the title in front of the empty text; what is typed goes below it.
    const lines = page.locator('[data-testid=collab-editor] .cm-line');
    await expect.poll(() => lines.first().innerText()).toBe('# Carnet de bord');
    await page.locator('[data-testid=collab-editor] .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Première note.', { delay: 5 });

    // The quiet-period revision creates the page; the open editor notices without a reload.
    await expect
      .poll(async () => (await apiPage(page.request, 'carnet-de-bord'))?.revision, {
        timeout: 20_000,
      })
      .toBe(1);
    await page.getByTestId('collab-new').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Voir la page' }).waitFor();
    expect(await page.getByText('Disponible une fois la page créée.').count()).toBe(0);
    expect((await apiPage(page.request, 'carnet-de-bord'))?.markdown).toBe(
      '# Carnet de bord\n\nPremière note.',
    );
    expect(
      await page
        .locator('[data-testid=collab-editor] .cm-line', { hasText: /^# Carnet de bord$/ })
        .count(),
    ).toBe(1);

    // Its properties can be saved right away (no "write its text first").
    await page.getByLabel('Catégories').fill('Organisation');
    await page.getByTestId('collab-props-save').click();
    await page.getByTestId('collab-props-status').getByText('Propriétés enregistrées').waitFor();
    expect((await apiPage(page.request, 'carnet-de-bord'))?.categories).toEqual(['Organisation']);

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(problems.http.filter((l) => l !== '404 GET /api/pages/carnet-de-bord')).toEqual([]);
    await context.close();
  }, 120_000);
});

describe.skipIf(!HAS_CHROMIUM)('creating a page in the co-editor, in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    // A quiet period longer than the test: only leaving the editor writes the revision.
    s = await startBrowserSession({ config: { collabQuietMs: 10 * 60_000 } });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('creates a page from its title: the title becomes its heading, leaving the editor writes it', async () => {
    const { page, problems } = await watchedPage(s.context);
    await page.goto('/');
    const reg = await page.request.post('/api/auth/register', {
      data: { email: 'noa@example.org', name: 'Noa', password: 'mot de passe solide' },
    });
    expect(reg.status()).toBe(201);
    await page.reload();
    await page.getByRole('textbox', { name: 'Créer une page' }).fill('Repair café');
    await page.getByTestId('new-page').click();
    await page.waitForURL('**/wiki/repair-cafe/edit?title=*');
    await coEditorReady(page);
    await page.getByTestId('collab-new').waitFor();

    // The text starts with the title as a heading (put there by the server); the writer goes on below it.
    await expect
      .poll(() => page.locator('[data-testid=collab-editor] .cm-line').first().innerText())
      .toBe('# Repair café');
    await page.locator('[data-testid=collab-editor] .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('On répare ensemble, le samedi.', { delay: 5 });

    // Nothing is written while the writer stays (the quiet period is long)…
    await page.getByTestId('collab-editor').getByText('On répare ensemble, le samedi.').waitFor();
    expect(await apiPage(page.request, 'repair-cafe')).toBeNull();
    // …leaving the editor writes the revision that creates the page, titled by the user.
    await page.getByRole('link', { name: 'Accueil', exact: true }).click();
    await expect
      .poll(async () => (await apiPage(page.request, 'repair-cafe'))?.title, { timeout: 20_000 })
      .toBe('Repair café');
    expect((await apiPage(page.request, 'repair-cafe'))?.markdown).toBe(
      '# Repair café\n\nOn répare ensemble, le samedi.',
    );
    await page.goto('/wiki/repair-cafe');
    await page.getByText('On répare ensemble, le samedi.').waitFor();

    // "Nouvelle page" in the menu asks for a title, then opens the co-editor there.
    await page.getByRole('link', { name: '+ Nouvelle page' }).click();
    await page.getByLabel('Titre').fill('Fête des voisins');
    await page.getByTestId('new-page-open').click();
    await page.waitForURL('**/wiki/fete-des-voisins/edit?title=*');
    await coEditorReady(page);
    await page.getByRole('heading', { name: 'Co-édition : Fête des voisins' }).waitFor();

    // The section navigation leads to the switchyard too.
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Aiguillage' })
      .click();
    await page.waitForURL('**/aiguillage');
    await expect
      .poll(() => page.getByRole('link', { name: 'Aiguillage' }).getAttribute('aria-current'))
      .toBe('page');

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(
      problems.http.filter(
        (l) => !/^404 GET \/api\/pages\/(repair-cafe|fete-des-voisins)$/.test(l),
      ),
    ).toEqual([]);
  }, 120_000);
});
