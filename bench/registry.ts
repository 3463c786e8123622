/**
 * Registry benchmark (npm run bench:registry). Prints figures, asserts nothing.
 *   1. import of the 1,512 places of the national base (CGET 2019 CSV): time, peak memory;
 *   2. import of a generated bundle of 5,000 resources (with places, people, usages, referents
 *      and one wiki page per resource): time, peak memory;
 *   3. faceted resource queries on that registry, over varied filter combinations: p50 / p95,
 *      through the domain function and through the HTTP app (in process).
 * Each import runs in its own child process so that its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { WikiServices } from '../registry/wiki/services.js';
import { registryHooks } from '../server/registry-wiki.js';
import { importBundle } from '../registry/bundle.js';
import { importCgetPlaces } from '../registry/cget.js';
import { searchResources, type ResourceQuery } from '../registry/query.js';
import { THEME_SLUGS } from '../registry/themes.js';
import { RESOURCE_KINDS } from '../registry/types.js';
import { REGIONS } from '../registry/geo.js';

const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';
const SELF = fileURLToPath(import.meta.url);
const RESOURCES = 5000;

/** Deterministic pseudo-random numbers (mulberry32); bench/events.ts uses them too. */
export function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'comptabilité',
  'adhésions',
  'association',
  'facturation',
  'réservation',
  'salle',
  'agenda',
  'bénévoles',
  'gouvernance',
  'consentement',
  'statuts',
  'coopérative',
  'fablab',
  'découpe',
  'laser',
  'impression',
  'formation',
  'atelier',
  'carte',
  'communauté',
  'forum',
  'wiki',
  'documentation',
  'subvention',
  'budget',
  'évaluation',
  'impact',
  'alimentation',
  'épicerie',
  'circuit',
  'court',
  'accessibilité',
  'inclusion',
  'numérique',
  'visioconférence',
  'messagerie',
  'fichiers',
  'partage',
  'sondage',
  'inscription',
  'billetterie',
  'site',
];
const LICENSES = [
  'AGPL-3.0-or-later',
  'GPL-3.0-or-later',
  'MIT',
  'Apache-2.0',
  'CC-BY-SA-4.0',
  'CC-BY-4.0',
  'proprietary',
  'MPL-2.0',
  'EUPL-1.2',
  'LGPL-3.0-or-later',
];

/** A commons-bundle/1 with `n` resources, n/10 places, n/10 people, ~2n usages and ~n/2 referents. */
export function generateBundle(n: number) {
  const r = rng(42);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const resources = Array.from({ length: n }, (_, i) => ({
    slug: `ressource-${i}`,
    name: `${words(2)} ${i}`,
    kind: pick(RESOURCE_KINDS),
    summary: `Outil pour ${words(8)}`.slice(0, 200),
    description: `${words(40)}.`,
    features: [words(4), words(4), words(4)],
    themes: [...new Set([pick(THEME_SLUGS), pick(THEME_SLUGS)])],
    keywords: [pick(WORDS), pick(WORDS), pick(WORDS)],
    license: pick(LICENSES),
    url: `https://exemple.org/r/${i}`,
  }));
  const places = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({
    slug: `lieu-${i}`,
    name: `Lieu ${words(1)} ${i}`,
    region: pick(REGIONS.slice(0, 13)),
    families: [pick(['coworking', 'fablab', 'cafe', 'nourricier', 'culturel', 'atelier'] as const)],
    lat: 42.5 + r() * 8.5,
    lon: -4.5 + r() * 12.5,
  }));
  const people = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({
    slug: `personne-${i}`,
    name: `Personne ${i}`,
    place: pick(places).slug,
    themes: [pick(THEME_SLUGS)],
    skills: [words(2)],
    contactable: r() > 0.1,
  }));
  const usages = new Map<string, { resource: string; place: string; status: string }>();
  for (let i = 0; i < n * 2; i++) {
    const u = {
      resource: pick(resources).slug,
      place: pick(places).slug,
      status: pick(['uses', 'uses', 'uses', 'interested', 'stopped']),
    };
    usages.set(`${u.resource}/${u.place}`, u);
  }
  const referents = new Map<string, { resource: string; person: string; isExpert: boolean }>();
  for (let i = 0; i < n / 2; i++) {
    const x = { resource: pick(resources).slug, person: pick(people).slug, isExpert: r() > 0.5 };
    referents.set(`${x.resource}/${x.person}`, x);
  }
  return {
    format: 'commons-bundle/1',
    resources,
    places,
    people,
    usages: [...usages.values()],
    referents: [...referents.values()],
  };
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** Child process: one import, prints a JSON line with its time and peak memory. */
function stage(kind: string, dbPath: string, file: string) {
  const db = openDatabase(dbPath);
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  if (kind === 'places') {
    const res = importCgetPlaces(db, text);
    if (res.created + res.updated + res.unchanged !== 1512)
      throw new Error('unexpected place count');
  } else {
    importBundle(db, JSON.parse(text), { hooks: registryHooks(db, new WikiServices(), 'import') });
  }
  const ms = performance.now() - t0;
  db.close();
  console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }));
}

function runStage(kind: string, dbPath: string, file: string): { ms: number; maxRssKb: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', SELF, '--stage', kind, dbPath, file],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

/** Varied filter combinations, deterministic. */
function queries(count: number): ResourceQuery[] {
  const r = rng(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const out: ResourceQuery[] = [];
  for (let i = 0; i < count; i++) {
    const q: ResourceQuery = { limit: 20 };
    const shape = i % 8;
    if (shape === 0) q.q = `${pick(WORDS)} ${pick(WORDS)}`;
    if (shape === 1) q.theme = [pick(THEME_SLUGS)];
    if (shape === 2) {
      q.theme = [pick(THEME_SLUGS)];
      q.kind = [pick(RESOURCE_KINDS)];
    }
    if (shape === 3) {
      q.license = [pick(LICENSES)];
      q.region = [pick(REGIONS.slice(0, 13))];
    }
    if (shape === 4) q.near = { lat: 43 + r() * 7, lon: -1 + r() * 8 };
    if (shape === 5) {
      q.q = pick(WORDS);
      q.near = { lat: 43 + r() * 7, lon: -1 + r() * 8 };
      q.theme = [pick(THEME_SLUGS)];
    }
    if (shape === 6) {
      q.qualification = ['proposed'];
      q.sort = 'usage';
      q.offset = 40;
    }
    if (shape === 7) {
      q.region = [pick(REGIONS.slice(0, 13)), pick(REGIONS.slice(0, 13))];
      q.sort = 'recent';
    }
    out.push(q);
  }
  return out;
}

const toSearch = (q: ResourceQuery) => {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  for (const k of ['theme', 'kind', 'license', 'qualification', 'region'] as const)
    if (q[k]) p.set(k, q[k]!.join(','));
  if (q.near) p.set('near', `${q.near.lat},${q.near.lon}`);
  if (q.sort) p.set('sort', q.sort);
  if (q.limit) p.set('limit', String(q.limit));
  if (q.offset) p.set('offset', String(q.offset));
  return p.toString();
};

/** The p-th percentile of sorted figures. */
export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-registry-'));
  try {
    console.log(
      `Registry benchmark (node ${process.version}) — preliminary figures if the machine is shared`,
    );
    const places = runStage('places', join(dir, 'places.sqlite'), CGET);
    console.log(
      `import-places, 1,512 CGET places (fresh database): ${places.ms.toFixed(0)} ms, peak RSS ${mb(places.maxRssKb)}`,
    );
    const again = runStage('places', join(dir, 'places.sqlite'), CGET);
    console.log(
      `import-places again (idempotent, nothing changes): ${again.ms.toFixed(0)} ms, peak RSS ${mb(again.maxRssKb)}`,
    );

    const bundle = generateBundle(RESOURCES);
    const bundleFile = join(dir, 'bundle.json');
    writeFileSync(bundleFile, JSON.stringify(bundle));
    const dbPath = join(dir, 'bundle.sqlite');
    const big = runStage('bundle', dbPath, bundleFile);
    console.log(
      `import of a generated bundle: ${bundle.resources.length} resources, ${bundle.places.length} places, ${bundle.people.length} people, ` +
        `${bundle.usages.length} usages, ${bundle.referents.length} referents (+ ${bundle.resources.length} wiki pages): ` +
        `${big.ms.toFixed(0)} ms, peak RSS ${mb(big.maxRssKb)}`,
    );
    const bigAgain = runStage('bundle', dbPath, bundleFile);
    console.log(
      `same bundle again (idempotent): ${bigAgain.ms.toFixed(0)} ms, peak RSS ${mb(bigAgain.maxRssKb)}`,
    );

    const db = openDatabase(dbPath);
    const t0 = performance.now();
    searchResources(db, { limit: 20 });
    console.log(
      `first query (builds the in-memory index of ${RESOURCES} resources): ${(performance.now() - t0).toFixed(1)} ms`,
    );
    const qs = queries(800);
    for (const q of qs.slice(0, 50)) searchResources(db, q); // warm-up
    const domain: number[] = [];
    const cpu: number[] = [];
    for (const q of qs) {
      const c = process.cpuUsage();
      const s = performance.now();
      searchResources(db, q);
      domain.push(performance.now() - s);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    domain.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `faceted query, ${RESOURCES} resources, ${qs.length} varied filter combinations (domain function): ` +
        `p50 ${pct(domain, 50).toFixed(2)} ms, p95 ${pct(domain, 95).toFixed(2)} ms, max ${domain.at(-1)!.toFixed(2)} ms`,
    );
    // CPU time of the process during each query: less sensitive to a shared machine than wall time.
    console.log(
      `  same queries, CPU time: p50 ${pct(cpu, 50).toFixed(2)} ms, p95 ${pct(cpu, 95).toFixed(2)} ms`,
    );
    const { app } = createApp({ db });
    const http: number[] = [];
    for (const q of qs.slice(0, 50)) await app.request(`/api/resources?${toSearch(q)}`);
    for (const q of qs) {
      const s = performance.now();
      const res = await app.request(`/api/resources?${toSearch(q)}`);
      await res.text();
      if (res.status !== 200) throw new Error(`status ${res.status} for ${toSearch(q)}`);
      http.push(performance.now() - s);
    }
    http.sort((a, b) => a - b);
    console.log(
      `faceted query through GET /api/resources (in-process app, JSON included): ` +
        `p50 ${pct(http, 50).toFixed(2)} ms, p95 ${pct(http, 95).toFixed(2)} ms, max ${http.at(-1)!.toFixed(2)} ms (target p95 < 30 ms)`,
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--stage') stage(process.argv[3], process.argv[4], process.argv[5]);
else if (process.argv[1]?.endsWith('registry.ts')) await main();
