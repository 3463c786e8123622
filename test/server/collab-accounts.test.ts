import { describe, expect, it } from 'vitest';
import { closed, collabFixture, rawSocket, until, type TestClient } from '../helpers/collab.js';
import { createApiToken } from '../../server/auth/users.js';

/**
 * Account changes reach open co-editing sockets at once: stock y-websocket clients against the
 * real server. Ordering, not timing, proves a refusal: messages of one socket are handled in
 * order, so once an observer sees the awareness state a client set after its edit, the server
 * has already handled (and refused) that edit.
 */
const fx = collabFixture(['admin', 'contributor', 'reader']);

async function page(slug: string) {
  const r = await fx.call('PUT', `/api/pages/${slug}`, fx.users.admin.token, {
    title: 'Atelier',
    markdown: 'Début.\n',
  });
  expect(r.status).toBe(201);
}

/** Edits `c`'s text, then marks it with an awareness field the observer waits for. */
async function editThenMark(c: TestClient, observer: TestClient, insert: string, mark: number) {
  c.text.insert(c.text.length, insert);
  c.provider.awareness.setLocalStateField('mark', mark);
  await until(
    () =>
      (observer.provider.awareness.getStates().get(c.doc.clientID) as { mark?: number } | undefined)
        ?.mark === mark,
    `mark ${mark}`,
  );
}

describe('co-editing follows account changes', () => {
  it('a demoted contributor’s writing socket is closed; a promoted reader’s restarts with write rights', async () => {
    await page('atelier');
    const writer = fx.open('atelier', fx.users.contributor.token);
    const observer = fx.open('atelier', fx.users.admin.token);
    await Promise.all([writer.synced, observer.synced]);
    await editThenMark(writer, observer, ' Avant.', 1);
    await until(() => observer.text.toString().includes('Avant.'), 'the contributor’s edit');

    // Demoted: the socket opened to write is closed for good (see collab-session-end.test.ts).
    const ended = fx.terminalClose(writer);
    const demoted = await fx.call(
      'PATCH',
      `/api/admin/users/${fx.users.contributor.id}`,
      fx.users.admin.token,
      { role: 'reader' },
    );
    expect(demoted.status).toBe(200);
    expect(await ended).toEqual({ code: 4401, reason: 'role changed' });

    // A reader promoted: the connection is restarted (1012), the stock client reconnects by itself
    // and re-syncs with write rights.
    const reader = fx.open('atelier', fx.users.reader.token);
    await reader.synced;
    await editThenMark(reader, observer, ' Refusé.', 2);
    expect(observer.text.toString()).not.toContain('Refusé.');
    await fx.call('PATCH', `/api/admin/users/${fx.users.reader.id}`, fx.users.admin.token, {
      role: 'contributor',
    });
    await until(() => reader.provider.wsconnected && reader.provider.synced, 'the reconnection');
    reader.text.insert(reader.text.length, ' Encore.');
    await until(() => observer.text.toString().includes('Encore.'), 'the promoted reader’s edit');
  });

  it('revoking all of a user’s credentials, or deleting the account, closes their sockets', async () => {
    await page('atelier');
    const writer = fx.open('atelier', fx.users.contributor.token);
    await writer.synced;
    const closing = fx.terminalClose(writer);
    const revoked = await fx.call(
      'POST',
      `/api/admin/users/${fx.users.contributor.id}/revoke`,
      fx.users.admin.token,
    );
    expect(revoked.json).toMatchObject({ tokens: 1 });
    expect(await closing).toMatchObject({ code: 4401, reason: 'session revoked' });

    const reader = fx.open('atelier', fx.users.reader.token);
    await reader.synced;
    const deleted = fx.terminalClose(reader);
    expect(
      (await fx.call('DELETE', `/api/admin/users/${fx.users.reader.id}`, fx.users.admin.token))
        .status,
    ).toBe(200);
    expect(await deleted).toMatchObject({ code: 4401, reason: 'account deleted' });
  });

  it('ending one session closes the sockets it opened, and only those', async () => {
    await page('atelier');
    const base = fx.env.server.url;
    const login = async () => {
      const r = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'contributor@example.org', password: 'password123' }),
      });
      return {
        cookie: r.headers.get('set-cookie')!.split(';')[0],
        csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
      };
    };
    const a = await login();
    const b = await login();
    const wsA = await rawSocket(`${fx.env.wsUrl}/atelier`, { cookie: a.cookie });
    const wsB = await rawSocket(`${fx.env.wsUrl}/atelier`, { cookie: b.cookie });
    const sessions = (await (
      await fetch(`${base}/api/auth/sessions`, { headers: { cookie: b.cookie } })
    ).json()) as { sessions: { id: string; current: boolean }[] };
    const other = sessions.sessions.find((s) => !s.current)!;
    const closeA = closed(wsA);
    const del = await fetch(`${base}/api/auth/sessions/${other.id}`, {
      method: 'DELETE',
      headers: { cookie: b.cookie, 'x-csrf-token': b.csrf },
    });
    expect(del.status).toBe(200);
    expect(await closeA).toEqual({ code: 4401, reason: 'session revoked' });
    expect(wsB.readyState).toBe(wsB.OPEN);
    const closeB = closed(wsB);
    await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: b.cookie, 'x-csrf-token': b.csrf },
    });
    expect((await closeB).code).toBe(4401);
  });

  it('a read-scoped API token may follow a page but its edits are refused', async () => {
    await page('atelier');
    const readOnly = createApiToken(fx.env.db, fx.users.contributor.id, 'lecture', 'read');
    const c = fx.open('atelier', readOnly);
    const observer = fx.open('atelier', fx.users.admin.token);
    await Promise.all([c.synced, observer.synced]);
    await editThenMark(c, observer, ' Interdit.', 1);
    expect(observer.text.toString()).not.toContain('Interdit.');
    observer.text.insert(0, 'Titre. ');
    await until(
      () => c.text.toString().startsWith('Titre. '),
      'live edits reach the read-only client',
    );
  });

  it('presence shows the account’s name, or "Anonyme n" for anonymous readers, whatever the client claims', async () => {
    await page('atelier');
    const observer = fx.open('atelier', fx.users.admin.token);
    const reader = fx.open('atelier', fx.users.reader.token);
    const anonymous = fx.open('atelier');
    await Promise.all([observer.synced, reader.synced, anonymous.synced]);
    reader.provider.awareness.setLocalStateField('user', { name: 'Test admin', color: '#ff0000' });
    anonymous.provider.awareness.setLocalStateField('user', {
      name: 'Test contributor',
      color: '#00ff00',
      extra: { x: 1 },
    });
    const userOf = (c: TestClient) =>
      (
        observer.provider.awareness.getStates().get(c.doc.clientID) as
          { user?: Record<string, unknown> } | undefined
      )?.user;
    await until(() => !!userOf(reader) && !!userOf(anonymous), 'both presences');
    expect(userOf(reader)).toEqual({ name: 'Test reader', color: '#ff0000' });
    expect(userOf(anonymous)?.name).toMatch(/^Anonyme \d+$/);
    expect(userOf(anonymous)).not.toHaveProperty('extra');
  });
});
