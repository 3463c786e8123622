import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { createApiToken, createUser } from '../../server/auth/users.js';
import { savePage } from '../../registry/wiki/pages.js';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
} from '../helpers/browser.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

/*
 * The co-editor in real Chromium when the server closes its socket because the session ended or
 * the rights changed (close code 4401): it says why instead of a bare "Connexion refusée".
 */
describe.skipIf(!HAS_CHROMIUM)('the co-editor when its session ends', () => {
  let s: BrowserSession;
  let adminToken = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    s = await startBrowserSession();
    const admin = await createUser(s.db, {
      email: 'admin@example.org',
      name: 'Admin',
      password: 'password123',
      role: 'admin',
    });
    adminToken = createApiToken(s.db, admin.id, 'test');
    savePage(s.db, s.server.app.services.wiki, {
      slug: 'jardin',
      title: 'Jardin',
      markdown: '# Jardin\n\nOn sème en avril.\n',
      authorIds: [],
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await s?.close();
  });

  async function editorAs(email: string) {
    const context = await s.browser.newContext({
      baseURL: s.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const { page, problems } = await watchedPage(context);
    expect(
      (
        await page.request.post('/api/auth/login', { data: { email, password: 'password123' } })
      ).status(),
    ).toBe(200);
    await page.goto('/wiki/jardin/edit');
    await page
      .locator('[data-testid=collab-status][data-status=connected]')
      .waitFor({ timeout: 30_000 });
    return { page, problems };
  }
  const asAdmin = (method: string, path: string, body?: unknown) =>
    fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('says the rights changed when a contributor is demoted, and that the session ended when it is revoked', async () => {
    const camille = await createUser(s.db, {
      email: 'camille@example.org',
      name: 'Camille',
      password: 'password123',
      role: 'contributor',
    });
    const { page } = await editorAs('camille@example.org');
    expect(
      (await asAdmin('PATCH', `/api/admin/users/${camille.id}`, { role: 'reader' })).status,
    ).toBe(200);
    await page.getByRole('alert').getByText('Vos droits ont changé').waitFor();
    await page.locator('[data-testid=collab-status][data-status=refused]').waitFor();

    const dom = await createUser(s.db, {
      email: 'dom@example.org',
      name: 'Dom',
      password: 'password123',
      role: 'contributor',
    });
    const other = await editorAs('dom@example.org');
    expect((await asAdmin('POST', `/api/admin/users/${dom.id}/revoke`)).status).toBe(200);
    await other.page.getByRole('alert').getByText('Votre session a pris fin').waitFor();
    expect(other.problems.page).toEqual([]);
  }, 120_000);
});
