/**
 * Runs the real server in a child process (so a test can kill -9 it):
 * `node --import tsx collab-server-child.ts DB_PATH PORT [CONFIG_JSON]`; reports `{ port }` over IPC.
 */
import { openDatabase } from '../../server/db/open.js';
import { startServer } from '../../server/server.js';

const [dbPath, port, configJson] = process.argv.slice(2);
const db = openDatabase(dbPath);
const server = await startServer(db, {
  port: Number(port),
  ...(configJson ? JSON.parse(configJson) : {}),
});
process.send?.({ port: server.port });
process.on('message', async (m: { cmd: string }) => {
  if (m.cmd === 'stats') process.send?.({ stats: server.app.services.collab.stats() });
  if (m.cmd === 'stop') {
    await server.close();
    db.close();
    process.exit(0);
  }
});
