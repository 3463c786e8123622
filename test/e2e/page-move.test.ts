import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import { savePage } from '../../registry/wiki/pages.js';
import {
  HAS_CHROMIUM,
  loggedInContext,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

describe.skipIf(!HAS_CHROMIUM)('renaming a page in a real browser', () => {
  let s: BrowserSession;

  /** A browser context logged in as `email`. */
  const loggedIn = async (email: string) => (await loggedInContext(s, email)).context;

  beforeAll(async () => {
    s = await startBrowserSession();
    const admin = await createUser(s.db, {
      email: 'admin@example.org',
      name: 'Alice Admin',
      password: 'password123',
      role: 'admin',
    });
    await createUser(s.db, {
      email: 'camille@example.org',
      name: 'Camille',
      password: 'password123',
      role: 'contributor',
    });
    const wiki = s.server.app.services.wiki;
    savePage(s.db, wiki, {
      slug: 'accueil',
      title: 'Accueil',
      markdown: 'Voir [[compost-colectif|le compost]].\n',
      authorIds: [admin.id],
    });
    savePage(s.db, wiki, {
      slug: 'compost-colectif',
      title: 'Compost colectif',
      markdown: 'Des lombrics au jardin.\n',
      authorIds: [admin.id],
    });
    savePage(s.db, wiki, {
      slug: 'atelier',
      title: 'Atelier',
      markdown: 'Texte de l’atelier.\n',
      authorIds: [admin.id],
    });
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

    const admin = await s.browser.newContext({ baseURL: s.url });
    const login = await admin.request.post('/api/auth/login', {
      data: { email: 'admin@example.org', password: 'password123' },
    });
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
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
