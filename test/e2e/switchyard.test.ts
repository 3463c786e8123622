import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';
import { importBundle } from '../../registry/bundle.js';

const CHROMIUM = '/usr/bin/chromium';
const built = existsSync(new URL('../../dist/client/index.html', import.meta.url));

// Needs the built client (npm test builds it first) and Debian's Chromium.
describe.skipIf(!built || !existsSync(CHROMIUM))('switchyard in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const db = openDatabase(':memory:');
    importBundle(db, fixtureRegistry().bundle);
    server = await startServer(db, { port: 0, loginMaxAttempts: 1000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ locale: 'fr-FR' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ask = async (problem: string) => {
    await page.fill('lc-switchyard textarea', problem);
    await page.click('lc-switchyard button[type=submit]');
  };

  it('answers a problem with people and resources side by side, with reasons', async () => {
    await page.goto(`${server.url}/aiguillage`);
    await ask("l'adhesion et la compta de l'asso");
    const person = page.locator('[data-testid=sy-person]').first();
    await person.waitFor();
    expect(await page.locator('[data-testid=sy-resource]').first().textContent()).toContain(
      'Gestasso',
    );
    expect(await person.textContent()).toContain('référent expert de Gestasso');
    // Each detected theme with its calibrated probability, as a percentage.
    expect(await page.locator('lc-switchyard .themes .chip').first().textContent()).toMatch(
      /^Outils de gestion.*\(\d{1,3} %\)$/,
    );
    expect(await page.locator('[data-testid=sy-person]').allTextContents()).not.toContain(
      expect.stringContaining('Carole'),
    );
    // Contact through the platform (no address shown).
    await person.getByRole('button', { name: 'Contacter' }).click();
    await person.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByRole('status').filter({ hasText: 'Message envoyé' }).waitFor();
  });

  it('asks clarifying questions inline and refines the answer', async () => {
    await ask('un modèle');
    await page.locator('[data-testid=sy-questions]').waitFor();
    await page.getByRole('button', { name: /Ressources juridiques/ }).click();
    await page.getByRole('button', { name: /Bail, occupation/ }).click();
    await page.locator('[data-testid=sy-resource]', { hasText: 'Bailtype' }).first().waitFor();
    expect(await page.locator('[data-testid=sy-resource]').first().textContent()).toContain(
      'Bailtype',
    );
  });

  it('follows the request, then a facilitator changes its status; the dashboard shows it', async () => {
    // The first account is an admin (a facilitator and more).
    await page.evaluate(async () => {
      await fetch('/api/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'fa@example.org',
          name: 'Fanny',
          password: 'mot de passe solide',
        }),
      });
    });
    await page.goto(`${server.url}/aiguillage`);
    await ask('gérer les adhésions');
    await page.locator('[data-testid=sy-follow]').click();
    const link = page.getByRole('link', { name: /Demande n° 1/ });
    await link.click();
    await page.locator('[data-testid=sy-status]').waitFor();
    expect(await page.locator('[data-testid=sy-status]').textContent()).toBe('Nouvelle');
    await page.locator('lc-switchyard-request select').first().selectOption('oriented');
    await page.locator('[data-testid=sy-status]', { hasText: 'Orientée' }).waitFor();

    await page.goto(`${server.url}/aiguillage/file`);
    await page.locator('[data-testid=sy-request-row]').first().waitFor();
    expect(await page.locator('[data-testid=sy-request-row]').count()).toBe(1);

    await page.goto(`${server.url}/aiguillage/tableau-de-bord`);
    await page.locator('[data-testid=sy-kpi-requests]').waitFor();
    expect(await page.locator('[data-testid=sy-kpi-requests] strong').textContent()).toBe('1');
    expect(await page.locator('lc-switchyard-dashboard svg').count()).toBeGreaterThanOrEqual(2);
  });

  it('a facilitator extends the champ lexical from its page, and the next answer uses it', async () => {
    await page.goto(`${server.url}/aiguillage/champ-lexical`);
    await page.getByPlaceholder('Identifiant').fill('jargon');
    await page.getByPlaceholder('Expressions équivalentes').fill('zoomette, visioconférence');
    await page.getByRole('button', { name: 'Ajouter le groupe' }).click();
    await page.locator('lc-switchyard-thesaurus td', { hasText: 'jargon' }).waitFor();
    await page.goto(`${server.url}/aiguillage`);
    await ask('une zoomette, vite');
    await page.locator('[data-testid=sy-resource]', { hasText: 'Visiolibre' }).first().waitFor();
    expect(await page.locator('[data-testid=sy-resource]').first().textContent()).toContain(
      'Visiolibre',
    );
  });
});
