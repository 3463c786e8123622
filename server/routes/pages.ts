import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { Database } from '../db/open.js';
import { AppError, badRequest, isClientError } from '../errors.js';
import { jsonBody, limitParam, queryParams } from '../validate.js';
import { flushCoEditsBeforeWrite } from '../collab/flush.js';
import { assertReadAccess, readAccess, roleAtLeast, requireRole } from '../auth/middleware.js';
import { hasRole, type Role } from '../auth/users.js';
import {
  assertNotDeleted,
  findPage,
  findPageMeta,
  findRedirect,
  getPage,
  missingPage,
  savePageDetailed,
  setNeedsWork,
  SLUG_RE,
  type Page,
  type PageMeta,
} from '../../registry/wiki/pages.js';
import { deletePage, restorePage } from '../../registry/wiki/deletion.js';
import { movePage } from '../../registry/wiki/move.js';
import {
  getRevision,
  historyPage,
  listRevisions,
  revertPage,
  userRef,
  type HistoryAccess,
} from '../../registry/wiki/revisions.js';
import { backlinks, listPages } from '../../registry/wiki/lists.js';
import { diffTexts } from '../../registry/wiki/diff.js';
import { fieldFilters, listPagesByFields } from '../../registry/wiki/field-queries.js';
import type { WikiServices } from '../../registry/wiki/services.js';
import { requestHeader, setAnswerHeader } from '../request-headers.js';
import { COMPRESS_MIN_BYTES, etagMatches, negotiateEncoding } from '../compression.js';
import {
  describeRoute,
  ErrorEnvelope,
  errorAnswer,
  type ResponseDoc,
} from '../openapi/describe.js';
import {
  ConflictError,
  MoveInput,
  MovedRedirect,
  NO_CONTROL,
  Page as PageAnswer,
  PageDeletedError,
  PageDeletion,
  PageDiff,
  PageInput,
  PageList,
  PageMoved,
  PageRefs,
  PageTitle,
  Revision,
  RevisionList,
} from '../../registry/wiki/contracts.js';

/* The pieces of the pages' documentation (describeRoute) shared by several routes. */
const SLUG_PARAM = {
  slug: {
    description: 'Lowercase letters, digits and dashes, 1 to 120 characters',
    schema: z.string().regex(SLUG_RE),
  },
};
const READ_ERRORS: Record<number, ResponseDoc> = {
  400: errorAnswer('Invalid slug or parameter'),
  401: errorAnswer('Private wiki: log in to read'),
  404: errorAnswer('Unknown page'),
};
const WRITE_ERRORS: Record<number, ResponseDoc> = {
  400: errorAnswer('Invalid field (named in error.field)'),
  401: errorAnswer('Not logged in'),
  403: errorAnswer('Role below contributor, or missing CSRF token'),
  413: errorAnswer('Body over the configured limit'),
};
const FACILITATOR_ERRORS: Record<number, ResponseDoc> = {
  400: errorAnswer('Invalid slug or field (named in error.field)'),
  401: errorAnswer('Not logged in'),
  403: errorAnswer('Role below facilitator, or missing CSRF token'),
};
const CONFLICT: ResponseDoc = {
  description: 'Stale baseRevision: the page moved on',
  schema: ConflictError,
};
/** The 308 of a moved page's old slug (reads of the page and of its history, diff and backlinks). */
const MOVED: ResponseDoc = {
  description:
    'The page was moved: `Location` is the same request at its new slug (sub-path and query kept); the body says where ' +
    'for clients that do not follow redirects.',
  headers: { Location: { description: 'The same path at the new slug' } },
  schema: MovedRedirect,
};

const RevertBody = z.object({
  revision: z.number().int().min(1),
  baseRevision: z.number().int().min(0).optional(),
  summary: z.string().max(500).optional(),
});
const PropertiesBody = z.object({
  title: PageTitle.optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  categories: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  referentId: z.number().int().positive().nullable().optional(),
  summary: z.string().max(500).optional(),
});
/** Revision summaries of a properties change, by field (French, like the other automatic summaries). */
const PROPERTY_LABELS = {
  title: 'titre',
  kind: 'type',
  categories: 'catégories',
  referentId: 'référent·e',
} as const;
const NeedsWorkBody = z.object({ reason: z.string().trim().min(1).max(500) });
const DeleteBody = z.object({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .regex(NO_CONTROL, 'no line breaks or control characters'),
});
const RestoreBody = z.object({
  reason: z
    .string()
    .trim()
    .max(500)
    .regex(NO_CONTROL, 'no line breaks or control characters')
    .optional(),
});
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size (default 100)'),
  offset: z.coerce.number().int().min(0).default(0).describe('Skip this many'),
  kind: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .describe('Page kind (lieu/place, pratique/practice…)'),
});
const HistoryQuery = z.object({
  limit: limitParam(1000, 500),
  before: z.coerce.number().int().min(1).optional().describe('Only revisions numbered below'),
});
const DiffQuery = z.object({
  from: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Old revision (0: the empty page; default: to − 1)'),
  to: z.coerce.number().int().min(1).optional().describe('New revision (default: current)'),
});

/** A page as the API returns it. */
export const pageJson = (page: Page, wiki: WikiServices) => ({
  slug: page.slug,
  title: page.title,
  kind: page.kind,
  markdown: page.markdown,
  html: wiki.render(page),
  revision: page.revision,
  categories: page.categories,
  needsWork: page.needsWork,
  referent: userRef(page.referentId, page.referentName),
  createdAt: page.createdAt,
  updatedAt: page.updatedAt,
  updatedBy: userRef(page.updatedBy, page.updatedByName),
  backlinkCount: page.backlinkCount,
});

const J = JSON.stringify;

/**
 * The same answer as `pageJson`, as JSON text: the body and the HTML come pre-encoded from the
 * render cache, so reading a cached page does not re-encode them.
 */
export function pageJsonText(page: PageMeta, big: { markdown: string; html: string }): string {
  const ref = (r: ReturnType<typeof userRef>) =>
    r ? `{"id":${r.id},"name":${J(r.name)}}` : 'null';
  return (
    `{"slug":${J(page.slug)},"title":${J(page.title)},"kind":${J(page.kind)},"markdown":${big.markdown},` +
    `"html":${big.html},"revision":${page.revision},"categories":${J(page.categories)},"needsWork":${J(page.needsWork)},` +
    `"referent":${ref(userRef(page.referentId, page.referentName))},"createdAt":${J(page.createdAt)},` +
    `"updatedAt":${J(page.updatedAt)},"updatedBy":${ref(userRef(page.updatedBy, page.updatedByName))},` +
    `"backlinkCount":${page.backlinkCount}}`
  );
}

const checkSlug = (slug: string) => {
  if (!SLUG_RE.test(slug))
    throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/**
 * What every write to a page starts from: its author (at least `role`, else 401/403), the page's
 * slug from the URL (checked), the database and the services.
 */
const pageWrite = (c: Context<AppEnv>, role: Role) => ({
  user: requireRole(c, role),
  slug: checkSlug(c.req.param('slug') ?? ''),
  db: c.get('db'),
  services: c.get('services'),
});

const revisionNumber = (raw: string) => {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
    throw badRequest('revision', 'a revision number (1, 2, …)');
  return Number(raw);
};

/** The history of a deleted page is for facilitators and admins only. */
const historyAccess = (c: Context<AppEnv>): HistoryAccess => {
  const user = c.get('user');
  return { includeDeleted: !!user && hasRole(user.role, 'facilitator') };
};

/** Where the pages API is mounted (redirects are answered with absolute paths). */
const BASE = '/api/pages';

/**
 * The 308 answer for a moved page's old slug: `Location` is the same request at the new slug
 * (sub-path and query kept), the body tells clients that do not follow redirects where to go.
 */
function redirectAnswer(c: Context<AppEnv>, from: string, to: string): Response {
  const url = new URL(c.req.url);
  const prefix = `${BASE}/${from}`;
  const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
  c.header('Location', `${BASE}/${to}${rest}${url.search}`);
  return c.json({ redirect: { from, to } }, 308);
}

/** Reads of a page's sub-resources (history, diff, backlinks) at a moved page's old slug: 308 to the new one. */
const followRedirect: MiddlewareHandler<AppEnv> = async (c, next) => {
  const slug = c.req.param('slug');
  const redirect = slug && SLUG_RE.test(slug) ? findRedirect(c.get('db'), slug) : undefined;
  if (redirect) return redirectAnswer(c, redirect.from, redirect.to);
  await next();
};

/**
 * Runs a save; a stale-revision conflict leaves with the current page, so the editor can merge.
 * @throws AppError 409 with `currentRevision` and `current`.
 */
function withConflictPage<T>(db: Database, wiki: WikiServices, slug: string, save: () => T): T {
  try {
    return save();
  } catch (err) {
    if (isClientError(err) && err.code === 'conflict' && err.details.field === 'baseRevision') {
      const current = findPage(db, slug);
      throw new AppError(409, 'conflict', err.message, {
        ...err.details,
        current: current ? pageJson(current, wiki) : null,
      });
    }
    throw err;
  }
}

/** /api/pages: read, write and inspect the history of wiki pages. */
export const pages = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['pages'],
      summary: 'All pages, in title order (accents folded)',
      description:
        'With `kind` and/or structured field parameters (`?kind=lieu&ville=Lille`, see /api/page-fields), only the pages of that kind ' +
        'whose fields equal the values given (accents and case ignored), each with its `fields`.',
      responses: {
        200: { description: 'The index', schema: PageList },
        400: errorAnswer('Invalid limit or offset'),
        401: errorAnswer('Private wiki'),
      },
    }),
    readAccess,
    queryParams(ListQuery),
    (c) => {
      const { limit, offset, kind } = c.req.valid('query');
      // Any other parameter filters on a structured field: ?kind=lieu&ville=Lille (registry/wiki/fields.ts).
      const filters = fieldFilters(c.req.queries());
      if (kind || filters.length)
        return c.json(
          listPagesByFields(c.get('db'), { kind, filters, limit, offset }) satisfies PageList,
        );
      return c.json(listPages(c.get('db'), limit, offset) satisfies PageList);
    },
  )
  .get(
    '/:slug',
    describeRoute({
      tags: ['pages'],
      summary: 'A page with its rendered HTML',
      description:
        'Sent with a strong `ETag` (one per ' +
        'content coding: identity, `br`, `gzip`) and `Cache-Control: no-cache`: a client ' +
        'keeps its copy and revalidates it with `If-None-Match`, answered `304 Not Modified` without a body while the answer ' +
        'is unchanged. The ETag follows the whole answer (title, body, backlinks, names…), not only the revision.',
      params: SLUG_PARAM,
      headers: {
        'If-None-Match': {
          description: 'ETag(s) of a copy the client holds (weak comparison; `*` matches any)',
        },
      },
      responses: {
        200: {
          description: 'The page',
          schema: PageAnswer,
          headers: {
            ETag: { description: 'Strong validator of this answer in this content coding' },
            'Cache-Control': { description: '`no-cache`: keep, but revalidate before use' },
          },
        },
        304: {
          description: 'The copy named in If-None-Match is current: no body',
          headers: { ETag: { description: 'The same validator' } },
        },
        308: MOVED,
        ...READ_ERRORS,
        404: {
          description:
            'Unknown page (`not_found`), or deleted page (`page_deleted`, with `deletion`: when, by whom, why)',
          schema: z.union([PageDeletedError, ErrorEnvelope]),
        },
      },
    }),
    (c) => {
      assertReadAccess(c);
      const slug = checkSlug(c.req.param('slug'));
      const wiki = c.get('services').wiki;
      // The whole answer is cached until the next write to the database; it is sent as UTF-8 bytes,
      // which Node writes as they are (a string would be encoded again for every read).
      let answer = wiki.cachedAnswer(slug);
      if (!answer) {
        const db = c.get('db');
        const meta = findPageMeta(db, slug);
        if (!meta) {
          // A moved page's old slug answers 308 to the new one.
          const redirect = findRedirect(db, slug);
          if (redirect) return redirectAnswer(c, redirect.from, redirect.to);
          // A deleted page answers 404 `page_deleted`, with when, by whom and why.
          throw missingPage(db, slug);
        }
        // A cached revision needs no body from the database; otherwise read it (same revision: no
        // await in between, so no save can slip in) and fill the cache.
        const big = wiki.cachedJson(slug, meta.revision) ?? wiki.renderJson(getPage(db, slug));
        answer = wiki.storeAnswer(slug, Buffer.from(pageJsonText(meta, big)));
      }
      const acceptEncoding = requestHeader(c, 'accept-encoding');
      const ifNoneMatch = requestHeader(c, 'if-none-match');
      // Compressed forms are made once per cache fill; the ETag lets a browser revalidate its copy
      // (Cache-Control: no-cache) and get a bodiless 304 while the answer has not changed.
      const coding =
        answer.identity.body.length >= COMPRESS_MIN_BYTES
          ? negotiateEncoding(acceptEncoding)
          : undefined;
      const sent = coding ? wiki.answerIn(slug, answer, coding) : answer.identity;
      setAnswerHeader(c, 'cache-control', 'no-cache');
      setAnswerHeader(c, 'etag', sent.etag);
      setAnswerHeader(c, 'vary', 'Accept-Encoding');
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, sent.etag))
        return c.body(null, 304);
      if (coding) setAnswerHeader(c, 'content-encoding', coding);
      // A new headers object each time: @hono/node-server adds Content-Length to it.
      return c.body(sent.body, 200, { 'content-type': 'application/json' });
    },
  )
  .put(
    '/:slug',
    describeRoute({
      tags: ['pages'],
      summary:
        'Create or edit a page (contributor+); a save that changes nothing writes no revision',
      description:
        'A deleted page cannot be edited nor recreated: 409 `page_deleted` (a facilitator restores it first).',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Saved', schema: PageAnswer },
        201: { description: 'Created', schema: PageAnswer },
        ...WRITE_ERRORS,
        409: {
          description:
            'Stale baseRevision (`conflict`, shape below), or deleted page (`page_deleted`)',
          schema: z.union([ConflictError, PageDeletedError]),
        },
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(PageInput),
    flushCoEditsBeforeWrite,
    (c) => {
      const { user, slug, db, services } = pageWrite(c, 'contributor');
      const body = c.req.valid('json');
      const result = withConflictPage(db, services.wiki, slug, () =>
        savePageDetailed(db, services.wiki, { ...body, slug, authorIds: [user.id] }),
      );
      return c.json(
        pageJson(result.page, services.wiki) satisfies PageAnswer,
        result.created ? 201 : 200,
      );
    },
  )
  .get(
    '/:slug/revisions',
    describeRoute({
      tags: ['pages'],
      summary:
        'History, newest first (of a deleted page: facilitators only, others get 404 `page_deleted`)',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Revisions', schema: RevisionList },
        308: MOVED,
        ...READ_ERRORS,
      },
    }),
    readAccess,
    followRedirect,
    queryParams(HistoryQuery),
    (c) => {
      const { limit, before } = c.req.valid('query');
      const access = historyAccess(c);
      return c.json({
        revisions: listRevisions(c.get('db'), checkSlug(c.req.param('slug')), {
          limit,
          before,
          ...access,
        }),
      } satisfies RevisionList);
    },
  )
  .get(
    '/:slug/revisions/:n',
    describeRoute({
      tags: ['pages'],
      summary: 'One revision, with its markdown and HTML',
      params: { ...SLUG_PARAM, n: { schema: z.number().int().min(1) } },
      responses: {
        200: { description: 'The revision', schema: Revision },
        308: MOVED,
        ...READ_ERRORS,
      },
    }),
    readAccess,
    followRedirect,
    (c) => {
      const slug = checkSlug(c.req.param('slug'));
      const rev = getRevision(
        c.get('db'),
        slug,
        revisionNumber(c.req.param('n')),
        historyAccess(c),
      );
      return c.json({
        ...rev,
        html: c.get('services').wiki.render({ slug, revision: rev.number, markdown: rev.markdown }),
      } satisfies Revision);
    },
  )
  .get(
    '/:slug/diff',
    describeRoute({
      tags: ['pages'],
      summary: 'Line diff between two revisions, with word detail for changed line pairs',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'The diff', schema: PageDiff },
        308: MOVED,
        ...READ_ERRORS,
      },
    }),
    readAccess,
    followRedirect,
    queryParams(DiffQuery),
    (c) => {
      const slug = checkSlug(c.req.param('slug'));
      const db = c.get('db');
      const access = historyAccess(c);
      const page = historyPage(db, slug, access);
      const q = c.req.valid('query');
      const to = q.to ?? page.revision;
      const from = q.from ?? Math.max(0, to - 1);
      // Revision 0 is the empty page before the first save.
      const side = (n: number, field: string) => {
        if (n === 0) return { title: '', markdown: '' };
        if (n > page.revision) throw badRequest(field, `the page has ${page.revision} revisions`);
        return getRevision(db, slug, n, access);
      };
      const a = side(from, 'from');
      const b = side(to, 'to');
      return c.json({
        from,
        to,
        title: { from: a.title, to: b.title },
        hunks: diffTexts(a.markdown, b.markdown),
      } satisfies PageDiff);
    },
  )
  .post(
    '/:slug/revert',
    describeRoute({
      tags: ['pages'],
      summary: 'Revert to a revision: a NEW revision with its title and text (contributor+)',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Reverted', schema: PageAnswer },
        ...WRITE_ERRORS,
        404: errorAnswer('Unknown page or revision'),
        409: CONFLICT,
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(RevertBody),
    flushCoEditsBeforeWrite,
    (c) => {
      const { user, slug, db, services } = pageWrite(c, 'contributor');
      const body = c.req.valid('json');
      assertNotDeleted(db, slug);
      const result = withConflictPage(db, services.wiki, slug, () =>
        revertPage(db, services.wiki, { ...body, slug, authorId: user.id }),
      );
      return c.json(pageJson(result.page, services.wiki) satisfies PageAnswer);
    },
  )
  .patch(
    '/:slug/properties',
    describeRoute({
      tags: ['pages'],
      summary:
        'Change the metadata (title, kind, categories, référent) without touching the markdown (contributor+)',
      description:
        'Writes a revision with the current markdown (pending co-edits are written first) and the given fields; omitted fields ' +
        'are kept. The summary defaults to "Propriétés : …" naming the changed fields. A change that changes nothing writes no revision.',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'The page after the change', schema: PageAnswer },
        ...WRITE_ERRORS,
        404: errorAnswer('Unknown page'),
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(PropertiesBody),
    flushCoEditsBeforeWrite,
    (c) => {
      // The metadata the co-editor does not hold in its Y.Text: a revision with the current markdown
      // (pending co-edits were written just before, by flushCoEditsBeforeWrite).
      const { user, slug, db, services } = pageWrite(c, 'contributor');
      const { summary, ...props } = c.req.valid('json');
      const given = (Object.keys(PROPERTY_LABELS) as (keyof typeof PROPERTY_LABELS)[]).filter(
        (k) => props[k] !== undefined,
      );
      if (given.length === 0)
        throw badRequest('title', 'give at least one of title, kind, categories, referentId');
      assertNotDeleted(db, slug);
      const page = getPage(db, slug);
      const result = withConflictPage(db, services.wiki, slug, () =>
        savePageDetailed(db, services.wiki, {
          ...props,
          slug,
          title: props.title ?? page.title,
          markdown: page.markdown,
          baseRevision: page.revision,
          summary:
            summary?.trim() || `Propriétés : ${given.map((k) => PROPERTY_LABELS[k]).join(', ')}`,
          authorIds: [user.id],
        }),
      );
      return c.json(pageJson(result.page, services.wiki) satisfies PageAnswer);
    },
  )
  .delete(
    '/:slug',
    describeRoute({
      tags: ['pages'],
      summary:
        'Delete a page (facilitator+); nothing is lost: it can be restored with its whole history',
      description:
        'The page leaves the lists, the search, categories, backlinks and wanted pages; links to it render as missing; ' +
        'its history stays readable by facilitators. Pending co-edits are written as a revision first, then open ' +
        'co-editing connections are closed (code 4410). Logged in the recent changes (kind `delete`).',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Deleted', schema: z.object({ deletion: PageDeletion }) },
        ...FACILITATOR_ERRORS,
        404: errorAnswer('Unknown page'),
        409: { description: 'Already deleted', schema: PageDeletedError },
      },
    }),
    roleAtLeast('facilitator'),
    jsonBody(DeleteBody),
    (c) => {
      // Deletion (facilitators): pending co-edits are written as a revision first (no await between
      // that and the deletion, so nothing typed slips in), then open co-editing connections close.
      const { user, slug, db, services } = pageWrite(c, 'facilitator');
      const { reason } = c.req.valid('json');
      services.collab.flush(slug);
      const deletion = deletePage(db, services.wiki, { slug, userId: user.id, reason });
      const { pageId: _id, ...shown } = deletion;
      return c.json({ deletion: shown } satisfies { deletion: PageDeletion });
    },
  )
  .post(
    '/:slug/restore',
    describeRoute({
      tags: ['pages'],
      summary: 'Restore a deleted page with all its revisions (facilitator+)',
      description:
        'Links, search and lists come back; logged in the recent changes (kind `restore`).',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'The restored page', schema: PageAnswer },
        ...FACILITATOR_ERRORS,
        404: errorAnswer('Unknown page'),
        409: errorAnswer('The page is not deleted (`not_deleted`)'),
      },
    }),
    roleAtLeast('facilitator'),
    jsonBody(RestoreBody),
    (c) => {
      const { user, slug, db, services } = pageWrite(c, 'facilitator');
      const page = restorePage(db, services.wiki, {
        slug,
        userId: user.id,
        reason: c.req.valid('json').reason ?? '',
      });
      return c.json(pageJson(page, services.wiki) satisfies PageAnswer);
    },
  )
  .post(
    '/:slug/move',
    describeRoute({
      tags: ['pages'],
      summary:
        'Rename (move) a page to a new slug and title (contributor+), leaving a redirect at the old slug',
      description:
        'The page keeps its id, whole history, categories and co-editing document; no revision is written, the move is ' +
        'logged in the recent changes (kind `move`). The old slug becomes a redirect (unless `redirect: false`): reads ' +
        'answer 308, links to it render as existing and count as backlinks of the page. Registry resources naming the ' +
        'page follow it. Pending co-edits are written first; open co-editing connections are closed with code 4411 and ' +
        'the new slug as reason. The target may be a redirect to this same page (moving back); a slug held by a page ' +
        '(live or deleted) or by a redirect to another page is refused. A PUT at a redirect slug writes a new page there.',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Moved', schema: PageMoved },
        ...WRITE_ERRORS,
        400: errorAnswer(
          'Invalid field (named in error.field); `slug` also when it is the current slug (use PATCH properties)',
        ),
        404: errorAnswer('Unknown page'),
        409: errorAnswer(
          'Deleted page (`page_deleted`), or target slug taken (`conflict`, field `slug`)',
        ),
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(MoveInput),
    (c) => {
      // Renaming (contributors, as MediaWiki lets confirmed users move pages). Pending co-edits of
      // the page, and of a page being created at the target, are written first (no await between
      // that and the move, so nothing typed slips in); then co-editing connections close with the
      // new slug, and the stored co-editing document follows the page.
      const { user, slug, db, services } = pageWrite(c, 'contributor');
      const body = c.req.valid('json');
      services.collab.flush(slug);
      if (body.slug !== slug) services.collab.flush(body.slug);
      const move = movePage(db, services.wiki, {
        slug,
        to: body.slug,
        title: body.title,
        redirect: body.redirect,
        userId: user.id,
        reason: body.reason ?? '',
      });
      return c.json({
        page: pageJson(move.page, services.wiki),
        move: { from: move.from, to: move.to, redirect: move.redirect },
      } satisfies PageMoved);
    },
  )
  .get(
    '/:slug/backlinks',
    describeRoute({
      tags: ['pages'],
      summary: 'Pages linking here, or to one of its old slugs (works for pages not written yet)',
      params: SLUG_PARAM,
      responses: { 200: { description: 'Pages', schema: PageRefs }, 308: MOVED, ...READ_ERRORS },
    }),
    readAccess,
    followRedirect,
    (c) => {
      return c.json({
        pages: backlinks(c.get('db'), checkSlug(c.req.param('slug'))),
      } satisfies PageRefs);
    },
  )
  .put(
    '/:slug/needs-work',
    describeRoute({
      tags: ['pages'],
      summary: 'Flag the page "à améliorer" (contributor+; not a revision)',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Flagged', schema: PageAnswer },
        ...WRITE_ERRORS,
        404: errorAnswer('Unknown page'),
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(NeedsWorkBody),
    (c) => {
      const slug = checkSlug(c.req.param('slug'));
      const page = setNeedsWork(c.get('db'), slug, c.req.valid('json').reason);
      return c.json(pageJson(page, c.get('services').wiki) satisfies PageAnswer);
    },
  )
  .delete(
    '/:slug/needs-work',
    describeRoute({
      tags: ['pages'],
      summary: 'Clear the "à améliorer" flag (contributor+)',
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Cleared', schema: PageAnswer },
        ...WRITE_ERRORS,
        404: errorAnswer('Unknown page'),
      },
    }),
    roleAtLeast('contributor'),
    (c) => {
      const page = setNeedsWork(c.get('db'), checkSlug(c.req.param('slug')), null);
      return c.json(pageJson(page, c.get('services').wiki) satisfies PageAnswer);
    },
  );
