import { afterEach, describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { openDatabase } from '../../server/db/open.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { savePage } from '../../registry/wiki/pages.js';
import { client, makeUsers, tempDir, until, type TestClient } from '../helpers/collab.js';

const CHILD = fileURLToPath(new URL('../helpers/collab-server-child.ts', import.meta.url));
const children: ChildProcess[] = [];
const clients: TestClient[] = [];

/** Starts the server in a child process on `dbPath`; resolves with its port. */
function startChild(dbPath: string, port = 0): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(CHILD, [dbPath, String(port), JSON.stringify({ collabQuietMs: 60_000 })], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
  });
}

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ch of children.splice(0)) if (ch.exitCode === null) ch.kill('SIGKILL');
});

const tokens = (s: string) => s.match(/<\d+>/g) ?? [];

describe('durability', () => {
  it('loses nothing any client received when the server is killed with SIGKILL mid-session, and duplicates nothing', async () => {
    const tmp = tempDir();
    const dbPath = join(tmp.dir, 'db.sqlite');
    const setup = openDatabase(dbPath);
    const users = await makeUsers(setup);
    savePage(setup, new WikiServices(), {
      slug: 'crash',
      title: 'Crash',
      markdown: 'Début.\n',
      authorIds: [users.admin.id],
    });
    setup.close();

    const first = await startChild(dbPath);
    const url = `ws://127.0.0.1:${first.port}/collab`;
    const a = client(url, 'crash', users.contributor.token);
    const b = client(url, 'crash', users.admin.token);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);

    // A types without pause; once B has seen a good number of A's edits, the server is killed.
    let typing = true;
    let n = 0;
    const typer = (async () => {
      while (typing) {
        a.text.insert(a.text.length, `<${n++}>`);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await until(() => tokens(b.text.toString()).length >= 200, 'b received edits');
    first.child.kill('SIGKILL');
    await until(() => !b.provider.wsconnected, 'b saw the server die');
    typing = false;
    await typer;
    const seenByB = Y.encodeStateVector(b.doc);
    const textSeenByB = b.text.toString();

    // Same port: A and B reconnect by themselves. C is a fresh client.
    await startChild(dbPath, first.port);
    const c = client(url, 'crash', users.reader.token);
    clients.push(c);
    await c.synced;
    await until(() => c.text.length >= textSeenByB.length, 'c has at least what b had');
    const have = Y.decodeStateVector(Y.encodeStateVector(c.doc));
    for (const [clientId, clock] of Y.decodeStateVector(seenByB))
      expect(have.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock);
    for (const t of tokens(textSeenByB)) expect(c.text.toString().split(t).length).toBe(2);

    // Everyone converges on every edit A made, each exactly once, after A re-sends what was lost in flight.
    await until(() => a.provider.synced && b.provider.synced, 'a and b reconnected');
    await until(
      () =>
        [a, b, c].every((x) => x.text.toString() === a.text.toString()) &&
        tokens(c.text.toString()).length === n,
      'converged',
    );
    const final = c.text.toString();
    expect(final.startsWith('Début.\n')).toBe(true);
    expect(final.split('Début.').length).toBe(2);
    for (let i = 0; i < n; i++) expect(final.split(`<${i}>`).length).toBe(2);

    // The co-edits pending at the crash became a revision when the server came back, attributed to A.
    const db = openDatabase(dbPath);
    const rev = db
      .prepare(
        `SELECT r.markdown, ra.user_id FROM revisions r JOIN revision_authors ra ON ra.revision_id = r.id WHERE r.number = 2`,
      )
      .get() as { markdown: string; user_id: number };
    expect(rev.user_id).toBe(users.contributor.id);
    expect(tokens(rev.markdown).length).toBeGreaterThanOrEqual(tokens(textSeenByB).length);
    db.close();
    tmp.cleanup();
  }, 60_000);
});
