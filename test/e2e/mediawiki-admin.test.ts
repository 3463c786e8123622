import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.js';
import {
  HAS_CHROMIUM,
  loggedInContext,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { seriousA11yViolations } from '../helpers/axe.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

const FIXTURES = new URL('../fixtures/mediawiki/', import.meta.url).pathname;

describe.skipIf(!HAS_CHROMIUM)('MediaWiki imports screen (admins) in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession({});
    await createUser(s.db, {
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
  });

  afterAll(async () => {
    await s?.close();
  });

  const loggedIn = async (email: string) =>
    (await loggedInContext(s, email, { timeout: 20_000 })).context;

  it('an admin uploads an export, reads the report and the history shows imported authors; a malformed file names its line', async () => {
    const context = await loggedIn('admin@example.org');
    const { page, problems } = await watchedPage(context);
    await page.goto('/');
    await page.getByRole('link', { name: 'Import MediaWiki' }).click();
    await expect.poll(() => page.url()).toContain('/admin/mediawiki');
    await page.getByRole('heading', { name: 'Imports MediaWiki' }).waitFor();
    await page.getByText('Aucun import pour le moment.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Fichier d’export').setInputFiles(`${FIXTURES}movilab.xml`);
    await page
      .getByLabel('Correspondance des modèles (YAML, facultatif)')
      .fill(readFileSync(`${FIXTURES}templates.yml`, 'utf8'));
    await page.getByRole('button', { name: 'Importer' }).click();
    await expect
      .poll(() => page.getByTestId('mediawiki-done').textContent(), { timeout: 30_000 })
      .toContain('3 pages créées');
    const report = page.getByTestId('mediawiki-report');
    await expect
      .poll(() => report.textContent())
      .toContain('Modèles convertis en champs : Lieu (1)');
    expect(await report.textContent()).toContain('Modèles gardés tels quels : Ébauche (1)');
    expect(await page.getByTestId('mediawiki-imports').textContent()).toContain('movilab.xml');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A malformed export: the error names its line; the failed import is listed.
    await page.getByLabel('Fichier d’export').setInputFiles(`${FIXTURES}movilab-malformed.xml`);
    await page.getByRole('button', { name: 'Importer' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 })
      .toContain('line 148');
    await expect
      .poll(() => page.getByTestId('mediawiki-imports').textContent())
      .toContain('échoué');
    await page.getByRole('button', { name: 'Voir le rapport' }).first().click();
    await expect.poll(() => report.textContent()).toContain('line 148');

    // The imported history: names of authors without accounts, marked imported; IP edits anonymous.
    await page.goto('/wiki/tiers-lieu/history');
    const revisions = page.getByTestId('revisions');
    await expect.poll(() => revisions.textContent()).toContain('Margot (importé)');
    expect(await revisions.textContent()).toContain('anonyme (importé)');
    // The only failed request is the malformed upload's 400.
    expect(problems.page).toEqual([]);
    expect(problems.http.every((h) => String(h).includes('/api/admin/mediawiki/imports'))).toBe(
      true,
    );
    await context.close();
  });

  it('shows the description of an imported category page above its pages, and a missing file as a placeholder (after the import above)', async () => {
    const context = await loggedIn('admin@example.org');
    const { page, problems } = await watchedPage(context);
    await page.goto('/category/Tiers-lieux');
    const description = page.getByTestId('category-description');
    await expect
      .poll(() => description.locator('.content').textContent())
      .toContain('Les pages sur les tiers-lieux.');
    expect(await description.locator('strong').textContent()).toBe('tiers-lieux');
    // Above the list of pages.
    const top = async (testId: string) => (await page.getByTestId(testId).boundingBox())?.y ?? NaN;
    expect(await top('category-description')).toBeLessThan(await top('category-pages'));
    expect(await page.getByTestId('category-pages').textContent()).toContain('Tiers-lieu');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The Coop's page shows its photo, whose file was not imported (no images): a placeholder names it.
    await page.goto('/wiki/la-coop-des-communs');
    await expect
      .poll(() => page.getByText('Fichier manquant : coop-facade.jpg').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.getByRole('img', { name: /Fichier manquant/ }).count()).toBe(1);
    expect(problems.page).toEqual([]);
    // The only failed request is the missing file's 404.
    expect(problems.http.every((h) => String(h).includes('/files/coop-facade.jpg'))).toBe(true);
    await context.close();
  });

  it('is refused to other roles', async () => {
    const context = await loggedIn('camille@example.org');
    const { page } = await watchedPage(context);
    await page.goto('/admin/mediawiki');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Réservé aux administrateur·rices.');
    expect(await page.getByRole('link', { name: 'Import MediaWiki' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
