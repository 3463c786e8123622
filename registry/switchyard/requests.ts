import type { Database } from 'better-sqlite3';
import type { SwitchyardAnswer, SwitchyardOutcome } from './engine.js';

/**
 * Requests (sollicitations): a problem submitted to the switchyard and followed by a
 * facilitator until it is resolved or closed, with dated notes and an outcome.
 */

/** Statuses, in their usual order. */
export const REQUEST_STATUSES = ['new', 'oriented', 'in-contact', 'resolved', 'closed'] as const;
/** A request's status. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A user as shown next to a request (never an e-mail). */
export interface UserRef {
  id: number;
  name: string;
}

/** One dated event of a request's history. */
export interface RequestEvent {
  id: number;
  kind: 'note' | 'status' | 'assign' | 'contact' | 'outcome';
  body: string;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  author: UserRef | null;
  createdAt: string;
}

/** What was proposed when the request was made. */
export interface RequestProposal {
  resources: { slug: string; name: string; score: number }[];
  people: { slug: string; name: string; score: number }[];
}

/** A request as the API returns it. */
export interface SwitchyardRequest {
  id: number;
  problem: string;
  place: string | null;
  person: string | null;
  region: string | null;
  lang: 'fr' | 'en';
  asker: UserRef | null;
  themes: string[];
  mainTheme: string | null;
  confidence: number;
  proposal: RequestProposal;
  status: RequestStatus;
  facilitator: UserRef | null;
  outcome: {
    helped: boolean;
    resource: string | null;
    person: string | null;
    note: string | null;
  } | null;
  missing: boolean;
  createdAt: string;
  updatedAt: string;
  firstContactAt: string | null;
  closedAt: string | null;
  events?: RequestEvent[];
}

interface RequestRow {
  id: number;
  problem: string;
  place_slug: string | null;
  person_slug: string | null;
  region: string | null;
  lang: 'fr' | 'en';
  asker_id: number | null;
  asker_name: string | null;
  themes: string;
  main_theme: string | null;
  confidence: number;
  proposal: string;
  status: RequestStatus;
  facilitator_id: number | null;
  facilitator_name: string | null;
  outcome_helped: number | null;
  outcome_resource: string | null;
  outcome_person: string | null;
  outcome_note: string | null;
  missing: number;
  created_at: string;
  updated_at: string;
  first_contact_at: string | null;
  closed_at: string | null;
}

interface EventRow {
  id: number;
  kind: RequestEvent['kind'];
  body: string;
  from_status: RequestStatus | null;
  to_status: RequestStatus | null;
  author_id: number | null;
  author_name: string | null;
  created_at: string;
}

const SELECT_REQUEST = `SELECT r.*, a.name AS asker_name, f.name AS facilitator_name
  FROM switchyard_requests r
  LEFT JOIN users a ON a.id = r.asker_id
  LEFT JOIN users f ON f.id = r.facilitator_id`;
const SQL_GET = `${SELECT_REQUEST} WHERE r.id = @id`;
const SQL_EVENTS = `SELECT e.*, u.name AS author_name FROM switchyard_request_events e
  LEFT JOIN users u ON u.id = e.author_id WHERE e.request_id = @id ORDER BY e.id`;
const SQL_INSERT = `INSERT INTO switchyard_requests
  (problem, place_slug, person_slug, region, lang, asker_id, themes, main_theme, confidence, proposal, missing, created_at, updated_at)
  VALUES (@problem, @place, @person, @region, @lang, @askerId, @themes, @mainTheme, @confidence, @proposal, @missing, @now, @now)`;
const SQL_EVENT = `INSERT INTO switchyard_request_events (request_id, author_id, kind, body, from_status, to_status, created_at)
  VALUES (@requestId, @authorId, @kind, @body, @fromStatus, @toStatus, @now)`;
const SQL_SET_STATUS = `UPDATE switchyard_requests SET status = @status, updated_at = @now,
  first_contact_at = CASE WHEN @status = 'in-contact' AND first_contact_at IS NULL THEN @now ELSE first_contact_at END,
  closed_at = CASE WHEN @status IN ('resolved', 'closed') THEN @now ELSE NULL END
  WHERE id = @id`;
const SQL_SET_FACILITATOR = `UPDATE switchyard_requests SET facilitator_id = @facilitatorId, updated_at = @now WHERE id = @id`;
const SQL_SET_MISSING = `UPDATE switchyard_requests SET missing = @missing, updated_at = @now WHERE id = @id`;
const SQL_TOUCH = `UPDATE switchyard_requests SET updated_at = @now WHERE id = @id`;
const SQL_SET_OUTCOME = `UPDATE switchyard_requests SET outcome_helped = @helped, outcome_resource = @resource,
  outcome_person = @person, outcome_note = @note, missing = CASE WHEN @helped = 0 THEN 1 ELSE missing END, updated_at = @now
  WHERE id = @id`;
const SQL_OUTCOMES = `SELECT problem, outcome_resource, outcome_person, outcome_helped FROM switchyard_requests
  WHERE outcome_helped IS NOT NULL ORDER BY id DESC LIMIT 5000`;

const parse = <T>(s: string, fallback: T): T => {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

function toRequest(r: RequestRow): SwitchyardRequest {
  return {
    id: r.id,
    problem: r.problem,
    place: r.place_slug,
    person: r.person_slug,
    region: r.region,
    lang: r.lang,
    asker: r.asker_id !== null ? { id: r.asker_id, name: r.asker_name ?? '' } : null,
    themes: parse<string[]>(r.themes, []),
    mainTheme: r.main_theme,
    confidence: r.confidence,
    proposal: parse<RequestProposal>(r.proposal, { resources: [], people: [] }),
    status: r.status,
    facilitator:
      r.facilitator_id !== null ? { id: r.facilitator_id, name: r.facilitator_name ?? '' } : null,
    outcome:
      r.outcome_helped === null
        ? null
        : {
            helped: r.outcome_helped === 1,
            resource: r.outcome_resource,
            person: r.outcome_person,
            note: r.outcome_note,
          },
    missing: r.missing === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstContactAt: r.first_contact_at,
    closedAt: r.closed_at,
  };
}

const toEvent = (e: EventRow): RequestEvent => ({
  id: e.id,
  kind: e.kind,
  body: e.body,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  author: e.author_id !== null ? { id: e.author_id, name: e.author_name ?? '' } : null,
  createdAt: e.created_at,
});

/** What creating a request needs. */
export interface NewRequest {
  problem: string;
  place?: string;
  person?: string;
  region?: string;
  lang: 'fr' | 'en';
  askerId: number | null;
  answer: SwitchyardAnswer;
}

/** Stores a request with what the switchyard proposed; a problem with no proposal is flagged missing. */
export function createRequest(
  db: Database,
  input: NewRequest,
  now = new Date(),
): SwitchyardRequest {
  const a = input.answer;
  const proposal: RequestProposal = {
    resources: a.resources.slice(0, 5).map((r) => ({ slug: r.slug, name: r.name, score: r.score })),
    people: a.people.slice(0, 5).map((p) => ({ slug: p.slug, name: p.name, score: p.score })),
  };
  const id = db.transaction(() => {
    const res = db.prepare(SQL_INSERT).run({
      problem: input.problem,
      place: input.place ?? null,
      person: input.person ?? null,
      region: input.region ?? null,
      lang: input.lang,
      askerId: input.askerId,
      themes: JSON.stringify(a.themes.map((t) => t.slug)),
      mainTheme: a.themes[0]?.slug ?? null,
      confidence: a.confidence,
      proposal: JSON.stringify(proposal),
      missing: a.resources.length === 0 ? 1 : 0,
      now: now.toISOString(),
    });
    return Number(res.lastInsertRowid);
  })();
  return getRequest(db, id)!;
}

/** One request with its history, or undefined. */
export function getRequest(db: Database, id: number): SwitchyardRequest | undefined {
  const row = db.prepare(SQL_GET).get({ id }) as RequestRow | undefined;
  if (!row) return undefined;
  const req = toRequest(row);
  req.events = (db.prepare(SQL_EVENTS).all({ id }) as EventRow[]).map(toEvent);
  return req;
}

/** Filters of the request lists. */
export interface RequestFilter {
  askerId?: number;
  status?: RequestStatus;
  theme?: string;
  facilitatorId?: number;
  missing?: boolean;
  limit: number;
  offset: number;
}

/** Requests, newest first, with the total before paging. */
export function listRequests(
  db: Database,
  f: RequestFilter,
): { total: number; items: SwitchyardRequest[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
  if (f.askerId !== undefined) {
    where.push('r.asker_id = @askerId');
    params.askerId = f.askerId;
  }
  if (f.status) {
    where.push('r.status = @status');
    params.status = f.status;
  }
  if (f.theme) {
    where.push('r.main_theme = @theme');
    params.theme = f.theme;
  }
  if (f.facilitatorId !== undefined) {
    where.push('r.facilitator_id = @facilitatorId');
    params.facilitatorId = f.facilitatorId;
  }
  if (f.missing !== undefined) {
    where.push('r.missing = @missing');
    params.missing = f.missing ? 1 : 0;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (
    db.prepare(`SELECT count(*) AS n FROM switchyard_requests r ${clause}`).get(params) as {
      n: number;
    }
  ).n;
  const rows = db
    .prepare(
      `${SELECT_REQUEST} ${clause} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as RequestRow[];
  return { total, items: rows.map(toRequest) };
}

/** A facilitator's change to a request. */
export interface RequestChange {
  status?: RequestStatus;
  /** null un-assigns. */
  facilitatorId?: number | null;
  missing?: boolean;
}

/**
 * Runs `change` on request `id` in one transaction.
 * @returns the request as it is after, or undefined when `change` found none (returned false).
 */
function changeRequest(
  db: Database,
  id: number,
  change: () => boolean,
): SwitchyardRequest | undefined {
  return db.transaction(change)() ? getRequest(db, id) : undefined;
}

/** One line of a request's history (a note, a contact, a status change…). */
function logEvent(
  db: Database,
  e: {
    requestId: number | bigint;
    authorId: number | null;
    kind: string;
    body?: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    now: string;
  },
): void {
  db.prepare(SQL_EVENT).run({ body: '', fromStatus: null, toStatus: null, ...e });
}

/** Moves a request to another status and writes the change in its history. */
function moveStatus(
  db: Database,
  id: number,
  from: string,
  to: string,
  authorId: number | null,
  now: string,
): void {
  db.prepare(SQL_SET_STATUS).run({ id, status: to, now });
  logEvent(db, { requestId: id, authorId, kind: 'status', fromStatus: from, toStatus: to, now });
}

/**
 * Applies a facilitator's change (status, who follows it, missing flag) and records it in the
 * history, in one transaction.
 * @returns the updated request, or undefined when it does not exist.
 */
export function updateRequest(
  db: Database,
  id: number,
  change: RequestChange,
  authorId: number | null,
  now = new Date(),
): SwitchyardRequest | undefined {
  const at = now.toISOString();
  return changeRequest(db, id, () => {
    const row = db.prepare(SQL_GET).get({ id }) as RequestRow | undefined;
    if (!row) return false;
    if (change.status && change.status !== row.status) {
      moveStatus(db, id, row.status, change.status, authorId, at);
    }
    if (change.facilitatorId !== undefined && change.facilitatorId !== row.facilitator_id) {
      db.prepare(SQL_SET_FACILITATOR).run({ id, facilitatorId: change.facilitatorId, now: at });
      logEvent(db, {
        requestId: id,
        authorId,
        kind: 'assign',
        body: String(change.facilitatorId ?? ''),
        now: at,
      });
    }
    if (change.missing !== undefined)
      db.prepare(SQL_SET_MISSING).run({ id, missing: change.missing ? 1 : 0, now: at });
    return true;
  });
}

/** Adds a dated note. @returns the request, or undefined when it does not exist. */
export function addRequestNote(
  db: Database,
  id: number,
  body: string,
  authorId: number | null,
  now = new Date(),
): SwitchyardRequest | undefined {
  const at = now.toISOString();
  return changeRequest(db, id, () => {
    const res = db.prepare(SQL_TOUCH).run({ id, now: at });
    if (res.changes === 0) return false;
    logEvent(db, { requestId: id, authorId, kind: 'note', body, now: at });
    return true;
  });
}

/**
 * Records that the asker contacted a proposed person: a new or oriented request moves to
 * "in-contact" (the first contact is dated for the dashboard).
 */
export function recordContact(
  db: Database,
  id: number,
  person: string,
  authorId: number | null,
  now = new Date(),
): SwitchyardRequest | undefined {
  const at = now.toISOString();
  return changeRequest(db, id, () => {
    const row = db.prepare(SQL_GET).get({ id }) as RequestRow | undefined;
    if (!row) return false;
    logEvent(db, { requestId: id, authorId, kind: 'contact', body: person, now: at });
    if (row.status === 'new' || row.status === 'oriented') {
      moveStatus(db, id, row.status, 'in-contact', authorId, at);
    } else db.prepare(SQL_TOUCH).run({ id, now: at });
    return true;
  });
}

/** The outcome of a request: did it help, thanks to which resource and person. */
export interface RequestOutcome {
  helped: boolean;
  resource?: string | null;
  person?: string | null;
  note?: string | null;
}

/**
 * Records the outcome. A request that helped becomes resolved (unless closed); one that did not
 * is flagged as a missing commun.
 */
export function recordOutcome(
  db: Database,
  id: number,
  o: RequestOutcome,
  authorId: number | null,
  now = new Date(),
): SwitchyardRequest | undefined {
  const at = now.toISOString();
  return changeRequest(db, id, () => {
    const row = db.prepare(SQL_GET).get({ id }) as RequestRow | undefined;
    if (!row) return false;
    db.prepare(SQL_SET_OUTCOME).run({
      id,
      helped: o.helped ? 1 : 0,
      resource: o.resource ?? null,
      person: o.person ?? null,
      note: o.note ?? null,
      now: at,
    });
    logEvent(db, {
      requestId: id,
      authorId,
      kind: 'outcome',
      body: JSON.stringify({
        helped: o.helped,
        resource: o.resource ?? null,
        person: o.person ?? null,
        note: o.note ?? null,
      }),
      now: at,
    });
    if (o.helped && row.status !== 'resolved' && row.status !== 'closed') {
      moveStatus(db, id, row.status, 'resolved', authorId, at);
    }
    return true;
  });
}

/** Outcomes of past requests, for the ranking feedback. */
export function listOutcomes(db: Database): SwitchyardOutcome[] {
  const rows = db.prepare(SQL_OUTCOMES).all() as {
    problem: string;
    outcome_resource: string | null;
    outcome_person: string | null;
    outcome_helped: number;
  }[];
  return rows.map((r) => ({
    problem: r.problem,
    resource: r.outcome_resource,
    person: r.outcome_person,
    helped: r.outcome_helped === 1,
  }));
}

/** Fingerprint of the outcomes (changes when one is recorded), to know when to rebuild indexes. */
export function outcomesVersion(db: Database): string {
  const r = db
    .prepare(
      `SELECT count(*) AS n, max(updated_at) AS at FROM switchyard_requests WHERE outcome_helped IS NOT NULL`,
    )
    .get() as { n: number; at: string | null };
  return `${r.n}:${r.at ?? ''}`;
}
