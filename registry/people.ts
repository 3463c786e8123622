import type { Database } from 'better-sqlite3';
import { invalid, missing, RegistryError } from './errors.js';
import { normalizeRegion } from './geo.js';
import { dropNulls, mergeFields, PersonSchema, type PersonInput } from './schema.js';
import { searchText } from './search-text.js';
import { parseJson, registryChanged, stmt } from './store.js';
import type { Change } from './resources.js';
import type { ThemeSlug } from './themes.js';

/**
 * People who may help. Privacy rule: public reads only ever go through the `public_people` view
 * (contactable OR public profile). A person with `contactable: false` and no public profile is
 * visible to nobody but facilitators and admins, and is never proposed as a helper.
 */

/** A person as stored (never sent as is to the public: see `PublicPerson`). */
export interface PersonRecord {
  id: number;
  slug: string;
  name: string;
  place?: { slug: string; name: string };
  region?: string;
  themes: ThemeSlug[];
  skills: string[];
  bio?: string;
  contactable: boolean;
  public: boolean;
  userId: number | null;
  /** Whether a facilitator (or an import) set or confirmed the place: only then does a linked account get that place's rights. */
  placeConfirmed: boolean;
  extra: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** What anyone may see of a person who is contactable or made the profile public. Never an address. */
export interface PublicPerson {
  slug: string;
  name: string;
  region: string | null;
  place: { slug: string; name: string } | null;
  themes: ThemeSlug[];
  skills: string[];
  bio: string;
  contactable: boolean;
}

interface PersonRow {
  id: number;
  slug: string;
  name: string;
  place_id: number | null;
  place_slug: string | null;
  place_name: string | null;
  region: string | null;
  themes: string;
  skills: string;
  bio: string;
  contactable: number;
  public: number;
  user_id: number | null;
  place_confirmed: number;
  extra: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = [
  'slug',
  'name',
  'place_id',
  'region',
  'themes',
  'skills',
  'bio',
  'contactable',
  'public',
  'extra',
  'search_text',
] as const;
type Params = Record<(typeof COLUMNS)[number], string | number | null>;

/** People joined with their place; `FROM_PUBLIC` is the only source for public reads. */
const SELECT_PERSON = `SELECT pe.*, pl.slug AS place_slug, pl.name AS place_name`;
const FROM_ALL = `FROM people pe LEFT JOIN places pl ON pl.id = pe.place_id`;
const FROM_PUBLIC = `FROM public_people pe LEFT JOIN places pl ON pl.id = pe.place_id`;
const SQL_PERSON_BY_SLUG = `${SELECT_PERSON} ${FROM_ALL} WHERE pe.slug = @slug`;
const SQL_PUBLIC_PERSON_BY_SLUG = `${SELECT_PERSON} ${FROM_PUBLIC} WHERE pe.slug = @slug`;
const SQL_PERSON_BY_ID = `${SELECT_PERSON} ${FROM_ALL} WHERE pe.id = @id`;
const SQL_PERSON_OF_USER = `${SELECT_PERSON} ${FROM_ALL} WHERE pe.user_id = @userId`;
const SQL_ALL_PEOPLE = `${SELECT_PERSON} ${FROM_ALL} ORDER BY pe.slug`;
const SQL_PUBLIC_PEOPLE = `${SELECT_PERSON} ${FROM_PUBLIC} ORDER BY pe.slug`;
const SQL_PUBLIC_PEOPLE_OF_PLACE = `${SELECT_PERSON} ${FROM_PUBLIC} WHERE pe.place_id = @placeId ORDER BY pe.name`;
const SQL_PLACE_ID = `SELECT id FROM places WHERE slug = @slug`;
const SQL_INSERT_PERSON = `INSERT INTO people (${COLUMNS.join(', ')}, user_id, place_confirmed, created_at, updated_at)
  VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}, @user_id, @place_confirmed, @now, @now)`;
const SQL_UPDATE_PERSON = `UPDATE people SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')},
  user_id = COALESCE(@user_id, user_id), place_confirmed = @place_confirmed, updated_at = @now WHERE id = @id`;
const SQL_INSERT_MESSAGE = `INSERT INTO contact_messages (person_id, from_user_id, from_text, message) VALUES (@personId, @userId, @from, @message)`;
const SQL_SET_MESSAGE_STATUS = `UPDATE contact_messages SET status = @status WHERE id = @id`;
const SQL_MESSAGES = `SELECT m.id, m.message, m.from_text, m.status, m.created_at, u.name AS from_user, pe.slug AS person_slug, pe.name AS person_name
  FROM contact_messages m JOIN people pe ON pe.id = m.person_id LEFT JOIN users u ON u.id = m.from_user_id
  WHERE (@personId IS NULL OR m.person_id = @personId) ORDER BY m.created_at DESC, m.id DESC LIMIT 500`;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KNOWN_FIELDS = new Set(Object.keys(PersonSchema.shape));
const COMPUTED_FIELDS = new Set([
  'id',
  'userId',
  'placeConfirmed',
  'createdAt',
  'updatedAt',
  'referentOf',
]);

function toPerson(r: PersonRow): PersonRecord {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    place: r.place_slug ? { slug: r.place_slug, name: r.place_name ?? r.place_slug } : undefined,
    region: r.region ?? undefined,
    themes: parseJson<ThemeSlug[]>(r.themes, []),
    skills: parseJson<string[]>(r.skills, []),
    bio: r.bio || undefined,
    contactable: r.contactable === 1,
    public: r.public === 1,
    userId: r.user_id,
    placeConfirmed: r.place_confirmed === 1,
    extra: parseJson<Record<string, unknown>>(r.extra, {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The public view of a person record. */
export const publicPerson = (p: PersonRecord): PublicPerson => ({
  slug: p.slug,
  name: p.name,
  region: p.region ?? null,
  place: p.place ?? null,
  themes: p.themes,
  skills: p.skills,
  bio: p.bio ?? '',
  contactable: p.contactable,
});

/** Whether public reads may show this person. */
export const isVisible = (p: Pick<PersonRecord, 'contactable' | 'public'>) =>
  p.contactable || p.public;

/** A person by slug, whatever their visibility (for facilitators and the person's own account). */
export function findPerson(db: Database, slug: string): PersonRecord | undefined {
  const row = stmt(db, SQL_PERSON_BY_SLUG).get({ slug }) as PersonRow | undefined;
  return row && toPerson(row);
}

/**
 * The registry profile linked to a user account (`people.user_id`, unique), whatever its
 * visibility: the caller's own profile. Undefined when the account has none.
 * @param userId the id of a row of `users`.
 */
export function personOfUser(db: Database, userId: number): PersonRecord | undefined {
  const row = stmt(db, SQL_PERSON_OF_USER).get({ userId }) as PersonRow | undefined;
  return row && toPerson(row);
}

/** A person that public reads may show. @throws RegistryError 404 (also for a hidden person). */
export function getPublicPerson(db: Database, slug: string): PersonRecord {
  const row = stmt(db, SQL_PUBLIC_PERSON_BY_SLUG).get({ slug }) as PersonRow | undefined;
  if (!row) throw missing(`person "${slug}"`);
  return toPerson(row);
}

/** Every person, hidden ones included (facilitator views, snapshot filtering). */
export function listAllPeople(db: Database): PersonRecord[] {
  return (stmt(db, SQL_ALL_PEOPLE).all() as PersonRow[]).map(toPerson);
}

/** Every person public reads may show. */
export function listPublicPeople(db: Database): PersonRecord[] {
  return (stmt(db, SQL_PUBLIC_PEOPLE).all() as PersonRow[]).map(toPerson);
}

/** The visible people attached to a place. */
export function publicPeopleOfPlace(db: Database, placeId: number): PersonRecord[] {
  return (stmt(db, SQL_PUBLIC_PEOPLE_OF_PLACE).all({ placeId }) as PersonRow[]).map(toPerson);
}

/**
 * The input-shaped view of a stored person. Unknown fields (an e-mail, a phone number from a
 * spreadsheet…) stay private: they are only included with `withExtra` (merging on import).
 */
export function personAsInput(p: PersonRecord, withExtra = false): PersonInput {
  return dropNulls({
    ...(withExtra ? p.extra : {}),
    slug: p.slug,
    name: p.name,
    place: p.place?.slug,
    region: p.region,
    themes: p.themes.length ? p.themes : undefined,
    skills: p.skills.length ? p.skills : undefined,
    bio: p.bio,
    contactable: p.contactable,
    public: p.public,
  }) as PersonInput;
}

function splitExtra(input: PersonInput): { known: PersonInput; extra: Record<string, unknown> } {
  const known: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    // Computed fields are not input; __proto__ & co. would reach the object's prototype.
    if (v === null || v === undefined || COMPUTED_FIELDS.has(k) || UNSAFE_KEYS.has(k)) continue;
    (KNOWN_FIELDS.has(k) ? known : extra)[k] = v;
  }
  return { known: known as PersonInput, extra };
}

/** The `search_text` of a person: the stems of their name, skills and bio. */
export function personSearchText(p: PersonInput): string {
  return searchText([p.name, p.skills, p.bio]);
}

function toParams(db: Database, p: PersonInput, extra: Record<string, unknown>): Params {
  let placeId: number | null = null;
  if (p.place) {
    const row = stmt(db, SQL_PLACE_ID).get({ slug: p.place }) as { id: number } | undefined;
    if (!row) throw invalid('place', `unknown place "${p.place}"`);
    placeId = row.id;
  }
  return {
    slug: p.slug,
    name: p.name,
    place_id: placeId,
    region: normalizeRegion(p.region) ?? null,
    themes: JSON.stringify([...new Set(p.themes ?? [])]),
    skills: JSON.stringify(p.skills ?? []),
    bio: p.bio ?? '',
    contactable: p.contactable ? 1 : 0,
    // Unless said otherwise, a profile is public exactly when the person accepts to be contacted.
    public: (p.public ?? p.contactable) ? 1 : 0,
    extra: JSON.stringify(extra),
    // Derived from the other columns and costly (stemming): computed only when the row is written.
    get search_text() {
      return personSearchText(p);
    },
  };
}

/**
 * Creates or updates a person ('merge' keeps fields the input leaves out and clears those sent as
 * null; 'replace' takes every field from the input).
 * @param opts.userId links the record to a user account (the person can then edit it).
 * @param opts.placeConfirmed whether the place is confirmed (it gives a linked account that
 *   place's rights): false for a place an account names itself; left out, a new or changed place is
 *   confirmed (imports, facilitators) and an unchanged one keeps its state.
 * @throws RegistryError 400 when `place` names an unknown place.
 */
export function upsertPerson(
  db: Database,
  input: PersonInput,
  opts: {
    mode: 'merge' | 'replace';
    userId?: number | null;
    placeConfirmed?: boolean;
    now?: string;
  },
): { record: PersonRecord; change: Change } {
  const now = opts.now ?? new Date().toISOString();
  const existing = stmt(db, SQL_PERSON_BY_SLUG).get({ slug: input.slug }) as PersonRow | undefined;
  const { known, extra } = splitExtra(input);
  if (existing) {
    const before = toPerson(existing);
    const fields =
      opts.mode === 'merge'
        ? mergeFields(splitExtra(personAsInput(before, true)).known, input, known)
        : known;
    // Privacy first: an input without "public" (every commons bundle) makes the profile public
    // exactly when the person is contactable, even if it was public before.
    fields.public = known.public;
    const params = toParams(db, fields, { ...before.extra, ...extra });
    const sameUser =
      opts.userId === undefined || opts.userId === null || opts.userId === existing.user_id;
    const placeConfirmed =
      opts.placeConfirmed === undefined
        ? params.place_id === existing.place_id
          ? existing.place_confirmed
          : 1
        : Number(opts.placeConfirmed);
    if (
      COLUMNS.every((c) => c === 'search_text' || params[c] === existing[c]) &&
      sameUser &&
      placeConfirmed === existing.place_confirmed
    )
      return { record: before, change: 'unchanged' };
    try {
      stmt(db, SQL_UPDATE_PERSON).run({
        ...params,
        id: existing.id,
        user_id: opts.userId ?? null,
        place_confirmed: placeConfirmed,
        now,
      });
    } catch (err) {
      throw uniqueUser(err);
    }
    registryChanged(db);
    return {
      record: toPerson(stmt(db, SQL_PERSON_BY_ID).get({ id: existing.id }) as PersonRow),
      change: 'updated',
    };
  }
  const params = toParams(db, known, extra);
  let id: number;
  try {
    id = Number(
      stmt(db, SQL_INSERT_PERSON).run({
        ...params,
        user_id: opts.userId ?? null,
        place_confirmed: opts.placeConfirmed === false ? 0 : 1,
        now,
      }).lastInsertRowid,
    );
  } catch (err) {
    throw uniqueUser(err);
  }
  registryChanged(db);
  return {
    record: toPerson(stmt(db, SQL_PERSON_BY_ID).get({ id }) as PersonRow),
    change: 'created',
  };
}

function uniqueUser(err: unknown): unknown {
  if (err instanceof Error && /UNIQUE constraint failed: people\.user_id/.test(err.message)) {
    return new RegistryError(
      'conflict',
      'userId: this account is already linked to another person',
      { field: 'userId' },
    );
  }
  return err;
}

/** A message left for a person. */
export interface ContactMessage {
  id: number;
  person: { slug: string; name: string };
  message: string;
  from: string;
  fromUser: string | null;
  status: string;
  createdAt: string;
}

/**
 * Stores a message for a person: facilitators (and the person's own account) read it and relay
 * it; the sender never learns the person's address.
 * @throws RegistryError 404 for a hidden or unknown person, 409 when the person is not contactable.
 */
export function contactPerson(
  db: Database,
  slug: string,
  input: { message: string; from?: string; userId: number | null },
): { id: number } {
  const person = getPublicPerson(db, slug);
  if (!person.contactable)
    throw new RegistryError('conflict', `${person.name} does not accept to be contacted`, {
      field: 'person',
    });
  const info = stmt(db, SQL_INSERT_MESSAGE).run({
    personId: person.id,
    userId: input.userId,
    from: input.from ?? '',
    message: input.message,
  });
  return { id: Number(info.lastInsertRowid) };
}

/** Messages, newest first: all of them, or those for one person. */
export function listMessages(db: Database, personId: number | null): ContactMessage[] {
  const rows = stmt(db, SQL_MESSAGES).all({ personId }) as {
    id: number;
    message: string;
    from_text: string;
    status: string;
    created_at: string;
    from_user: string | null;
    person_slug: string;
    person_name: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    person: { slug: r.person_slug, name: r.person_name },
    message: r.message,
    from: r.from_text,
    fromUser: r.from_user,
    status: r.status,
    createdAt: r.created_at,
  }));
}

/**
 * Marks a message as relayed to the person, or closed.
 * @throws RegistryError 404 for an unknown message.
 */
export function setMessageStatus(
  db: Database,
  id: number,
  status: 'new' | 'relayed' | 'closed',
): void {
  const info = stmt(db, SQL_SET_MESSAGE_STATUS).run({ id, status });
  if (info.changes === 0) throw missing(`message ${id}`);
}
