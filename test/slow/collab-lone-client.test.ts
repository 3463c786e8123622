import { expect, it } from 'vitest';
import { join } from 'node:path';
import { client, makeUsers, startOn, tempDir, until } from '../helpers/collab.js';

// Slow by nature (about 50 s): the stock client drops a connection that stays silent for 30 s, so
// this checks that the server's awareness echo keeps a lone editor connected.
it('keeps a lone stock client connected past 45 s', async () => {
  const tmp = tempDir();
  const env = await startOn(join(tmp.dir, 'db.sqlite'));
  const users = await makeUsers(env.db);
  const a = client(env.wsUrl, 'seul', users.contributor.token);
  a.provider.awareness.setLocalStateField('user', { name: 'Seule', color: '#2f6f4f' });
  let drops = 0;
  a.provider.on('connection-close', () => drops++);
  await a.synced;
  a.text.insert(0, 'Avant.');
  await new Promise((r) => setTimeout(r, 47_000));
  expect(drops).toBe(0);
  expect(a.provider.wsconnected).toBe(true);
  a.text.insert(a.text.length, ' Après.');
  const b = client(env.wsUrl, 'seul', users.contributor.token);
  await b.synced;
  await until(() => b.text.toString() === 'Avant. Après.', 'edit after 47 s delivered');
  a.destroy();
  b.destroy();
  await env.stop();
  tmp.cleanup();
}, 90_000);
