import { api } from './http.js';

// The wire shapes are the switchyard's contracts (registry/switchyard/contracts.ts, the zod schemas
// the OpenAPI document is generated from); type-only imports, so nothing of the registry reaches
// the bundle. The client keeps its shorter historical names as aliases.
import type {
  AskedQuestion,
  Dashboard,
  Problem,
  RequestStatus,
  SwitchyardAnswer,
  SwitchyardRequest,
  ThesaurusGroup as ThesaurusEntry,
} from '../../registry/switchyard/contracts.js';
export type {
  Dashboard,
  PersonProposal,
  Problem,
  Proposal,
  RequestEvent,
  ResourceProposal,
} from '../../registry/switchyard/contracts.js';

/** A clarifying question. */
export type Question = AskedQuestion;

/** The switchyard's answer to a problem. */
export type Answer = SwitchyardAnswer;

/** Request statuses, in order (a runtime copy: importing the registry's value would bundle it). */
export const STATUSES = [
  'new',
  'oriented',
  'in-contact',
  'resolved',
  'closed',
] as const satisfies readonly RequestStatus[];
/** A request status. */
export type Status = RequestStatus;

/** A tracked request (sollicitation), exactly as the API returns it. */
export type TrackedRequest = SwitchyardRequest;

/** Asks the switchyard (no tracking). */
export const askSwitchyard = (p: Problem) => api<Answer>('POST', '/api/switchyard', p);

/** Asks and tracks the request (logged-in users). */
export const followProblem = (p: Problem) =>
  api<{ request: TrackedRequest; answer: Answer }>('POST', '/api/switchyard/requests', p);

/** Lists requests: one's own, or the whole queue for facilitators. */
export function listRequests(
  opts: { mine?: boolean; status?: Status; missing?: boolean; offset?: number } = {},
) {
  const q = new URLSearchParams();
  if (opts.mine) q.set('mine', '1');
  if (opts.status) q.set('status', opts.status);
  if (opts.missing) q.set('missing', '1');
  if (opts.offset) q.set('offset', String(opts.offset));
  q.set('limit', '50');
  return api<{ total: number; items: TrackedRequest[] }>('GET', `/api/switchyard/requests?${q}`);
}

/** One request with its history. */
export const getRequest = (id: number) =>
  api<TrackedRequest>('GET', `/api/switchyard/requests/${id}`);

/** Facilitator change: status, follower ('me' or null), missing flag. */
export const changeRequest = (
  id: number,
  change: { status?: Status; facilitator?: 'me' | null; missing?: boolean },
) => api<TrackedRequest>('PATCH', `/api/switchyard/requests/${id}`, change);

/** Adds a dated note. */
export const addNote = (id: number, body: string) =>
  api<TrackedRequest>('POST', `/api/switchyard/requests/${id}/notes`, { body });

/** Records a contact with a proposed person. */
export const recordContact = (id: number, person: string) =>
  api<TrackedRequest>('POST', `/api/switchyard/requests/${id}/contact`, { person });

/** Records whether it helped. */
export const recordOutcome = (
  id: number,
  outcome: {
    helped: boolean;
    resource?: string | null;
    person?: string | null;
    note?: string | null;
  },
) => api<TrackedRequest>('POST', `/api/switchyard/requests/${id}/outcome`, outcome);

/** Sends a message to a person through the platform (registry API; no address is exposed). */
export const contactPerson = (slug: string, message: string) =>
  api<unknown>('POST', `/api/people/${encodeURIComponent(slug)}/contact`, { message });

/** The network dashboard (facilitators). */
export const getDashboard = (filter: { from?: string; to?: string; network?: string } = {}) => {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return api<Dashboard & { networks: string[] }>('GET', `/api/switchyard/dashboard?${q}`);
};

/** URL of the dashboard CSV export. */
export const dashboardCsvUrl = (
  filter: { from?: string; to?: string; network?: string; dialect?: 'fr' | 'en' } = {},
) => {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return `/api/switchyard/dashboard.csv?${q}`;
};

/** A thesaurus group as the API returns it. */
export type ThesaurusGroup = ThesaurusEntry;

/** The thesaurus in force (shipped groups with the facilitators' edits). */
export const getThesaurus = () =>
  api<{ groups: ThesaurusGroup[] }>('GET', '/api/switchyard/thesaurus');

/** Creates or replaces a group (facilitators). */
export const saveThesaurusGroup = (id: string, terms: string[]) =>
  api<ThesaurusGroup>('PUT', `/api/switchyard/thesaurus/${encodeURIComponent(id)}`, { terms });

/** Removes a group (facilitators). */
export const deleteThesaurusGroup = (id: string) =>
  api<null>('DELETE', `/api/switchyard/thesaurus/${encodeURIComponent(id)}`);
