import type { Database } from 'better-sqlite3';
import type { ThesaurusGroup } from './lexicon.js';

/**
 * The facilitators' thesaurus: the default groups shipped in the configuration, overlaid with
 * the edits stored in `switchyard_thesaurus` (replace, add, or hide a group).
 */

/** A group as the API shows it. */
export interface ThesaurusEntry extends ThesaurusGroup {
  /** default: shipped and untouched; edited: a default group changed; added: created by a facilitator. */
  source: 'default' | 'edited' | 'added';
  updatedAt?: string;
}

interface ThesaurusRow {
  id: string;
  terms: string;
  deleted: number;
  updated_at: string;
}

const SQL_ALL = `SELECT id, terms, deleted, updated_at FROM switchyard_thesaurus ORDER BY id`;
const SQL_UPSERT = `INSERT INTO switchyard_thesaurus (id, terms, deleted, updated_by, updated_at)
  VALUES (@id, @terms, @deleted, @userId, @now)
  ON CONFLICT(id) DO UPDATE SET terms = excluded.terms, deleted = excluded.deleted,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
const SQL_DELETE = `DELETE FROM switchyard_thesaurus WHERE id = @id`;

const parseTerms = (s: string): string[] => {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** The effective thesaurus: defaults with the stored edits applied, in a stable order. */
export function effectiveThesaurus(db: Database, defaults: ThesaurusGroup[]): ThesaurusEntry[] {
  const rows = new Map((db.prepare(SQL_ALL).all() as ThesaurusRow[]).map((r) => [r.id, r]));
  const out: ThesaurusEntry[] = [];
  for (const g of defaults) {
    const row = rows.get(g.id);
    if (!row) out.push({ ...g, source: 'default' });
    else if (!row.deleted)
      out.push({
        id: g.id,
        terms: parseTerms(row.terms),
        source: 'edited',
        updatedAt: row.updated_at,
      });
    rows.delete(g.id);
  }
  for (const row of rows.values())
    if (!row.deleted)
      out.push({
        id: row.id,
        terms: parseTerms(row.terms),
        source: 'added',
        updatedAt: row.updated_at,
      });
  return out;
}

/** Creates or replaces a group. */
export function saveThesaurusGroup(
  db: Database,
  group: ThesaurusGroup,
  userId: number | null,
  now = new Date(),
): void {
  db.prepare(SQL_UPSERT).run({
    id: group.id,
    terms: JSON.stringify(group.terms),
    deleted: 0,
    userId,
    now: now.toISOString(),
  });
}

/**
 * Removes a group: a default group is hidden (so a later release does not bring it back),
 * an added group is deleted.
 * @returns false when there was no such group.
 */
export function removeThesaurusGroup(
  db: Database,
  id: string,
  defaults: ThesaurusGroup[],
  userId: number | null,
  now = new Date(),
): boolean {
  const exists = effectiveThesaurus(db, defaults).some((g) => g.id === id);
  if (!exists) return false;
  if (defaults.some((g) => g.id === id))
    db.prepare(SQL_UPSERT).run({ id, terms: '[]', deleted: 1, userId, now: now.toISOString() });
  else db.prepare(SQL_DELETE).run({ id });
  return true;
}

/** Drops every edit: back to the shipped defaults. */
export function resetThesaurus(db: Database): void {
  db.prepare(`DELETE FROM switchyard_thesaurus`).run();
}
