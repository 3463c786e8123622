import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { collabFixture, rawSocket, until } from '../helpers/collab.js';

/**
 * A co-editing socket does not outlive its session: stock y-websocket clients against the real
 * server on port 0. The server checks open sockets every 50 ms here (`collabAccessCheckMs`), so a
 * session that simply expires is noticed without any request; the tests wait for the close event,
 * they never measure how long it took.
 */
const fx = collabFixture(['admin', 'contributor', 'reader'], { collabAccessCheckMs: 50 });
const PASSWORD = 'password123';

async function page(slug: string) {
  const r = await fx.call('PUT', `/api/pages/${slug}`, fx.users.admin.token, {
    title: 'Atelier',
    markdown: 'Début.\n',
  });
  expect(r.status).toBe(201);
}

async function login(email: string, password = PASSWORD) {
  const r = await fetch(`${fx.env.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(r.status).toBe(200);
  return {
    cookie: r.headers.get('set-cookie')!.split(';')[0],
    csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
  };
}

/** A stock provider that sends a session cookie with its handshake (as a browser on our own pages does). */
function cookieClient(slug: string, cookie: string) {
  class CookieSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(fx.env.wsUrl, slug, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) =>
    provider.once('sync', (s: boolean) => s && resolve()),
  );
  const terminal = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.once('closed', (e: { code: number; reason: string }) => resolve(e)),
  );
  return {
    provider,
    synced,
    terminal,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The HTTP status a new WebSocket handshake gets ('open' when it is accepted). */
async function handshake(slug: string, headers: Record<string, string>): Promise<string> {
  try {
    const ws = await rawSocket(`${fx.env.wsUrl}/${slug}`, headers);
    ws.close();
    return 'open';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('co-editing sockets end with their session', () => {
  it('an expired session’s socket is closed (4401) without any request, and its cookie opens no new one', async () => {
    await page('atelier');
    const s = await login('contributor@example.org');
    const c = cookieClient('atelier', s.cookie);
    try {
      await c.synced;
      // The session reaches its end (as 30 days later).
      fx.env.db
        .prepare(
          `UPDATE sessions SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ','now','-1 second')`,
        )
        .run();
      expect(await c.terminal).toEqual({ code: 4401, reason: 'session expired' });
    } finally {
      c.destroy();
    }
    expect(await handshake('atelier', { cookie: s.cookie })).toBe('HTTP 401');
    // Without a cookie, an anonymous reader still follows the public page.
    expect(await handshake('atelier', {})).toBe('open');
  });

  it('after logging out, the old cookie opens no new socket', async () => {
    await page('atelier');
    const s = await login('contributor@example.org');
    const c = cookieClient('atelier', s.cookie);
    try {
      await c.synced;
      await fetch(`${fx.env.server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      });
      expect(await c.terminal).toEqual({ code: 4401, reason: 'session revoked' });
    } finally {
      c.destroy();
    }
    expect(await handshake('atelier', { cookie: s.cookie })).toBe('HTTP 401');
  });

  it('a password change closes the sockets of the other sessions and of every API token; the current session’s stays', async () => {
    await page('atelier');
    const here = await login('contributor@example.org');
    const there = await login('contributor@example.org');
    const mine = cookieClient('atelier', here.cookie);
    const other = cookieClient('atelier', there.cookie);
    const script = fx.open('atelier', fx.users.contributor.token);
    const scriptEnd = fx.terminalClose(script);
    try {
      await Promise.all([mine.synced, other.synced, script.synced]);
      const r = await fetch(`${fx.env.server.url}/api/auth/password`, {
        method: 'POST',
        headers: {
          cookie: here.cookie,
          'x-csrf-token': here.csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'une haie de noisetiers' }),
      });
      expect(r.status).toBe(200);
      expect(await other.terminal).toEqual({ code: 4401, reason: 'session revoked' });
      expect(await scriptEnd).toEqual({ code: 4401, reason: 'session revoked' });
      expect(mine.provider.wsconnected).toBe(true);
      expect(
        await handshake('atelier', { authorization: `Bearer ${fx.users.contributor.token}` }),
      ).toBe('HTTP 401');
      expect(await handshake('atelier', { cookie: there.cookie })).toBe('HTTP 401');
    } finally {
      mine.destroy();
      other.destroy();
    }
  });

  it('a contributor demoted to reader loses their writing socket (4401 "role changed") and comes back read-only', async () => {
    await page('atelier');
    const writer = fx.open('atelier', fx.users.contributor.token);
    const observer = fx.open('atelier', fx.users.admin.token);
    await Promise.all([writer.synced, observer.synced]);
    const ended = fx.terminalClose(writer);
    const demoted = await fx.call(
      'PATCH',
      `/api/admin/users/${fx.users.contributor.id}`,
      fx.users.admin.token,
      { role: 'reader' },
    );
    expect(demoted.status).toBe(200);
    expect(await ended).toEqual({ code: 4401, reason: 'role changed' });

    // A new connection is a reader's: live edits arrive, its own are refused.
    const again = fx.open('atelier', fx.users.contributor.token);
    await again.synced;
    again.text.insert(again.text.length, ' Refusé.');
    again.provider.awareness.setLocalStateField('mark', 1);
    await until(
      () =>
        (
          observer.provider.awareness.getStates().get(again.doc.clientID) as
            { mark?: number } | undefined
        )?.mark === 1,
      'the mark',
    );
    expect(observer.text.toString()).not.toContain('Refusé.');
    // A reader's own socket was never a writing one: a role change leaves it open.
    const reader = fx.open('atelier', fx.users.reader.token);
    await reader.synced;
    await fx.call('PATCH', `/api/admin/users/${fx.users.reader.id}`, fx.users.admin.token, {
      role: 'reader',
    });
    observer.text.insert(0, 'Titre. ');
    await until(
      () => reader.text.toString().startsWith('Titre. '),
      'live edits still reach the reader',
    );
  });

  it('an account locked by a forced reset loses its token sockets, and the token opens no new one', async () => {
    await page('atelier');
    const c = fx.open('atelier', fx.users.contributor.token);
    await c.synced;
    const ended = fx.terminalClose(c);
    expect(
      (
        await fx.call(
          'POST',
          `/api/admin/users/${fx.users.contributor.id}/force-reset`,
          fx.users.admin.token,
        )
      ).status,
    ).toBe(200);
    expect(await ended).toEqual({ code: 4401, reason: 'password reset required' });
    expect(
      await handshake('atelier', { authorization: `Bearer ${fx.users.contributor.token}` }),
    ).toBe('HTTP 403');
  });
});
