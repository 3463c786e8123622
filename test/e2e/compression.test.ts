import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  NO_BROWSER,
  startBrowserSession,
  watchedPage,
  type BrowserSession,
  type PageProblems,
} from '../helpers/browser.js';
import { seedIfEmpty } from '../../server/seed/index.js';

if (!HAS_CHROMIUM) console.warn(NO_BROWSER);

const SLUG = 'gouvernance-partagee';

/**
 * What a real browser does with compressed answers and validators: it decodes what it accepted,
 * and its HTTP cache revalidates a page answer (If-None-Match → 304) with no change to the client.
 */
describe.skipIf(!HAS_CHROMIUM)('compression and revalidation in a real browser', () => {
  let s: BrowserSession;
  let page: Page;
  let problems: PageProblems;
  // Chromium's ExtraInfo events may come before or after the main ones: requests and responses
  // are kept by id and joined when read.
  const paths = new Map<string, { path: string; ifNoneMatch?: string }>();
  const responses = new Map<string, { status: number; encoding?: string }>();
  const seen = () =>
    [...responses].flatMap(([id, r]) => {
      const req = paths.get(id);
      return req ? [{ path: req.path, ifNoneMatch: req.ifNoneMatch, ...r }] : [];
    });

  beforeAll(async () => {
    s = await startBrowserSession();
    await seedIfEmpty(s.db);
    ({ page, problems } = await watchedPage(s.context));
    // The status and headers as they came from the server (Playwright shows a revalidated answer
    // as the cached 200): Chromium's own network events.
    const cdp = await s.context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const entry = paths.get(e.requestId);
      const headers = Object.fromEntries(
        Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      if (entry) entry.ifNoneMatch = headers['if-none-match'];
      else paths.set(e.requestId, { path: '', ifNoneMatch: headers['if-none-match'] });
    });
    cdp.on('Network.requestWillBeSent', (e) => {
      const url = new URL(e.request.url);
      if (url.origin !== s.url) return;
      const entry = paths.get(e.requestId);
      if (entry) entry.path = url.pathname;
      else paths.set(e.requestId, { path: url.pathname });
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const headers = Object.fromEntries(
        Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      responses.set(e.requestId, {
        status: e.statusCode ?? 0,
        encoding: headers['content-encoding'],
      });
    });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('gets scripts and page answers in brotli, and shows a revalidated page as before', async () => {
    await page.goto(`/wiki/${SLUG}`);
    const heading = page.getByRole('heading', { name: 'Gouvernance partagée', level: 1 }).first();
    await heading.waitFor();
    await expect
      .poll(() => seen().filter((r) => r.path === `/api/pages/${SLUG}`).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const script = seen().find(
      (r) => r.path.startsWith('/assets/index-') && r.path.endsWith('.js'),
    );
    expect(script).toMatchObject({ status: 200, encoding: 'br' });
    expect(seen().find((r) => r.path === `/api/pages/${SLUG}`)).toMatchObject({
      status: 200,
      encoding: 'br',
    });

    // Elsewhere and back: the browser asks again with the validator it kept, the server answers 304.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Le wiki des tiers-lieux' }).waitFor();
    await page.goto(`/wiki/${SLUG}`);
    await heading.waitFor();
    await expect
      .poll(
        () =>
          seen().filter((r) => r.path === `/api/pages/${SLUG}` && r.ifNoneMatch !== undefined)
            .length,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    const revalidated = seen().filter(
      (r) => r.path === `/api/pages/${SLUG}` && r.ifNoneMatch !== undefined,
    );
    expect(revalidated.at(-1)!.status).toBe(304);
    await page.getByRole('heading', { name: 'Décider par consentement' }).waitFor();
    expect(problems.console).toEqual([]);
    expect(problems.page).toEqual([]);
    expect(problems.http).toEqual([]);
  });
});
