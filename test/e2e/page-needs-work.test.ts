import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import { savePage } from '../../registry/wiki/pages.js';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

describe.skipIf(!HAS_CHROMIUM)('flagging a page as needing work in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession();
    const camille = await createUser(s.db, {
      email: 'camille@example.org',
      name: 'Camille',
      password: 'password123',
      role: 'contributor',
    });
    savePage(s.db, s.server.app.services.wiki, {
      slug: 'compost-collectif',
      title: 'Compost collectif',
      markdown: 'Des lombrics au jardin.\n',
      authorIds: [camille.id],
    });
  });

  afterAll(async () => {
    await s?.close();
  });

  /** What the API says the page needs (null when it is not flagged). */
  const needsWork = () =>
    fetch(`${s.url}/api/pages/compost-collectif`).then(
      async (r) => ((await r.json()) as { needsWork: string | null }).needsWork,
    );

  it('a contributor flags a page with a reason, visitors see the banner, the contributor clears it', async () => {
    const context = await s.browser.newContext({ baseURL: s.url, locale: 'fr-FR' });
    context.setDefaultTimeout(15_000);
    const login = await context.request.post('/api/auth/login', {
      data: { email: 'camille@example.org', password: 'password123' },
    });
    expect(login.status()).toBe(200);
    const { page, problems } = await watchedPage(context);
    await page.goto('/wiki/compost-collectif');
    await page.getByText('Des lombrics au jardin.').waitFor();
    expect(await page.getByTestId('needs-work').count()).toBe(0);

    // Flag it: the side panel's button opens the form, focused on the reason.
    await page.getByRole('button', { name: 'Signaler comme à améliorer' }).click();
    const reason = page.getByLabel('Ce qui manque');
    await expect.poll(() => reason.evaluate((el) => el.matches(':focus'))).toBe(true);
    await reason.fill('Ajouter un exemple concret');
    await page.getByRole('button', { name: 'Signaler', exact: true }).click();
    const banner = page.getByTestId('needs-work');
    await banner.waitFor();
    await expect.poll(() => banner.innerText()).toContain('Ajouter un exemple concret');
    await expect.poll(needsWork).toBe('Ajouter un exemple concret');
    // Flagged, the page offers no second flag.
    expect(await page.getByRole('button', { name: 'Signaler comme à améliorer' }).count()).toBe(0);

    // A visitor reads the banner, without the button that clears it.
    const visitor = await s.browser.newContext({ baseURL: s.url, locale: 'fr-FR' });
    const other = await visitor.newPage();
    await other.goto('/wiki/compost-collectif');
    await expect
      .poll(() => other.getByTestId('needs-work').innerText())
      .toContain('Ajouter un exemple concret');
    expect(await other.getByRole('button', { name: 'Retirer le signalement' }).count()).toBe(0);
    await visitor.close();

    // The contributor clears it: the banner goes, the flag button is back.
    await page.getByRole('button', { name: 'Retirer le signalement' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await page.getByRole('button', { name: 'Signaler comme à améliorer' }).waitFor();
    await expect.poll(needsWork).toBe(null);

    expect(problems.console).toEqual([]);
    expect(problems.page).toEqual([]);
    expect(problems.http).toEqual([]);
    await context.close();
  });
});
