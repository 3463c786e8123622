/**
 * Expert permanences benchmark: booking throughput through the HTTP app (each booking checks the
 * seats, inserts, and queues two mails with their .ics in one transaction), sessions list latency,
 * and the time to build an expert's private calendar feed.
 *
 *   npm run bench:permanences [-- --sessions 1000 --bookings 2000]
 *
 * Figures measured on a loaded machine are preliminary.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { createApiToken, createUser } from '../server/auth/users.js';
import { upsertPerson } from '../registry/people.js';
import { upsertPlace } from '../registry/places.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback;
const SESSIONS = arg('sessions', 1000);
const BOOKINGS = arg('bookings', 2000);
const PLACES = 400;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

const db = openDatabase(':memory:');
const { app, services } = createApp({ db, config: { publicUrl: 'https://communs.example.org' } });
const admin = await createUser(db, {
  email: 'admin@example.org',
  name: 'Admin',
  password: 'password123',
  role: 'admin',
});
const expertUser = await createUser(db, {
  email: 'eva@example.org',
  name: 'Éva',
  password: 'password123',
  role: 'reader',
});
const token = createApiToken(db, admin.id, 'bench');
for (let i = 0; i < PLACES; i++)
  upsertPlace(db, { slug: `lieu-${i}`, name: `Lieu ${i}` }, { mode: 'replace' });
upsertPerson(
  db,
  { slug: 'eva-experte', name: 'Éva Experte', themes: ['juridique'], contactable: true },
  { mode: 'replace', userId: expertUser.id },
);

const call = async (method: string, path: string, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text };
};

// Sessions: one a day at 10:00 UTC from tomorrow, collective, 5 seats.
const day = 86_400_000;
const t0 = Date.now() + day;
let start = performance.now();
const ids: number[] = [];
for (let i = 0; i < SESSIONS; i++) {
  const s = new Date(t0 + i * day);
  s.setUTCHours(10, 0, 0, 0);
  const res = await call('POST', '/api/permanences', {
    expert: 'eva-experte',
    title: `Permanence ${i}`,
    themes: ['juridique'],
    format: 'collective',
    capacity: 5,
    mode: 'remote',
    startsAt: s.toISOString(),
    endsAt: new Date(s.getTime() + 2 * 3600_000).toISOString(),
  });
  ids.push(JSON.parse(res.text).id as number);
}
console.log(`publish: ${SESSIONS} sessions in ${ms(performance.now() - start)}`);

const latencies: number[] = [];
let booked = 0;
start = performance.now();
for (let i = 0; i < BOOKINGS; i++) {
  const t = performance.now();
  const res = await call('POST', `/api/permanences/${ids[i % ids.length]}/bookings`, {
    place: `lieu-${i % PLACES}`,
    question: `Question ${i}`,
  });
  latencies.push(performance.now() - t);
  if (res.status === 201) booked++;
}
const total = performance.now() - start;
const mails = (db.prepare('SELECT count(*) AS n FROM mail_outbox').get() as { n: number }).n;
console.log(
  `book: ${booked}/${BOOKINGS} bookings in ${ms(total)} — ${((BOOKINGS / total) * 1000).toFixed(0)} bookings/s, p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))} (${mails} mails queued)`,
);

const list: number[] = [];
for (let i = 0; i < 100; i++) {
  const t = performance.now();
  await call('GET', '/api/permanences?theme=juridique&limit=200');
  list.push(performance.now() - t);
}
console.log(
  `list (200 of ${SESSIONS} sessions): p50 ${ms(pct(list, 50))}, p95 ${ms(pct(list, 95))}`,
);

const created = JSON.parse(
  (await call('POST', '/api/experts/eva-experte/calendar-token')).text,
) as { token: string };
const feed: number[] = [];
let size = 0;
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  const res = await call(
    'GET',
    `/api/experts/eva-experte/calendar.ics?token=${encodeURIComponent(created.token)}`,
  );
  feed.push(performance.now() - t);
  size = res.text.length;
}
console.log(
  `expert feed (${SESSIONS} sessions, ${booked} bookings, ${(size / 1024).toFixed(0)} KB): p50 ${ms(pct(feed, 50))}, p95 ${ms(pct(feed, 95))}`,
);
services.close?.();
db.close();
