import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createApiToken, createUser, type Role } from '../../server/auth/users.js';
import { seedIfEmpty } from '../../server/seed/index.js';
import type { AnswerJson } from './app.js';
import {
  loggedInContext,
  newAppContext,
  startBrowserSession,
  TEST_PASSWORD,
  watchedPage,
  type BrowserSession,
  type PageProblems,
} from './browser.js';

/** Who looks at a screen: an anonymous visitor or an account of one role. */
export type Viewer = 'anonymous' | Role;

/** Tile servers are blocked: the maps run offline and the audits do not depend on the network. */
export const TILE_HOSTS = /tile\.openstreetmap\.org|tile\.osm\.org/;

/** Ids the screens' addresses need (made by {@link startA11yFixture}). */
export interface A11yData {
  /** A switchyard request asked by the reader. */
  requestId: number;
}

/** The demo instance, one logged-in browser context per role, and the data the screens use. */
export interface A11yFixture {
  session: BrowserSession;
  data: A11yData;
  /** A fresh page seen by `viewer` (one browser context per viewer, made on first use). */
  open(viewer: Viewer): Promise<{ page: Page; problems: PageProblems }>;
  close(): Promise<void>;
}

/**
 * Starts the real server on the French demo content (the one `npm start` seeds), with one
 * account per role (the admin first, as on a new instance), a switchyard request asked by the
 * reader and a second revision of the home page (for the diff).
 */
export async function startA11yFixture(): Promise<A11yFixture> {
  const session = await startBrowserSession();
  await seedIfEmpty(session.db);
  const tokens = new Map<Role, string>();
  for (const role of ['admin', 'reader', 'contributor', 'facilitator'] as const) {
    const u = await createUser(session.db, {
      email: `${role}@example.org`,
      name: `Compte ${role}`,
      password: TEST_PASSWORD,
      role,
    });
    tokens.set(role, createApiToken(session.db, u.id, 'a11y'));
  }
  const call = async (role: Role, method: string, path: string, body?: unknown) => {
    const res = await fetch(session.url + path, {
      method,
      headers: { authorization: `Bearer ${tokens.get(role)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, AnswerJson> };
  };
  const asked = await call('reader', 'POST', '/api/switchyard/requests', {
    problem:
      'Nous cherchons un logiciel libre pour tenir la comptabilité et les adhésions de notre association.',
  });
  expect(asked.status).toBe(201);
  const home = await call('contributor', 'GET', '/api/pages/accueil');
  const saved = await call('contributor', 'PUT', '/api/pages/accueil', {
    title: home.json.title,
    markdown: `${home.json.markdown}\n\nUne ligne ajoutée pour la démonstration.\n`,
    baseRevision: home.json.revision,
    summary: 'Une ligne de plus',
  });
  expect(saved.status).toBe(200);

  const contexts = new Map<Viewer, BrowserContext>();
  async function contextFor(viewer: Viewer): Promise<BrowserContext> {
    let context = contexts.get(viewer);
    if (!context) {
      context =
        viewer === 'anonymous'
          ? await newAppContext(session.browser, session.url)
          : (await loggedInContext(session, `${viewer}@example.org`)).context;
      contexts.set(viewer, context);
    }
    return context;
  }
  return {
    session,
    data: { requestId: Number((asked.json.request as { id: number }).id) },
    async open(viewer) {
      const opened = await watchedPage(await contextFor(viewer));
      await opened.page.route(TILE_HOSTS, (route) => route.abort('internetdisconnected'));
      return opened;
    },
    async close() {
      for (const c of contexts.values()) await c.close().catch(() => {});
      await session.close();
    },
  };
}
