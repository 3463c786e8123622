import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { openDatabase, type Database } from '../../server/db/open.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { createApiToken, createUser } from '../../server/auth/users.js';

/** Two connections on one database file: the server's and another process's (a CLI import). */
function twoConnections() {
  const dir = mkdtempSync(join(tmpdir(), 'lc-cache-'));
  const path = join(dir, 'wiki.sqlite');
  const db = openDatabase(path);
  const other = openDatabase(path);
  return {
    db,
    other,
    close: () => {
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const titleOf = async (app: ReturnType<typeof createApp>['app'], slug: string) =>
  ((await (await app.request(`/api/pages/${slug}`)).json()) as { title: string }).title;

describe('cached page answers and other connections', () => {
  it('follow a commit of another connection even when another read noticed it first', async () => {
    const { db, other, close } = twoConnections();
    try {
      const { app } = createApp({ db });
      savePage(db, new WikiServices(), {
        slug: 'a',
        title: 'A un',
        markdown: 'Page a.',
        authorIds: [],
      });
      savePage(db, new WikiServices(), {
        slug: 'b',
        title: 'B',
        markdown: 'Page b.',
        authorIds: [],
      });
      expect(await titleOf(app, 'a')).toBe('A un');
      // Another process renames page a.
      savePage(other as Database, new WikiServices(), {
        slug: 'a',
        title: 'A deux',
        markdown: 'Page a.',
        authorIds: [],
      });
      // A read of something else renders a page, and so looks at SQLite's data version first.
      expect((await app.request('/api/pages/b/revisions/1')).status).toBe(200);
      await expect.poll(() => titleOf(app, 'a'), { interval: 5, timeout: 2000 }).toBe('A deux');
    } finally {
      close();
    }
  });
});

describe('answers under /feed/', () => {
  it('are data (404 JSON) where no feed is, not the browser application under the data CSP', async () => {
    const { app } = createApp({ db: openDatabase(':memory:') });
    for (const path of ['/feed/nothing', '/feed/recent-changes.rss']) {
      const r = await app.request(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toContain('application/json');
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
      expect(r.headers.get('content-security-policy'), path).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    expect((await app.request('/feed/recent-changes.atom')).status).toBe(200);
  });
});

describe('cached page answers and API tokens', () => {
  it('survive reads by a token client: using a token is not a write on every request', async () => {
    const db = openDatabase(':memory:');
    const { app, services } = createApp({ db });
    savePage(db, new WikiServices(), { slug: 'a', title: 'A', markdown: 'Page a.', authorIds: [] });
    savePage(db, new WikiServices(), { slug: 'b', title: 'B', markdown: 'Page b.', authorIds: [] });
    const user = await createUser(db, {
      email: 'bot@example.org',
      name: 'Robot',
      password: 'password123',
      role: 'reader',
    });
    const token = createApiToken(db, user.id, 'bot');
    const read = (slug: string) =>
      app.request(`/api/pages/${slug}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read('a')).status).toBe(200);
    expect((await read('b')).status).toBe(200);
    expect(services.wiki.answerCount).toBe(2);
    expect((await app.request('/api/pages/a')).status).toBe(200);
    expect((await read('b')).status).toBe(200);
    expect(services.wiki.answerCount).toBe(2);
    // Any real write still empties the cache.
    savePage(db, new WikiServices(), { slug: 'c', title: 'C', markdown: 'Page c.', authorIds: [] });
    expect((await read('a')).status).toBe(200);
    expect(services.wiki.answerCount).toBe(1);
  });
});
