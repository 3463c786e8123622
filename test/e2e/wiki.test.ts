import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
  type PageProblems,
} from '../helpers/browser.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

/** Retries an assertion for as long as a browser step may take on a loaded machine (vitest's default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/** The failed requests that the test did not provoke on purpose. */
const unexpectedHttp = (problems: PageProblems, provoked: string[]) =>
  problems.http.filter((line) => !provoked.includes(line));

describe.skipIf(!HAS_CHROMIUM)('the wiki in a real browser', () => {
  let s: BrowserSession;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    s = await startBrowserSession();
    ({ page, problems } = await watchedPage(s.context));
  });

  afterAll(async () => {
    await s?.close();
  });

  it('registers, creates, edits and reads a page, follows a red link to create another, sees history, diff and revert', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Le wiki des tiers-lieux' }).waitFor();

    // Registration: the API's field error shows next to the password field.
    await page.getByRole('link', { name: 'Créer un compte' }).first().click();
    await page.getByLabel('Nom affiché').fill('Camille Martin');
    await page.getByLabel('Adresse e-mail').fill('camille@example.org');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByTestId('register').click();
    await expectText(page.getByTestId('password-error'), '8 caractères');
    await page.getByLabel('Mot de passe').fill('un mot de passe solide');
    await page.getByTestId('register').click();
    await expectText(page.getByTestId('current-user'), 'Camille Martin');

    // A new page from the home page's form, with a wiki link to a page not written yet.
    await page.getByRole('textbox', { name: 'Créer une page' }).fill('Jardin partagé');
    await page.getByTestId('new-page').click();
    // It opens the co-editor at the page's address; the plain form is one link away.
    await page.waitForURL('**/wiki/jardin-partage/edit?title=*');
    await page.locator('[data-testid=collab-editor] .cm-content').waitFor();
    await page.getByTestId('form-editor-link').click();
    await page.waitForURL('**/wiki/jardin-partage/edit?mode=form*');
    await expect
      .poll(() => page.getByLabel('Titre', { exact: true }).inputValue())
      .toBe('Jardin partagé');
    await page
      .getByLabel('Contenu (Markdown)')
      .fill('# Le jardin\n\nNous cultivons ensemble. Voir [[Compost collectif]].\n');
    await page.getByLabel('Catégories').fill('Jardinage, Écologie');
    await page.getByLabel('Résumé de la modification').fill('Première version');
    await page.getByTestId('save').click();
    await page.waitForURL('**/wiki/jardin-partage');
    await page.getByRole('heading', { name: 'Jardin partagé', level: 1 }).waitFor();
    await page.getByText('Nous cultivons ensemble.').waitFor();
    await page.getByRole('link', { name: 'Écologie' }).waitFor();
    await expectText(page.getByTestId('updated'), 'Camille Martin');

    // Edit it (in the plain form, reached from the co-editor): the new text is rendered (strong text, a table) at revision 2.
    await page.getByTestId('edit-link').click();
    await page.waitForURL('**/wiki/jardin-partage/edit');
    await page.getByTestId('form-editor-link').click();
    const body = page.getByLabel('Contenu (Markdown)');
    await poll(() => body.inputValue()).toContain('Nous cultivons ensemble.');
    await body.fill(
      '# Le jardin\n\nNous cultivons **ensemble** le mardi.\n\n| Jour | Tâche |\n|---|---|\n| Mardi | Arrosage |\n\nVoir [[Compost collectif]].\n',
    );
    // The preview shows the server's rendering of the unsaved text.
    await page.getByTestId('preview-tab').click();
    await page.getByTestId('preview').getByRole('cell', { name: 'Arrosage' }).waitFor();
    await page
      .getByTestId('preview')
      .locator('a.wikilink.missing', { hasText: 'Compost collectif' })
      .waitFor();
    await page.getByRole('button', { name: 'Écrire' }).click();
    await page.getByLabel('Résumé de la modification').fill('Ajout du planning');
    await page.getByTestId('save').click();
    await page.waitForURL('**/wiki/jardin-partage');
    await page.locator('lc-wiki-content strong', { hasText: 'ensemble' }).waitFor();
    await page.getByRole('cell', { name: 'Arrosage' }).waitFor();
    await page.getByText('révision 2').waitFor();

    // Reload: the page is read back from the server.
    await page.reload();
    await page.getByRole('cell', { name: 'Arrosage' }).waitFor();

    // The home page lists the missing page among the pages to create.
    await page.getByRole('link', { name: 'Accueil', exact: true }).click();
    await page.getByTestId('wanted').getByRole('link', { name: 'Compost collectif' }).waitFor();
    await page.goBack();

    // Follow the red link: the editor opens with the page's title, and the new page links back.
    const red = page.locator('lc-wiki-content a.wikilink.missing', {
      hasText: 'Compost collectif',
    });
    await red.click();
    await page.waitForURL('**/wiki/compost-collectif/edit?title=*');
    await page.getByTestId('collab-new').waitFor();
    await page.getByTestId('form-editor-link').click();
    const title = page.getByLabel('Titre', { exact: true });
    await poll(() => title.inputValue()).toBe('Compost collectif');
    await page.getByLabel('Contenu (Markdown)').fill('Le compost du [[Jardin partagé|jardin]].\n');
    await page.getByTestId('save').click();
    await page.waitForURL('**/wiki/compost-collectif');
    await page.getByText('Le compost du').waitFor();

    // Back to the first page through the link, which lists the new page among its backlinks.
    await page.locator('lc-wiki-content a.wikilink', { hasText: 'jardin' }).click();
    await page.waitForURL('**/wiki/jardin-partage');
    await page.getByTestId('backlinks').getByRole('link', { name: 'Compost collectif' }).waitFor();
    await poll(() => page.locator('lc-wiki-content a.wikilink.missing').count()).toBe(0);

    await historyDiffAndRevert(page);
    await specialPages(page);

    // The language switch re-renders the view in English.
    await page.goto('/wiki/jardin-partage');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'History' }).waitFor();
    await page.getByRole('heading', { name: 'What links here' }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('link', { name: 'Historique' }).waitFor();

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    // The short password is the only failed request.
    // The editors ask for the two pages before they exist.
    const provoked = [
      '400 POST /api/auth/register',
      '404 GET /api/pages/jardin-partage',
      '404 GET /api/pages/compost-collectif',
    ];
    expect(unexpectedHttp(problems, provoked)).toEqual([]);
    expect(problems.http).toContain('400 POST /api/auth/register');
  }, 120_000);
});

describe.skipIf(!HAS_CHROMIUM)('editing conflicts and logging in, in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows a conflict without losing the text, then logs out and in', async () => {
    const { page, problems } = await watchedPage(s.context);
    await page.goto('/');
    const reg = await page.request.post('/api/auth/register', {
      data: { email: 'dominique@example.org', name: 'Dominique', password: 'mot de passe solide' },
    });
    const csrf = ((await reg.json()) as { csrfToken: string }).csrfToken;
    const put = (markdown: string, baseRevision: number) =>
      page.request.put('/api/pages/charte-du-lieu', {
        headers: { 'x-csrf-token': csrf },
        data: { title: 'Charte du lieu', markdown, baseRevision },
      });
    expect((await put('Version de départ.\n', 0)).status()).toBe(201);

    await page.goto('/wiki/charte-du-lieu/edit?mode=form');
    const body = page.getByLabel('Contenu (Markdown)');
    await poll(() => body.inputValue()).toContain('Version de départ.');
    await body.fill('Version de départ.\n\nMon ajout important.\n');

    // Leaving by a link asks first; staying keeps the text.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'Accueil', exact: true }).click();
    await poll(() => asked).toContain('pas enregistrées');
    expect(new URL(page.url()).pathname).toBe('/wiki/charte-du-lieu/edit');
    expect(await body.inputValue()).toContain('Mon ajout important.');

    // Someone else saves meanwhile.
    expect((await put('Version de départ, relue par une autre personne.\n', 1)).status()).toBe(200);
    await page.getByTestId('save').click();
    const conflict = page.getByTestId('conflict');
    await expectText(conflict, 'révision 2');

    // Take the current version: the form holds it, and my text stays on screen.
    await page.getByTestId('take-current').click();
    await poll(() => body.inputValue()).toContain('relue par une autre personne');
    await poll(() => page.getByTestId('kept-text').locator('textarea').inputValue()).toContain(
      'Mon ajout important.',
    );
    await body.fill('Version de départ, relue par une autre personne.\n\nMon ajout important.\n');
    await page.getByLabel('Je suis référent·e de cette page').check();
    await page.getByTestId('save').click();
    await page.waitForURL('**/wiki/charte-du-lieu');
    await page.getByText('révision 3').waitFor();
    await page.getByText('Mon ajout important.').waitFor();
    await expectText(page.getByTestId('referent'), 'Dominique');

    // Log out, fail to log in, log in.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).first().click();
    await page.getByLabel('Adresse e-mail').fill('dominique@example.org');
    await page.getByLabel('Mot de passe').fill('pas le bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectText(page.getByTestId('form-error'), 'incorrect');
    await page.getByLabel('Mot de passe').fill('mot de passe solide');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectText(page.getByTestId('current-user'), 'Dominique');

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    const provoked = ['401 POST /api/auth/login', '409 PUT /api/pages/charte-du-lieu'];
    expect(unexpectedHttp(problems, provoked)).toEqual([]);
    expect(problems.http).toEqual(expect.arrayContaining(provoked));
  }, 120_000);
});

describe.skipIf(!HAS_CHROMIUM)('a long history, in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('pages back through more revisions than one answer holds', async () => {
    const { page, problems } = await watchedPage(s.context);
    await page.goto('/');
    const reg = await page.request.post('/api/auth/register', {
      data: { email: 'alex@example.org', name: 'Alex', password: 'mot de passe solide' },
    });
    const csrf = ((await reg.json()) as { csrfToken: string }).csrfToken;
    for (let n = 1; n <= 102; n++) {
      const r = await page.request.put('/api/pages/journal', {
        headers: { 'x-csrf-token': csrf },
        data: {
          title: 'Journal',
          markdown: `Entrée ${n}\n`,
          summary: `Entrée ${n}`,
          baseRevision: n - 1,
        },
      });
      expect(r.ok()).toBe(true);
    }
    await page.goto('/wiki/journal/history');
    const rows = page.getByTestId('revisions').locator('li');
    await poll(() => rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Révisions plus anciennes' }).click();
    await poll(() => rows.count()).toBe(102);
    await rows.last().getByText('Entrée 1', { exact: true }).waitFor();
    await poll(() => page.getByRole('button', { name: 'Révisions plus anciennes' }).count()).toBe(
      0,
    );

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(problems.http).toEqual([]);
  }, 120_000);
});

describe.skipIf(!HAS_CHROMIUM)('a phone-sized screen', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession({ viewport: { width: 375, height: 740 } });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens the section menu and lays every wiki view out without sideways scrolling', async () => {
    const { page, problems } = await watchedPage(s.context);
    await page.goto('/');
    const reg = await page.request.post('/api/auth/register', {
      data: { email: 'lou@example.org', name: 'Lou', password: 'mot de passe solide' },
    });
    const csrf = ((await reg.json()) as { csrfToken: string }).csrfToken;
    const long = 'Une très longue ligne sans espace : ' + 'x'.repeat(300);
    for (const [n, markdown] of [
      `# Titre\n\n${long}\n`,
      `# Titre\n\n${long}y\n\n| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 |\n`,
    ].entries()) {
      const r = await page.request.put('/api/pages/fiche-longue', {
        headers: { 'x-csrf-token': csrf },
        data: { title: 'Fiche longue', markdown, baseRevision: n },
      });
      expect(r.ok()).toBe(true);
    }

    await page.goto('/');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Modifications récentes' })
      .click();
    await page.getByRole('heading', { name: 'Modifications récentes', level: 1 }).waitFor();
    await poll(() => page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe(
      'false',
    );

    for (const path of [
      '/',
      '/wiki/fiche-longue',
      '/wiki/fiche-longue/edit',
      '/wiki/fiche-longue/history',
      '/wiki/fiche-longue/diff?from=1&to=2',
      '/special/all-pages',
      '/login',
    ]) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(375);
    }

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(problems.http).toEqual([]);
  }, 120_000);
});

describe.skipIf(!HAS_CHROMIUM)('searching from the header, in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('finds a page by words of its body and marks them in the snippet', async () => {
    const { page, problems } = await watchedPage(s.context);
    await page.goto('/');
    const reg = await page.request.post('/api/auth/register', {
      data: { email: 'sacha@example.org', name: 'Sacha', password: 'mot de passe solide' },
    });
    const csrf = ((await reg.json()) as { csrfToken: string }).csrfToken;
    const created = await page.request.put('/api/pages/ressourcerie', {
      headers: { 'x-csrf-token': csrf },
      data: {
        title: 'Ressourcerie',
        markdown: 'La ressourcerie collecte les objets et les répare avec les bénévoles.\n',
        baseRevision: 0,
      },
    });
    expect(created.status()).toBe(201);

    await page
      .getByRole('searchbox', { name: 'Rechercher sur tout le site' })
      .fill('objets réparés');
    await page.getByRole('searchbox', { name: 'Rechercher sur tout le site' }).press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.getByTestId('search-results');
    await results.getByRole('link', { name: 'Ressourcerie' }).waitFor();
    await results.locator('mark', { hasText: 'objets' }).waitFor();
    await results.getByRole('link', { name: 'Ressourcerie' }).click();
    await page.waitForURL('**/wiki/ressourcerie');

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(problems.http).toEqual([]);
  }, 120_000);
});

/**
 * On the page "Jardin partagé" (2 revisions): the history with both summaries, the diff of the
 * two revisions in both layouts, and a revert to the first.
 */
async function historyDiffAndRevert(page: Page) {
  await page.getByRole('link', { name: 'Historique' }).click();
  const revisions = page.getByTestId('revisions');
  await revisions.getByText('Ajout du planning').waitFor();
  await revisions.getByText('Première version').waitFor();
  await poll(() => revisions.locator('li').count()).toBe(2);

  await page.getByTestId('compare').click();
  await page.waitForURL('**/wiki/jardin-partage/diff?from=1&to=2');
  const diff = page.getByTestId('diff');
  await page.getByRole('button', { name: 'Unifiée' }).click();
  // The changed line carries its inserted words, and the added table row a "+" marker.
  await diff.locator('ins', { hasText: 'mardi' }).first().waitFor();
  const added = diff.locator('tr.ins', { hasText: 'Arrosage' });
  await expectText(added.locator('td.mk'), '+');
  await page.getByRole('button', { name: 'Côte à côte' }).click();
  await diff.locator('td.tx.ins', { hasText: 'Arrosage' }).waitFor();
  // The diff address without revisions shows the page's last change, as MediaWiki's diff=cur.
  await page.goto('/wiki/jardin-partage/diff');
  await expectText(page.locator('lc-page-diff h1'), 'Changements entre les révisions 1 et 2');
  await diff.locator('td.tx.ins', { hasText: 'Arrosage' }).waitFor();

  // Revert to revision 1: a new revision 3 with the first text.
  await page.getByRole('link', { name: 'Historique' }).click();
  page.once('dialog', (d) => void d.accept());
  await page
    .getByTestId('revisions')
    .getByRole('button', { name: 'Revenir à cette version' })
    .click();
  await page.waitForURL('**/wiki/jardin-partage');
  await page.getByText('révision 3').waitFor();
  await page.getByText('Nous cultivons ensemble.').waitFor();
  await poll(() => page.getByRole('cell', { name: 'Arrosage' }).count()).toBe(0);
}

/** The recent changes and the special lists show the pages just written. */
async function specialPages(page: Page) {
  await page.getByRole('link', { name: 'Modifications récentes' }).first().click();
  await page.getByTestId('recent-changes').getByText('Révocation vers la révision 1').waitFor();

  await page.goto('/special/all-pages');
  const list = page.getByTestId('special-list');
  await list.getByRole('link', { name: 'Compost collectif' }).waitFor();
  await list.getByRole('link', { name: 'Jardin partagé' }).waitFor();

  await page.goto('/special/categories');
  await page.getByTestId('special-list').getByRole('link', { name: 'Jardinage' }).click();
  await page.getByTestId('category-pages').getByRole('link', { name: 'Jardin partagé' }).waitFor();
}

/** Waits until the locator shows a text containing `text`. */
async function expectText(locator: Locator, text: string) {
  await locator.waitFor();
  await poll(() => locator.textContent()).toContain(text);
}
