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

describe.skipIf(!HAS_CHROMIUM)('the deleted pages and the journal in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startWikiSession([
      ...COMPOST_PAGES,
      { slug: 'atelier-velo', title: 'Atelier vélo', markdown: 'Réparer ensemble.\n' },
    ]);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('a facilitator restores a page from Pages supprimées, then finds both entries in the Journal', async () => {
    const { context, csrfToken: csrf } = await loggedInContext(s, 'fanny@example.org');
    // Two deletions through the API, with the session's cookie and CSRF token.
    for (const [slug, reason] of [
      ['atelier-velo', 'Page de test'],
      ['compost-collectif', 'Doublon de la page Compostage'],
    ]) {
      const res = await context.request.delete(`/api/pages/${slug}`, {
        data: { reason },
        headers: { 'x-csrf-token': csrf },
      });
      expect(res.status()).toBe(200);
    }

    const { page, problems } = await watchedPage(context);
    // Reached from the special pages, where the facilitator sees the link.
    await page.goto('/special');
    await page.getByRole('link', { name: /Pages supprimées/ }).click();
    const rows = page.getByTestId('deleted-pages').locator('li');
    await rows.first().waitFor();
    // Newest deletion first, with who and why.
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-slug')).toBe('compost-collectif');
    const compost = page.locator('li[data-slug="compost-collectif"]');
    const text = await compost.innerText();
    expect(text).toContain('par Fanny Animatrice');
    expect(text).toContain('Doublon de la page Compostage');
    expect(text).toContain('1 révision');

    // Restore it, with a reason: it leaves the list; the other stays.
    await compost
      .getByLabel('Raison de la restauration de « Compost collectif » (facultatif)')
      .fill('Finalement utile');
    await compost.getByTestId('restore').click();
    await page.getByTestId('restored').waitFor();
    await expect
      .poll(() => page.getByTestId('restored').innerText())
      .toContain('« Compost collectif » est restaurée.');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-slug')).toBe('atelier-velo');

    // The page is back.
    await page.getByTestId('restored').getByRole('link', { name: 'Voir la page' }).click();
    await page.getByRole('heading', { name: 'Compost collectif', level: 1 }).waitFor();
    await page.getByText('Des lombrics au jardin.').waitFor();

    // The Journal, from the home page: the restoration on top, then both deletions.
    await page.goto('/');
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    const entries = page.getByTestId('log-entries').locator('li');
    await entries.first().waitFor();
    await expect.poll(() => entries.count()).toBe(3);
    const restoration = entries.first();
    expect(await restoration.getAttribute('data-action')).toBe('restore');
    const restorationText = await restoration.innerText();
    expect(restorationText).toContain('Restauration');
    expect(restorationText).toContain('Compost collectif');
    expect(restorationText).toContain('par Fanny Animatrice');
    expect(restorationText).toContain('Finalement utile');

    // Filter by action: only the deletions.
    await page.getByLabel('Action').selectOption('delete');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => page.url()).toContain('/special/journal?action=delete');
    await expect.poll(() => entries.count()).toBe(2);
    expect(
      await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
    ).toEqual(['delete', 'delete']);

    // Filter by page, typed as a title: the entries of that page only.
    await page.getByLabel('Action').selectOption('');
    await page.getByLabel('Page', { exact: true }).fill('Compost collectif');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => page.url()).toContain('/special/journal?page=compost-collectif');
    await expect
      .poll(() => entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))))
      .toEqual(['restore', 'delete']);

    // An entry links to the page's history.
    await entries.first().getByRole('link', { name: 'historique' }).click();
    await expect.poll(() => page.url()).toContain('/wiki/compost-collectif/history');

    expect(problems.console).toEqual([]);
    expect(problems.page).toEqual([]);
    expect(problems.http).toEqual([]);
    await context.close();
  });

  it('a contributor sees the Journal but not the deleted pages', async () => {
    const { context } = await loggedInContext(s, 'camille@example.org');
    const { page, problems } = await watchedPage(context);
    await page.goto('/special');
    await page.getByRole('link', { name: /Journal/ }).waitFor();
    expect(await page.getByRole('link', { name: /Pages supprimées/ }).count()).toBe(0);
    await page.goto('/special/pages-supprimees');
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('deleted-pages').count()).toBe(0);
    expect(problems.http).toEqual(['403 GET /api/wiki/deleted?limit=50&offset=0']);
    expect(problems.console).toEqual([]);
    expect(problems.page).toEqual([]);
    await context.close();
  });
});
