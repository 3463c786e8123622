import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { openDatabase, type Database } from '../../server/db/open.js';
import { startServer } from '../../server/server.js';
import { createApiToken, createUser, type Role } from '../../server/auth/users.js';
import type { Config } from '../../server/config.js';
import type { AnswerJson } from './app.js';
import { savePage } from '../../registry/wiki/pages.js';

// Every stock provider adds a process 'exit' listener in Node; tests open dozens.
process.setMaxListeners(100);

/** A temporary folder removed by `cleanup`. */
export function tempDir(prefix = 'lc-collab-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Creates one user per role (admin first) with an API token each. */
export async function makeUsers(db: Database, roles: Role[] = ['admin', 'contributor', 'reader']) {
  const out: Record<string, { id: number; token: string; name: string }> = {};
  for (const role of roles) {
    const name = `Test ${role}`;
    const u = await createUser(db, {
      email: `${role}@example.org`,
      name,
      password: 'password123',
      role,
    });
    out[role] = { id: u.id, token: createApiToken(db, u.id, 'test'), name };
  }
  return out;
}

/** Starts the real server on port 0 (or `port`) on a database file. */
export async function startOn(dbPath: string, config: Partial<Config> = {}) {
  const db = openDatabase(dbPath);
  const server = await startServer(db, { port: 0, collabQuietMs: 60_000, ...config });
  return {
    db,
    server,
    wsUrl: `ws://127.0.0.1:${server.port}/collab`,
    async stop() {
      await server.close();
      db.close();
    },
  };
}

/** A stock y-websocket client (the `ws` package as WebSocket) with its document. */
export function client(
  wsUrl: string,
  slug: string,
  token?: string,
  opts: { connect?: boolean } = {},
) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, slug, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
    connect: opts.connect ?? true,
  });
  const text = doc.getText('markdown');
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (s: boolean) => s && resolve());
  });
  return {
    doc,
    text,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
export type TestClient = ReturnType<typeof client>;

/** Waits until `check` returns true (polling), failing with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw WebSocket to the collab route: resolves on open, rejects with the HTTP status on refusal. */
export function rawSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.binaryType = 'arraybuffer';
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Resolves with the close code and reason of a socket. */
export const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

/**
 * For a test file about co-editing through whole-page operations: before each test, a real server
 * on a temporary database file with users of `roles`; after it, every client opened with `open`
 * destroyed, the server stopped and the files removed. `call` sends a bearer-authenticated JSON
 * request without following redirects; `terminalClose` resolves with the close a stock provider
 * gives up reconnecting on. Read `env` and `users` inside tests (they change with each test).
 */
export function collabFixture(roles: Role[], config: Partial<Config> = {}) {
  let tmp: ReturnType<typeof tempDir>;
  const clients: TestClient[] = [];
  const fx = {
    env: undefined as unknown as Awaited<ReturnType<typeof startOn>>,
    users: undefined as unknown as Awaited<ReturnType<typeof makeUsers>>,
    open(slug: string, token?: string): TestClient {
      const c = client(fx.env.wsUrl, slug, token);
      clients.push(c);
      return c;
    },
    async call(method: string, path: string, token: string, body?: unknown) {
      const res = await fetch(`${fx.env.server.url}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as AnswerJson };
    },
    terminalClose: (c: TestClient) =>
      new Promise<{ code: number; reason: string }>((resolve) =>
        c.provider.once('closed', (close: { code: number; reason: string }) => resolve(close)),
      ),
    /**
     * Page `slug` ("Début.") open by a contributor, who types " Tapé juste avant." (not yet written
     * as a revision), and by a reader who has received it; with the closes their providers give up on.
     */
    async pendingCoEdit(slug: string) {
      savePage(fx.env.db, fx.env.server.app.services.wiki, {
        slug,
        title: 'Atelier',
        markdown: 'Début.',
        authorIds: [fx.users.admin.id],
      });
      const writer = fx.open(slug, fx.users.contributor.token);
      const watcher = fx.open(slug, fx.users.reader.token);
      await Promise.all([writer.synced, watcher.synced]);
      await until(() => writer.text.toString() === 'Début.', 'seeded');
      writer.text.insert(writer.text.length, ' Tapé juste avant.');
      await until(
        () => watcher.text.toString() === 'Début. Tapé juste avant.',
        'edit reached the server',
      );
      return {
        writer,
        watcher,
        writerClosed: fx.terminalClose(writer),
        watcherClosed: fx.terminalClose(watcher),
      };
    },
  };
  beforeEach(async () => {
    tmp = tempDir();
    fx.env = await startOn(join(tmp.dir, 'db.sqlite'), config);
    fx.users = await makeUsers(fx.env.db, roles);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await fx.env.stop();
    tmp.cleanup();
  });
  return fx;
}
