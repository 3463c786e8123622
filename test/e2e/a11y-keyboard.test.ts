import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, NO_BROWSER } from '../helpers/browser.js';
import { startA11yFixture, type A11yFixture } from '../helpers/a11y-fixture.js';

/**
 * A keyboard-only walkthrough (RGAA 7.3, 10.7, 12.7, 12.8, 12.9; 1.6 for the charts and the map):
 * every control is reached with Tab, operated with Enter, Space, arrows or typing, and left again;
 * the focus is always visible; the contact dialog keeps the focus while open and gives it back;
 * the map's places are reachable through a list; the dashboard's charts have tables.
 */

let fixture: A11yFixture;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  fixture = await startA11yFixture();
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

/** The focused element, through shadow roots: a short description and whether its focus shows. */
interface Focused {
  /** tag, then #id, [data-testid], text or aria-label: enough to recognise it in a failure. */
  what: string;
  /** The custom elements it sits in, outermost first. */
  hosts: string[];
  /** An outline of at least 2px, or a box shadow, is drawn around it. */
  visible: boolean;
  /** It is inside an open modal dialog. */
  inDialog: boolean;
}

async function focused(page: Page): Promise<Focused | null> {
  // CodeMirror marks its focus (.cm-focused) on its next update: read the styles after two frames.
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const hosts: string[] = [];
    while (el?.shadowRoot?.activeElement) {
      hosts.push(el.localName);
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return null;
    // CodeMirror draws the focus around the editor, not on its text area.
    const cs = getComputedStyle(el.closest('.cm-editor') ?? el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    const label =
      el.getAttribute('data-testid') ??
      el.getAttribute('aria-label') ??
      (el.textContent ?? '').trim().slice(0, 40);
    return {
      what: `${el.localName}${el.id ? `#${el.id}` : ''} ${label}`.trim(),
      hosts,
      visible: outline || cs.boxShadow !== 'none',
      inDialog: !!el.closest('dialog[open]'),
    };
  });
}

/** Presses Tab until `match` holds for the focused element (at most `max` times); returns the stops passed. */
async function tabTo(
  page: Page,
  match: (f: Focused) => boolean,
  max = 120,
  key = 'Tab',
): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (f) seen.push(f);
    if (f && match(f)) return seen;
  }
  throw new Error(
    `not reached with ${key} after ${max} presses; last stops: ${seen
      .slice(-12)
      .map((s) => s.what)
      .join(' | ')}`,
  );
}

const invisible = (stops: Focused[]) =>
  stops.filter((s) => !s.visible).map((s) => `${s.hosts.join('>')} ${s.what}`);

describe.skipIf(!HAS_CHROMIUM)(
  `keyboard-only walkthrough${HAS_CHROMIUM ? '' : ` (${NO_BROWSER})`}`,
  () => {
    it('skip link first, then every stop of the main screens shows its focus, up to the footer (no trap)', async () => {
      const { page } = await fixture.open('anonymous');
      for (const [path, ready] of [
        ['/', 'lc-home h1'],
        ['/wiki/gouvernance-partagee', 'lc-page-view lc-wiki-content h2'],
        ['/communs/paheko', 'lc-resource-page [data-testid="people"] article'],
        ['/personnes', 'lc-people-directory lc-person-card article'],
        ['/lieux', 'lc-places-directory [data-testid="places-list"] li'],
        ['/accessibilite', 'lc-accessibility-statement [data-testid="a11y-results"]'],
      ] as const) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        // The skip link is the first stop and leads to the main content.
        await page.keyboard.press('Tab');
        const first = await focused(page);
        expect(first?.what, path).toMatch(/^a .*contenu/i);
        expect(first?.visible, path).toBe(true);
        await page.keyboard.press('Enter');
        expect((await focused(page))?.what, path).toMatch(/^main#main/);
        // Forward through the page to the footer's statement link: every stop visible, no trap on the way.
        const stops = await tabTo(page, (f) => f.what.includes('footer-a11y'), 400);
        expect(invisible(stops), path).toEqual([]);
      }
      await page.close();
    }, 180_000);

    it('co-editor: the toolbar, the text, the properties panel are reached, operated and left with the keyboard', async () => {
      const { page } = await fixture.open('contributor');
      await page.goto('/wiki/accueil/edit');
      const editor = page.locator('lc-collab-editor');
      await editor.locator('[data-testid="collab-status"][data-status="connected"]').waitFor();
      await editor.locator('.cm-content').waitFor();

      // The properties panel comes first: open it with Enter, fill the title, save with Enter.
      await page.keyboard.press('Tab'); // skip link
      await page.keyboard.press('Enter');
      let stops = await tabTo(page, (f) => f.what.startsWith('summary'));
      await page.keyboard.press('Enter');
      await expect
        .poll(() =>
          editor
            .locator('[data-testid="collab-props"]')
            .evaluate((d) => (d as HTMLDetailsElement).open),
        )
        .toBe(true);
      stops = stops.concat(await tabTo(page, (f) => f.what.startsWith('input#prop-title')));
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Accueil du réseau');
      stops = stops.concat(await tabTo(page, (f) => f.what.startsWith('select#prop-kind')));
      stops = stops.concat(await tabTo(page, (f) => f.what.includes('collab-props-save')));
      await page.keyboard.press('Enter');
      await expect
        .poll(() => editor.locator('[data-testid="collab-props-status"]').count())
        .toBe(1);
      await expect
        .poll(() =>
          fetch(`${fixture.session.url}/api/pages/accueil`).then(
            async (r) => ((await r.json()) as { title: string }).title,
          ),
        )
        .toBe('Accueil du réseau');

      // The toolbar: each button is a stop; then the text, where typing writes.
      const tools: string[] = [];
      stops = stops.concat(
        await tabTo(
          page,
          (f) =>
            f.hosts.includes('lc-collab-editor') &&
            f.what.startsWith('button') &&
            f.what.includes('Gras'),
        ),
      );
      tools.push('Gras');
      for (const label of [
        'Italique',
        'Intertitre',
        'Lien web',
        'Lien vers une page',
        'Liste à puces',
      ]) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        expect(f?.what).toContain(label);
        stops.push(f!);
        tools.push(label);
      }
      expect(tools).toHaveLength(6);
      stops = stops.concat(
        await tabTo(page, (f) => f.what.startsWith('div') && f.hosts.includes('lc-collab-editor')),
      );
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.type('\nMot au clavier ');
      // Back to the toolbar: Escape then Shift+Tab (Tab alone indents inside the text); "Gras" with Enter, then type in bold.
      await page.keyboard.press('Escape');
      await tabTo(page, (f) => f.what.includes('Gras'), 10, 'Shift+Tab');
      await page.keyboard.press('Enter');
      // A toolbar command gives the focus back to the text, the cursor between the marks.
      await expect.poll(async () => (await focused(page))?.what ?? '').toMatch(/^div/);
      await page.keyboard.type('gras');
      await expect
        .poll(() => editor.locator('.cm-content').textContent())
        .toContain('Mot au clavier **gras**');

      // Leaving the text: Escape, then Tab goes on to what follows the editor (no trap). The preview
      // is re-rendered after typing: wait for it, or the link focused in it may be replaced under the focus.
      await expect
        .poll(() => editor.locator('lc-wiki-content.preview strong').last().textContent())
        .toBe('gras');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      const after = await focused(page);
      expect(after?.what.startsWith('div'), `focus after leaving the editor: ${after?.what}`).toBe(
        false,
      );
      expect(invisible(stops)).toEqual([]);
      await page.close();
    }, 120_000);

    it('contact dialog: opened with Enter, focus kept inside while open, Escape gives it back, sending focuses the confirmation', async () => {
      const { page } = await fixture.open('anonymous');
      await page.goto('/personnes/nadia-benali');
      await page.locator('lc-person-page h1').waitFor();
      await tabTo(page, (f) => f.what.includes('contact') && f.hosts.includes('lc-contact-person'));
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page))?.what ?? '').toMatch(/^textarea/);
      // Tab and Shift+Tab cycle inside the dialog.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        expect(f?.inDialog, `Tab ${i + 1}: ${f?.what}`).toBe(true);
        expect(f?.visible, `Tab ${i + 1}: ${f?.what}`).toBe(true);
      }
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Shift+Tab');
        expect((await focused(page))?.inDialog).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await focused(page))?.what ?? '').toContain('contact');
      expect(await page.locator('lc-contact-person dialog[open]').count()).toBe(0);

      // Again, to send: the confirmation takes the focus.
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await focused(page))?.what ?? '').toMatch(/^textarea/);
      await page.keyboard.type('Bonjour, pourriez-vous nous aider pour Paheko ?');
      await tabTo(page, (f) => f.what.startsWith('button') && f.what.includes('Envoyer'), 5);
      const sent = page.waitForResponse((r) =>
        r.url().endsWith('/api/people/nadia-benali/contact'),
      );
      await page.keyboard.press('Enter');
      expect((await sent).status()).toBe(202);
      await expect
        .poll(async () => (await focused(page))?.what ?? '')
        .toMatch(/^p .*Message envoyé/);
      await page.close();
    }, 60_000);

    it('places: every place of the map is also a link of the list, reached and followed with the keyboard', async () => {
      const { page } = await fixture.open('anonymous');
      const points = (
        (await (await fetch(`${fixture.session.url}/api/map/places`)).json()) as {
          points: [number, number, string, string][];
        }
      ).points;
      await page.goto('/lieux');
      const list = page.locator('lc-places-directory [data-testid="places-list"] li a');
      await expect.poll(() => list.count()).toBeGreaterThan(0);
      const linked = await list.evaluateAll((as) =>
        as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
      );
      expect(points.length).toBeGreaterThan(0);
      for (const [, , slug] of points) expect(linked).toContain(`/lieux/${slug}`);
      const target = await list.first().textContent();
      await tabTo(
        page,
        (f) =>
          f.hosts.includes('lc-places-directory') &&
          f.what.startsWith('a') &&
          f.what.includes((target ?? '').trim().slice(0, 30)),
        300,
      );
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('lc-place-page h1').textContent())
        .toBe((target ?? '').trim());
      await page.close();
    }, 90_000);

    it('dashboard: each chart is an image with a name and a table of the same figures', async () => {
      const { page } = await fixture.open('facilitator');
      await page.goto('/aiguillage/tableau-de-bord');
      const dash = page.locator('lc-switchyard-dashboard');
      await dash.locator('[data-testid=sy-kpi-requests]').waitFor();
      const charts = dash.locator('svg[role="img"]');
      expect(await charts.count()).toBe(2);
      for (const name of await charts.evaluateAll((svgs) =>
        svgs.map((s) => s.getAttribute('aria-label')),
      ))
        expect(name).toBeTruthy();
      const months = await dash.locator('table.months:not([data-testid]) tbody tr').count();
      expect(months).toBeGreaterThan(0);
      const themeRows = await dash
        .locator('[data-testid="sy-theme-table"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
        );
      expect(themeRows.length).toBeGreaterThan(0);
      const total = themeRows.reduce((n, r) => n + Number(r[1]), 0);
      expect(total).toBeGreaterThanOrEqual(
        Number(await dash.locator('[data-testid=sy-kpi-requests] strong').textContent()),
      );
      await page.close();
    }, 60_000);
  },
);
