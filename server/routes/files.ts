import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { queryParams } from '../validate.js';
import { readAccess, requireRole, roleAtLeast } from '../auth/middleware.js';
import { jsonBody } from '../validate.js';
import { uploadBodyLimit } from '../body-limit.js';
import {
  deleteFile,
  deleteFileVersion,
  fileLog,
  fileNameFrom,
  FILE_NAME_RE,
  getFileDetails,
  getFileVersion,
  listFiles,
  missingBytes,
  storeFile,
} from '../files/files.js';
import { isInlineSafe } from '../files/sniff.js';
import { pageIdOf } from '../../registry/wiki/fields.js';
import { SLUG_RE } from '../../registry/wiki/pages.js';
import { describeRoute, errorAnswer, type ResponseDoc } from '../openapi/describe.js';
import { FileDetails, FileInfo, FileList, FileLog, UploadResult } from '../contracts/files.js';

/** The path parameter of a file's routes. */
export const NAME_PARAM = {
  name: { description: 'File name: lowercase letters, digits and dashes, an optional extension' },
};
/** The errors of the file and field writes. */
export const WRITE_ERRORS: Record<number, ResponseDoc> = {
  400: errorAnswer('Invalid field (named in error.field)'),
  401: errorAnswer('Not logged in'),
  403: errorAnswer('Role too low, or missing CSRF token'),
  404: errorAnswer('Unknown page or file'),
};
/** The errors of the file and field reads. */
export const READ_ERRORS: Record<number, ResponseDoc> = {
  401: errorAnswer('Private wiki: log in to read'),
  404: errorAnswer('Unknown page or file'),
};

const ListQuery = z.object({
  q: z.string().max(100).optional().describe('Names containing this'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const DeleteBody = z.object({ reason: z.string().trim().max(500).optional() });
const LogQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const RawQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** The upload's multipart form, as documented (the route reads it itself). */
const UploadForm = z.object({
  file: z.string().meta({ format: 'binary' }),
  name: z.string().optional(),
  comment: z.string().optional(),
  page: z.string().optional(),
});

const checkName = (raw: string) => {
  if (!FILE_NAME_RE.test(raw))
    throw badRequest('name', 'lowercase letters, digits and dashes, with an optional extension');
  return raw;
};

/** A multipart text field: absent, or a string (a file sent where text is expected is a mistake). */
function textField(form: Record<string, unknown>, field: string, max: number): string | undefined {
  const v = form[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(field, 'a text field');
  if (v.length > max) throw badRequest(field, `at most ${max} characters`);
  return v.trim() || undefined;
}

/**
 * /api/files: upload (multipart `file`, optional `name`, `comment`, `page`), list and describe
 * files. Bodies up to `config.uploadLimit` (LC_UPLOAD_LIMIT), read once the caller is known to be
 * a contributor.
 */
export const files = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['files'],
      summary: 'Files by name',
      responses: { 200: { description: 'Files', schema: FileList }, 401: READ_ERRORS[401] },
    }),
    readAccess,
    queryParams(ListQuery),
    (c) => c.json(listFiles(c.get('db'), c.req.valid('query')) satisfies FileList),
  )
  .post(
    '/',
    describeRoute({
      tags: ['files'],
      summary: 'Upload a file (contributors); the same name again makes a new version',
      description:
        "multipart/form-data: `file` (required), `name` (default: from the file's name), `comment`, `page` (a slug to attach the file to). " +
        'The type is sniffed from the bytes. Bodies up to LC_UPLOAD_LIMIT bytes.',
      requestBody: { content: { 'multipart/form-data': { schema: UploadForm } } },
      responses: {
        201: { description: 'A new file', schema: UploadResult },
        200: {
          description: 'A new version, or the same bytes again (changed: false)',
          schema: UploadResult,
        },
        413: errorAnswer('Upload over LC_UPLOAD_LIMIT'),
        ...WRITE_ERRORS,
      },
    }),
    (c, next) => {
      requireRole(c, 'contributor');
      return next();
    },
    uploadBodyLimit,
    async (c) => {
      const user = requireRole(c, 'contributor');
      const type = c.req.header('content-type') ?? '';
      if (!/^multipart\/form-data/i.test(type))
        throw badRequest('file', 'send the file as multipart/form-data, in the field "file"');
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch (err) {
        // A body cut by the size limit arrives here as the limit's own error.
        if (err instanceof Error && err.name === 'AppError') throw err;
        throw badRequest('file', 'the multipart body could not be read');
      }
      const file = form.file;
      if (!(file instanceof File)) throw badRequest('file', 'a file in the field "file"');
      const name = textField(form, 'name', 200);
      const comment = textField(form, 'comment', 500);
      const page = textField(form, 'page', 120);
      if (page !== undefined && !SLUG_RE.test(page)) throw badRequest('page', 'a page slug');
      const db = c.get('db');
      const pageId = page === undefined ? undefined : pageIdOf(db, page);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await storeFile(db, c.get('services').files, {
        bytes,
        name: name ? fileNameFrom(name) : undefined,
        originalName: file.name || name || 'fichier',
        comment,
        userId: user.id,
        pageId,
      });
      return c.json(result satisfies UploadResult, result.created ? 201 : 200);
    },
  )
  .get(
    '/:name',
    describeRoute({
      tags: ['files'],
      summary: "A file's page: versions, uploaders, pages using it",
      params: NAME_PARAM,
      responses: { 200: { description: 'The file', schema: FileDetails }, ...READ_ERRORS },
    }),
    readAccess,
    (c) =>
      c.json(getFileDetails(c.get('db'), checkName(c.req.param('name'))) satisfies FileDetails),
  )
  // Facilitators and admins delete a file or one version; the bytes go at the next `gc-files`.
  .delete(
    '/:name',
    describeRoute({
      tags: ['files'],
      summary:
        'Delete a file and all its versions (facilitators, admins); logged, bytes removed by `gc-files`',
      params: NAME_PARAM,
      responses: {
        200: { description: 'Deleted', schema: z.object({ deleted: z.string() }) },
        ...WRITE_ERRORS,
      },
    }),
    roleAtLeast('facilitator'),
    jsonBody(DeleteBody),
    (c) => {
      const user = requireRole(c, 'facilitator');
      deleteFile(
        c.get('db'),
        checkName(c.req.param('name')),
        user.id,
        c.req.valid('json').reason ?? '',
      );
      return c.json({ deleted: c.req.param('name') });
    },
  )
  .delete(
    '/:name/versions/:n',
    describeRoute({
      tags: ['files'],
      summary:
        'Delete one version of a file (facilitators, admins); the newest left becomes current; 409 for the only one',
      params: { ...NAME_PARAM, n: { schema: z.number().int().min(1) } },
      responses: {
        200: { description: 'The file after', schema: z.object({ file: FileInfo }) },
        409: errorAnswer('The only version of the file'),
        ...WRITE_ERRORS,
      },
    }),
    roleAtLeast('facilitator'),
    jsonBody(DeleteBody),
    (c) => {
      const user = requireRole(c, 'facilitator');
      const n = Number(c.req.param('n'));
      if (!Number.isInteger(n) || n < 1) throw badRequest('n', 'a version number (1, 2, …)');
      const file = deleteFileVersion(
        c.get('db'),
        checkName(c.req.param('name')),
        n,
        user.id,
        c.req.valid('json').reason ?? '',
      );
      return c.json({ file } satisfies { file: FileInfo });
    },
  );

/** /api/file-log: file deletions, newest first. Public, like the pages' log: who, what and why. */
export const fileLogRoutes = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['files'],
    summary: 'File deletions, newest first',
    responses: { 200: { description: 'Log entries', schema: FileLog }, 401: READ_ERRORS[401] },
  }),
  readAccess,
  queryParams(LogQuery),
  (c) => c.json({ entries: fileLog(c.get('db'), c.req.valid('query').limit) } satisfies FileLog),
);

/**
 * /files/NAME: a file's bytes (the current version, or `?version=N`). The type is the one sniffed
 * at upload; only raster images, PDF, audio, video and plain text are shown inline, everything
 * else (SVG, HTML, unknown) is an attachment, and every answer is sandboxed and never sniffed.
 */
export const fileContents = new Hono<AppEnv>().get(
  '/:name',
  describeRoute({
    tags: ['files'],
    summary: "A file's bytes (current version, or ?version=N)",
    description:
      'Raster images, PDF, audio, video and plain text are served inline; SVG, HTML and anything else as an attachment. ' +
      'Always `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy.',
    params: NAME_PARAM,
    responses: {
      200: {
        description: 'The bytes, with the sniffed type',
        contentType: '*/*',
        schema: z.string().meta({ format: 'binary' }),
      },
      ...READ_ERRORS,
    },
  }),
  readAccess,
  queryParams(RawQuery),
  async (c) => {
    const name = checkName(c.req.param('name'));
    const { version } = c.req.valid('query');
    const db = c.get('db');
    const v = getFileVersion(db, name, version);
    const etag = `"${v.sha256}"`;
    const cache = version ? 'public, max-age=31536000, immutable' : 'no-cache';
    // The hash names the bytes: a browser holding them revalidates for a bodiless 304.
    if (c.req.header('if-none-match') === etag)
      return c.body(null, 304, { etag, 'cache-control': cache });
    const storage = c.get('services').files;
    if (!(await storage.has(v.sha256))) throw missingBytes(name);
    const bytes = await storage.get(v.sha256);
    const disposition = isInlineSafe(v.contentType) ? 'inline' : 'attachment';
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': v.contentType.startsWith('text/')
        ? `${v.contentType}; charset=utf-8`
        : v.contentType,
      'content-disposition': `${disposition}; filename="${name}"`,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'x-content-type-options': 'nosniff',
      // Contents never change under a version; the current version may.
      'cache-control': cache,
      etag,
    });
  },
);
