/**
 * Cold-start benchmark (`npm run bench:start`): prints figures, asserts nothing.
 *
 * Starts `node bin/lieux-communs.js serve` (what `npm start` runs once the client is built) as a
 * child process, and times from the spawn until
 *   - GET /api/health answers 200 (the server listens, the database is open and migrated),
 *   - then the first page read answers (GET /api/pages/gouvernance-partagee, rendered on demand),
 *   - then the first search answers (GET /api/search?q=…),
 * for the two ways the command runs the server: the TypeScript sources through tsx
 * (LC_FROM_SOURCES=1) and the compiled copy in dist/server/ (built first when stale), and on
 *   - a fresh data directory (database created, migrated and seeded with the demo content),
 *   - an existing database (the demo content, plus `--pages N` generated pages: 2,000 by default).
 * Rounds alternate tsx and compiled so that machine noise hits both alike; medians are printed,
 * with the CPU time the server used until its first search (Linux), steadier than wall time on a
 * shared machine.
 * Only HTTP and the command line are used, so the figures compare across changes of the server's
 * inside (the wiki search moving to SQLite FTS5, for one). Bounded: a minute or two.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/lieux-communs.js');
const ROUNDS = Number(process.env.LC_BENCH_ROUNDS ?? 5);
const PAGE = 'gouvernance-partagee';
const QUERY = 'gouvernance partagée';
const pagesArg = process.argv.indexOf('--pages');
const EXTRA_PAGES = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : 2_000;
const CORES = availableParallelism();
// The server on one core of its own when there are several (as bench:wiki does), this process elsewhere.
const PIN =
  CORES >= 2 &&
  process.platform === 'linux' &&
  (() => {
    try {
      execFileSync('taskset', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

type Mode = 'tsx' | 'compiled';
interface Timing {
  health: number;
  page: number;
  search: number;
  /** CPU the server used until its first search answered (user + system, ms), when /proc tells. */
  cpu: number;
}

/** User + system CPU time of process `pid` so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return NaN;
  // Fields after the command name (which may hold spaces, hence from the last ')'): utime is the 14th, stime the 15th.
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
// Linux's USER_HZ, 100 on every mainstream kernel (getconf CLK_TCK).
const CLOCK_TICKS = 100;

/** Polls `url` until it answers 200 (connection refused meanwhile). */
async function firstOk(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** One start of the server on `dbPath`: the three times, in ms from the spawn. */
async function startOnce(mode: Mode, dbPath: string, port: number): Promise<Timing> {
  const env = {
    ...process.env,
    LC_DB: dbPath,
    PORT: String(port),
    LC_FROM_SOURCES: mode === 'tsx' ? '1' : '0',
  };
  const args = [BIN, 'serve'];
  const t0 = performance.now();
  const child = PIN
    ? spawn('taskset', ['-c', String(CORES - 1), process.execPath, ...args], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // Kept, and shown only when the start fails (a server without dist/client warns on every start).
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = t0 + 120_000;
    await firstOk(`${base}/api/health`, deadline);
    const health = performance.now() - t0;
    await firstOk(`${base}/api/pages/${PAGE}`, deadline);
    const page = performance.now() - t0;
    await firstOk(`${base}/api/search?q=${encodeURIComponent(QUERY)}`, deadline);
    const search = performance.now() - t0;
    // taskset runs node in its own process (exec): the pid is the server's either way.
    return { health, page, search, cpu: cpuMs(child.pid) };
  } catch (err) {
    process.stderr.write(stderr);
    throw err;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Adds `count` generated French-like pages to the database (raw rows, as bench:wiki does). */
function addPages(dbPath: string, count: number): void {
  const db = new Database(dbPath);
  const words =
    'tiers-lieu atelier partagé gouvernance coopérative bénévoles fabrique numérique jardin café associatif habitants territoire outils communs réparation formation'.split(
      ' ',
    );
  let seed = 7;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const insert = db.prepare(
    'INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)',
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const text = Array.from(
        { length: 150 + Math.floor(rand() * 400) },
        () => words[Math.floor(rand() * words.length)],
      ).join(' ');
      insert.run({
        slug: `page-generee-${i}`,
        title: `Page générée ${i}`,
        markdown: `# Page générée ${i}\n\n${text}\n`,
      });
    }
  })();
  db.close();
}

/** A port free right now (the system's pick, released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-start-'));
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(
    `Cold-start benchmark: Node ${process.version}, ${CORES} cores${PIN ? ' (server pinned to the last)' : ''}, load ${load()}`,
  );
  console.log('Figures are indicative: rerun on a quiet machine before comparing.');
  try {
    execFileSync(process.execPath, [join(ROOT, 'bin/build-server.js')], { stdio: 'inherit' });
    const port = await freePort();
    // The existing database: made by one start on a fresh directory, then grown.
    const existing = join(dir, 'existing.sqlite');
    await startOnce('compiled', existing, port);
    if (EXTRA_PAGES > 0) addPages(existing, EXTRA_PAGES);
    await startOnce('compiled', existing, port); // whatever a first start on the grown database does once
    const results: Record<string, Timing[]> = {};
    const scenarios = ['fresh', 'existing'] as const;
    const modes: Mode[] = ['tsx', 'compiled'];
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of scenarios) {
        for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
          // Recompiled first if a source changed meanwhile (outside the timing): the command would
          // otherwise fall back to tsx and the "compiled" figures would be tsx ones.
          if (mode === 'compiled')
            execFileSync(process.execPath, [join(ROOT, 'bin/build-server.js')], {
              stdio: 'ignore',
            });
          const dbPath =
            scenario === 'fresh' ? join(mkdtempSync(join(dir, 'fresh-')), 'data.sqlite') : existing;
          (results[`${scenario} ${mode}`] ??= []).push(await startOnce(mode, dbPath, port));
        }
      }
    }
    console.log(`\nMedians of ${ROUNDS} rounds, ms from spawn (load after: ${load()})`);
    console.log(
      `${'database'.padEnd(30)} | ${'run'.padEnd(8)} | health | first page | first search | server CPU until then`,
    );
    for (const scenario of scenarios) {
      for (const mode of modes) {
        const t = results[`${scenario} ${mode}`];
        const label =
          scenario === 'fresh'
            ? 'fresh data dir (seeded)'
            : `existing (demo + ${EXTRA_PAGES} pages)`;
        const cell = (k: keyof Timing, w: number) =>
          String(Math.round(median(t.map((x) => x[k])))).padStart(w);
        console.log(
          `${label.padEnd(30)} | ${mode.padEnd(8)} | ${cell('health', 6)} | ${cell('page', 10)} | ${cell('search', 12)} | ${cell('cpu', 21)}`,
        );
      }
    }
    for (const scenario of scenarios) {
      const ratio =
        median(results[`${scenario} tsx`].map((x) => x.health)) /
        median(results[`${scenario} compiled`].map((x) => x.health));
      const cpu =
        median(results[`${scenario} tsx`].map((x) => x.cpu)) /
        median(results[`${scenario} compiled`].map((x) => x.cpu));
      console.log(
        `${scenario}: compiled reaches /api/health ${ratio.toFixed(2)}× sooner than tsx, using ${cpu.toFixed(2)}× less CPU until the first search`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
