/**
 * Account enumeration timing (`npm run bench:accounts`): prints figures, asserts nothing.
 *
 * Sign-up and password-reset requests must not tell, by their timing, whether an address has an
 * account. For each, requests for an address that has one and for one that does not alternate
 * (so machine noise hits both alike) through `app.request`, and the median and mean times of
 * each group are printed, with the difference of the medians:
 *   - with the answer floor off (`accountAnswerFloorMs: 0`): the raw work of each path;
 *   - with the default floor (250 ms): what a client measures.
 * Login is measured the same way (wrong password on an account vs an unknown address; both
 * hash once). Bounded: about a minute.
 */
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { createUser } from '../server/auth/users.js';
import type { Config } from '../server/config.js';

const ROUNDS = 40;

async function build(config: Partial<Config>) {
  const db = openDatabase(':memory:');
  const built = createApp({
    db,
    config: {
      loginMaxAttempts: 1_000_000,
      signupMaxPerAddress: 1_000_000,
      signupMaxGlobal: 1_000_000,
      ...config,
    },
  });
  await createUser(db, {
    email: 'admin@example.org',
    name: 'Admin',
    password: 'un jardin partagé',
  });
  await createUser(db, {
    email: 'known@example.org',
    name: 'Known',
    password: 'un jardin partagé',
  });
  return { ...built, db };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function measure(
  label: string,
  app: Awaited<ReturnType<typeof build>>['app'],
  body: (known: boolean, i: number) => [string, unknown],
) {
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const known of i % 2 ? [true, false] : [false, true]) {
      const [path, payload] = body(known, i);
      const start = performance.now();
      const res = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      await res.text();
      (known ? times.known : times.unknown).push(performance.now() - start);
    }
  }
  const mk = median(times.known);
  const mu = median(times.unknown);
  console.log(
    `${label.padEnd(44)} has an account: median ${mk.toFixed(1)} ms, mean ${mean(times.known).toFixed(1)} ms | ` +
      `no account: median ${mu.toFixed(1)} ms, mean ${mean(times.unknown).toFixed(1)} ms | difference of medians ${(mk - mu).toFixed(2)} ms`,
  );
}

const PASSWORD = 'une haie de noisetiers';
for (const floor of [0, 250]) {
  const t = await build({ accountAnswerFloorMs: floor });
  console.log(`\n— answer floor ${floor} ms (${ROUNDS} requests each) —`);
  await measure('POST /api/auth/password-reset', t.app, (known) => [
    '/api/auth/password-reset',
    { email: known ? 'known@example.org' : 'nobody@example.org' },
  ]);
  await measure('POST /api/auth/register', t.app, (known, i) => [
    '/api/auth/register',
    { email: known ? 'known@example.org' : `new${i}@example.org`, name: 'X', password: PASSWORD },
  ]);
  if (floor === 0) {
    await measure('POST /api/auth/login (wrong password)', t.app, (known) => [
      '/api/auth/login',
      { email: known ? 'known@example.org' : 'nobody@example.org', password: 'mauvais' },
    ]);
  }
  t.services.close?.();
}
