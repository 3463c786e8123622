import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { BrowserContext, Page } from 'playwright-core';
import { createApiToken, createUser } from '../../server/auth/users.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';

/**
 * A place takes part in the Journées Portes Ouvertes in a real browser: it joins the campaign,
 * adds an event with two slots through the guided form, finds it on the map filtered to that
 * day, and subscribes to the campaign's feed (read back with ical.js). Tile servers are blocked.
 */

const TILE_HOSTS = /tile\.openstreetmap\.org|tile\.osm\.org/;
let session: BrowserSession;
let adminToken = '';

async function api(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(session.url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function openPage(context: BrowserContext): Promise<{ page: Page; errors: () => string[] }> {
  const { page, problems } = await watchedPage(context);
  await page.route(TILE_HOSTS, (route) => route.abort('internetdisconnected'));
  const errors = () => [
    ...problems.console.filter((m) => !TILE_HOSTS.test(m)),
    ...problems.page,
    ...problems.http.filter((h) => !TILE_HOSTS.test(h)),
  ];
  return { page, errors };
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  session = await startBrowserSession();
  const admin = await createUser(session.db, {
    email: 'admin@example.org',
    name: 'Admin',
    password: 'password123',
    role: 'admin',
  });
  const facilitator = await createUser(session.db, {
    email: 'reseau@example.org',
    name: 'Réseau',
    password: 'password123',
    role: 'facilitator',
  });
  const alice = await createUser(session.db, {
    email: 'alice@example.org',
    name: 'Alice',
    password: 'password123',
    role: 'contributor',
  });
  adminToken = createApiToken(session.db, admin.id);
  for (const p of [
    {
      slug: 'la-ruche',
      name: 'La Ruche',
      address: '12 rue des Arts',
      city: 'Lille',
      postcode: '59000',
      lat: 50.63,
      lon: 3.06,
    },
    {
      slug: 'le-hangar',
      name: 'Le Hangar',
      city: 'Amiens',
      postcode: '80000',
      lat: 49.89,
      lon: 2.3,
    },
  ]) {
    expect((await api(adminToken, 'POST', '/api/places', p)).status).toBe(201);
  }
  // Alice is a person of La Ruche.
  session.db
    .prepare(
      `INSERT INTO people (slug, name, place_id, user_id) VALUES ('alice', 'Alice', (SELECT id FROM places WHERE slug = 'la-ruche'), ?)`,
    )
    .run(alice.id);
  const campaign = await api(createApiToken(session.db, facilitator.id), 'POST', '/api/campaigns', {
    slug: 'jpto-2025',
    title: 'Journées Portes Toujours Ouvertes',
    startsOn: '2025-10-02',
    endsOn: '2025-10-04',
    regions: ['Hauts-de-France'],
  });
  expect(campaign.status).toBe(201);
  // Another place already has an event on another day of the campaign.
  expect(
    (
      await api(adminToken, 'POST', '/api/events', {
        title: 'Visite du Hangar',
        type: 'visite',
        place: 'le-hangar',
        campaign: 'jpto-2025',
        slots: [{ startsAt: '2025-10-03T10:00', endsAt: '2025-10-03T12:00' }],
      })
    ).status,
  ).toBe(201);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe.skipIf(!HAS_CHROMIUM)(
  `events and campaigns in a browser${HAS_CHROMIUM ? '' : ` (${NO_BROWSER})`}`,
  () => {
    it('joins a campaign, adds an event with two slots, finds it on the map filtered to that day, subscribes to the feed', async () => {
      const context = await session.browser.newContext({
        baseURL: session.url,
        locale: 'fr-FR',
        viewport: { width: 1280, height: 900 },
      });
      context.setDefaultTimeout(20_000);
      await context.addInitScript(() =>
        localStorage.setItem(
          'lc-my-place',
          JSON.stringify({ slug: 'la-ruche', name: 'La Ruche', lat: 50.63, lon: 3.06 }),
        ),
      );
      expect(
        (
          await context.request.post('/api/auth/login', {
            data: { email: 'alice@example.org', password: 'password123' },
          })
        ).status(),
      ).toBe(200);
      const { page, errors } = await openPage(context);

      // The campaign page: Alice's place joins.
      await page.goto('/campagnes/jpto-2025');
      const campaign = page.locator('lc-campaign-page');
      await expect
        .poll(() => campaign.locator('h1').textContent())
        .toBe('Journées Portes Toujours Ouvertes');
      await expect
        .poll(() => campaign.locator('[data-testid=campaign-counts]').textContent())
        .toContain('1 lieu participant, 1 événement');
      expect(await campaign.locator('p strong').first().textContent()).toBe(
        'du jeudi 2 octobre 2025 au samedi 4 octobre 2025',
      );
      expect(await seriousA11yViolations(page)).toEqual([]);
      await campaign.getByRole('button', { name: 'Rejoindre la campagne' }).click();
      await expect
        .poll(() => campaign.locator('[data-testid=campaign-counts]').textContent())
        .toContain('2 lieux participants');

      // The guided form, with the place and the campaign already chosen.
      await campaign.getByRole('link', { name: 'Ajouter un événement au programme' }).click();
      const form = page.locator('lc-event-form');
      await form.locator('#title').fill('Atelier réparation de vélos');
      await form.locator('#type').selectOption('atelier');
      await expect.poll(() => form.locator('#campaign').inputValue()).toBe('jpto-2025');
      await form.locator('input[name=slot-0-start]').fill('2025-10-02T10:00');
      await form.locator('input[name=slot-0-end]').fill('2025-10-02T12:30');
      await form.getByRole('button', { name: 'Ajouter un créneau' }).click();
      await form.locator('input[name=slot-1-start]').fill('2025-10-02T13:30');
      await form.locator('input[name=slot-1-end]').fill('2025-10-02T19:00');
      await form.locator('#description').fill('Apportez votre **vélo**.');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await form.getByRole('button', { name: 'Publier' }).click();

      // The event's page: both slots in French, Paris time; its JSON-LD in the head.
      const view = page.locator('lc-event-page');
      await expect.poll(() => view.locator('h1').textContent()).toBe('Atelier réparation de vélos');
      expect(await view.locator('[data-testid=event-slots] li').allTextContents()).toEqual([
        'jeudi 2 octobre 2025, 10:00 – 12:30',
        'jeudi 2 octobre 2025, 13:30 – 19:00',
      ]);
      const ld = JSON.parse((await page.locator('script#lc-event-jsonld').textContent()) ?? '{}');
      expect(ld).toMatchObject({
        '@type': 'Event',
        startDate: '2025-10-02T10:00:00+02:00',
        location: { name: 'La Ruche' },
      });
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The events page filtered to that day: the map shows only La Ruche, the programme the two slots.
      await page.goto('/evenements');
      const events = page.locator('lc-events-page');
      await events.locator('input[name=from]').fill('2025-10-02');
      await events.locator('input[name=to]').fill('2025-10-02');
      await events.locator('input[name=to]').dispatchEvent('change');
      await expect
        .poll(() => events.locator('[data-testid=events-count]').textContent())
        .toBe('1 événement');
      await expect
        .poll(() => events.locator('lc-place-map').getAttribute('data-markers'))
        .toBe('1');
      expect(
        await events.locator('lc-place-map .leaflet-marker-icon[title="La Ruche"]').count(),
      ).toBe(1);
      expect(await events.locator('lc-programme li').count()).toBe(2);
      expect(page.url()).toContain('from=2025-10-02&to=2025-10-02');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Subscribing to the campaign's feed: both events, one VEVENT per slot, in Europe/Paris.
      await page.goto('/campagnes/jpto-2025');
      await expect
        .poll(() => campaign.locator('[data-testid=campaign-counts]').textContent())
        .toContain('2 événements');
      const href = await campaign.locator('[data-testid=campaign-feed]').getAttribute('href');
      const feed = await context.request.get(href!);
      expect(feed.headers()['content-type']).toContain('text/calendar');
      const cal = new ICAL.Component(ICAL.parse(await feed.text()) as unknown[]);
      const vevents = cal.getAllSubcomponents('vevent');
      expect(vevents.map((v) => v.getFirstPropertyValue('summary')).sort()).toEqual([
        'Atelier réparation de vélos',
        'Atelier réparation de vélos',
        'Visite du Hangar',
      ]);
      expect(
        vevents.every(
          (v) => v.getFirstProperty('dtstart')!.getParameter('tzid') === 'Europe/Paris',
        ),
      ).toBe(true);
      expect(await campaign.locator('lc-programme section').count()).toBe(2);
      expect(errors()).toEqual([]);
      await context.close();
    }, 180_000);

    it('shows an imported all-day event as « toute la journée », not as 00:00 – 00:00', async () => {
      const ics = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
        'BEGIN:VEVENT',
        'UID:portes-ouvertes-hangar@example.org',
        'DTSTAMP:20250901T000000Z',
        'SUMMARY:Portes ouvertes du Hangar',
        'DTSTART;VALUE=DATE:20251108',
        'DTEND;VALUE=DATE:20251109',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      const res = await fetch(
        `${session.url}/api/places/le-hangar/events/import?since=2025-10-01`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/calendar' },
          body: ics,
        },
      );
      expect(res.status).toBe(200);
      const found = await api(adminToken, 'GET', '/api/events?place=le-hangar&from=2025-11-01');
      const event = (found.json.items as { id: number; title: string }[]).find(
        (e) => e.title === 'Portes ouvertes du Hangar',
      )!;
      const context = await session.browser.newContext({ baseURL: session.url, locale: 'fr-FR' });
      const { page, errors } = await openPage(context);
      await page.goto(`/evenements/${event.id}`);
      await expect
        .poll(() => page.getByTestId('event-slots').textContent())
        .toBe('samedi 8 novembre 2025, toute la journée');
      // Its map's script loads lazily: leaving before it is in would abort it.
      await page.waitForLoadState('networkidle');
      await page.goto('/evenements?from=2025-11-08&to=2025-11-08');
      const line = page.locator('lc-programme li', { hasText: 'Portes ouvertes du Hangar' });
      await expect.poll(() => line.locator('.time').textContent()).toBe('Toute la journée');
      expect(errors()).toEqual([]);
      await context.close();
    });
  },
);
