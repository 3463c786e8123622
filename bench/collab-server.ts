/**
 * Server child of the co-editing bench: `ours` (the real Lieux Communs server on a temp SQLite
 * file) or `ref` (the reference @y/websocket-server, in memory, on a plain http + ws server).
 * Reports its port over IPC, then CPU time, peak memory and persisted updates on request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

type Msg = { cmd: 'start' } | { cmd: 'end' } | { cmd: 'text'; room: string };

const [kind, dbPath] = process.argv.slice(2);
let textOf: (room: string) => string;
let persisted: () => number;
let port: number;
let token = '';

if (kind === 'ours') {
  const { openDatabase } = await import('../server/db/open.js');
  const { startServer } = await import('../server/server.js');
  const { createApiToken, createUser } = await import('../server/auth/users.js');
  const { savePage } = await import('../registry/wiki/pages.js');
  const db = openDatabase(dbPath);
  await createUser(db, {
    email: 'admin@bench.org',
    name: 'Admin',
    password: 'password123',
    role: 'admin',
  });
  const u = await createUser(db, {
    email: 'writer@bench.org',
    name: 'Writer',
    password: 'password123',
    role: 'contributor',
  });
  token = createApiToken(db, u.id, 'bench');
  const server = await startServer(db, { port: 0 });
  savePage(db, server.app.services.wiki, {
    slug: 'bench',
    title: 'Bench',
    markdown: '# Bench\n\n',
    authorIds: [u.id],
  });
  port = server.port;
  textOf = (room) => server.app.services.collab.documents.get(room)?.text.toString() ?? '';
  persisted = () => server.app.services.collab.stats().updatesPersisted;
} else {
  const { setupWSConnection, docs } = await import('@y/websocket-server/utils');
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = http.createServer((_req, res) => res.end('okay'));
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  textOf = (room) => docs.get(`collab/${room}`)?.getText('markdown').toString() ?? '';
  persisted = () => 0;
}

let cpu0 = process.cpuUsage();
let t0 = performance.now();
let persisted0 = 0;
process.on('message', (m: Msg) => {
  if (m.cmd === 'start') {
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    persisted0 = persisted();
    process.send!({ ok: true });
  } else if (m.cmd === 'end') {
    const cpu = process.cpuUsage(cpu0);
    // A profiling run (--cpu-prof) writes its profile on a normal exit, shortly after this answer.
    if (process.execArgv.some((a) => a.startsWith('--cpu-prof')))
      setTimeout(() => process.exit(0), 300);
    process.send!({
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - t0,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      persisted: persisted() - persisted0,
    });
  } else if (m.cmd === 'text') {
    process.send!({ text: textOf(m.room) });
  }
});
process.send!({ port, token });
