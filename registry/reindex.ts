import type { Database } from 'better-sqlite3';
import { listAllPeople, personAsInput, personSearchText } from './people.js';
import { listAllPlaces, placeAsInput, placeSearchText } from './places.js';
import { listAllResources, resourceAsInput, resourceSearchText } from './resources.js';
import { rebuildSearchIndexes, type ReindexCounts } from './text/fts.js';

/** What `reindexSearch` did: rows of each full-text table, and registry rows whose `search_text` changed. */
export interface ReindexReport extends ReindexCounts {
  /** Resources, places and people whose stored `search_text` was out of step with the analyser. */
  searchTextUpdated: number;
}

const SQL_RESOURCE = `UPDATE resources SET search_text = @text WHERE slug = @slug AND search_text IS NOT @text`;
const SQL_PLACE = `UPDATE places SET search_text = @text WHERE slug = @slug AND search_text IS NOT @text`;
const SQL_PERSON = `UPDATE people SET search_text = @text WHERE slug = @slug AND search_text IS NOT @text`;

/**
 * Recomputes the registry's `search_text` columns with the current analyser (they are otherwise
 * computed only when a row is saved), then empties and refills every full-text table
 * (`rebuildSearchIndexes`), all in one transaction: after a change of the analyser, or to repair
 * an index. Rows whose text is unchanged are not written.
 */
export function reindexSearch(db: Database): ReindexReport {
  return db.transaction(() => {
    let searchTextUpdated = 0;
    const resource = db.prepare(SQL_RESOURCE);
    for (const r of listAllResources(db))
      searchTextUpdated += resource.run({
        slug: r.slug,
        text: resourceSearchText(resourceAsInput(r)),
      }).changes;
    const place = db.prepare(SQL_PLACE);
    for (const p of listAllPlaces(db))
      searchTextUpdated += place.run({
        slug: p.slug,
        text: placeSearchText(placeAsInput(p)),
      }).changes;
    const person = db.prepare(SQL_PERSON);
    for (const p of listAllPeople(db))
      searchTextUpdated += person.run({
        slug: p.slug,
        text: personSearchText(personAsInput(p)),
      }).changes;
    return { ...rebuildSearchIndexes(db), searchTextUpdated };
  })();
}
