import { api } from './http.js';

/** A proposal (resource or person) with its reasons. */
export interface Proposal {
  slug: string;
  name: string;
  score: number;
  reasons: string[];
}

/** A resource proposal. */
export interface ResourceProposal extends Proposal {
  kind: string;
  summary: string;
  license?: string;
  themes: string[];
}

/** A person proposal. */
export interface PersonProposal extends Proposal {
  region?: string;
  place: { slug: string; name: string } | null;
  themes: string[];
}

/** A clarifying question. */
export interface Question {
  id: string;
  label: string;
  choices: { id: string; label: string }[];
}

/** The switchyard's answer to a problem. */
export interface Answer {
  lang: 'fr' | 'en';
  themes: { slug: string; label: string; confidence: number }[];
  confidence: number;
  resources: ResourceProposal[];
  people: PersonProposal[];
  pages: { slug: string; title: string; score: number }[];
  questions: Question[];
  understood: string[];
}

/** What is sent to the switchyard. */
export interface Problem {
  problem: string;
  place?: string;
  region?: string;
  lang?: 'fr' | 'en';
  answers?: Record<string, string>;
}

/** Request statuses, in order. */
export const STATUSES = ['new', 'oriented', 'in-contact', 'resolved', 'closed'] as const;
/** A request status. */
export type Status = (typeof STATUSES)[number];

/** A dated event of a request. */
export interface RequestEvent {
  id: number;
  kind: 'note' | 'status' | 'assign' | 'contact' | 'outcome';
  body: string;
  fromStatus: Status | null;
  toStatus: Status | null;
  author: { id: number; name: string } | null;
  createdAt: string;
}

/** A tracked request (sollicitation). */
export interface TrackedRequest {
  id: number;
  problem: string;
  place: string | null;
  region: string | null;
  asker: { id: number; name: string } | null;
  themes: string[];
  mainTheme: string | null;
  proposal: { resources: { slug: string; name: string; score: number }[]; people: { slug: string; name: string; score: number }[] };
  status: Status;
  facilitator: { id: number; name: string } | null;
  outcome: { helped: boolean; resource: string | null; person: string | null; note: string | null } | null;
  missing: boolean;
  createdAt: string;
  updatedAt: string;
  firstContactAt: string | null;
  events?: RequestEvent[];
}

/** Dashboard figures. */
export interface Dashboard {
  totals: { requests: number; resolved: number; shareResolved: number; contacted: number; medianHoursToFirstContact: number | null; missing: number };
  months: string[];
  byMonth: { month: string; requests: number; resolved: number; medianHoursToFirstContact: number | null }[];
  byTheme: { theme: string; requests: number; resolved: number }[];
  byThemeMonth: { month: string; theme: string; requests: number; resolved: number }[];
  missing: { theme: string; count: number; examples: { id: number; problem: string; createdAt: string }[] }[];
}

/** Asks the switchyard (no tracking). */
export const askSwitchyard = (p: Problem) => api<Answer>('POST', '/api/switchyard', p);

/** Asks and tracks the request (logged-in users). */
export const followProblem = (p: Problem) => api<{ request: TrackedRequest; answer: Answer }>('POST', '/api/switchyard/requests', p);

/** Lists requests: one's own, or the whole queue for facilitators. */
export function listRequests(opts: { mine?: boolean; status?: Status; missing?: boolean; offset?: number } = {}) {
  const q = new URLSearchParams();
  if (opts.mine) q.set('mine', '1');
  if (opts.status) q.set('status', opts.status);
  if (opts.missing) q.set('missing', '1');
  if (opts.offset) q.set('offset', String(opts.offset));
  q.set('limit', '50');
  return api<{ total: number; items: TrackedRequest[] }>('GET', `/api/switchyard/requests?${q}`);
}

/** One request with its history. */
export const getRequest = (id: number) => api<TrackedRequest>('GET', `/api/switchyard/requests/${id}`);

/** Facilitator change: status, follower ('me' or null), missing flag. */
export const changeRequest = (id: number, change: { status?: Status; facilitator?: 'me' | null; missing?: boolean }) =>
  api<TrackedRequest>('PATCH', `/api/switchyard/requests/${id}`, change);

/** Adds a dated note. */
export const addNote = (id: number, body: string) => api<TrackedRequest>('POST', `/api/switchyard/requests/${id}/notes`, { body });

/** Records a contact with a proposed person. */
export const recordContact = (id: number, person: string) => api<TrackedRequest>('POST', `/api/switchyard/requests/${id}/contact`, { person });

/** Records whether it helped. */
export const recordOutcome = (id: number, outcome: { helped: boolean; resource?: string | null; person?: string | null; note?: string | null }) =>
  api<TrackedRequest>('POST', `/api/switchyard/requests/${id}/outcome`, outcome);

/** Sends a message to a person through the platform (registry API; no address is exposed). */
export const contactPerson = (slug: string, message: string) => api<unknown>('POST', `/api/people/${encodeURIComponent(slug)}/contact`, { message });

/** The network dashboard (facilitators). */
export const getDashboard = (filter: { from?: string; to?: string; network?: string } = {}) => {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return api<Dashboard>('GET', `/api/switchyard/dashboard?${q}`);
};

/** URL of the dashboard CSV export. */
export const dashboardCsvUrl = (filter: { from?: string; to?: string; network?: string } = {}) => {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return `/api/switchyard/dashboard.csv?${q}`;
};

/** A thesaurus group as the API returns it. */
export interface ThesaurusGroup {
  id: string;
  terms: string[];
  source: 'default' | 'edited' | 'added';
  updatedAt?: string;
}

/** The thesaurus in force (shipped groups with the facilitators' edits). */
export const getThesaurus = () => api<{ groups: ThesaurusGroup[] }>('GET', '/api/switchyard/thesaurus');

/** Creates or replaces a group (facilitators). */
export const saveThesaurusGroup = (id: string, terms: string[]) => api<ThesaurusGroup>('PUT', `/api/switchyard/thesaurus/${encodeURIComponent(id)}`, { terms });

/** Removes a group (facilitators). */
export const deleteThesaurusGroup = (id: string) => api<null>('DELETE', `/api/switchyard/thesaurus/${encodeURIComponent(id)}`);
