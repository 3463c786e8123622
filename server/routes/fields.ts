import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { jsonBody } from '../validate.js';
import { readAccess, requireRole, roleAtLeast } from '../auth/middleware.js';
import {
  FIELD_TYPES,
  listFieldDefs,
  pageIdOf,
  setFieldDefs,
  setPageFieldsWithRevision,
  shownPageFields,
} from '../../registry/wiki/fields.js';
import { flushCoEditsBeforeWrite } from '../collab/flush.js';
import { getPage } from '../../registry/wiki/pages.js';
import { attachFile, detachFile, FILE_NAME_RE, pageFiles } from '../files/files.js';
import { SLUG_RE } from '../../registry/wiki/pages.js';
import { describeRoute } from '../openapi/describe.js';
import {
  FieldDefList,
  KindFieldDefs,
  PageFields,
  PageFieldsWritten,
} from '../../registry/wiki/contracts.js';
import { PageFiles } from '../contracts/files.js';
import { NAME_PARAM, READ_ERRORS, WRITE_ERRORS } from './files.js';

const SLUG_PARAM = {
  slug: { description: 'Page slug', schema: z.string().regex(SLUG_RE) },
};

const DefsBody = z.object({
  fields: z
    .array(
      z.object({
        name: z.string(),
        label: z.object({
          fr: z.string().trim().min(1).max(80),
          en: z.string().trim().min(1).max(80),
        }),
        type: z.enum(FIELD_TYPES),
      }),
    )
    .max(50),
});
const FieldValue = z.union([
  z.string(),
  z.number(),
  z.array(z.union([z.string(), z.number()])),
  z.null(),
]);
const FieldsBody = z.object({
  fields: z.record(z.string(), FieldValue),
  /** true: fields not sent are cleared. */
  replace: z.boolean().optional(),
});
const AttachBody = z.object({ name: z.string().regex(FILE_NAME_RE, 'a file name') });

const checkSlug = (slug: string) => {
  if (!SLUG_RE.test(slug))
    throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/** /api/page-fields: the fields declared per page kind (admins declare them). */
export const fieldDefs = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['fields'],
      summary: 'Every declared field, by kind then position',
      responses: {
        200: { description: 'Declared fields', schema: FieldDefList },
        401: READ_ERRORS[401],
      },
    }),
    readAccess,
    (c) => c.json({ fields: listFieldDefs(c.get('db')) } satisfies FieldDefList),
  )
  .put(
    '/:kind',
    describeRoute({
      tags: ['fields'],
      summary:
        'Replace the fields declared for a page kind (admins); values of removed fields are kept, not shown',
      params: { kind: { description: 'Page kind (place, practice…; "lieu" is taken as "place")' } },
      responses: {
        200: { description: "The kind's fields", schema: KindFieldDefs },
        ...WRITE_ERRORS,
      },
    }),
    roleAtLeast('admin'),
    jsonBody(DefsBody),
    (c) => {
      requireRole(c, 'admin');
      const kind = c.req.param('kind');
      const fields = setFieldDefs(c.get('db'), kind, c.req.valid('json').fields);
      return c.json({ kind, fields } satisfies KindFieldDefs);
    },
  );

/** /api/pages/:slug/fields and /api/pages/:slug/files: a page's structured fields and its files list. */
export const pageExtras = new Hono<AppEnv>()
  .get(
    '/:slug/fields',
    describeRoute({
      tags: ['fields'],
      summary: "A page's field values, as its infobox shows them",
      params: SLUG_PARAM,
      responses: {
        200: { description: 'Fields with a value, in declared order', schema: PageFields },
        ...READ_ERRORS,
      },
    }),
    readAccess,
    (c) =>
      c.json(shownPageFields(c.get('db'), checkSlug(c.req.param('slug'))) satisfies PageFields),
  )
  .put(
    '/:slug/fields',
    describeRoute({
      tags: ['fields'],
      summary:
        'Set field values (contributors); null, "" or [] clears one; `replace` clears the fields not sent',
      params: SLUG_PARAM,
      responses: {
        200: { description: "The page's fields after the write", schema: PageFieldsWritten },
        ...WRITE_ERRORS,
      },
    }),
    roleAtLeast('contributor'),
    jsonBody(FieldsBody),
    flushCoEditsBeforeWrite,
    (c) => {
      // A change of values is a revision of the page (history, recent changes), written with them.
      const user = requireRole(c, 'contributor');
      const slug = checkSlug(c.req.param('slug'));
      const db = c.get('db');
      const body = c.req.valid('json');
      const { revision } = setPageFieldsWithRevision(db, pageIdOf(db, slug), body.fields, user.id, {
        replace: body.replace,
      });
      const services = c.get('services');
      // Listeners learn of the new revision (co-editors' revision number); the search tables follow
      // the field values through their triggers (migration 0016).
      if (revision !== null) services.wiki.pageChanged(getPage(db, slug), 'rest');
      return c.json({
        ...shownPageFields(db, slug),
        revision: getPage(db, slug).revision,
        fieldsRevision: revision,
      } satisfies PageFieldsWritten);
    },
  )
  .get(
    '/:slug/files',
    describeRoute({
      tags: ['files'],
      summary: "A page's files: attached from its files list, or used in its body",
      params: SLUG_PARAM,
      responses: { 200: { description: 'Files', schema: PageFiles }, ...READ_ERRORS },
    }),
    readAccess,
    (c) =>
      c.json({
        files: pageFiles(c.get('db'), checkSlug(c.req.param('slug'))),
      } satisfies PageFiles),
  )
  .post(
    '/:slug/files',
    describeRoute({
      tags: ['files'],
      summary: 'Attach an existing file to a page (contributors)',
      params: SLUG_PARAM,
      responses: { 200: { description: "The page's files", schema: PageFiles }, ...WRITE_ERRORS },
    }),
    roleAtLeast('contributor'),
    jsonBody(AttachBody),
    (c) => {
      requireRole(c, 'contributor');
      const slug = checkSlug(c.req.param('slug'));
      const db = c.get('db');
      attachFile(db, pageIdOf(db, slug), c.req.valid('json').name);
      return c.json({ files: pageFiles(db, slug) } satisfies PageFiles);
    },
  )
  .delete(
    '/:slug/files/:name',
    describeRoute({
      tags: ['files'],
      summary: "Remove a file from a page's files list (the file stays)",
      params: { ...SLUG_PARAM, ...NAME_PARAM },
      responses: { 200: { description: "The page's files", schema: PageFiles }, ...WRITE_ERRORS },
    }),
    roleAtLeast('contributor'),
    (c) => {
      requireRole(c, 'contributor');
      const slug = checkSlug(c.req.param('slug'));
      const db = c.get('db');
      detachFile(db, pageIdOf(db, slug), c.req.param('name'));
      return c.json({ files: pageFiles(db, slug) } satisfies PageFiles);
    },
  );
