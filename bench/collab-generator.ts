/**
 * Load generator child of the co-editing bench: runs stock y-websocket clients (the `ws` package
 * as WebSocket), some of them typing at a fixed rate, and records when each edit was sent and
 * when each client received it. Measures its own event-loop lag, to tell generator-bound figures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';

/** What the orchestrator asks for. */
export interface GeneratorPlan {
  url: string;
  room: string;
  token: string;
  /** Clients that type: connected first. */
  typists: number;
  /** Clients that only watch: connected over `rampMs` from `rampStart` (epoch ms). */
  watchers: number;
  rampStart: number;
  rampMs: number;
  /** Edits per second per typist, from `typingStart` (epoch ms) for `typingMs`. */
  rate: number;
  typingStart: number;
  typingMs: number;
  seed: number;
}

type Msg =
  | { cmd: 'connect'; plan: GeneratorPlan }
  | { cmd: 'type'; typingStart: number; rampStart: number }
  | { cmd: 'digest' }
  | { cmd: 'results' }
  | { cmd: 'stop' };

const now = () => performance.timeOrigin + performance.now();
// Each provider registers a process 'exit' listener in Node.
process.setMaxListeners(0);

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
}

const clients: Client[] = [];
/** Sent edits: clientID, clock after the edit, time. */
const sent: number[] = [];
/** Deliveries: clientID, clock reached, time. */
const received: number[] = [];
const lag = monitorEventLoopDelay({ resolution: 5 });
let editsDone = 0;
let seed = 1;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

function open(plan: GeneratorPlan, name: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(plan.url, plan.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: plan.token ? { token: plan.token } : {},
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name, color: '#2f6f4f' });
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== provider || !provider.synced) return;
    const t = now();
    for (const [client, clock] of Y.parseUpdateMeta(update).to) received.push(client, clock, t);
  });
  const c = { doc, provider, text: doc.getText('markdown') };
  clients.push(c);
  return c;
}

const synced = (c: Client) =>
  new Promise<void>((r) => (c.provider.synced ? r() : c.provider.once('sync', () => r())));

let plan: GeneratorPlan;
let typists: Client[] = [];

async function connect(p: GeneratorPlan) {
  plan = p;
  seed = plan.seed;
  typists = Array.from({ length: plan.typists }, (_, i) => open(plan, `typist-${plan.seed}-${i}`));
  await Promise.all(typists.map(synced));
  process.send!({ connected: plan.typists });
}

async function type(typingStart: number, rampStart: number) {
  plan.typingStart = typingStart;
  plan.rampStart = rampStart;
  // Watchers join over the ramp, evenly spread.
  for (let i = 0; i < plan.watchers; i++) {
    const at = plan.rampStart + (plan.rampMs * i) / Math.max(1, plan.watchers);
    setTimeout(() => open(plan, `watcher-${plan.seed}-${i}`), Math.max(0, at - now()));
  }
  lag.enable();
  // One ticker drives every typist: each does the edits due by now (robust to coarse timers).
  const phase = typists.map(() => random() * 1000);
  const done = typists.map(() => 0);
  const end = plan.typingStart + plan.typingMs;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const t = now();
      if (t < plan.typingStart) return;
      typists.forEach((c, i) => {
        const due = Math.min(
          (plan.rate * plan.typingMs) / 1000,
          Math.floor(((Math.min(t, end) - plan.typingStart) * plan.rate + phase[i]) / 1000),
        );
        while (done[i] < due) {
          done[i]++;
          const at = Math.floor(random() * (c.text.length + 1));
          const before = now();
          c.text.insert(at, String.fromCharCode(97 + Math.floor(random() * 26)));
          sent.push(c.doc.clientID, Y.getState(c.doc.store, c.doc.clientID), before);
          editsDone++;
        }
      });
      if (t >= end) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  lag.disable();
  process.send!({ typed: editsDone });
}

process.on('message', async (m: Msg) => {
  if (m.cmd === 'connect') await connect(m.plan);
  else if (m.cmd === 'type') await type(m.typingStart, m.rampStart);
  else if (m.cmd === 'digest') {
    const digests = clients.map((c) => createHash('sha1').update(c.text.toString()).digest('hex'));
    process.send!({
      digests,
      lengths: clients.map((c) => c.text.length),
      connected: clients.filter((c) => c.provider.synced).length,
    });
  } else if (m.cmd === 'results') {
    process.send!({
      sent,
      received,
      edits: editsDone,
      lag: { p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
    });
  } else if (m.cmd === 'stop') {
    for (const c of clients) c.provider.destroy();
    process.exit(0);
  }
});
process.send!({ ready: true });
