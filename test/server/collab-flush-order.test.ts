import { describe, expect, it } from 'vitest';
import http from 'node:http';
import { join } from 'node:path';
import { client, makeUsers, startOn, tempDir, until } from '../helpers/collab.js';

/**
 * A REST write first writes the pending co-edits as a revision. The body of the request is read
 * after the role check: co-edits that reach the server while it arrives must be written too,
 * or the REST save (a forward change of the live text) erases them with no trace in the history.
 */
describe('co-edits that arrive while a REST save is being received', () => {
  it('are kept in the history, not erased by the save', async () => {
    const tmp = tempDir();
    const env = await startOn(join(tmp.dir, 'db.sqlite'));
    const users = await makeUsers(env.db, ['admin', 'contributor']);
    const a = client(env.wsUrl, 'course', users.contributor.token);
    const b = client(env.wsUrl, 'course', users.admin.token);
    try {
      const first = await fetch(`${env.server.url}/api/pages/course`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${users.contributor.token}`,
        },
        body: JSON.stringify({ title: 'Course', markdown: 'Début.' }),
      });
      expect(first.status).toBe(201);
      await Promise.all([a.synced, b.synced]);
      await until(() => a.text.toString() === 'Début.', 'the live text is the page');

      // The REST save starts: headers and half of the body.
      const body = JSON.stringify({ title: 'Course', markdown: 'Remplacé.' });
      const answer = new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${env.server.url}/api/pages/course`,
          {
            method: 'PUT',
            headers: {
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
              authorization: `Bearer ${users.admin.token}`,
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        // The server has the headers (and has run what comes before reading the body)...
        setTimeout(() => {
          // ...when a co-editor types, and the server applies it (the other co-editor sees it)...
          a.text.insert(a.text.length, ' Ajout pendant l’envoi.');
          void until(
            () => b.text.toString().includes('Ajout pendant'),
            'the co-edit reached the server',
          ).then(
            // ...before the rest of the body arrives.
            () => req.end(body.slice(10)),
            reject,
          );
        }, 100);
      });
      expect(await answer).toBe(200);
      const history = env.db
        .prepare(
          `SELECT r.markdown FROM revisions r JOIN pages p ON p.id = r.page_id WHERE p.slug = 'course' ORDER BY r.number`,
        )
        .pluck()
        .all() as string[];
      expect(history.at(-1)).toBe('Remplacé.');
      expect(history.some((m) => m.includes('Ajout pendant l’envoi.'))).toBe(true);
    } finally {
      a.destroy();
      b.destroy();
      await env.stop();
      tmp.cleanup();
    }
  });
});
