/**
 * Events on the places map (npm run bench:events):
 *   1. imports the 1,512 places of the national base (CGET 2019 CSV) and gives each a few events
 *      (1 to 5, one or two slots each, over the year, a third of them in one campaign);
 *   2. GET /api/map/places without event filters (the map as it was), then with a date filter
 *      (one day, one week), a type and a campaign, through the in-process app: p50 / p95 of each.
 * Target: the map with a date filter answers in ≤ 100 ms p95.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { importCgetPlaces } from '../registry/cget.js';
import { createEvent } from '../registry/events/store.js';
import { createCampaign } from '../registry/events/campaigns.js';
import { EVENT_TYPES } from '../registry/events/schema.js';
import { listAllPlaces } from '../registry/places.js';
import { pct, rng } from './registry.js';

const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';
const RUNS = 400;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-events-'));
  try {
    const db = openDatabase(join(dir, 'bench.sqlite'));
    importCgetPlaces(db, readFileSync(CGET, 'utf8'));
    const places = listAllPlaces(db);
    const r = rng(7);
    const year = 2025;
    createCampaign(
      db,
      {
        slug: 'jpo',
        title: 'Journées Portes Ouvertes',
        startsOn: `${year}-10-02`,
        endsOn: `${year}-10-04`,
      },
      null,
    );
    const t0 = performance.now();
    let events = 0;
    let slots = 0;
    db.transaction(() => {
      for (const p of places) {
        const n = 1 + Math.floor(r() * 5);
        for (let i = 0; i < n; i++) {
          const inCampaign = r() < 0.33;
          const day = inCampaign
            ? DateTime.fromISO(`${year}-10-02`).plus({ days: Math.floor(r() * 3) })
            : DateTime.fromISO(`${year}-01-01`).plus({ days: Math.floor(r() * 365) });
          const hour = 9 + Math.floor(r() * 8);
          const two = r() < 0.4;
          const at = (h: number, m = 0) =>
            `${day.toISODate()}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const eventSlots = two
            ? [
                { startsAt: at(10), endsAt: at(12, 30) },
                { startsAt: at(13, 30), endsAt: at(19) },
              ]
            : [{ startsAt: at(hour), endsAt: at(hour + 2) }];
          createEvent(
            db,
            {
              title: `Événement ${events}`,
              type: EVENT_TYPES[Math.floor(r() * EVENT_TYPES.length)],
              place: p.slug,
              slots: eventSlots,
              campaign: inCampaign ? 'jpo' : null,
            },
            { userId: null },
          );
          events++;
          slots += eventSlots.length;
        }
      }
    })();
    console.log(
      `${places.length} places, ${events} events, ${slots} slots written in ${(performance.now() - t0).toFixed(0)} ms`,
    );

    const { app, services } = createApp({ db });
    const measure = async (label: string, urls: string[]) => {
      for (const u of urls.slice(0, 30)) await (await app.request(u)).text(); // warm-up
      const times: number[] = [];
      let points = 0;
      for (let i = 0; i < RUNS; i++) {
        const u = urls[i % urls.length];
        const s = performance.now();
        const res = await app.request(u);
        const body = (await res.json()) as { points: unknown[] };
        times.push(performance.now() - s);
        if (res.status !== 200) throw new Error(`status ${res.status} for ${u}`);
        points += body.points.length;
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(46)} p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms` +
          ` (${Math.round(points / RUNS)} points on average)`,
      );
    };
    const days = Array.from({ length: 60 }, (_, i) =>
      DateTime.fromISO(`${year}-03-01`)
        .plus({ days: i * 5 })
        .toISODate()!,
    );
    console.log(
      `GET /api/map/places through the in-process app (JSON included), ${RUNS} requests each:`,
    );
    await measure('map without events (as before)', [
      '/api/map/places',
      '/api/map/places?region=Hauts-de-France',
      '/api/map/places?region=Bretagne',
    ]);
    await measure(
      'map filtered to one day',
      days.map((d) => `/api/map/places?from=${d}&to=${d}`),
    );
    await measure(
      'map filtered to a week',
      days.map(
        (d) => `/api/map/places?from=${d}&to=${DateTime.fromISO(d).plus({ days: 6 }).toISODate()}`,
      ),
    );
    await measure(
      'map filtered to a day, a type and a region',
      days.map(
        (d, i) =>
          `/api/map/places?from=${d}&to=${d}&type=${EVENT_TYPES[i % 7]}&region=Hauts-de-France`,
      ),
    );
    await measure('map of a campaign (3 days)', [
      '/api/map/places?campaign=jpo&from=2025-10-02&to=2025-10-04',
    ]);
    console.log('target: map with a date filter p95 ≤ 100 ms');
    services.close?.();
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
