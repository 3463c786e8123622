import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import type { Database } from '../db/open.js';
import { AppError, badRequest, isClientError } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { flushCoEditsBeforeWrite } from '../collab/flush.js';
import { assertReadAccess, readAccess, roleAtLeast, requireRole } from '../auth/middleware.js';
import { hasRole } from '../auth/users.js';
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

// One line of visible text: no control characters (a title lands in links, feeds and file names).
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

const PutPageBody = z.object({
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(NO_CONTROL, 'no line breaks or control characters'),
  markdown: z.string(),
  summary: z.string().max(500).optional(),
  baseRevision: z.number().int().min(0).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  categories: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  referentId: z.number().int().positive().nullable().optional(),
});
const RevertBody = z.object({
  revision: z.number().int().min(1),
  baseRevision: z.number().int().min(0).optional(),
  summary: z.string().max(500).optional(),
});
const PropertiesBody = z.object({
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(NO_CONTROL, 'no line breaks or control characters')
    .optional(),
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
const MoveBody = z.object({
  slug: z.string().regex(SLUG_RE, 'use lowercase letters, digits and dashes (1 to 120)'),
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(NO_CONTROL, 'no line breaks or control characters')
    .optional(),
  reason: z
    .string()
    .trim()
    .max(500)
    .regex(NO_CONTROL, 'no line breaks or control characters')
    .optional(),
  redirect: z.boolean().optional(),
});
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  kind: z.string().trim().min(1).max(40).optional(),
});
const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  before: z.coerce.number().int().min(1).optional(),
});
const DiffQuery = z.object({
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(1).optional(),
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
  .get('/', readAccess, queryParams(ListQuery), (c) => {
    const { limit, offset, kind } = c.req.valid('query');
    // Any other parameter filters on a structured field: ?kind=lieu&ville=Lille (registry/wiki/fields.ts).
    const filters = fieldFilters(c.req.queries());
    if (kind || filters.length)
      return c.json(listPagesByFields(c.get('db'), { kind, filters, limit, offset }));
    return c.json(listPages(c.get('db'), limit, offset));
  })
  .get('/:slug', (c) => {
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
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, sent.etag)) return c.body(null, 304);
    if (coding) setAnswerHeader(c, 'content-encoding', coding);
    // A new headers object each time: @hono/node-server adds Content-Length to it.
    return c.body(sent.body, 200, { 'content-type': 'application/json' });
  })
  .put(
    '/:slug',
    roleAtLeast('contributor'),
    jsonBody(PutPageBody),
    flushCoEditsBeforeWrite,
    (c) => {
      const user = requireRole(c, 'contributor');
      const slug = checkSlug(c.req.param('slug'));
      const body = c.req.valid('json');
      const db = c.get('db');
      const services = c.get('services');
      const result = withConflictPage(db, services.wiki, slug, () =>
        savePageDetailed(db, services.wiki, { ...body, slug, authorIds: [user.id] }),
      );
      return c.json(pageJson(result.page, services.wiki), result.created ? 201 : 200);
    },
  )
  .get('/:slug/revisions', readAccess, followRedirect, queryParams(HistoryQuery), (c) => {
    const { limit, before } = c.req.valid('query');
    const access = historyAccess(c);
    return c.json({
      revisions: listRevisions(c.get('db'), checkSlug(c.req.param('slug')), {
        limit,
        before,
        ...access,
      }),
    });
  })
  .get('/:slug/revisions/:n', readAccess, followRedirect, (c) => {
    const slug = checkSlug(c.req.param('slug'));
    const rev = getRevision(c.get('db'), slug, revisionNumber(c.req.param('n')), historyAccess(c));
    return c.json({
      ...rev,
      html: c.get('services').wiki.render({ slug, revision: rev.number, markdown: rev.markdown }),
    });
  })
  .get('/:slug/diff', readAccess, followRedirect, queryParams(DiffQuery), (c) => {
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
    });
  })
  .post(
    '/:slug/revert',
    roleAtLeast('contributor'),
    jsonBody(RevertBody),
    flushCoEditsBeforeWrite,
    (c) => {
      const user = requireRole(c, 'contributor');
      const slug = checkSlug(c.req.param('slug'));
      const body = c.req.valid('json');
      const db = c.get('db');
      const services = c.get('services');
      assertNotDeleted(db, slug);
      const result = withConflictPage(db, services.wiki, slug, () =>
        revertPage(db, services.wiki, { ...body, slug, authorId: user.id }),
      );
      return c.json(pageJson(result.page, services.wiki));
    },
  )
  .patch(
    '/:slug/properties',
    roleAtLeast('contributor'),
    jsonBody(PropertiesBody),
    flushCoEditsBeforeWrite,
    (c) => {
      // The metadata the co-editor does not hold in its Y.Text: a revision with the current markdown
      // (pending co-edits were written just before, by flushCoEditsBeforeWrite).
      const user = requireRole(c, 'contributor');
      const slug = checkSlug(c.req.param('slug'));
      const { summary, ...props } = c.req.valid('json');
      const given = (Object.keys(PROPERTY_LABELS) as (keyof typeof PROPERTY_LABELS)[]).filter(
        (k) => props[k] !== undefined,
      );
      if (given.length === 0)
        throw badRequest('title', 'give at least one of title, kind, categories, referentId');
      const db = c.get('db');
      const services = c.get('services');
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
      return c.json(pageJson(result.page, services.wiki));
    },
  )
  .delete('/:slug', roleAtLeast('facilitator'), jsonBody(DeleteBody), (c) => {
    // Deletion (facilitators): pending co-edits are written as a revision first (no await between
    // that and the deletion, so nothing typed slips in), then open co-editing connections close.
    const user = requireRole(c, 'facilitator');
    const slug = checkSlug(c.req.param('slug'));
    const { reason } = c.req.valid('json');
    const db = c.get('db');
    const services = c.get('services');
    services.collab.flush(slug);
    const deletion = deletePage(db, services.wiki, { slug, userId: user.id, reason });
    const { pageId: _id, ...shown } = deletion;
    return c.json({ deletion: shown });
  })
  .post('/:slug/restore', roleAtLeast('facilitator'), jsonBody(RestoreBody), (c) => {
    const user = requireRole(c, 'facilitator');
    const slug = checkSlug(c.req.param('slug'));
    const services = c.get('services');
    const page = restorePage(c.get('db'), services.wiki, {
      slug,
      userId: user.id,
      reason: c.req.valid('json').reason ?? '',
    });
    return c.json(pageJson(page, services.wiki));
  })
  .post('/:slug/move', roleAtLeast('contributor'), jsonBody(MoveBody), (c) => {
    // Renaming (contributors, as MediaWiki lets confirmed users move pages). Pending co-edits of
    // the page, and of a page being created at the target, are written first (no await between
    // that and the move, so nothing typed slips in); then co-editing connections close with the
    // new slug, and the stored co-editing document follows the page.
    const user = requireRole(c, 'contributor');
    const slug = checkSlug(c.req.param('slug'));
    const body = c.req.valid('json');
    const db = c.get('db');
    const services = c.get('services');
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
    });
  })
  .get('/:slug/backlinks', readAccess, followRedirect, (c) => {
    return c.json({ pages: backlinks(c.get('db'), checkSlug(c.req.param('slug'))) });
  })
  .put('/:slug/needs-work', roleAtLeast('contributor'), jsonBody(NeedsWorkBody), (c) => {
    const slug = checkSlug(c.req.param('slug'));
    const page = setNeedsWork(c.get('db'), slug, c.req.valid('json').reason);
    return c.json(pageJson(page, c.get('services').wiki));
  })
  .delete('/:slug/needs-work', roleAtLeast('contributor'), (c) => {
    const page = setNeedsWork(c.get('db'), checkSlug(c.req.param('slug')), null);
    return c.json(pageJson(page, c.get('services').wiki));
  });
