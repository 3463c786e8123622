import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../server/auth/users.js';
import { importBundle } from '../../registry/bundle.js';
import { savePage } from '../../registry/wiki/pages.js';
import { createEvent } from '../../registry/events/store.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';
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
 * What a place and a facilitator meet first on the switchyard and the wiki, in real Chromium:
 * headings and titles, labels instead of codes, the place chosen by name, the English switch,
 * each tool shown to who may use it, the queue's and dashboard's wording, one h1 per wiki page.
 */
describe.skipIf(!HAS_CHROMIUM)('the switchyard back-office and first screens', () => {
  let s: BrowserSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    s = await startBrowserSession();
    importBundle(s.db, fixtureRegistry().bundle);
    await createUser(s.db, {
      email: 'admin@example.org',
      name: 'Admin',
      password: 'password123',
      role: 'admin',
    });
    await createUser(s.db, {
      email: 'fanny@example.org',
      name: 'Fanny',
      password: 'password123',
      role: 'facilitator',
    });
    await createUser(s.db, {
      email: 'colin@example.org',
      name: 'Colin',
      password: 'password123',
      role: 'contributor',
    });
    // A Saturday in June, Paris time (UTC+2): its date reads the same whatever day the test runs.
    createEvent(
      s.db,
      {
        title: 'Portes ouvertes du Lieu Voisin',
        type: 'visite',
        place: 'lieu-voisin',
        slots: [{ startsAt: '2030-06-15T08:00:00Z', endsAt: '2030-06-15T10:00:00Z' }],
      },
      { userId: null },
    );
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await s?.close();
  });

  async function browserAs(email: string | null) {
    const context = await s.browser.newContext({
      baseURL: s.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const watched = await watchedPage(context);
    let csrf = '';
    if (email) {
      const login = await watched.page.request.post('/api/auth/login', {
        data: { email, password: 'password123' },
      });
      expect(login.status()).toBe(200);
      csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    }
    return { ...watched, csrf };
  }
  const navLinks = (page: Page) => page.getByTestId('sy-nav').getByRole('link').allInnerTexts();

  it('gives the switchyard an h1 and a title, labels instead of codes, and the place by name', async () => {
    const { page, problems } = await browserAs(null);
    await page.goto('/aiguillage');
    await page.getByRole('heading', { name: 'Gare d’aiguillage', level: 1 }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Gare d.aiguillage · /);
    // Anonymous visitors see only what they may use.
    await expect.poll(() => navLinks(page)).toEqual(['Poser une question']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The place by its name: typing proposes places, choosing one sends its slug.
    const picker = page.getByRole('combobox', { name: 'Votre lieu (tapez son nom, facultatif)' });
    await picker.fill('Lieu du No');
    await page.getByRole('option', { name: /Le Lieu du Nord/ }).click();
    expect(await picker.inputValue()).toBe('Le Lieu du Nord');
    await page.locator('lc-switchyard textarea').fill("l'adhesion et la compta de l'asso");
    const asked = page.waitForRequest(
      (r) => r.url().endsWith('/api/switchyard') && r.method() === 'POST',
    );
    await page.getByRole('button', { name: 'Trouver de l’aide' }).click();
    expect(JSON.parse((await asked).postData() ?? '{}')).toMatchObject({
      place: 'lieu-nord',
      region: 'Hauts-de-France',
    });
    // Result cards: "Logiciel", not "software".
    const card = page.locator('[data-testid=sy-resource]', { hasText: 'Gestasso' });
    await card.waitFor();
    expect(await card.locator('.meta').innerText()).toBe('Logiciel');
    expect(await page.locator('[data-testid=sy-resource] .meta').allInnerTexts()).not.toContain(
      'software',
    );
    expect(problems.page).toEqual([]);
  }, 120_000);

  it('switches the home page’s switchyard box to English', async () => {
    const { page } = await browserAs(null);
    await page.goto('/');
    await page
      .locator('lc-switchyard')
      .getByRole('heading', { name: 'Décrivez votre problème' })
      .waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .locator('lc-switchyard')
      .getByRole('heading', { name: 'Describe your problem' })
      .waitFor();
    expect(
      await page.locator('lc-switchyard').getByRole('button', { name: 'Find help' }).count(),
    ).toBe(1);
    await page.evaluate(() => localStorage.setItem('lc-locale', 'fr'));
  }, 60_000);

  it('shows a contributor only their tools, and says what the queue and the dashboard are', async () => {
    const { page, csrf } = await browserAs('colin@example.org');
    const asked = await page.request.post('/api/switchyard/requests', {
      headers: { 'x-csrf-token': csrf },
      data: { problem: 'gérer les adhésions' },
    });
    expect(asked.status()).toBe(201);
    await page.goto('/aiguillage');
    await expect.poll(() => navLinks(page)).toEqual(['Poser une question', 'Mes demandes']);
    await page.goto('/aiguillage/file');
    await page.getByTestId('sy-reserved').getByText('réservée à l’équipe d’animation').waitFor();
    expect(await page.getByText('Aucune demande').count()).toBe(0);
    await page.goto('/aiguillage/tableau-de-bord');
    await page.getByText('Le tableau de bord est réservé').waitFor();
    expect(await page.getByRole('button', { name: 'Appliquer' }).count()).toBe(0);
    expect(await page.getByText(/Exporter/).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('gives a facilitator the queue’s and dashboard’s wording, known networks and months in words', async () => {
    const { page, problems, csrf } = await browserAs('fanny@example.org');
    expect(
      (
        await page.request.post('/api/switchyard/requests', {
          headers: { 'x-csrf-token': csrf },
          data: { problem: 'un bail pour le local' },
        })
      ).status(),
    ).toBe(201);
    await page.goto('/aiguillage/file');
    await expect
      .poll(() => navLinks(page))
      .toEqual([
        'Poser une question',
        'Mes demandes',
        'File',
        'Communs manquants',
        'Tableau de bord',
        'Champ lexical',
      ]);
    const row = page.getByTestId('sy-request-row').first();
    await row.waitFor();
    expect(await page.locator('lc-switchyard-requests th').allInnerTexts()).toContain('Problème');
    expect(await row.innerText()).toContain('non attribuée');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto('/aiguillage/manquants');
    await page
      .getByTestId('sy-requests-empty')
      .getByText('Aucune demande n’est marquée « commun manquant »')
      .waitFor();

    await page.goto('/aiguillage/tableau-de-bord');
    await page.locator('[data-testid=sy-kpi-requests]').waitFor();
    await expect.poll(() => page.title()).toMatch(/^Tableau de bord/);
    const month = new Date().toLocaleDateString('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await page.locator('table.months td', { hasText: month }).waitFor();
    expect(await page.locator('table.months').first().innerText()).not.toMatch(/\d{4}-\d{2}/);
    await page.getByTestId('sy-missing-empty').waitFor();
    expect(
      await page
        .locator('datalist#sy-networks option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['cercle-nord']);
    expect(await page.getByText('Choisissez un réseau connu').count()).toBe(1);
    const csv = await page.request.get((await page.getByTestId('sy-csv-fr').getAttribute('href'))!);
    expect((await csv.text()).split('\r\n')[0]).toContain('Mois;Thème;Demandes');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems.page).toEqual([]);
  }, 90_000);

  it('searches places, people, communs and events from the header, grouped by kind, without offering to create them', async () => {
    const { page, problems } = await browserAs(null);
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Rechercher sur tout le site' });
    expect(await box.getAttribute('placeholder')).toBe(
      'Pages, communs, lieux, personnes, événements…',
    );
    await box.fill('Voisin');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=Voisin/);
    await page.getByTestId('search-places').getByRole('link', { name: 'Le Lieu Voisin' }).waitFor();
    expect(await page.getByRole('heading', { name: /^Lieux/, level: 2 }).count()).toBe(1);
    // The event, with its date in French (Paris time), its type and its place.
    const events = page.getByTestId('search-events');
    await events.getByRole('link', { name: 'Portes ouvertes du Lieu Voisin' }).waitFor();
    expect(await page.getByRole('heading', { name: /^Événements \(1\)/, level: 2 }).count()).toBe(
      1,
    );
    expect(await events.innerText()).toContain('samedi 15 juin 2030, 10:00 – 12:00');
    expect(await events.innerText()).toContain('Visite · Le Lieu Voisin');
    expect(await page.getByText('Créer la page').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // In English, the group and the date follow.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /^Events \(1\)/, level: 2 }).waitFor();
    expect(await events.innerText()).toMatch(/Saturday,? 15 June 2030, 10:00 – 12:00/);
    expect(await events.innerText()).toContain('Visit · Le Lieu Voisin');
    await page.evaluate(() => localStorage.setItem('lc-locale', 'fr'));
    await page.reload();
    await page.getByRole('heading', { name: /^Événements/, level: 2 }).waitFor();

    await page.goto('/search?q=Emma');
    await page.getByTestId('search-people').getByRole('link', { name: 'Emma Visio' }).waitFor();
    expect(await page.getByText('Créer la page').count()).toBe(0);
    await page.goto('/search?q=Gestasso');
    await page.getByTestId('search-communs').getByRole('link', { name: 'Gestasso' }).waitFor();
    expect(
      await page.getByTestId('search-communs').getByText('Logiciel', { exact: true }).count(),
    ).toBe(1);

    // Nothing anywhere: the page can be created.
    await page.goto('/search?q=Zorglub');
    await page.getByText('Rien ne correspond à cette recherche').waitFor();
    await page.getByText('Créer la page « Zorglub »').waitFor();
    expect(problems.page).toEqual([]);
  }, 60_000);

  it('shows the champ lexical read-only, saying who may change it, to visitors and contributors; editable to facilitators', async () => {
    const rows = (page: Page) => page.locator('lc-switchyard-thesaurus tbody tr');
    for (const who of [null, 'colin@example.org']) {
      const { page, problems } = await browserAs(who);
      await page.goto('/aiguillage/champ-lexical');
      await page
        .getByRole('heading', { name: 'Champ lexical de l’aiguillage', level: 1 })
        .waitFor();
      const note = page.getByTestId('sy-thesaurus-readonly');
      await note.waitFor();
      expect(await note.innerText()).toContain('modifié par l’équipe d’animation');
      expect(await note.getByRole('link', { name: 'Se connecter' }).count()).toBe(who ? 0 : 1);
      await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
      expect(
        await page.locator('lc-switchyard-thesaurus').getByRole('button').count(),
        String(who),
      ).toBe(0);
      expect(await page.locator('lc-switchyard-thesaurus').getByRole('textbox').count()).toBe(0);
      expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(problems.page).toEqual([]);
    }
    const { page } = await browserAs('fanny@example.org');
    await page.goto('/aiguillage/champ-lexical');
    await page.getByRole('button', { name: 'Ajouter le groupe' }).waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'Supprimer' }).count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId('sy-thesaurus-readonly').count()).toBe(0);
  }, 90_000);

  it('shows a wiki page’s title once, as its only h1', async () => {
    savePage(s.db, s.server.app.services.wiki, {
      slug: 'compost',
      title: 'Compost collectif',
      markdown: '# Compost collectif\n\nLe bac est au fond du jardin.\n',
      authorIds: [],
    });
    const { page } = await browserAs(null);
    await page.goto('/wiki/compost');
    await page.getByText('Le bac est au fond du jardin.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual([
      'Compost collectif',
    ]);
  }, 60_000);
});
