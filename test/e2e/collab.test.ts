import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDatabase, type Database } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { createUser } from '../../server/auth/users.js';
import { savePage } from '../../registry/wiki/pages.js';
import { ensureClientBuilt, launchBrowser } from '../helpers/browser.js';
import { tempDir } from '../helpers/collab.js';

let clientDir: string;
let tmp: ReturnType<typeof tempDir>;
let db: Database;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  clientDir = ensureClientBuilt();
  tmp = tempDir('lc-e2e-collab-');
  db = openDatabase(join(tmp.dir, 'db.sqlite'));
  await createUser(db, {
    email: 'admin@example.org',
    name: 'Admin',
    password: 'password123',
    role: 'admin',
  });
  await createUser(db, {
    email: 'alice@example.org',
    name: 'Alice',
    password: 'password123',
    role: 'contributor',
  });
  await createUser(db, {
    email: 'bruno@example.org',
    name: 'Bruno',
    password: 'password123',
    role: 'contributor',
  });
  server = await startServer(db, { port: 0, clientDir });
  savePage(db, server.app.services.wiki, {
    slug: 'jardin',
    title: 'Jardin partagé',
    markdown: '# Jardin partagé\n\nPremière ligne.\n',
    authorIds: [],
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.close();
  tmp?.cleanup();
});

/** A browser page logged in as `email`, on the co-editor of `slug`. */
async function editorAs(email: string, slug: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email, password: 'password123' },
  });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[browser]', err.message));
  await page.goto(`${server.url}/wiki/${slug}/edit`);
  await page
    .locator('[data-testid=collab-status][data-status=connected]')
    .waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=collab-editor] .cm-content').waitFor();
  return page;
}

const previewText = (page: Page) =>
  page.locator('[data-testid=collab-preview] .content').innerText();

describe('co-editing in two browsers', () => {
  it('converges on both pages and shows each other’s presence and cursor', async () => {
    const alice = await editorAs('alice@example.org', 'jardin');
    const bruno = await editorAs('bruno@example.org', 'jardin');
    await expect.poll(() => previewText(alice), { timeout: 15_000 }).toContain('Première ligne.');
    await expect.poll(() => previewText(bruno), { timeout: 15_000 }).toContain('Première ligne.');

    // Both type at the same time, in different places.
    const lines = (p: Page) => p.locator('[data-testid=collab-editor] .cm-line');
    await lines(alice).first().click();
    await alice.keyboard.press('End');
    await lines(bruno).last().click();
    await Promise.all([
      alice.keyboard.type(' avec des tomates', { delay: 15 }),
      bruno.keyboard.type('Arrosage le mardi.', { delay: 15 }),
    ]);

    for (const p of [alice, bruno]) {
      await expect
        .poll(() => previewText(p), { timeout: 15_000 })
        .toContain('Jardin partagé avec des tomates');
      await expect.poll(() => previewText(p), { timeout: 15_000 }).toContain('Arrosage le mardi.');
    }
    expect(await previewText(alice)).toBe(await previewText(bruno));
    const live = server.app.services.collab.documents.get('jardin')!.text.toString();
    expect(live).toContain('# Jardin partagé avec des tomates');
    expect(live).toContain('Arrosage le mardi.');
    expect(live.split('Première ligne.').length).toBe(2);

    // The preview is the server's rendering: wiki links (here to a missing page) work as on the page.
    await bruno.keyboard.type(' Voir [[Compost collectif]].', { delay: 10 });
    await alice
      .locator('[data-testid=collab-preview] a.wikilink.missing')
      .waitFor({ timeout: 15_000 });
    expect(await alice.locator('[data-testid=collab-preview] a.wikilink.missing').innerText()).toBe(
      'Compost collectif',
    );

    // Presence: each sees the other, by name, and the other's cursor in the text.
    const people = (p: Page) => p.locator('[data-testid=collab-person]').allInnerTexts();
    await expect
      .poll(async () => (await people(alice)).join('|'), { timeout: 15_000 })
      .toContain('Bruno');
    await expect
      .poll(async () => (await people(bruno)).join('|'), { timeout: 15_000 })
      .toContain('Alice');
    await expect(alice.locator('.cm-ySelectionCaret').count()).resolves.toBeGreaterThan(0);
    await expect(bruno.locator('.cm-ySelectionCaret').count()).resolves.toBeGreaterThan(0);
  }, 120_000);

  it('shows the connection state and merges edits made offline when the connection returns', async () => {
    savePage(db, server.app.services.wiki, {
      slug: 'potager',
      title: 'Potager',
      markdown: 'Semis de printemps.\n',
      authorIds: [],
    });
    const alice = await editorAs('alice@example.org', 'potager');
    await expect
      .poll(() => previewText(alice), { timeout: 15_000 })
      .toContain('Semis de printemps.');
    const status = alice.locator('[data-testid=collab-status]');

    // The network goes away (browser offline) and the server restarts meanwhile.
    await alice.context().setOffline(true);
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 15_000 })
      .toBe('offline');
    const port = server.port;
    await server.close();
    await alice.locator('[data-testid=collab-editor] .cm-line').first().click();
    await alice.keyboard.press('End');
    await alice.keyboard.type(' Écrit hors ligne.', { delay: 10 });
    server = await startServer(db, { port, clientDir });
    await alice.context().setOffline(false);
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('connected');
    await expect
      .poll(() => server.app.services.collab.documents.get('potager')?.text.toString(), {
        timeout: 20_000,
      })
      .toBe('Semis de printemps. Écrit hors ligne.\n');
    const bruno = await editorAs('bruno@example.org', 'potager');
    await expect
      .poll(() => previewText(bruno), { timeout: 15_000 })
      .toContain('Semis de printemps. Écrit hors ligne.');
  }, 120_000);
});
