import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  newAppContext,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

describe.skipIf(!HAS_CHROMIUM)('the interface language in a real browser', () => {
  let s: BrowserSession;

  beforeAll(async () => {
    s = await startBrowserSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  /** Opens the home page in a browser whose preferred language is `locale`; the login link's text and the page's `lang`. */
  async function firstVisit(locale: string, stored?: string) {
    const context = await newAppContext(s.browser, s.url, { locale });
    if (stored) await context.addInitScript((l) => localStorage.setItem('lc-locale', l), stored);
    const { page, problems } = await watchedPage(context);
    await page.goto('/');
    const login = page.locator('header a[href="/login"]').first();
    await login.waitFor();
    const result = {
      login: (await login.innerText()).trim(),
      lang: await page.evaluate(() => document.documentElement.lang),
    };
    expect(problems).toEqual({ console: [], page: [], http: [] });
    await context.close();
    return result;
  }

  it('follows the browser’s language on a first visit: English for en-US, French for fr-FR', async () => {
    expect(await firstVisit('en-US')).toEqual({ login: 'Log in', lang: 'en' });
    expect(await firstVisit('fr-FR')).toEqual({ login: 'Se connecter', lang: 'fr' });
  });

  it('falls back to French for a language the interface does not speak', async () => {
    expect(await firstVisit('de-DE')).toEqual({ login: 'Se connecter', lang: 'fr' });
  });

  it('keeps the language the visitor chose over the browser’s', async () => {
    expect(await firstVisit('en-US', 'fr')).toEqual({ login: 'Se connecter', lang: 'fr' });
    expect(await firstVisit('fr-FR', 'en')).toEqual({ login: 'Log in', lang: 'en' });
  });

  it('writes a label’s colon as each language does: « Thèmes repérés : » in French, "Themes found:" in English', async () => {
    for (const [locale, problem, label] of [
      ['fr-FR', 'nos adhérents ne paient pas leur cotisation', 'Thèmes repérés\u00a0:'],
      ['en-US', 'our members never pay their membership fees', 'Themes found:'],
    ]) {
      const context = await newAppContext(s.browser, s.url, { locale });
      const { page, problems } = await watchedPage(context);
      await page.goto('/aiguillage');
      await page.fill('lc-switchyard textarea', problem);
      await page.click('lc-switchyard button[type=submit]');
      const themes = page.locator('.themes > span').first();
      await themes.waitFor();
      expect(await themes.textContent()).toBe(label);
      expect(problems).toEqual({ console: [], page: [], http: [] });
      await context.close();
    }
  });

  it('writes counts with each language’s plural: « 0 événement », « 0 résultat » in French, "0 events", "0 results" in English', async () => {
    const tiles = /tile\.openstreetmap\.org/;
    for (const [locale, events, results] of [
      ['fr-FR', '0 événement', '0 résultat'],
      ['en-US', '0 events', '0 results'],
    ]) {
      const context = await newAppContext(s.browser, s.url, { locale });
      const { page, problems } = await watchedPage(context);
      // The events page's map asks the tile server, which this machine cannot reach.
      await page.route(tiles, (route) => route.abort('internetdisconnected'));
      await page.goto('/search?q=introuvable');
      await expect
        .poll(() => page.locator('lc-search-page [role=status]').textContent())
        .toBe(results);
      // The events page last: its map's script loads lazily, and leaving the page meanwhile aborts it.
      await page.goto('/evenements');
      await expect
        .poll(() => page.locator('[data-testid=events-count]').textContent())
        .toBe(events);
      await page.waitForLoadState('networkidle');
      expect({
        console: problems.console.filter((m) => !tiles.test(m)),
        page: problems.page,
        http: problems.http.filter((h) => !tiles.test(h)),
      }).toEqual({ console: [], page: [], http: [] });
      await context.close();
    }
  });
});
