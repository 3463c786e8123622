import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { BrowserContext } from 'playwright-core';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { MAILS, seedPermanences, type PermanenceAccounts } from '../helpers/permanences-fixture.js';

const PROBLEM =
  'Nos statuts associatifs ne collent plus à notre gouvernance : faut-il passer en SCIC ?';

describe.skipIf(!HAS_CHROMIUM)('permanences in the browser', () => {
  let session: BrowserSession;
  let who: PermanenceAccounts;
  let sessionId = 0;
  const contexts: BrowserContext[] = [];

  /** A browser context logged in as `email` (anonymous without). */
  async function contextFor(email?: string) {
    const context = await session.browser.newContext({
      baseURL: session.url,
      locale: 'fr-FR',
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    if (email)
      expect(
        (
          await context.request.post('/api/auth/login', {
            data: { email, password: 'password123' },
          })
        ).status(),
      ).toBe(200);
    return context;
  }

  beforeAll(async () => {
    if (!HAS_CHROMIUM) return;
    session = await startBrowserSession();
    who = await seedPermanences(session.db);
    // The facilitator publishes a permanence of Éva's: 08:30 Paris time in three days.
    const starts = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 3 })
      .set({ hour: 8, minute: 30, second: 0, millisecond: 0 })
      .toJSDate();
    const res = await fetch(`${session.url}/api/permanences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        expert: 'eva-experte',
        title: 'Statuts et gouvernance',
        themes: ['juridique', 'gouvernance'],
        format: 'collective',
        capacity: 3,
        mode: 'remote',
        link: 'https://visio.example.org/eva',
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
      }),
    });
    expect(res.status).toBe(201);
    sessionId = ((await res.json()) as { id: number }).id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await session?.close();
  });

  it('a place describes its problem, books the suggested expert’s session and downloads its .ics', async () => {
    const { page, problems } = await watchedPage(await contextFor(MAILS.place));
    await page.goto('/aiguillage');
    await page.fill('lc-switchyard textarea', PROBLEM);
    await page.click('lc-switchyard button[type=submit]');
    const eva = page.locator('[data-testid=sy-person]', { hasText: 'Éva Experte' });
    await eva.getByRole('button', { name: 'Réserver un créneau' }).click();
    const form = eva.getByRole('form', { name: 'Réserver un créneau' });
    await expect.poll(() => form.getByLabel('Votre question').inputValue()).toBe(PROBLEM);
    expect(await form.getByLabel('Pour le lieu').inputValue()).toBe('La Fabrique');
    // The slot reads in Paris time and in French, whatever the browser's time zone.
    expect(await form.getByLabel('Créneau').locator('option').first().textContent()).toMatch(
      /^Statuts et gouvernance — \S+ \d{1,2} \S+ \d{4}, 08:30–10:30 \(3 places libres\)$/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Réserver' }).click();
    const ics = eva.getByTestId('perm-booking-ics');
    await ics.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), ics.click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!,
    );
    expect(event.summary).toBe('Statuts et gouvernance — La Fabrique');
    expect(event.description).toContain(PROBLEM);
    expect(event.startDate.toString()).toMatch(/T08:30:00$/);
    // The request was followed on the way and moved to in-contact.
    await page.getByRole('link', { name: /Demande n° 1/ }).click();
    await page.locator('[data-testid=sy-status]', { hasText: 'En contact' }).waitFor();
    await page
      .locator('lc-request-permanences [data-testid=perm-booking]', { hasText: PROBLEM })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect([...problems.console, ...problems.page, ...problems.http]).toEqual([]);
  }, 90_000);

  it('shows the facilitator the booking on the request, with attendance, and on the dashboard', async () => {
    const { page, problems } = await watchedPage(await contextFor('facilitatrice@example.org'));
    await page.goto('/aiguillage/demandes/1');
    await page.locator('[data-testid=sy-status]', { hasText: 'En contact' }).waitFor();
    const booking = page.locator('lc-request-permanences [data-testid=perm-booking]', {
      hasText: PROBLEM,
    });
    await booking.getByLabel('Présence').selectOption('true');
    await booking.getByLabel('Note de suivi').fill('Modèle de statuts SCIC envoyé.');
    await booking.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await booking.getByRole('status').filter({ hasText: 'Suivi enregistré' }).waitFor();
    await expect
      .poll(
        async () =>
          (
            (await fetch(`${session.url}/api/switchyard/requests/1`, {
              headers: { authorization: `Bearer ${who.facilitator}` },
            }).then((r) => r.json())) as { events: { body: string }[] }
          ).events.at(-1)?.body,
      )
      .toContain('Modèle de statuts SCIC envoyé.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto('/aiguillage/tableau-de-bord');
    await expect
      .poll(() => page.locator('[data-testid=perm-kpi-upcoming] strong').textContent())
      .toBe('1');
    expect(await page.locator('[data-testid=sy-kpi-requests] strong').textContent()).toBe('1');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`/permanences/${sessionId}`);
    await page.locator('[data-testid=perm-booking]', { hasText: PROBLEM }).waitFor();
    await page.getByRole('link', { name: 'https://visio.example.org/eva' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect([...problems.console, ...problems.page, ...problems.http]).toEqual([]);
  }, 90_000);

  it('lets readers and anonymous visitors see sessions and seats, never questions, and not book', async () => {
    for (const email of [undefined, 'lecteur@example.org']) {
      const { page, problems } = await watchedPage(await contextFor(email));
      await page.goto('/permanences');
      const card = page.locator('[data-testid=perm-card]', { hasText: 'Statuts et gouvernance' });
      await card.waitFor();
      expect(await card.textContent()).toContain('2 places libres');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await card.getByRole('link', { name: 'Voir et réserver' }).click();
      await page.getByText('Connectez-vous (contributeur·rice) pour réserver.').waitFor();
      expect(await page.getByText(/SCIC/).count()).toBe(0);
      expect(await page.getByText(/visio\.example\.org/).count()).toBe(0);
      expect(await page.locator('[data-testid=perm-booking]').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect([...problems.console, ...problems.page, ...problems.http], String(email)).toEqual([]);
    }
  }, 120_000);

  it('a facilitator publishes a session choosing the expert by name, then filters the list by that expert', async () => {
    const { page, problems } = await watchedPage(await contextFor('facilitatrice@example.org'));
    await page.goto('/permanences');
    await page.getByRole('button', { name: 'Publier une permanence' }).click();
    const form = page.locator('lc-permanence-form');
    // Without a person picked from the list, the form says so next to the field.
    await form.locator('#pf-title').fill('Gouvernance partagée : premiers pas');
    const day = DateTime.now().setZone('Europe/Paris').plus({ days: 9 }).toFormat('yyyy-LL-dd');
    await form.locator('#pf-start').fill(`${day}T14:00`);
    await form.locator('#pf-end').fill(`${day}T15:00`);
    await form.getByRole('button', { name: 'Publier' }).click();
    await form
      .locator('.field-error', { hasText: 'choisissez la personne dans la liste' })
      .waitFor();
    // Typing a name offers the directory's people; picking one fills the field with her name.
    await form.locator('#pf-expert input').pressSequentially('Éva');
    await form.locator('#pf-expert button[data-slug="eva-experte"]').click();
    expect(await form.locator('#pf-expert input').inputValue()).toBe('Éva Experte');
    await form.getByRole('button', { name: 'Publier' }).click();
    await form.getByText('1 séance publiée.').waitFor();
    expect(await form.locator('.field-error').count()).toBe(0);

    // The list filtered by the same expert, chosen by name.
    const list = page.locator('lc-permanences');
    await list.locator('#f-expert input').pressSequentially('Éva');
    await list.locator('#f-expert button[data-slug="eva-experte"]').click();
    await list.getByRole('button', { name: 'Filtrer' }).click();
    const cards = list.getByTestId('perm-card');
    await cards.filter({ hasText: 'Gouvernance partagée : premiers pas' }).waitFor();
    const withWhom = await cards.locator('.muted').allTextContents();
    expect(withWhom.length).toBeGreaterThanOrEqual(2);
    for (const line of withWhom) expect(line).toContain('avec Éva Experte');
    expect(problems).toEqual({ console: [], page: [], http: [] });
  });

  it('shows admins the outbox with each mail’s text and attachments', async () => {
    const { page, problems } = await watchedPage(await contextFor('admin@example.org'));
    await page.goto('/');
    await page.getByRole('link', { name: 'Courriels' }).click();
    const mail = page.locator('[data-testid=outbox-mail]', { hasText: MAILS.place });
    await mail.locator('summary').click();
    expect(await mail.textContent()).toContain('Permanence réservée');
    expect(await mail.textContent()).toContain('Pièces jointes\u00a0: permanence.ics');
    expect(await mail.locator('pre').textContent()).toContain(PROBLEM);
    expect(await page.locator('[data-testid=outbox-mail]').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect([...problems.console, ...problems.page, ...problems.http]).toEqual([]);
  });
});

describe.skipIf(HAS_CHROMIUM)('permanences in the browser', () => {
  it.skip(NO_BROWSER, () => {});
});
