import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  loggedInContext,
  NO_BROWSER,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { startWikiSession } from '../helpers/wiki-session.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

describe.skipIf(!HAS_CHROMIUM)('renaming a page in a real browser', () => {
  let s: BrowserSession;

  /** A browser context logged in as `email`. */
  const loggedIn = async (email: string) => (await loggedInContext(s, email)).context;

  beforeAll(async () => {
    s = await startWikiSession([
      { slug: 'accueil', title: 'Accueil', markdown: 'Voir [[compost-colectif|le compost]].\n' },
      {
        slug: 'compost-colectif',
        title: 'Compost colectif',
        markdown: 'Des lombrics au jardin.\n',
      },
      { slug: 'atelier', title: 'Atelier', markdown: 'Texte de l’atelier.\n' },
    ]);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('a contributor renames a page; old links and addresses lead to it, with a note', async () => {
    const camille = await loggedIn('camille@example.org');
    const { page, problems } = await watchedPage(camille);
    await page.goto('/wiki/compost-colectif');
    await page.getByText('Des lombrics au jardin.').waitFor();

    await page.getByTestId('move-open').click();
    const title = page.getByLabel('Nouveau titre');
    await title.fill('Compost collectif');
    // The slug follows the title (same slugify as the server), and stays editable.
    expect(await page.getByLabel('Nouvelle adresse').inputValue()).toBe('compost-collectif');
    expect(await page.getByTestId('move-redirect').isChecked()).toBe(true);
    await page.getByLabel('Raison (facultatif)').fill('Coquille');
    await page.getByTestId('move-confirm').click();
    await page.getByRole('heading', { name: 'Compost collectif', level: 1 }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wiki/compost-collectif');
    expect(await page.getByTestId('redirected-from').count()).toBe(0);

    // An old link: the page at its new address, saying where it was reached from.
    await page.goto('/wiki/accueil');
    await page.locator('a.wikilink', { hasText: 'le compost' }).click();
    await page.getByTestId('redirected-from').waitFor();
    expect(await page.getByTestId('redirected-from').innerText()).toBe(
      '(redirigé depuis compost-colectif)',
    );
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wiki/compost-collectif');
    await page.getByText('Des lombrics au jardin.').waitFor();
    // The home page's link to the old slug is not "missing"; it is a backlink of the page.
    expect(await page.locator('[data-testid=backlinks] a', { hasText: 'Accueil' }).count()).toBe(1);

    // A bookmark of the old address.
    await page.goto('/wiki/compost-colectif');
    await page.getByTestId('redirected-from').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wiki/compost-collectif');

    await page.goto('/recent');
    const entry = page.locator('li[data-kind=move]');
    await entry.waitFor();
    await expect.poll(() => entry.innerText()).toContain('compost-colectif');
    expect(await entry.innerText()).toContain('Coquille');

    expect(problems.console).toEqual([]);
    expect(problems.page).toEqual([]);
    expect(problems.http).toEqual([]);
    await camille.close();
  });

  it('the co-editor open on a page that is renamed reopens at the new address', async () => {
    const camille = await loggedIn('camille@example.org');
    const { page, problems } = await watchedPage(camille);
    await page.goto('/wiki/atelier/edit');
    await page.locator('.cm-content', { hasText: 'Texte de l’atelier.' }).waitFor();

    const { context: admin, csrfToken: csrf } = await loggedInContext(s, 'admin@example.org');
    const moved = await admin.request.post('/api/pages/atelier/move', {
      data: { slug: 'atelier-partage', title: 'Atelier partagé' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(moved.status()).toBe(200);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/wiki/atelier-partage/edit');
    await page.locator('.cm-content', { hasText: 'Texte de l’atelier.' }).waitFor();
    await page.locator('.cm-content').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Suite.');
    await expect
      .poll(async () => {
        s.server.app.services.collab.flush('atelier-partage');
        const row = s.db
          .prepare(`SELECT markdown FROM pages WHERE slug = 'atelier-partage'`)
          .get() as { markdown: string };
        return row.markdown;
      })
      .toContain('Suite.');
    expect(problems.page).toEqual([]);
    await admin.close();
    await camille.close();
  });
});
