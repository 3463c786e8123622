/**
 * Switchyard builds after writes, through the server's own path (npm run bench:switchyard-writes):
 * a generated registry of 5,000 resources, 20,000 people and 2,000 places imported into a database
 * file, the switchyard service (FTS5 store) on it, and the time of a build: the first one, at a
 * restart, after one resource or one person written (the migration 0022 triggers record which
 * documents), after a restart that follows a write, and with every document hashed instead
 * (LC_SWITCHYARD_VERIFY's pass, what every build did before the record of the writes). Wall-clock
 * and CPU time (the machine is shared). Prints figures, asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importBundle } from '../registry/bundle.js';
import { upsertPerson } from '../registry/people.js';
import { upsertResource } from '../registry/resources.js';
import { registryChanged } from '../registry/store.js';
import { DEFAULT_SWITCHYARD_CONFIG } from '../registry/switchyard/config.js';
import { forgetBuilds } from '../registry/switchyard/fts-index.js';
import { registrySnapshotSource, SwitchyardService } from '../registry/switchyard/service.js';
import { THEME_SLUGS } from '../registry/themes.js';
import { openDatabase } from '../server/db/open.js';
import { preloadFrenchWords } from '../registry/text/french-words.js';

const DEV = '/work/shared/data/switchyard-dev/bundle.json';
const source = existsSync(DEV)
  ? DEV
  : join(import.meta.dirname, 'data/switchyard-train/bundle.json');
const words = readFileSync(source, 'utf8').match(/[\p{L}]{3,}/gu) ?? ['commun'];
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');
const N_RESOURCES = 5000;
const N_PEOPLE = 20000;
const N_PLACES = 2000;
const bundle = {
  format: 'commons-bundle/1',
  resources: Array.from({ length: N_RESOURCES }, (_, i) => ({
    slug: `r-${i}`,
    name: `${sentence(2)} ${i}`,
    kind: 'software',
    summary: sentence(18),
    description: sentence(60),
    features: [sentence(6), sentence(6), sentence(6)],
    themes: [pick(THEME_SLUGS), pick(THEME_SLUGS)],
    keywords: [sentence(1), sentence(2), sentence(1)],
    license: rnd() < 0.05 ? 'proprietary' : 'AGPL-3.0',
  })),
  places: Array.from({ length: N_PLACES }, (_, i) => ({ slug: `l-${i}`, name: `Lieu ${i}` })),
  people: Array.from({ length: N_PEOPLE }, (_, i) => ({
    slug: `p-${i}`,
    name: `Personne ${i}`,
    place: `l-${i % N_PLACES}`,
    themes: [pick(THEME_SLUGS)],
    skills: [sentence(2), sentence(2), sentence(1)],
    bio: sentence(25),
    contactable: rnd() > 0.1,
  })),
  // Unique pairs: a usage or a referent link per (resource, place or person).
  usages: [
    ...new Map(
      Array.from({ length: N_RESOURCES * 4 }, () => {
        const u = {
          resource: `r-${Math.floor(rnd() * N_RESOURCES)}`,
          place: `l-${Math.floor(rnd() * N_PLACES)}`,
          status: 'uses',
          note: sentence(12),
        };
        return [`${u.resource}/${u.place}`, u] as const;
      }),
    ).values(),
  ],
  referents: [
    ...new Map(
      Array.from({ length: N_RESOURCES * 3 }, () => {
        const r = {
          resource: `r-${Math.floor(rnd() * N_RESOURCES)}`,
          person: `p-${Math.floor(rnd() * N_PEOPLE)}`,
          isExpert: rnd() < 0.4,
          note: sentence(10),
        };
        return [`${r.resource}/${r.person}`, r] as const;
      }),
    ).values(),
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'lc-switchyard-writes-'));
try {
  const db = openDatabase(join(dir, 'bench.db'));
  const t = performance.now();
  importBundle(db, bundle);
  console.log(
    `import: ${N_RESOURCES} resources, ${N_PEOPLE} people, ${N_PLACES} places in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  preloadFrenchWords();
  const service = () =>
    new SwitchyardService(
      db,
      registrySnapshotSource(db),
      DEFAULT_SWITCHYARD_CONFIG,
      60_000,
      Number.MAX_SAFE_INTEGER,
      'fts',
    );
  let current = service();
  const ROUNDS = 5;
  /** Builds `ROUNDS` times after `before`, and prints the least and the median times. */
  const build = (label: string, before: () => void, rounds = ROUNDS) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    let sums = '';
    for (let k = 0; k < rounds; k++) {
      before();
      const w = performance.now();
      const c = process.cpuUsage();
      const ix = current.index();
      const used = process.cpuUsage(c);
      wall.push(performance.now() - w);
      cpu.push((used.user + used.system) / 1000);
      const report = Object.values(ix.buildReport ?? {});
      const sum = (key: 'analysed' | 'verified' | 'removed') =>
        report.reduce((n, r) => n + r[key], 0);
      sums = `documents analysed ${sum('analysed')}, hashed ${sum('verified')}, removed ${sum('removed')}`;
    }
    const fig = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `least ${(sorted[0] / 1000).toFixed(2)} s, median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s`;
    };
    console.log(`${label} (${rounds}×): wall ${fig(wall)}; CPU ${fig(cpu)}; ${sums}`);
  };
  /** A new process: a new service, and nothing remembered of the previous builds. */
  const restart = () => {
    forgetBuilds(db);
    current = service();
  };
  let edits = 0;
  const editResource = () => {
    upsertResource(
      db,
      { slug: 'r-17', summary: `${sentence(18)} grelinette ${++edits}` } as never,
      { mode: 'merge' },
    );
    registryChanged(db);
  };
  // A person the switchyard sees (contactable).
  const person = db
    .prepare(`SELECT slug FROM people WHERE contactable = 1 ORDER BY id LIMIT 1 OFFSET 17`)
    .pluck()
    .get() as string;
  const editPerson = () => {
    upsertPerson(db, { slug: person, skills: [sentence(2), `semoir ${++edits}`] } as never, {
      mode: 'merge',
    });
    registryChanged(db);
  };
  const nothing = () => {};
  build('first build (every document analysed)', nothing, 1);
  build('restart, nothing written', restart);
  build('one resource edited, same process', editResource);
  build('one person edited (skills), same process', editPerson);
  build('restart after one resource edited', () => {
    editResource();
    restart();
  });
  // What every build did before the record of the writes: hash every document.
  build('restart after one resource edited, every document hashed (LC_SWITCHYARD_VERIFY=1)', () => {
    editResource();
    restart();
    current.verifyStale = true;
  });
  build('one resource edited, same process, every document hashed', () => {
    editResource();
    current.verifyStale = true;
  });
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('\n(preliminary figures: measured on a shared, loaded machine)');
