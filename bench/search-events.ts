/**
 * How long the header search's event group takes (`searchEvents`, part of `/api/search/all`) on
 * the demo database grown to 200 and 2,000 events. Prints ms per search; asserts nothing.
 * Run: node --import tsx bench/search-events.ts
 */
import { openDatabase } from '../server/db/open.js';
import { seedIfEmpty } from '../server/seed/index.js';
import { createEvent } from '../registry/events/store.js';
import { searchEvents } from '../registry/events/search.js';

const db = openDatabase(':memory:');
await seedIfEmpty(db);
const places = [
  'le-hangar-solidaire',
  'les-ateliers-du-canal',
  'la-grange-des-possibles',
  'le-quai-des-savoirs',
];
const description =
  'Venez avec votre vélo : les bénévoles vous apprennent à régler freins et dérailleur, changer une chambre à air et entretenir la chaîne. Outils et pièces d’occasion sur place.';
const ROUNDS = 20;
for (const size of [200, 2000]) {
  const have = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  for (let i = have; i < size; i++) {
    // Half in the past, half to come, seven hours apart.
    const day = new Date(Date.now() + (i - size / 2) * 7 * 3600e3).toISOString().slice(0, 11);
    createEvent(
      db,
      {
        title: `Atelier numéro ${i}`,
        type: 'atelier',
        place: places[i % places.length],
        description,
        slots: [{ startsAt: `${day}09:00Z`, endsAt: `${day}11:00Z` }],
      },
      { userId: null },
    );
  }
  for (const q of ['atelier', 'vélos', 'xylophone']) {
    searchEvents(db, q); // first call builds the per-event index
    const t0 = performance.now();
    for (let k = 0; k < ROUNDS; k++) searchEvents(db, q, { limit: 20 });
    console.log(
      `${size} events, q=${q}: ${((performance.now() - t0) / ROUNDS).toFixed(1)} ms per search (index built)`,
    );
  }
}
db.close();
