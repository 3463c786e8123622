import { api, ApiError } from './http.js';
// The wire shapes are the wiki's contracts (registry/wiki/contracts.ts, the zod schemas the OpenAPI
// document is generated from); type-only imports, so no server code reaches the bundle.
import type {
  CategoryPages,
  DiffHunk,
  DiffLine,
  DiffOp,
  MoveInput,
  Page,
  PageDeletion,
  PageDiff,
  PageInput,
  PageListItem,
  PageMoved,
  PageRef,
  PageToImprove,
  RecentChange,
  RecentChanges,
  Revision,
  RevisionSummary,
  UserRef,
  WantedPage,
} from '../../registry/wiki/contracts.js';
import type { SearchResults, WikiSearchHit } from '../../server/contracts/search.js';

export type {
  DiffHunk,
  DiffLine,
  DiffOp,
  MoveInput,
  PageDeletion,
  PageDiff,
  PageInput,
  PageListItem,
  PageRef,
  PageToImprove,
  RecentChange,
  Revision,
  RevisionSummary,
  UserRef,
  WantedPage,
};

/** A wiki page as `GET /api/pages/:slug` returns it. */
export type WikiPage = Page;

/** The deletion an API error tells about (code `page_deleted`), or null for any other error. */
export function deletionOf(err: unknown): PageDeletion | null {
  if (!(err instanceof ApiError) || err.code !== 'page_deleted') return null;
  return (err.details.deletion as PageDeletion | undefined) ?? null;
}

/** A search hit: the server's contract (server/contracts/search.ts). */
export type SearchResult = WikiSearchHit;

const enc = encodeURIComponent;
const pagePath = (slug: string) => `/api/pages/${enc(slug)}`;

/**
 * A page with its rendered HTML.
 * @throws ApiError: 404 `not_found` for an unknown slug, 404 `page_deleted` for a deleted page (see `deletionOf`).
 */
export const getPage = (slug: string) => api<WikiPage>('GET', pagePath(slug));

/**
 * Creates or edits a page. @throws ApiError: 409 `conflict` (with `currentRevision` and `current`
 * in `details`) when `baseRevision` is stale; 400 naming the field.
 */
export const savePage = (slug: string, input: PageInput) =>
  api<WikiPage>('PUT', pagePath(slug), input);

/** Every page, in title order, one slice at a time. */
export const listPages = (limit = 100, offset = 0) =>
  api<{ total: number; pages: PageListItem[] }>(
    'GET',
    `/api/pages?limit=${limit}&offset=${offset}`,
  );

/** The revisions of a page, newest first, `limit` at a time; `before` (a revision number) pages back. */
export const getRevisions = (slug: string, limit = 100, before?: number) =>
  api<{ revisions: RevisionSummary[] }>(
    'GET',
    `${pagePath(slug)}/revisions?limit=${limit}${before ? `&before=${before}` : ''}`,
  );

/** One revision of a page, with its text and HTML. */
export const getRevision = (slug: string, n: number) =>
  api<Revision>('GET', `${pagePath(slug)}/revisions/${n}`);

/**
 * The line and word diff between two revisions: `to` defaults to the current revision, `from` to
 * the one before `to` (0 is the empty page).
 */
export const getDiff = (slug: string, from?: number, to?: number) => {
  const q = new URLSearchParams();
  if (from !== undefined) q.set('from', String(from));
  if (to !== undefined) q.set('to', String(to));
  const query = q.toString();
  return api<PageDiff>('GET', `${pagePath(slug)}/diff${query ? `?${query}` : ''}`);
};

/** Restores an old revision's text as a new revision. */
export const revertPage = (slug: string, revision: number, baseRevision?: number) =>
  api<WikiPage>('POST', `${pagePath(slug)}/revert`, { revision, baseRevision });

/** Deletes a page (facilitators): it can be restored with its whole history. */
export const deletePage = (slug: string, reason: string) =>
  api<{ deletion: PageDeletion }>('DELETE', pagePath(slug), { reason });

/** Renames (moves) a page (contributors): it keeps its history; the old slug redirects to it. */
export const movePage = (slug: string, input: MoveInput) =>
  api<PageMoved>('POST', `${pagePath(slug)}/move`, input);

/** Restores a deleted page (facilitators). */
export const restorePage = (slug: string, reason?: string) =>
  api<WikiPage>('POST', `${pagePath(slug)}/restore`, reason ? { reason } : {});

/** The pages that link to this one. */
export const getBacklinks = (slug: string) =>
  api<{ pages: PageRef[] }>('GET', `${pagePath(slug)}/backlinks`);

/** Flags a page "à améliorer" with a reason. */
export const flagNeedsWork = (slug: string, reason: string) =>
  api<WikiPage>('PUT', `${pagePath(slug)}/needs-work`, { reason });

/** Removes the "à améliorer" flag. */
export const clearNeedsWork = (slug: string) =>
  api<WikiPage>('DELETE', `${pagePath(slug)}/needs-work`);

/** Pages linked to but missing, most wanted first. */
export const getWanted = () => api<{ pages: WantedPage[] }>('GET', '/api/wiki/wanted');

/** Pages flagged or too short. */
export const getToImprove = () => api<{ pages: PageToImprove[] }>('GET', '/api/wiki/to-improve');

/** Pages no other page links to. */
export const getOrphans = () => api<{ pages: PageRef[] }>('GET', '/api/wiki/orphans');

/** Every category with its number of pages. */
export const getCategories = () =>
  api<{ categories: { name: string; count: number }[] }>('GET', '/api/wiki/categories');

/** The pages of one category, and its description (markdown, and its safe rendering) when it has one. */
export const getCategory = (name: string) =>
  api<CategoryPages>('GET', `/api/wiki/categories/${enc(name)}`);

/** The latest changes, newest first; `before` (the `next` of a previous answer, or a date) pages back. */
export const getRecentChanges = (limit = 50, before?: string) =>
  api<RecentChanges>(
    'GET',
    `/api/recent-changes?limit=${limit}${before ? `&before=${enc(before)}` : ''}`,
  );

/** Full-text search over titles and bodies. */
export const search = (q: string, limit = 20) =>
  api<SearchResults>('GET', `/api/search?q=${enc(q)}&limit=${limit}`);

/** Renders an unsaved body as the server would (the editor's preview; contributors only). */
export const previewMarkdown = (markdown: string) =>
  api<{ html: string }>('POST', '/api/wiki/preview', { markdown });
