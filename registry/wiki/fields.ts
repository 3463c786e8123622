import type { Database } from 'better-sqlite3';
import { invalidField, notFound } from './errors.js';
import { foldAccents } from '../text/french.js';
import { stmt } from './statements.js';

/*
 * Structured fields on pages (issue 10 §2): admins declare, per page kind, named and typed fields
 * ("place" pages have a town, a postcode, an opening date…); each page holds values for the fields
 * of its kind. Values are rows of `page_field_values` (one per list item), so the page list filters
 * on them with an index (`GET /api/pages?kind=lieu&ville=Lille`). Plain synchronous functions:
 * the routes and the MediaWiki importer (infobox templates) both call them.
 */

/** The types a field can have. Links name a registry record by its slug. */
export const FIELD_TYPES = [
  'text',
  'number',
  'date',
  'place',
  'resource',
  'person',
  'list',
] as const;
/** One of `FIELD_TYPES`. */
export type FieldType = (typeof FIELD_TYPES)[number];

/** Field names: what the page list takes as query parameters, so short, lowercase and plain. */
export const FIELD_NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;
/** Names the page list already uses as query parameters. */
export const RESERVED_FIELD_NAMES = new Set(['kind', 'limit', 'offset', 'q', 'sort']);

/** A field declared for a page kind. */
export interface FieldDef {
  kind: string;
  name: string;
  label: { fr: string; en: string };
  type: FieldType;
  position: number;
}

/** What an admin sends to declare a field (position is its place in the list). */
export interface FieldDefInput {
  name: string;
  label: { fr: string; en: string };
  type: FieldType;
}

/** A stored value: a string (text, date, link slug), a number, or a list of strings. */
export type FieldValue = string | number | string[];

/** A field as a page shows it (its infobox): declaration, value and, for a link, the record. */
export interface ShownField {
  name: string;
  label: { fr: string; en: string };
  type: FieldType;
  value: FieldValue;
  /** For a link to a place, resource or person: its name and where it lives in the app. */
  link?: { slug: string; name: string; href: string } | null;
}

/**
 * Page kinds as French readers type them in a filter (`?kind=lieu`), mapped to the stored ones.
 * A kind that is not listed is taken as written.
 */
export const KIND_ALIASES: Record<string, string> = {
  lieu: 'place',
  pratique: 'practice',
  reseau: 'network',
  evenement: 'event',
};

/** The stored kind for a kind typed in a filter or a declaration ("lieu" → "place"). */
export const canonicalKind = (kind: string) =>
  KIND_ALIASES[foldAccents(kind.trim())] ?? kind.trim();

interface DefRow {
  kind: string;
  name: string;
  label_fr: string;
  label_en: string;
  type: FieldType;
  position: number;
}

/** A stored field value (one row per list item). */
export interface ValueRow {
  page_id: number;
  name: string;
  position: number;
  value: string;
}

const SQL_DEFS_ALL = `SELECT kind, name, label_fr, label_en, type, position FROM page_field_defs ORDER BY kind, position, name`;
const SQL_DEFS_OF_KIND = `SELECT kind, name, label_fr, label_en, type, position FROM page_field_defs WHERE kind = @kind ORDER BY position, name`;
const SQL_DELETE_DEFS = `DELETE FROM page_field_defs WHERE kind = @kind`;
const SQL_INSERT_DEF = `INSERT INTO page_field_defs (kind, name, label_fr, label_en, type, position)
  VALUES (@kind, @name, @labelFr, @labelEn, @type, @position)`;
const SQL_PAGE_KIND = `SELECT id, kind FROM pages WHERE id = @pageId AND deleted_at IS NULL`;
const SQL_PAGE_BY_SLUG = `SELECT id, kind FROM pages WHERE slug = @slug AND deleted_at IS NULL`;
const SQL_VALUES_OF_PAGE = `SELECT page_id, name, position, value FROM page_field_values WHERE page_id = @pageId ORDER BY name, position`;
const SQL_DELETE_VALUE = `DELETE FROM page_field_values WHERE page_id = @pageId AND name = @name`;
const SQL_DELETE_VALUES = `DELETE FROM page_field_values WHERE page_id = @pageId`;
const SQL_INSERT_VALUE = `INSERT INTO page_field_values (page_id, name, position, value, value_key)
  VALUES (@pageId, @name, @position, @value, @valueKey)`;
const SQL_OPEN_INDEX_BATCH = `INSERT OR IGNORE INTO wiki_fts_field_batch (page_id) VALUES (@pageId)`;
const SQL_CLOSE_INDEX_BATCH = `DELETE FROM wiki_fts_field_batch WHERE page_id = @pageId`;
const SQL_PLACE = `SELECT slug, name FROM places WHERE slug = @slug`;
const SQL_RESOURCE = `SELECT slug, name FROM resources WHERE slug = @slug`;
// Only people whose profile is public may be named on a page (never a hidden person's name).
const SQL_PERSON = `SELECT slug, name FROM public_people WHERE slug = @slug`;

const LINK_LOOKUP: Record<
  'place' | 'resource' | 'person',
  { sql: string; href: string; what: string }
> = {
  place: { sql: SQL_PLACE, href: '/lieux/', what: 'place' },
  resource: { sql: SQL_RESOURCE, href: '/communs/', what: 'resource' },
  person: { sql: SQL_PERSON, href: '/personnes/', what: 'public person' },
};

const toDef = (r: DefRow): FieldDef => ({
  kind: r.kind,
  name: r.name,
  label: { fr: r.label_fr, en: r.label_en },
  type: r.type,
  position: r.position,
});

/** Every declared field, by kind then position. */
export function listFieldDefs(db: Database): FieldDef[] {
  return (stmt(db, SQL_DEFS_ALL).all() as DefRow[]).map(toDef);
}

/** The fields declared for one page kind, in order. */
export function fieldDefsOf(db: Database, kind: string): FieldDef[] {
  return (stmt(db, SQL_DEFS_OF_KIND).all({ kind }) as DefRow[]).map(toDef);
}

/**
 * Replaces the fields declared for a page kind (their order is the order given). Values pages
 * hold for a field no longer declared are kept, not shown: declaring it again brings them back.
 * @throws WikiError 400 naming `fields.N.name` for a bad or repeated name, or a bad type or label.
 */
export function setFieldDefs(
  db: Database,
  kindInput: string,
  defs: readonly FieldDefInput[],
): FieldDef[] {
  const kind = canonicalKind(kindInput);
  if (!kind || kind.length > 40) throw invalidField('kind', 'a page kind of 1 to 40 characters');
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    if (!FIELD_NAME_RE.test(d.name))
      throw invalidField(
        `fields.${i}.name`,
        'lowercase letters, digits and _, starting with a letter (1 to 40)',
      );
    if (RESERVED_FIELD_NAMES.has(d.name))
      throw invalidField(`fields.${i}.name`, `"${d.name}" is reserved by the page list`);
    if (seen.has(d.name)) throw invalidField(`fields.${i}.name`, `"${d.name}" is declared twice`);
    seen.add(d.name);
    if (!FIELD_TYPES.includes(d.type))
      throw invalidField(`fields.${i}.type`, `one of ${FIELD_TYPES.join(', ')}`);
    for (const lang of ['fr', 'en'] as const) {
      const label = d.label?.[lang]?.trim();
      if (!label || label.length > 80)
        throw invalidField(`fields.${i}.label.${lang}`, 'a label of 1 to 80 characters');
    }
  });
  db.transaction(() => {
    stmt(db, SQL_DELETE_DEFS).run({ kind });
    const insert = stmt(db, SQL_INSERT_DEF);
    defs.forEach((d, position) =>
      insert.run({
        kind,
        name: d.name,
        labelFr: d.label.fr.trim(),
        labelEn: d.label.en.trim(),
        type: d.type,
        position,
      }),
    );
  })();
  return fieldDefsOf(db, kind);
}

/** The folded form values are filtered by (accents, case and surrounding spaces ignored). */
export const fieldValueKey = (value: string) => foldAccents(value.trim());

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A valid calendar date as YYYY-MM-DD, from ISO or French (31/12/2024) writing; undefined otherwise. */
function canonicalDate(raw: string): string | undefined {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const iso = DATE_RE.exec(s);
  const fr = FRENCH_DATE_RE.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [y, m, d] = [Number(fr[3]), Number(fr[2]), Number(fr[1])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** A number from a number or a string written the French or English way ("12,5", "1 200"). */
function canonicalNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  // `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the same numbers, but a long run of digits followed by
  // anything else no longer tries every split between the two digit runs (quadratic: a 1 MB value
  // kept the server busy for over an hour).
  if (!/^[-+]?(\d+(?:\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/**
 * The stored strings of one value, checked against its declaration.
 * @throws WikiError 400 naming `fields.NAME`.
 */
function canonicalValues(db: Database, def: FieldDef, raw: unknown): string[] {
  const field = `fields.${def.name}`;
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') throw invalidField(field, 'a text');
      const s = String(raw).trim();
      if (s.length > 2000) throw invalidField(field, 'at most 2000 characters');
      return [s];
    }
    case 'number': {
      const n = canonicalNumber(raw);
      if (n === undefined) throw invalidField(field, 'a number');
      return [String(n)];
    }
    case 'date': {
      const d = typeof raw === 'string' ? canonicalDate(raw) : undefined;
      if (!d) throw invalidField(field, 'a date (YYYY-MM-DD or DD/MM/YYYY)');
      return [d];
    }
    case 'list': {
      // A list from the importer may come as one string: "a, b; c".
      const items = typeof raw === 'string' ? raw.split(/[;,]/) : raw;
      if (
        !Array.isArray(items) ||
        items.some((x) => typeof x !== 'string' && typeof x !== 'number')
      ) {
        throw invalidField(field, 'a list of texts');
      }
      const list = [...new Set(items.map((x) => String(x).trim()).filter(Boolean))];
      if (list.length > 100 || list.some((x) => x.length > 200))
        throw invalidField(field, 'at most 100 items of 200 characters');
      return list;
    }
    default: {
      if (typeof raw !== 'string')
        throw invalidField(field, `the slug of a ${LINK_LOOKUP[def.type].what}`);
      const slug = raw.trim();
      if (!stmt(db, LINK_LOOKUP[def.type].sql).get({ slug }))
        throw invalidField(field, `no ${LINK_LOOKUP[def.type].what} "${slug}"`);
      return [slug];
    }
  }
}

/** A value as the API shows it: numbers as numbers, lists as arrays. */
export function shownValue(def: FieldDef | undefined, values: string[]): FieldValue {
  if (def?.type === 'list') return values;
  if (def?.type === 'number') return Number(values[0]);
  return values[0] ?? '';
}

function valuesByName(db: Database, pageId: number): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const r of stmt(db, SQL_VALUES_OF_PAGE).all({ pageId }) as ValueRow[]) {
    const list = byName.get(r.name) ?? [];
    list.push(r.value);
    byName.set(r.name, list);
  }
  return byName;
}

/**
 * The values of a page's declared fields, by name (fields without a value are left out).
 * @throws WikiError 404 for an unknown or deleted page id.
 */
export function getPageFields(db: Database, pageId: number): Record<string, FieldValue> {
  const page = stmt(db, SQL_PAGE_KIND).get({ pageId }) as { id: number; kind: string } | undefined;
  if (!page) throw notFound(`page ${pageId}`);
  const byName = valuesByName(db, pageId);
  const out: Record<string, FieldValue> = {};
  for (const def of fieldDefsOf(db, page.kind)) {
    const values = byName.get(def.name);
    if (values) out[def.name] = shownValue(def, values);
  }
  return out;
}

/** How `setPageFields` treats fields it is not given. */
export interface SetFieldsOptions {
  /** true: fields not given are cleared (the whole set is replaced); false (default): kept. */
  replace?: boolean;
}

/**
 * Writes field values of a page, in one transaction (usable inside the caller's: it becomes a
 * savepoint). A value `null`, `''` or `[]` clears the field. Values are checked against the
 * fields declared for the page's kind: numbers may be written "12,5", dates "31/12/2024", lists
 * as arrays or as one string split on commas and semicolons, links as the record's slug.
 * @returns the page's values after the write.
 * @throws WikiError 404 for an unknown page id; 400 naming `fields.NAME` for an undeclared field or a bad value.
 */
export function setPageFields(
  db: Database,
  pageId: number,
  fields: Record<string, unknown>,
  options: SetFieldsOptions = {},
): Record<string, FieldValue> {
  let write = WRITES.get(db);
  // One transaction function per database: making one costs more than the write itself.
  if (!write) WRITES.set(db, (write = db.transaction(writeFields)));
  return write(db, pageId, fields, options);
}

type FieldsWrite = (
  db: Database,
  pageId: number,
  fields: Record<string, unknown>,
  options: SetFieldsOptions,
) => Record<string, FieldValue>;
const WRITES = new WeakMap<Database, FieldsWrite>();

/** The body of `setPageFields`, inside its transaction. */
function writeFields(
  db: Database,
  pageId: number,
  fields: Record<string, unknown>,
  options: SetFieldsOptions,
): Record<string, FieldValue> {
  const page = stmt(db, SQL_PAGE_KIND).get({ pageId }) as { id: number; kind: string } | undefined;
  if (!page) throw notFound(`page ${pageId}`);
  const declared = fieldDefsOf(db, page.kind);
  const defs = new Map(declared.map((d) => [d.name, d]));
  const writes: { name: string; values: string[] }[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    const def = defs.get(name);
    if (!def) {
      const known = [...defs.keys()];
      throw invalidField(
        `fields.${name}`,
        `no field "${name}" is declared for pages of kind "${page.kind}"${known.length ? ` (${known.join(', ')})` : ''}`,
      );
    }
    writes.push({ name, values: isEmpty(raw) ? [] : canonicalValues(db, def, raw) });
  }
  // The full-text index takes the page's values once, when the batch closes (migration 0020).
  stmt(db, SQL_OPEN_INDEX_BATCH).run({ pageId });
  if (options.replace) stmt(db, SQL_DELETE_VALUES).run({ pageId });
  const insert = stmt(db, SQL_INSERT_VALUE);
  for (const w of writes) {
    stmt(db, SQL_DELETE_VALUE).run({ pageId, name: w.name });
    w.values.forEach((value, position) =>
      insert.run({ pageId, name: w.name, position, value, valueKey: fieldValueKey(value) }),
    );
  }
  stmt(db, SQL_CLOSE_INDEX_BATCH).run({ pageId });
  const byName = valuesByName(db, pageId);
  const out: Record<string, FieldValue> = {};
  for (const def of declared) {
    const values = byName.get(def.name);
    if (values) out[def.name] = shownValue(def, values);
  }
  return out;
}

/** The page id of a live page, or a 404. */
export function pageIdOf(db: Database, slug: string): number {
  const row = stmt(db, SQL_PAGE_BY_SLUG).get({ slug }) as { id: number } | undefined;
  if (!row) throw notFound(`page "${slug}"`);
  return row.id;
}

/**
 * A page's declared fields as its infobox shows them: every declared field with a value, in the
 * declared order, links resolved to the record's name (a record gone since shows its slug, no link).
 * @throws WikiError 404 for an unknown or deleted page.
 */
export function shownPageFields(
  db: Database,
  slug: string,
): { kind: string; fields: ShownField[] } {
  const page = stmt(db, SQL_PAGE_BY_SLUG).get({ slug }) as { id: number; kind: string } | undefined;
  if (!page) throw notFound(`page "${slug}"`);
  const byName = valuesByName(db, page.id);
  const fields: ShownField[] = [];
  for (const def of fieldDefsOf(db, page.kind)) {
    const values = byName.get(def.name);
    if (!values) continue;
    const shown: ShownField = {
      name: def.name,
      label: def.label,
      type: def.type,
      value: shownValue(def, values),
    };
    if (def.type === 'place' || def.type === 'resource' || def.type === 'person') {
      const lookup = LINK_LOOKUP[def.type];
      const row = stmt(db, lookup.sql).get({ slug: values[0] }) as
        { slug: string; name: string } | undefined;
      shown.link = row
        ? { slug: row.slug, name: row.name, href: `${lookup.href}${row.slug}` }
        : null;
      // A person who hid their profile since is not named.
      if (!row && def.type === 'person') shown.value = '';
    }
    fields.push(shown);
  }
  return { kind: page.kind, fields };
}

const SQL_PAGE_HEAD_FOR_FIELDS = `SELECT id, title, markdown, revision FROM pages WHERE id = @pageId`;
const SQL_FIELDS_REVISION = `INSERT INTO revisions (page_id, number, title, markdown, summary, author_id)
  VALUES (@pageId, @number, @title, @markdown, @summary, @author)`;
const SQL_FIELDS_REVISION_AUTHOR = `INSERT OR IGNORE INTO revision_authors (revision_id, user_id) VALUES (@revisionId, @userId)`;
const SQL_FIELDS_PAGE_AT = `UPDATE pages SET revision = @number, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), updated_by = @author WHERE id = @pageId`;

/**
 * Writes a page's fields (see `setPageFields`) and, when a value changed, a revision of the page
 * (same text, summary "Propriétés : ville, code postal", by `userId`), as MediaWiki records an
 * infobox edit: the change shows in the page history and recent changes with its author and time.
 * One transaction. The revision keeps the text only: field values are not part of a revision, so
 * reverting it does not bring old values back.
 * @returns the values after the write and the revision number written (null when nothing changed).
 * @throws AppError as `setPageFields`.
 */
export function setPageFieldsWithRevision(
  db: Database,
  pageId: number,
  fields: Record<string, unknown>,
  userId: number,
  options: SetFieldsOptions = {},
): { values: Record<string, FieldValue>; revision: number | null } {
  return db.transaction(() => {
    const before = getPageFields(db, pageId);
    const values = setPageFields(db, pageId, fields, options);
    const page = stmt(db, SQL_PAGE_HEAD_FOR_FIELDS).get({ pageId }) as {
      id: number;
      title: string;
      markdown: string;
      revision: number;
    };
    const kind = (stmt(db, SQL_PAGE_KIND).get({ pageId }) as { kind: string }).kind;
    const changed = fieldDefsOf(db, kind).filter(
      (d) => JSON.stringify(before[d.name] ?? null) !== JSON.stringify(values[d.name] ?? null),
    );
    if (!changed.length) return { values, revision: null };
    const number = page.revision + 1;
    const summary =
      `Propriétés : ${changed.map((d) => d.label.fr.toLocaleLowerCase('fr')).join(', ')}`.slice(
        0,
        500,
      );
    const revisionId = Number(
      stmt(db, SQL_FIELDS_REVISION).run({
        pageId,
        number,
        title: page.title,
        markdown: page.markdown,
        summary,
        author: userId,
      }).lastInsertRowid,
    );
    stmt(db, SQL_FIELDS_REVISION_AUTHOR).run({ revisionId, userId });
    stmt(db, SQL_FIELDS_PAGE_AT).run({ pageId, number, author: userId });
    return { values, revision: number };
  })();
}
