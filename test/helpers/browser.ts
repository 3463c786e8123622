import { expect } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import type { Config } from '../../server/config.js';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser tests can run; when false, skip them with {@link NO_BROWSER}. */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** Why browser tests are skipped on this machine. */
export const NO_BROWSER = `browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`;

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const ROOT = new URL('../../', import.meta.url).pathname;
const CLIENT_DIR = join(ROOT, 'dist/client');

/** Builds the browser application once if dist/client is missing (`npm test` builds it first). */
export function ensureClientBuilt(): string {
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  return CLIENT_DIR;
}

/** Launches headless Chromium with a fresh profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * What went wrong in a page: console errors, uncaught exceptions, and HTTP answers of 400 and
 * above (as "STATUS METHOD PATH"). Chromium also logs each failed request on the console
 * ("Failed to load resource"); those lines are left to `http`, where a test can tell the failures
 * it provoked on purpose from the others.
 */
export interface PageProblems {
  console: string[];
  page: string[];
  http: string[];
}

/** A page that records console errors, uncaught exceptions and failed requests into `problems`. */
export async function watchedPage(
  context: BrowserContext,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { console: [], page: [], http: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of \d+/.test(msg.text()))
      return;
    problems.console.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.page.push(String(err.stack ?? err)));
  page.on('response', (res) => {
    if (res.status() >= 400) {
      const url = new URL(res.url());
      problems.http.push(`${res.status()} ${res.request().method()} ${url.pathname}${url.search}`);
    }
  });
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    // Chromium fetches the favicon by itself and aborts that fetch when the page navigates: not the app's request.
    if (error === 'net::ERR_ABORTED' && new URL(req.url()).pathname === '/favicon.svg') return;
    // A navigation cancels the page's reads still under way (the header's unread counts, a list
    // being loaded): the browser's doing, not a failure of the application.
    if (error === 'net::ERR_ABORTED' && req.method() === 'GET' && req.resourceType() === 'fetch')
      return;
    problems.http.push(`failed ${req.method()} ${req.url()} ${error}`);
  });
  return { page, problems };
}

/** A real server on a free port with a temporary database, the built client, and a browser. */
export interface BrowserSession {
  server: RunningServer;
  db: Database;
  browser: Browser;
  context: BrowserContext;
  url: string;
  /** Closes the browser, the server and the database, and removes the temporary files. */
  close(): Promise<void>;
}

/**
 * Starts the application (real HTTP server, port 0, temporary SQLite file) and a browser
 * context whose base URL is that server.
 */
export async function startBrowserSession(
  opts: {
    locale?: string;
    viewport?: { width: number; height: number };
    config?: Partial<Config>;
  } = {},
): Promise<BrowserSession> {
  const clientDir = ensureClientBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'lc-e2e-'));
  const db = openDatabase(join(dir, 'db.sqlite'));
  const server = await startServer(db, {
    port: 0,
    clientDir,
    loginMaxAttempts: 1000,
    ...opts.config,
  });
  const browser = await launchBrowser();
  const context = await newAppContext(browser, server.url, opts);
  return {
    server,
    db,
    browser,
    context,
    url: server.url,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new browser context on the application at `url`: French and desktop-sized unless told, and a
 * step that cannot happen fails with its own message well before the test's timeout.
 */
export async function newAppContext(
  browser: Browser,
  url: string,
  opts: { locale?: string; viewport?: { width: number; height: number }; timeout?: number } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: url,
    locale: opts.locale ?? 'fr-FR',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(opts.timeout ?? 15_000);
  return context;
}

/** The password the browser tests give their accounts. */
export const TEST_PASSWORD = 'password123';

/**
 * A new context of the session's browser, logged in as `email` through the API (the session
 * cookie lands in the context), with the login's CSRF token for the API calls a test makes itself.
 */
export async function loggedInContext(
  s: Pick<BrowserSession, 'browser' | 'url'>,
  email: string,
  opts: { password?: string; timeout?: number } = {},
): Promise<{ context: BrowserContext; csrfToken: string }> {
  const context = await newAppContext(s.browser, s.url, { timeout: opts.timeout });
  const res = await context.request.post('/api/auth/login', {
    data: { email, password: opts.password ?? TEST_PASSWORD },
  });
  expect(res.status(), `login as ${email}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { context, csrfToken };
}
