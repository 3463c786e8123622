/**
 * Co-editing benchmark: `npm run bench:collab` (about 2.5 minutes; `-- --quick` for a 1-minute smoke run,
 * `-- --only a|b`, `-- --server ours|ref`, `-- --profile DIR` for CPU profiles of the servers).
 *
 * Scenarios, on one page:
 *   (a) 50 clients all typing 5 edits per second for 20 s;
 *   (b) 300 clients connecting over 15 s, 15 of them typing 3 edits per second.
 * Clients are stock y-websocket providers split over two load-generator processes; each server
 * (ours, persisting every update to SQLite before broadcasting it, and the in-memory reference
 * @y/websocket-server 0.1.1) runs in its own child process. Printed: propagation latency p50/p99
 * to the first receiver and over all deliveries, server CPU and peak memory, updates persisted
 * per second, whether every client ends with the same text, generator event-loop lag (a figure is
 * flagged generator-bound when that lag's p99 exceeds 20 ms), and ours/reference ratios.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { GeneratorPlan } from './collab-generator.js';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? '') : undefined;
};
const quick = args.includes('--quick');
const only = flag('only');
const onlyServer = flag('server');
const GENERATORS = 2;
/** Generator event-loop lag (p99) beyond which figures are flagged as generator-bound. */
const GENERATOR_LAG_LIMIT_MS = 20;

interface Scenario {
  key: 'a' | 'b';
  title: string;
  typists: number;
  watchers: number;
  rate: number;
  typingMs: number;
  rampMs: number;
}

const SCENARIOS: Scenario[] = [
  {
    key: 'a',
    title: '(a) 50 clients all typing 5 edits/s',
    typists: 50,
    watchers: 0,
    rate: 5,
    typingMs: quick ? 5_000 : 20_000,
    rampMs: 0,
  },
  {
    key: 'b',
    title: '(b) 300 clients joining over 15 s, 15 typing 3 edits/s',
    typists: 15,
    watchers: 285,
    rate: 3,
    typingMs: quick ? 8_000 : 20_000,
    rampMs: quick ? 6_000 : 15_000,
  },
];

type Reply = Record<string, unknown>;

/** A forked child with request/response over IPC (one request at a time). */
class Child {
  readonly proc: ChildProcess;
  private waiting: ((m: Reply) => void)[] = [];
  private inbox: Reply[] = [];
  private first: Promise<Reply>;

  constructor(file: string, argv: string[], extraExecArgv: string[] = []) {
    this.proc = fork(here(file), argv, {
      execArgv: ['--import', 'tsx', ...extraExecArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.first = this.next();
    this.proc.on('message', (m: Reply) => {
      const w = this.waiting.shift();
      if (w) w(m);
      else this.inbox.push(m);
    });
  }

  ready(): Promise<Reply> {
    return this.first;
  }

  next(): Promise<Reply> {
    const m = this.inbox.shift();
    return m ? Promise.resolve(m) : new Promise((r) => this.waiting.push(r));
  }

  ask(msg: unknown): Promise<Reply> {
    const p = this.next();
    this.proc.send(msg as object);
    return p;
  }

  kill() {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

const pct = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

interface Result {
  first: { p50: number; p99: number; n: number };
  all: { p50: number; p99: number; n: number };
  edits: number;
  cpuPct: number;
  maxRssMb: number;
  persistedPerS: number;
  persisted: number;
  converged: boolean;
  clients: number;
  genLag: { p50: number; p99: number; max: number };
}

async function runOne(scenario: Scenario, server: 'ours' | 'ref'): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-collab-'));
  // --profile DIR writes a CPU profile of each server process there (node --cpu-prof).
  const profile = flag('profile');
  const srv = new Child(
    './collab-server.ts',
    [server, join(dir, 'bench.sqlite')],
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  );
  const gens = Array.from({ length: GENERATORS }, () => new Child('./collab-generator.ts', []));
  try {
    const { port, token } = (await srv.ready()) as { port: number; token: string };
    await Promise.all(gens.map((g) => g.ready()));
    const url = `ws://127.0.0.1:${port}/collab`;
    const plans: GeneratorPlan[] = gens.map((_, i) => ({
      url,
      room: 'bench',
      token,
      typists:
        Math.floor(scenario.typists / GENERATORS) + (i < scenario.typists % GENERATORS ? 1 : 0),
      watchers:
        Math.floor(scenario.watchers / GENERATORS) + (i < scenario.watchers % GENERATORS ? 1 : 0),
      rampStart: 0,
      rampMs: scenario.rampMs,
      rate: scenario.rate,
      typingStart: 0,
      typingMs: scenario.typingMs,
      seed: 1000 + i,
    }));
    // Typists connect and sync first; the measurement window opens when they have.
    const connected = gens.map((g) => g.next());
    gens.forEach((g, i) => g.proc.send({ cmd: 'connect', plan: plans[i] }));
    await Promise.all(connected);
    await srv.ask({ cmd: 'start' });
    const t0 = performance.timeOrigin + performance.now() + 300;
    const typed = gens.map((g) => g.next());
    for (const g of gens) g.proc.send({ cmd: 'type', typingStart: t0, rampStart: t0 });
    await Promise.all(typed);
    // Let the last edits propagate, then check that every client holds the same text.
    const expectedClients = scenario.typists + scenario.watchers;
    let converged = false;
    let clients = 0;
    for (let i = 0; i < 60 && !converged; i++) {
      await sleep(500);
      const digests = (await Promise.all(gens.map((g) => g.ask({ cmd: 'digest' })))) as {
        digests: string[];
        connected: number;
      }[];
      const all = digests.flatMap((d) => d.digests);
      clients = digests.reduce((n, d) => n + d.connected, 0);
      const serverText = ((await srv.ask({ cmd: 'text', room: 'bench' })) as { text: string }).text;
      const serverDigest = createHash('sha1').update(serverText).digest('hex');
      converged =
        all.length === expectedClients &&
        clients === expectedClients &&
        all.every((d) => d === serverDigest);
    }
    const stats = (await srv.ask({ cmd: 'end' })) as {
      cpuMs: number;
      wallMs: number;
      maxRssMb: number;
      persisted: number;
    };
    const results = (await Promise.all(gens.map((g) => g.ask({ cmd: 'results' })))) as {
      sent: number[];
      received: number[];
      edits: number;
      lag: { p50: number; p99: number; max: number };
    }[];

    const sentAt = new Map<number, number>();
    const key = (client: number, clock: number) => client * 2 ** 21 + clock;
    for (const r of results)
      for (let i = 0; i < r.sent.length; i += 3)
        sentAt.set(key(r.sent[i], r.sent[i + 1]), r.sent[i + 2]);
    const all: number[] = [];
    const firstBy = new Map<number, number>();
    for (const r of results) {
      for (let i = 0; i < r.received.length; i += 3) {
        const k = key(r.received[i], r.received[i + 1]);
        const s = sentAt.get(k);
        if (s === undefined) continue;
        const latency = r.received[i + 2] - s;
        all.push(latency);
        const f = firstBy.get(k);
        if (f === undefined || latency < f) firstBy.set(k, latency);
      }
    }
    const allSorted = Float64Array.from(all).sort();
    const firstSorted = Float64Array.from(firstBy.values()).sort();
    const windowS = stats.wallMs / 1000;
    return {
      first: { p50: pct(firstSorted, 50), p99: pct(firstSorted, 99), n: firstSorted.length },
      all: { p50: pct(allSorted, 50), p99: pct(allSorted, 99), n: allSorted.length },
      edits: results.reduce((n, r) => n + r.edits, 0),
      cpuPct: (100 * stats.cpuMs) / stats.wallMs,
      maxRssMb: stats.maxRssMb,
      persisted: stats.persisted,
      persistedPerS: stats.persisted / windowS,
      converged,
      clients,
      genLag: {
        p50: Math.max(...results.map((r) => r.lag.p50)),
        p99: Math.max(...results.map((r) => r.lag.p99)),
        max: Math.max(...results.map((r) => r.lag.max)),
      },
    };
  } finally {
    for (const g of gens) g.kill();
    if (profile && srv.proc.exitCode === null)
      await new Promise((r) => (srv.proc.once('exit', r), setTimeout(r, 5000)));
    srv.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(scenario: Scenario, server: string, r: Result) {
  // A healthy generator answers within a few ms; beyond that, its own queueing inflates the latency
  // (and a lagging generator also delays its edits, so the latency cannot be compared with the lag).
  const bound =
    r.genLag.p99 > GENERATOR_LAG_LIMIT_MS
      ? '  ⚠ GENERATOR-BOUND: the generators lag, latency figures are inflated by them'
      : '';
  console.log(
    `  ${server.padEnd(4)} latency first receiver p50 ${fmt(r.first.p50)} ms  p99 ${fmt(r.first.p99)} ms | all deliveries p50 ${fmt(r.all.p50)} ms  p99 ${fmt(r.all.p99)} ms (${r.all.n} deliveries of ${r.edits} edits)`,
  );
  console.log(
    `       server CPU ${fmt(r.cpuPct, 0)} %  peak RSS ${fmt(r.maxRssMb, 0)} MB  persisted ${server === 'ours' ? `${r.persisted} updates (${fmt(r.persistedPerS, 0)}/s)` : 'nothing (in memory)'}  ` +
      `same text on all ${r.clients} clients and the server: ${r.converged ? 'yes' : 'NO'}`,
  );
  console.log(
    `       generator event-loop lag p50 ${fmt(r.genLag.p50)} ms  p99 ${fmt(r.genLag.p99)} ms  max ${fmt(r.genLag.max)} ms${bound}`,
  );
}

console.log(
  `Co-editing bench${quick ? ' (quick)' : ''}: ${GENERATORS} generator processes, servers in their own processes. Preliminary if the machine is loaded.`,
);
let failed = false;
for (const scenario of SCENARIOS) {
  if (only && scenario.key !== only) continue;
  console.log(`\n${scenario.title}, ${scenario.typingMs / 1000} s of typing`);
  const results: Partial<Record<'ours' | 'ref', Result>> = {};
  for (const server of ['ours', 'ref'] as const) {
    if (onlyServer && server !== onlyServer) continue;
    const r = await runOne(scenario, server);
    results[server] = r;
    print(scenario, server, r);
    if (!r.converged) failed = true;
  }
  const { ours, ref } = results;
  if (ours && ref) {
    const ratio = (a: number, b: number) => fmt(a / b, 2);
    console.log(
      `  ratio ours/ref: first p50 ${ratio(ours.first.p50, ref.first.p50)}  first p99 ${ratio(ours.first.p99, ref.first.p99)}  ` +
        `all p50 ${ratio(ours.all.p50, ref.all.p50)}  all p99 ${ratio(ours.all.p99, ref.all.p99)} (target ≤ 1.5)  CPU ${ratio(ours.cpuPct, ref.cpuPct)}  memory ${ratio(ours.maxRssMb, ref.maxRssMb)}`,
    );
  }
}
if (failed) {
  console.error('\nSome clients did not converge.');
  process.exitCode = 1;
}
