import { api } from './http.js';
// The server's contracts (server/contracts/wiki-log.ts; type-only imports: no server code reaches the bundle).
import type {
  DeletedPage,
  DeletedPages,
  LogEntry,
  LogPage,
} from '../../server/contracts/wiki-log.js';

export type { DeletedPage, LogEntry };

/** What the wiki's log is filtered by. */
export interface LogFilter {
  /** Only these actions (none: all). */
  actions?: readonly string[];
  /** Only the entries of this page. */
  slug?: string;
  limit?: number;
  /** The `next` of a previous answer: older entries. */
  before?: number;
}

/** The wiki's log (deletions, restorations…), newest first; `next` pages back (null at the end). */
export function getLog(filter: LogFilter = {}) {
  const q = new URLSearchParams();
  if (filter.actions?.length) q.set('action', filter.actions.join(','));
  if (filter.slug) q.set('slug', filter.slug);
  q.set('limit', String(filter.limit ?? 50));
  if (filter.before) q.set('before', String(filter.before));
  return api<LogPage>('GET', `/api/wiki/log?${q}`);
}

/** The pages deleted now, most recently deleted first (facilitators and admins). */
export const getDeletedPages = (limit = 50, offset = 0) =>
  api<DeletedPages>('GET', `/api/wiki/deleted?limit=${limit}&offset=${offset}`);
