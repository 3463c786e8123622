import type { Database, Statement } from 'better-sqlite3';
import { stmt } from '../store.js';
import { foldAccents, indexText } from './french.js';
import { markdownToText } from './markdown-text.js';

/*
 * SQLite FTS5 plumbing shared by every full-text table (wiki pages, resources, places, people;
 * migrations/0016_fts.sql): the SQL functions through which the tables' triggers run the French
 * analyser, the quoting of analysed terms in MATCH expressions, and the rebuild of every table.
 */

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);

/**
 * Registers the analyser as SQL functions on a connection: `lc_index_text(text)` (the index terms
 * of a text, see `indexText`), `lc_index_markdown(markdown)` (the same for a markdown body, markup
 * dropped) and `lc_fold(text)` (lowercase, accents removed). The full-text triggers call them, so
 * every connection that writes pages or registry rows needs them: the migrator registers them
 * before migrating (`openDatabase` does both).
 */
export function registerTextFunctions(db: Database): void {
  db.function('lc_index_text', { deterministic: true }, (v: unknown) => indexText(text(v)));
  db.function('lc_index_markdown', { deterministic: true }, (v: unknown) =>
    indexText(markdownToText(text(v))),
  );
  db.function('lc_fold', { deterministic: true }, (v: unknown) => foldAccents(text(v)));
}

/** An FTS5 string literal (a term, matched as a whole token or, followed by `*`, as a prefix). */
export const ftsString = (term: string): string => `"${term.replace(/"/g, '""')}"`;

/** `ftsString` as a prefix query. */
export const ftsPrefix = (term: string): string => `${ftsString(term)}*`;

/** A statement prepared once per connection: the registry's one statement cache (`stmt`). */
export const ftsStatement: (db: Database, sql: string) => Statement = stmt;

// The same expressions as the migration's triggers.
const REBUILD = [
  `DELETE FROM wiki_fts`,
  `INSERT INTO wiki_fts (rowid, title, body, fields)
    SELECT id, lc_index_text(title), lc_index_markdown(markdown),
      lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = pages.id))
    FROM pages WHERE deleted_at IS NULL`,
  `DELETE FROM resources_fts`,
  `INSERT INTO resources_fts (rowid, name, terms) SELECT id, lc_fold(name), search_text FROM resources`,
  `DELETE FROM places_fts`,
  `INSERT INTO places_fts (rowid, name, terms)
    SELECT id, lc_fold(name || ' ' || coalesce(city, '') || ' ' || coalesce(postcode, '')), search_text FROM places`,
  `DELETE FROM people_fts`,
  `INSERT INTO people_fts (rowid, name, terms)
    SELECT pe.id, lc_fold(pe.name || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(pe.skills) THEN pe.skills ELSE '[]' END)), '')
      || ' ' || coalesce(pl.name, '')), pe.search_text
    FROM people pe LEFT JOIN places pl ON pl.id = pe.place_id`,
  `INSERT INTO wiki_fts (wiki_fts) VALUES ('optimize')`,
  `INSERT INTO resources_fts (resources_fts) VALUES ('optimize')`,
  `INSERT INTO places_fts (places_fts) VALUES ('optimize')`,
  `INSERT INTO people_fts (people_fts) VALUES ('optimize')`,
];

/** Rows in each full-text table after `rebuildSearchIndexes`. */
export interface ReindexCounts {
  pages: number;
  resources: number;
  places: number;
  people: number;
}

/**
 * Empties and refills every full-text table from its source rows, in one transaction (readers
 * see the old index until it commits): after a change of the analyser, or to repair an index.
 * The registry's `search_text` columns are used as stored.
 */
export function rebuildSearchIndexes(db: Database): ReindexCounts {
  return db.transaction(() => {
    for (const sql of REBUILD) db.prepare(sql).run();
    const count = (table: string) =>
      db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      pages: count('wiki_fts'),
      resources: count('resources_fts'),
      places: count('places_fts'),
      people: count('people_fts'),
    };
  })();
}
