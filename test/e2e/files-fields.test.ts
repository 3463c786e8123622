import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { setFieldDefs } from '../../registry/wiki/fields.js';
import {
  HAS_CHROMIUM,
  loggedInContext,
  NO_BROWSER,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';
import { startWikiSession } from '../helpers/wiki-session.js';
import { seriousA11yViolations } from '../helpers/axe.js';
import { tinyPng } from '../helpers/files.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** Pastes a file into an element, as the browser does for a copied image (a real ClipboardEvent with a DataTransfer). */
function pasteFile(target: Locator, file: { name: string; type: string; bytes: number[] }) {
  return target.evaluate((el, f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    el.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: dt,
        bubbles: true,
        cancelable: true,
        composed: true,
      }),
    );
  }, file);
}

/** Drops a file on an element (a real DragEvent carrying the file). */
function dropFile(target: Locator, file: { name: string; type: string; bytes: number[] }) {
  return target.evaluate((el, f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    const box = el.getBoundingClientRect();
    el.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: dt,
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: box.left + 5,
        clientY: box.bottom - 5,
      }),
    );
  }, file);
}

describe.skipIf(!HAS_CHROMIUM)('files, images and structured fields in a real browser', () => {
  let s: BrowserSession;

  const loggedIn = async (email: string) =>
    (await loggedInContext(s, email, { timeout: 20_000 })).context;

  beforeAll(async () => {
    // Co-edits become a revision 300 ms after the last keystroke.
    s = await startWikiSession(
      [
        {
          slug: 'la-halle',
          title: 'La Halle',
          kind: 'place',
          markdown: '# La Halle\n\nUn tiers-lieu.\n',
        },
        { slug: 'le-garage', title: 'Le Garage', kind: 'place', markdown: 'Un garage.\n' },
      ],
      { config: { collabQuietMs: 300 } },
    );
    setFieldDefs(s.db, 'place', [
      { name: 'ville', label: { fr: 'Ville', en: 'Town' }, type: 'text' },
      { name: 'ouverture', label: { fr: 'Ouverture', en: 'Opening' }, type: 'date' },
    ]);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('a pasted image and a dropped PDF in the co-editor become an image and a link in the page; the file page tells who and where', async () => {
    const camille = await loggedIn('camille@example.org');
    const { page, problems } = await watchedPage(camille);
    await page.goto('/wiki/la-halle/edit');
    await page
      .locator('[data-testid=collab-status][data-status=connected]')
      .waitFor({ timeout: 30_000 });
    const content = page.locator('[data-testid=collab-editor] .cm-content');
    await content.waitFor();
    await content.click();
    await page.keyboard.press('Control+End');

    await pasteFile(content, {
      name: 'logo de la halle.png',
      type: 'image/png',
      bytes: [...tinyPng()],
    });
    await expect
      .poll(() => content.innerText(), { timeout: 20_000 })
      .toContain('![logo de la halle](/files/logo-de-la-halle.png)');
    await dropFile(content, {
      name: 'Statuts.pdf',
      type: 'application/pdf',
      bytes: [...new TextEncoder().encode(PDF)],
    });
    await expect
      .poll(() => content.innerText(), { timeout: 20_000 })
      .toContain('[Statuts](/files/statuts.pdf)');
    expect(await page.getByTestId('upload-status').innerText()).toContain('envoyé');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The page, once the co-edits are saved: the image shows (loaded, with its alt text), the PDF is a link.
    await expect
      .poll(
        async () =>
          (
            (await (await camille.request.get('/api/pages/la-halle')).json()) as {
              markdown: string;
            }
          ).markdown,
        { timeout: 20_000 },
      )
      .toContain('/files/statuts.pdf');
    await page.goto('/wiki/la-halle');
    const img = page.locator('lc-wiki-content img[alt="logo de la halle"]');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
    expect(await page.locator('lc-wiki-content a[href="/files/statuts.pdf"]').innerText()).toBe(
      'Statuts',
    );
    // The page's files list names both.
    const files = page.getByTestId('page-files');
    await files.getByRole('link', { name: 'statuts.pdf' }).waitFor();
    expect(await files.getByRole('link', { name: 'logo-de-la-halle.png' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The file's page: uploader and the page using it.
    await files.getByRole('link', { name: 'logo-de-la-halle.png' }).click();
    await page.getByRole('heading', { name: 'logo-de-la-halle.png', level: 1 }).waitFor();
    expect(await page.getByTestId('file-uploader').innerText()).toContain('Camille');
    expect(await page.getByTestId('file-type').innerText()).toBe('image/png');
    expect(
      await page.getByTestId('file-used-by').getByRole('link', { name: 'La Halle' }).count(),
    ).toBe(1);
    await expect
      .poll(() =>
        page.getByTestId('file-preview').evaluate((el) => (el as HTMLImageElement).naturalWidth),
      )
      .toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A PDF's page offers a download, and the list of all files shows both.
    await page.goto('/fichiers/statuts.pdf');
    await page.getByTestId('file-download').waitFor();
    await page.goto('/fichiers');
    await page.getByTestId('files-table').waitFor();
    expect(await page.getByTestId('files-table').getByRole('link').allInnerTexts()).toEqual([
      'logo-de-la-halle.png',
      'statuts.pdf',
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual({ console: [], page: [], http: [] });
    await camille.close();
    // Real Chromium on a loaded machine: waits are on state, this only bounds the whole scenario.
  }, 120_000);

  it('the simple form takes a pasted image too', async () => {
    const camille = await loggedIn('camille@example.org');
    const { page, problems } = await watchedPage(camille);
    await page.goto('/wiki/le-garage/edit?mode=form');
    const area = page.locator('textarea#markdown');
    await area.waitFor();
    await area.evaluate((el) => (el as HTMLTextAreaElement).setSelectionRange(0, 0));
    await pasteFile(area, { name: 'plan.png', type: 'image/png', bytes: [...tinyPng([0, 90, 0])] });
    await expect
      .poll(() => area.inputValue(), { timeout: 20_000 })
      .toBe('![plan](/files/plan.png)\nUn garage.\n');
    await page.getByTestId('save').click();
    await page.locator('lc-wiki-content img[alt="plan"]').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual({ console: [], page: [], http: [] });
    await camille.close();
  }, 120_000);

  it('fields are edited in Propriétés, shown as an infobox, and filter the list of pages', async () => {
    const camille = await loggedIn('camille@example.org');
    const { page, problems } = await watchedPage(camille);
    await page.goto('/wiki/le-garage/edit');
    await page
      .locator('[data-testid=collab-status][data-status=connected]')
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=collab-props] summary').click();
    const editor = page.getByTestId('fields-editor');
    await editor.getByLabel('Ville').fill('Lille');
    await editor.getByLabel('Ouverture').fill('2019-09-03');
    await editor.getByTestId('fields-save').click();
    await editor.getByText('Champs enregistrés.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto('/wiki/le-garage');
    const infobox = page.getByTestId('infobox');
    await infobox.waitFor();
    expect(await infobox.locator('[data-field=ville]').innerText()).toBe('Lille');
    // Dates in French.
    expect(await infobox.locator('[data-field=ouverture]').innerText()).toBe('3 septembre 2019');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The change is a revision in the history, as an infobox edit is on MediaWiki.
    await page.goto('/wiki/le-garage/history');
    await expect
      .poll(() => page.getByTestId('revisions').textContent())
      .toContain('Propriétés : ville, ouverture');

    // In the simple form, a fields save then a text save: no conflict (the form follows the fields' revision).
    await page.goto('/wiki/le-garage/edit?mode=form');
    const area = page.locator('textarea#markdown');
    await area.waitFor();
    const form = page.getByTestId('fields-editor');
    await form.getByLabel('Ville').fill('Roubaix');
    await form.getByTestId('fields-save').click();
    await form.getByText('Champs enregistrés.').waitFor();
    await area.fill('Un garage à vélos.\n');
    await page.getByTestId('save').click();
    // Saved: the page view (not the form with a conflict) shows the new text.
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 20_000 })
      .toBe('/wiki/le-garage');
    await expect
      .poll(() => page.locator('lc-wiki-content .content').textContent(), { timeout: 20_000 })
      .toContain('Un garage à vélos.');
    await page.goto('/wiki/le-garage/edit?mode=form');
    await area.waitFor();
    await page.getByTestId('fields-editor').getByLabel('Ville').fill('Lille');
    await page.getByTestId('fields-editor').getByTestId('fields-save').click();
    await page.getByTestId('fields-editor').getByText('Champs enregistrés.').waitFor();

    // The list filtered on a field: only Le Garage is in Lille.
    await page.goto('/special/fiches?kind=place');
    const results = page.getByTestId('fields-results');
    await results.waitFor();
    expect(await results.locator('tbody tr').count()).toBe(2);
    await page.getByTestId('fields-filter').getByLabel('Ville').fill('lille');
    await page.getByTestId('fields-filter').getByRole('button', { name: 'Filtrer' }).click();
    await expect.poll(() => results.locator('tbody tr').count()).toBe(1);
    expect(await results.locator('tbody tr').first().getByRole('link').innerText()).toBe(
      'Le Garage',
    );
    expect(new URL(page.url()).search).toBe('?kind=place&ville=lille');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual({ console: [], page: [], http: [] });
    await camille.close();
  }, 120_000);

  it('an admin declares a field for a kind', async () => {
    const alice = await loggedIn('admin@example.org');
    const { page, problems } = await watchedPage(alice);
    await page.goto('/special/champs');
    const form = page.getByTestId('field-defs-form');
    await form.waitFor();
    expect(await form.locator('tbody tr').count()).toBe(2);
    await form.getByRole('button', { name: 'Ajouter un champ' }).click();
    await form.getByLabel('Nom technique du champ 3').fill('surface');
    await form.getByLabel('Libellé français du champ 3').fill('Surface (m²)');
    await form.getByLabel('Libellé anglais du champ 3').fill('Area (m²)');
    await form.getByLabel('Type du champ 3').selectOption('number');
    await form.getByTestId('field-defs-save').click();
    await form.getByText('Champs enregistrés.').waitFor();
    const defs = (await (await alice.request.get('/api/page-fields')).json()) as {
      fields: { name: string; type: string }[];
    };
    expect(defs.fields.map((f) => [f.name, f.type])).toEqual([
      ['ville', 'text'],
      ['ouverture', 'date'],
      ['surface', 'number'],
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual({ console: [], page: [], http: [] });
    await alice.close();
  }, 120_000);

  it('an admin deletes a file from its page (with a reason, logged); contributors see no deletion box', async () => {
    const camille = await loggedIn('camille@example.org');
    const seen = await watchedPage(camille);
    await seen.page.goto('/fichiers/plan.png');
    await seen.page.getByTestId('file-versions').waitFor();
    expect(await seen.page.getByTestId('file-delete').count()).toBe(0);
    await camille.close();

    const alice = await loggedIn('admin@example.org');
    const { page, problems } = await watchedPage(alice);
    await page.goto('/fichiers/plan.png');
    const box = page.getByTestId('file-delete');
    await box.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await box.getByLabel('Motif (facultatif)').fill('plan périmé');
    await box.getByRole('button', { name: 'Supprimer le fichier' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe('/fichiers');
    expect((await alice.request.get('/api/files/plan.png')).status()).toBe(404);
    const log = (await (await alice.request.get('/api/file-log')).json()) as {
      entries: { action: string; name: string; reason: string }[];
    };
    expect(log.entries[0]).toMatchObject({
      action: 'delete',
      name: 'plan.png',
      reason: 'plan périmé',
    });
    expect(problems).toEqual({ console: [], page: [], http: [] });
    await alice.close();
  }, 120_000);
});
