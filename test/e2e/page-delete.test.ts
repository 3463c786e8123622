import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  loggedInContext,
  NO_BROWSER,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { COMPOST_PAGES, startWikiSession } from '../helpers/wiki-session.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

describe.skipIf(!HAS_CHROMIUM)('deleting and restoring a page in a real browser', () => {
  let s: BrowserSession;

  /** A browser context logged in as `email`. */
  const loggedIn = async (email: string) => (await loggedInContext(s, email)).context;

  beforeAll(async () => {
    s = await startWikiSession(COMPOST_PAGES);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('a facilitator deletes a page with a reason, everyone sees why, and the facilitator restores it', async () => {
    const fanny = await loggedIn('fanny@example.org');
    const { page, problems } = await watchedPage(fanny);
    await page.goto('/wiki/compost-collectif');
    await page.getByText('Des lombrics au jardin.').waitFor();

    // Delete: a reason, then the browser's confirmation.
    await page.getByTestId('delete-open').click();
    await page.getByLabel('Raison de la suppression').fill('Doublon de la page Compostage');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await page.getByTestId('delete-confirm').click();
    const notice = page.getByTestId('deletion');
    await notice.waitFor();
    await expect
      .poll(() => notice.innerText())
      .toMatch(
        /Cette page a été supprimée le .+ par Fanny Animatrice : Doublon de la page Compostage/,
      );
    await page.getByTestId('restore').waitFor();
    expect(asked).toEqual([
      'Supprimer la page « Compost collectif » ? Elle pourra être restaurée.',
    ]);

    // The home page's link now shows as missing; the recent changes show the deletion.
    await page.goto('/wiki/accueil');
    await page.locator('a.wikilink.missing', { hasText: 'Compost collectif' }).waitFor();
    await page.goto('/recent');
    const entry = page.locator('li[data-kind=delete]');
    await entry.waitFor();
    await expect.poll(() => entry.innerText()).toContain('Doublon de la page Compostage');

    // A contributor reads the same message, with no way to restore nor edit.
    const camille = await loggedIn('camille@example.org');
    const other = await watchedPage(camille);
    await other.page.goto('/wiki/compost-collectif');
    await other.page.getByTestId('deleted-page').waitFor();
    await expect
      .poll(() => other.page.getByTestId('deletion').innerText())
      .toContain('Doublon de la page Compostage');
    expect(await other.page.getByTestId('restore').count()).toBe(0);
    expect(await other.page.getByTestId('edit-link').count()).toBe(0);
    await camille.close();

    // The facilitator restores it: the page is back, at the same revision, and logged.
    await page.goto('/wiki/compost-collectif');
    await page.getByLabel('Raison de la restauration (facultatif)').fill('Finalement utile');
    await page.getByTestId('restore').click();
    await page.getByRole('heading', { name: 'Compost collectif', level: 1 }).waitFor();
    await page.getByText('Des lombrics au jardin.').waitFor();
    await page.getByText('révision 1').waitFor();
    await page.goto('/recent');
    await page.locator('li[data-kind=restore]').waitFor();

    expect(problems.console).toEqual([]);
    expect(problems.page).toEqual([]);
    // The only failed requests: reading the page while it was deleted (404 page_deleted).
    expect(problems.http.filter((line) => line !== '404 GET /api/pages/compost-collectif')).toEqual(
      [],
    );
    expect(other.problems.console).toEqual([]);
    expect(other.problems.page).toEqual([]);
    await fanny.close();
  });
});
