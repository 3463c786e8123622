import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../server/db/open.js';
import { startServer } from '../server/server.js';
import { seedIfEmpty } from '../server/seed/index.js';
const db = openDatabase(process.argv[2]);
await seedIfEmpty(db);
const server = await startServer(db, { port: 3999, publicRead: true });
console.log('ready', server.port);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
process.on('SIGUSR2', () => void session.post('Profiler.start'));
process.on('SIGINT', async () => {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync('/tmp/prof2/run.cpuprofile', JSON.stringify(profile));
  process.exit(0);
});
