import type { Database } from 'better-sqlite3';
import { invalidField } from './errors.js';
import {
  canonicalKind,
  FIELD_NAME_RE,
  fieldDefsOf,
  fieldValueKey,
  listFieldDefs,
  RESERVED_FIELD_NAMES,
  shownValue,
  type FieldDef,
  type FieldValue,
  type ValueRow,
} from './fields.js';
import { stmt } from './statements.js';

/*
 * The page list filtered on structured fields (`GET /api/pages?kind=lieu&ville=Lille`): reading
 * the filters from a query, and the indexed query itself. Declarations and values live in fields.ts.
 */

/** A field filter of the page list: the field's name and the value looked for. */
export interface FieldFilter {
  name: string;
  value: string;
}

/**
 * The field filters of a page list query: every parameter but kind, limit and offset.
 * @throws WikiError 400 naming a parameter that is not a field name, or given twice.
 */
export function fieldFilters(query: Record<string, string[]>): FieldFilter[] {
  const filters: FieldFilter[] = [];
  for (const [name, values] of Object.entries(query)) {
    if (RESERVED_FIELD_NAMES.has(name)) continue;
    if (!FIELD_NAME_RE.test(name)) throw invalidField(name, 'not a field name');
    if (values.length !== 1) throw invalidField(name, 'give one value per field');
    filters.push({ name, value: values[0] });
  }
  return filters;
}

/** A page of a filtered list, with its field values. */
export interface FieldListItem {
  slug: string;
  title: string;
  kind: string;
  revision: number;
  updatedAt: string;
  fields: Record<string, FieldValue>;
}

/**
 * Pages of a kind (optional) whose fields match every filter: a value equal to the one given,
 * accents and case ignored (a list matches when one of its items does), sorted by title.
 * @throws WikiError 400 naming the query parameter of a filter on a field the kind does not declare.
 */
export function listPagesByFields(
  db: Database,
  query: { kind?: string; filters: FieldFilter[]; limit: number; offset: number },
): { total: number; pages: FieldListItem[] } {
  const kind = query.kind ? canonicalKind(query.kind) : undefined;
  if (query.filters.length) {
    const declared = new Set((kind ? fieldDefsOf(db, kind) : listFieldDefs(db)).map((d) => d.name));
    const bad = query.filters.find((f) => !declared.has(f.name));
    if (bad)
      throw invalidField(
        bad.name,
        kind
          ? `no field "${bad.name}" is declared for pages of kind "${kind}"`
          : `no page kind declares a field "${bad.name}"`,
      );
  }
  const where = ['p.deleted_at IS NULL'];
  const params: Record<string, unknown> = { limit: query.limit, offset: query.offset };
  if (kind) {
    where.push('p.kind = @kind');
    params.kind = kind;
  }
  // Each filter is a set of page ids read from the (name, value_key) index, so a filter costs the
  // pages it matches, not a probe per page of the kind.
  query.filters.forEach((f, i) => {
    where.push(
      `p.id IN (SELECT v.page_id FROM page_field_values v WHERE v.name = @n${i} AND v.value_key = @v${i})`,
    );
    params[`n${i}`] = f.name;
    params[`v${i}`] = fieldValueKey(f.value);
  });
  const clause = where.join(' AND ');
  // The WHERE clause is built from fixed fragments (one shape per number of filters, so the
  // statement cache stays small); values only travel as named parameters.
  const total = stmt(db, `SELECT COUNT(*) FROM pages p WHERE ${clause}`)
    .pluck()
    .get(params) as number;
  const rows = stmt(
    db,
    `SELECT p.id, p.slug, p.title, p.kind, p.revision, p.updated_at AS updatedAt FROM pages p WHERE ${clause}
     ORDER BY p.title_key, p.title, p.slug LIMIT @limit OFFSET @offset`,
  ).all(params) as (Omit<FieldListItem, 'fields'> & { id: number })[];
  const values = fieldValuesOfPages(db, rows);
  const pages = rows.map(({ id, ...r }) => ({ ...r, fields: values.get(id) ?? {} }));
  return { total, pages };
}

const SQL_VALUES_OF_PAGES = `SELECT page_id, name, position, value FROM page_field_values
  WHERE page_id IN (SELECT value FROM json_each(@ids)) ORDER BY page_id, name, position`;

/** The declared fields' values of several pages, in one query (declarations read once per kind). */
function fieldValuesOfPages(
  db: Database,
  pages: { id: number; kind: string }[],
): Map<number, Record<string, FieldValue>> {
  const raw = new Map<number, Map<string, string[]>>();
  for (const r of stmt(db, SQL_VALUES_OF_PAGES).all({
    ids: JSON.stringify(pages.map((p) => p.id)),
  }) as ValueRow[]) {
    let byName = raw.get(r.page_id);
    if (!byName) raw.set(r.page_id, (byName = new Map()));
    const list = byName.get(r.name) ?? [];
    list.push(r.value);
    byName.set(r.name, list);
  }
  const defsByKind = new Map<string, FieldDef[]>();
  const out = new Map<number, Record<string, FieldValue>>();
  for (const p of pages) {
    let defs = defsByKind.get(p.kind);
    if (!defs) defsByKind.set(p.kind, (defs = fieldDefsOf(db, p.kind)));
    const byName = raw.get(p.id);
    const fields: Record<string, FieldValue> = {};
    for (const def of defs) {
      const values = byName?.get(def.name);
      if (values) fields[def.name] = shownValue(def, values);
    }
    out.set(p.id, fields);
  }
  return out;
}
