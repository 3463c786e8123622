import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { createApiToken, createUser } from '../../server/auth/users.js';
import { importCgetPlaces } from '../../registry/cget.js';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';

/**
 * The registry pages in a real browser: the real server on port 0 with a temporary database
 * holding the development bundle (imported through POST /api/import) and the 1,512 CGET places;
 * tile servers are blocked so the maps run offline.
 */

const BUNDLE = '/work/shared/data/switchyard-dev/bundle.json';
const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';
const TILE_HOSTS = /tile\.openstreetmap\.org|tile\.osm\.org/;

interface BundleFile {
  places: { slug: string; name: string; lat?: number; lon?: number; city?: string }[];
  people: { slug: string; name: string; contactable: boolean }[];
  usages: { resource: string; place: string }[];
  referents: { resource: string; person: string }[];
}

let session: BrowserSession;
let adminToken: string;
const bundle = JSON.parse(readFileSync(BUNDLE, 'utf8')) as BundleFile;

/** Calls the API as the admin. */
async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(session.url + path, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/**
 * A page with tile servers blocked. `errors()` lists console errors, uncaught exceptions and
 * failed requests, except the blocked tiles and the HTTP statuses listed in `expected`.
 */
async function openPage(
  context: BrowserContext,
  expected: number[] = [],
): Promise<{ page: Page; errors: () => string[] }> {
  const { page, problems } = await watchedPage(context);
  await page.route(TILE_HOSTS, (route) => route.abort('internetdisconnected'));
  // Chromium logs each blocked tile on the console too, with the tile's address.
  const errors = () => [
    ...problems.console.filter((m) => !TILE_HOSTS.test(m)),
    ...problems.page,
    ...problems.http.filter(
      (h) => !TILE_HOSTS.test(h) && !expected.some((s) => h.startsWith(`${s} `)),
    ),
  ];
  return { page, errors };
}

/** A browser context of the same browser (anonymous unless `email` is given, then logged in). */
async function newContext(
  opts: {
    email?: string;
    init?: (ctx: BrowserContext) => Promise<unknown>;
    viewport?: { width: number; height: number };
  } = {},
) {
  const context = await session.browser.newContext({
    baseURL: session.url,
    locale: 'fr-FR',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  await opts.init?.(context);
  if (opts.email) {
    const res = await context.request.post('/api/auth/login', {
      data: { email: opts.email, password: 'password123' },
    });
    expect(res.status()).toBe(200);
  }
  return context;
}

const distance = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  session = await startBrowserSession();
  const admin = await createUser(session.db, {
    email: 'admin@example.org',
    name: 'Alice Admin',
    password: 'password123',
    role: 'admin',
  });
  adminToken = createApiToken(session.db, admin.id, 'e2e');
  const imported = await call('POST', '/api/import', bundle);
  expect(imported.status).toBe(200);
  importCgetPlaces(session.db, readFileSync(CGET, 'utf8'));
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.skipIf(!HAS_CHROMIUM)(
  `registry pages in a browser${HAS_CHROMIUM ? '' : ` (${NO_BROWSER})`}`,
  () => {
    it('shows a resource: qualification, licence, places nearest first on an offline map, helpers, contact, declare a use, assess', async () => {
      const slug = 'paheko';
      const criteria = (await call('GET', '/api/criteria')).json.criteria as {
        slug: string;
        label: string;
      }[];
      expect(criteria.length).toBeGreaterThan(0);

      // The visitor's place, remembered in localStorage: far from the Hauts-de-France places.
      const home = bundle.places.find((p) => p.slug === 'l-abri-cotier')!;
      const context = await newContext({
        email: 'admin@example.org',
        init: (ctx) =>
          ctx.addInitScript(
            (v) => localStorage.setItem('lc-my-place', v),
            JSON.stringify({ slug: home.slug, name: home.name, lat: home.lat, lon: home.lon }),
          ),
      });
      const { page, errors } = await openPage(context);
      await page.goto(`/communs/${slug}`);
      const view = page.locator('lc-resource-page');
      await expect.poll(() => view.locator('h1').textContent()).toBe('Paheko');

      // Qualification badge: the status the API gives, spelled out in French.
      const api = (await call('GET', `/api/resources/${slug}`)).json;
      const badge = view.locator('lc-qualification-badge[data-testid="qualification"] .badge');
      expect(await badge.getAttribute('data-status')).toBe(api.qualification.status);
      const labels: Record<string, string> = {
        proposed: 'Proposé',
        'under-review': "En cours d'examen",
        qualified: 'Qualifié',
        'to-review': 'À réexaminer',
      };
      expect(await badge.textContent()).toContain(labels[api.qualification.status]);

      // Declare "nous l'utilisons" for a second place through the form.
      const usedBefore = bundle.usages.filter((u) => u.resource === slug).map((u) => u.place);
      const added = bundle.places.find(
        (p) => !usedBefore.includes(p.slug) && p.lat != null && p.slug !== home.slug,
      )!;
      await view.getByRole('button', { name: 'Nous l’utilisons' }).click();
      const usageForm = view.locator('lc-usage-form');
      const picker = usageForm.locator('lc-record-picker');
      await picker.locator('input').fill('');
      await picker.locator('input').pressSequentially(added.name.slice(0, 8));
      await picker.locator(`button[data-slug="${added.slug}"]`).click();
      await usageForm.locator('textarea[name="note"]').fill('Compta depuis cette année.');
      await usageForm.getByRole('button', { name: 'Enregistrer' }).click();
      await expect
        .poll(() => view.locator('[data-testid="places-list"] > li').count())
        .toBe(usedBefore.length + 1);

      // The places list, nearest to the visitor's place first.
      const usedSlugs = [...usedBefore, added.slug];
      const expected = usedSlugs
        .map((s) => bundle.places.find((p) => p.slug === s)!)
        .sort(
          (a, b) =>
            distance(home as { lat: number; lon: number }, a as { lat: number; lon: number }) -
            distance(home as { lat: number; lon: number }, b as { lat: number; lon: number }),
        )
        .map((p) => p.slug);
      const listed = await view
        .locator('[data-testid="places-list"] > li')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-slug')));
      expect(listed).toEqual(expected);
      expect(
        await view
          .locator('[data-testid="places"] lc-my-place [data-testid="my-place"]')
          .textContent(),
      ).toContain(home.name);

      // The map (tiles blocked): one marker per place, directly or inside clusters.
      const map = view.locator('lc-place-map');
      await expect.poll(() => map.getAttribute('data-markers')).toBe(String(usedSlugs.length));
      const shown = await map.evaluate((el) => {
        const root = el.shadowRoot!;
        const single = root.querySelectorAll('.leaflet-marker-icon.lc-marker').length;
        const clustered = [...root.querySelectorAll('.leaflet-marker-icon.marker-cluster')].reduce(
          (n, c) => n + Number(c.textContent),
          0,
        );
        return single + clustered;
      });
      expect(shown).toBe(usedSlugs.length);

      // The people who can help: contactable referents only; never an e-mail address.
      const referents = bundle.referents
        .filter((r) => r.resource === slug)
        .map((r) => bundle.people.find((p) => p.slug === r.person)!);
      const hidden = referents.filter((p) => !p.contactable);
      const visible = referents.filter((p) => p.contactable);
      expect(hidden.length).toBeGreaterThan(0);
      const people = view.locator('[data-testid="people"]');
      for (const p of visible)
        expect(await people.locator(`article[data-slug="${p.slug}"] h3`).textContent()).toBe(
          p.name,
        );
      for (const p of hidden)
        expect(await people.locator(`article[data-slug="${p.slug}"]`).count()).toBe(0);
      expect(await people.textContent()).not.toMatch(/@[a-z0-9-]+\./i);

      // Offer help as a referent through the form: the new helper appears with the expert flag.
      const helper = bundle.people.find(
        (p) => p.contactable && !referents.some((r) => r.slug === p.slug),
      )!;
      await view.getByRole('button', { name: 'Je peux aider' }).click();
      const refForm = view.locator('lc-referent-form');
      await refForm.locator('lc-record-picker input').pressSequentially(helper.name.slice(0, 7));
      await refForm.locator(`lc-record-picker button[data-slug="${helper.slug}"]`).click();
      await refForm.locator('input[name="isExpert"]').check();
      await refForm.locator('textarea[name="note"]').fill('Peut former une équipe bénévole.');
      await refForm.getByRole('button', { name: 'Enregistrer' }).click();
      const helperCard = people.locator(`article[data-slug="${helper.slug}"]`);
      await expect.poll(() => helperCard.count()).toBe(1);
      expect(await helperCard.textContent()).toContain('Expert·e');

      // Contact one of them through the platform.
      const card = people.locator(`article[data-slug="${visible[0].slug}"]`);
      await card.getByRole('button', { name: `Contacter ${visible[0].name}` }).click();
      await card
        .locator('textarea[name="message"]')
        .fill('Bonjour, pourriez-vous nous aider à installer Paheko ?');
      const sent = page.waitForResponse((r) =>
        r.url().endsWith(`/api/people/${visible[0].slug}/contact`),
      );
      await card.getByRole('button', { name: 'Envoyer' }).click();
      expect((await sent).status()).toBe(202);
      await expect
        .poll(() => card.locator('lc-contact-person [role="status"]').textContent())
        .toContain('Message envoyé');

      // Record an assessment as a facilitator: the criterion shows its evidence and who assessed it.
      await view.getByRole('button', { name: /Évaluer un critère/ }).click();
      const assess = view.locator('lc-assessment-form');
      await expect
        .poll(() => assess.locator('select[name="criterion"] option').count())
        .toBe(criteria.length);
      await assess.locator('select[name="criterion"]').selectOption(criteria[0].slug);
      await assess.locator('input[name="level"][value="3"]').check();
      await assess
        .locator('textarea[name="evidence"]')
        .fill('Licence AGPL vérifiée dans le dépôt officiel.');
      await assess.getByRole('button', { name: 'Enregistrer' }).click();
      const row = view
        .locator(
          `[data-testid="qualification-section"] lc-criterion-table tr[data-criterion="${criteria[0].slug}"]`,
        )
        .first();
      await expect.poll(() => row.textContent()).toContain('Licence AGPL vérifiée');
      expect(await row.textContent()).toContain('Alice Admin');
      const after = (await call('GET', `/api/resources/${slug}`)).json;
      expect(await badge.getAttribute('data-status')).toBe(after.qualification.status);

      expect(errors()).toEqual([]);
      await context.close();
    });

    it('proposes a resource: an error the API names appears next to its field, then the new page opens', async () => {
      await createUser(session.db, {
        email: 'reader@example.org',
        name: 'Rémi Lecteur',
        password: 'password123',
        role: 'reader',
      });
      const context = await newContext({ email: 'reader@example.org' });
      // The first attempt is refused on purpose (400).
      const { page, errors } = await openPage(context, [400]);
      await page.goto('/communs/new');
      const form = page.locator('lc-resource-form');
      await form.locator('#name').fill('Tableur coopératif');
      await form.locator('#kind').selectOption('software');
      await form.locator('#summary').fill('Un tableur partagé pour suivre les adhésions du lieu.');
      await form.locator('input[name="themes"][value="gestion"]').check();
      await form.locator('#license').fill('MIT');
      await form.locator('#url').fill('ftp://tableur.example.org');
      const rejected = page.waitForResponse(
        (r) => r.url().endsWith('/api/resources') && r.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Proposer ce commun' }).click();
      const answer = await rejected;
      expect(answer.status()).toBe(400);
      const field = ((await answer.json()) as { error: { field: string } }).error.field;
      expect(field).toBe('url');
      await expect.poll(() => form.locator('.field-error[data-field="url"]').count()).toBe(1);
      expect(await form.locator('#url').getAttribute('aria-invalid')).toBe('true');

      await form.locator('#url').fill('https://tableur.example.org');
      await form.getByRole('button', { name: 'Proposer ce commun' }).click();
      await expect.poll(() => page.url()).toMatch(/\/communs\/tableur-cooperatif$/);
      const view = page.locator('lc-resource-page');
      await expect.poll(() => view.locator('h1').textContent()).toBe('Tableur coopératif');
      expect(
        await view
          .locator('lc-qualification-badge[data-testid="qualification"] .badge')
          .getAttribute('data-status'),
      ).toBe('proposed');
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('flags a proprietary resource and links the wiki page', async () => {
      const context = await newContext();
      const { page, errors } = await openPage(context);
      await page.goto('/communs/helloasso');
      const view = page.locator('lc-resource-page');
      await expect.poll(() => view.locator('h1').textContent()).toBe('HelloAsso');
      expect(
        await view
          .locator('[data-testid="license"] lc-license-flag .flag')
          .getAttribute('data-flag'),
      ).toBe('proprietary');
      expect(await view.locator('[data-testid="license"]').textContent()).toContain(
        "n'est pas un commun",
      );
      const wiki = await view.locator('[data-testid="wiki-link"]').getAttribute('href');
      expect(wiki).toMatch(/^\/wiki\/[a-z0-9-]+$/);
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('lets a facilitator archive a resource after confirming', async () => {
      const context = await newContext({ email: 'admin@example.org' });
      const { page, errors } = await openPage(context);
      await page.goto('/communs/tibillet');
      const view = page.locator('lc-resource-page');
      await expect.poll(() => view.locator('h1').textContent()).toBe('TiBillet');
      await view.getByRole('button', { name: 'Archiver' }).click();
      await view.getByRole('button', { name: 'Confirmer l’archivage' }).click();
      await expect
        .poll(() => view.locator('p.notice.warn[role="note"]').first().textContent())
        .toContain('archivé');
      expect((await call('GET', '/api/resources/tibillet')).json.status).toBe('archived');
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('browses the commons with facets reflected in the address', async () => {
      const context = await newContext();
      const { page, errors } = await openPage(context);
      await page.goto('/communs');
      const view = page.locator('lc-registry-browse');
      await expect.poll(() => view.locator('lc-resource-card').count()).toBeGreaterThan(0);
      await view.locator('lc-facet-list[facet="theme"] button[data-value="gestion"]').click();
      await expect.poll(() => page.url()).toContain('theme=gestion');
      const expected = (await call('GET', '/api/resources?theme=gestion&limit=1')).json
        .total as number;
      await expect
        .poll(() => view.locator('[data-testid="result-count"]').textContent())
        .toBe(`${expected} communs`);
      const cards = await view
        .locator('lc-resource-card')
        .evaluateAll((els) =>
          els.map((el) => el.shadowRoot!.querySelector('article')!.getAttribute('data-slug')),
        );
      expect(cards).toContain('paheko');
      // Back to the unfiltered list with the browser's back button.
      await page.goBack();
      await expect.poll(() => page.url()).not.toContain('theme=');
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('on a phone, shows the commons first and folds the filters under « Filtres »', async () => {
      const context = await newContext({ viewport: { width: 390, height: 844 } });
      const { page, errors } = await openPage(context);
      await page.goto('/communs');
      const view = page.locator('lc-registry-browse');
      const firstCard = view.locator('lc-resource-card').first();
      await firstCard.waitFor();
      // The first commun is on the first screen; the facet values wait behind the summary.
      expect((await firstCard.boundingBox())!.y).toBeLessThan(844);
      const gestion = view.locator('lc-facet-list[facet="theme"] button[data-value="gestion"]');
      expect(await gestion.isVisible()).toBe(false);
      const summary = view.locator('lc-filters-panel summary');
      expect(await summary.textContent()).toBe('Filtres');
      await summary.click();
      await gestion.click();
      await expect.poll(() => page.url()).toContain('theme=gestion');
      await expect.poll(() => summary.textContent()).toBe('Filtres (1 actif)');
      const expected = (await call('GET', '/api/resources?theme=gestion&limit=1')).json
        .total as number;
      await expect
        .poll(() => view.locator('[data-testid="result-count"]').textContent())
        .toBe(`${expected} communs`);
      await page.waitForLoadState('networkidle');
      // The people directory folds its filters the same way.
      await page.goto('/personnes');
      const people = page.locator('lc-people-directory');
      await people.locator('lc-person-card').first().waitFor();
      expect(await people.locator('lc-facet-list[facet="theme"] button').first().isVisible()).toBe(
        false,
      );
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('shows the places directory: 1,500 places clustered on an offline map, list beside it', async () => {
      const context = await newContext();
      const { page, errors } = await openPage(context);
      const geo = (await call('GET', '/api/map/places')).json.points as unknown[];
      expect(geo.length).toBeGreaterThan(1500);
      await page.goto('/lieux');
      const map = page.locator('lc-places-directory lc-place-map');
      await expect
        .poll(() => map.getAttribute('data-markers'), { timeout: 20_000 })
        .toBe(String(geo.length));
      const clusters = await map.evaluate(
        (el) => el.shadowRoot!.querySelectorAll('.marker-cluster').length,
      );
      expect(clusters).toBeGreaterThan(3);
      // Fewer icons on screen than places: clustering is doing its job.
      const icons = await map.evaluate(
        (el) => el.shadowRoot!.querySelectorAll('.leaflet-marker-icon').length,
      );
      expect(icons).toBeLessThan(300);
      const list = page.locator('lc-places-directory [data-testid="places-list"] > li');
      await expect.poll(() => list.count()).toBeGreaterThan(10);

      // Filtering by region narrows the map and the list.
      await page.locator('lc-places-directory select[name="region"]').selectOption('Bretagne');
      await expect.poll(() => page.url()).toContain('region=Bretagne');
      const breton = (await call('GET', '/api/map/places?region=Bretagne')).json
        .points as unknown[];
      await expect.poll(() => map.getAttribute('data-markers')).toBe(String(breton.length));
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('lists people and never shows a non-contactable person', async () => {
      const context = await newContext();
      const { page, errors } = await openPage(context);
      await page.goto('/personnes');
      const cards = page.locator('lc-people-directory lc-person-card');
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      const slugs = await cards.evaluateAll((els) =>
        els.map((el) => el.shadowRoot!.querySelector('article')!.getAttribute('data-slug')),
      );
      for (const p of bundle.people.filter((x) => !x.contactable))
        expect(slugs).not.toContain(p.slug);
      expect(errors()).toEqual([]);
      await context.close();
    });

    it('lets an admin show hidden profiles in the directory and open one; anonymous visitors get a 404', async () => {
      const hidden = bundle.people.find((x) => !x.contactable)!;
      const context = await newContext({ email: 'admin@example.org' });
      const { page, errors } = await openPage(context);
      await page.goto('/personnes');
      const cards = page.locator('lc-people-directory lc-person-card');
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      await page.getByTestId('people-show-hidden').check();
      await page.waitForURL('**/personnes?visibility=all');
      await page
        .getByRole('searchbox', { name: 'Rechercher une personne ou une compétence' })
        .fill(hidden.name);
      const card = cards.filter({ hasText: hidden.name });
      await card.getByTestId('person-hidden').getByText('Profil masqué').waitFor();
      await card.getByRole('link', { name: hidden.name }).click();
      await page.waitForURL(`**/personnes/${hidden.slug}`);
      await page.getByRole('heading', { name: hidden.name, level: 1 }).waitFor();
      await page.getByTestId('person-hidden-notice').waitFor();
      expect(await page.getByTestId('person-place-pending').count()).toBe(0);
      // A place the person's account named itself, not yet confirmed: said on the page.
      session.db
        .prepare(
          `UPDATE people SET place_id = (SELECT id FROM places WHERE slug = ?), place_confirmed = 0 WHERE slug = ?`,
        )
        .run(bundle.places[0].slug, hidden.slug);
      await page.reload();
      await page
        .getByTestId('person-place-pending')
        .getByText('Lieu en attente de confirmation', { exact: false })
        .waitFor();
      expect(errors()).toEqual([]);
      await context.close();

      const anonymous = await newContext();
      const visitor = await openPage(anonymous, [404]);
      await visitor.page.goto(`/personnes/${hidden.slug}`);
      await visitor.page.getByText("Cette personne n'est pas dans l'annuaire public.").waitFor();
      await visitor.page.goto('/personnes?visibility=all');
      await expect
        .poll(() => visitor.page.locator('lc-people-directory lc-person-card').count())
        .toBeGreaterThan(0);
      expect(await visitor.page.getByTestId('people-show-hidden').count()).toBe(0);
      expect(
        await visitor.page
          .locator('lc-people-directory lc-person-card')
          .filter({ hasText: hidden.name })
          .count(),
      ).toBe(0);
      expect(visitor.errors()).toEqual([]);
      await anonymous.close();
    });
  },
);
