import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { tempDir } from '../helpers/collab.js';
import { openDatabase } from '../../server/db/open.js';
import { createApiToken, createUser } from '../../server/auth/users.js';

/*
 * The last-admin rule against another process writing the same database file (a second server, a
 * script): the check and the write run in one IMMEDIATE transaction, so a demotion committed by
 * the other process while this one waits for the write lock is counted before deciding.
 *
 * The other process is real (a child `node` with its own better-sqlite3 connection). It follows
 * the same rule (counts two admins, demotes the first) and holds its write transaction open for a
 * while. The request to demote or delete the second admin is under way meanwhile: signed in (the
 * token's use recorded) and waiting for its body, which is sent once the other process holds the
 * write lock; so the request's check runs while the other demotion is not committed yet, as it
 * can in production between the sign-in and the check.
 */

const ROOT = new URL('../..', import.meta.url).pathname;

/** In the child: count admins and demote `id` if another is left, in one IMMEDIATE transaction held `holdMs`. */
const CHILD = `
const Database = require('better-sqlite3');
const [path, id, holdMs] = process.argv.slice(1);
const db = new Database(path);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
const n = db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin'").get().n;
if (n > 1) db.prepare("UPDATE users SET role = 'contributor' WHERE id = ?").run(Number(id));
process.stdout.write('locked ' + n + '\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(holdMs));
`;

/** Starts the child; resolves once it holds the write lock, with a promise of its exit. */
function demoteElsewhere(dbPath: string, id: number, holdMs: number) {
  const child = spawn(process.execPath, ['-e', CHILD, dbPath, String(id), String(holdMs)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const locked = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before locking`)));
  });
  return { locked, exited };
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('lc-last-admin-');
});
afterEach(() => tmp.cleanup());

async function twoAdmins() {
  const dbPath = join(tmp.dir, 'db.sqlite');
  const db = openDatabase(dbPath);
  const t = await testApp({}, db);
  const make = async (name: string) => {
    const u = await createUser(db, {
      email: `${name}@example.org`,
      name,
      password: 'password123',
      role: 'admin',
    });
    return { id: u.id, token: createApiToken(db, u.id, 'test') };
  };
  const [ada, bea] = [await make('ada'), await make('bea')];
  const admins = () =>
    db.prepare(`SELECT id FROM users WHERE role = 'admin' ORDER BY id`).pluck().all() as number[];
  const call = (method: string, path: string, token: string, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  /** Sends a request whose body (JSON, or none) is only sent when `release` resolves. */
  const callLater = (
    method: string,
    path: string,
    token: string,
    body: unknown,
    release: Promise<unknown>,
  ) => {
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        await release;
        if (body !== undefined) controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
        controller.close();
      },
    });
    return t.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined
          ? {
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(JSON.stringify(body))),
            }
          : {}),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
  };
  return { dbPath, db, ada, bea, admins, call, callLater };
}

describe('the last admin, with another process writing the same database', () => {
  it('a demotion over HTTP while another process demotes the other admin leaves one admin (409)', async () => {
    const { dbPath, db, ada, bea, admins, callLater } = await twoAdmins();
    let other: ReturnType<typeof demoteElsewhere> | undefined;
    const started = new Promise<void>((resolve) => setTimeout(resolve, 300)).then(() => {
      other = demoteElsewhere(dbPath, ada.id, 1500);
      return other.locked;
    });
    const res = await callLater(
      'PATCH',
      `/api/admin/users/${bea.id}`,
      ada.token,
      { role: 'reader' },
      started,
    );
    expect(await started).toBe('locked 2');
    expect(await other!.exited).toBe(0);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('role');
    expect(admins()).toEqual([bea.id]);
    db.close();
  });

  // A DELETE has no body to hold the request between its sign-in and its check, and the sign-in's
  // write (the token's use) waits for the other process's lock: the race cannot be forced here, so
  // this tests the rule after the other process's demotion (the same transaction code as the PATCH).
  it('after another process demoted the other admin, deleting the last admin over HTTP is refused (409)', async () => {
    const { dbPath, db, ada, bea, admins, call } = await twoAdmins();
    const other = demoteElsewhere(dbPath, ada.id, 200);
    expect(await other.locked).toBe('locked 2');
    expect(await other.exited).toBe(0);
    expect((await call('DELETE', `/api/admin/users/${bea.id}`, ada.token)).status).toBe(403);
    const res = await call('DELETE', `/api/admin/users/${bea.id}`, bea.token);
    expect(res.status).toBe(409);
    expect(admins()).toEqual([bea.id]);
    db.close();
  });

  it('two admins demoting each other over HTTP: the first wins, the second is no longer admin (403)', async () => {
    const { db, ada, bea, admins, call } = await twoAdmins();
    const first = await call('PATCH', `/api/admin/users/${bea.id}`, ada.token, { role: 'reader' });
    expect(first.status).toBe(200);
    const second = await call('PATCH', `/api/admin/users/${ada.id}`, bea.token, {
      role: 'reader',
    });
    expect(second.status).toBe(403);
    const self = await call('PATCH', `/api/admin/users/${ada.id}`, ada.token, { role: 'reader' });
    expect(self.status).toBe(409);
    expect(admins()).toEqual([ada.id]);
    db.close();
  });
});
