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
  .get('/', readAccess, (c) => c.json({ fields: listFieldDefs(c.get('db')) }))
  .put('/:kind', roleAtLeast('admin'), jsonBody(DefsBody), (c) => {
    requireRole(c, 'admin');
    const kind = c.req.param('kind');
    return c.json({ kind, fields: setFieldDefs(c.get('db'), kind, c.req.valid('json').fields) });
  });

/** /api/pages/:slug/fields and /api/pages/:slug/files: a page's structured fields and its files list. */
export const pageExtras = new Hono<AppEnv>()
  .get('/:slug/fields', readAccess, (c) =>
    c.json(shownPageFields(c.get('db'), checkSlug(c.req.param('slug')))),
  )
  .put(
    '/:slug/fields',
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
      });
    },
  )
  .get('/:slug/files', readAccess, (c) =>
    c.json({ files: pageFiles(c.get('db'), checkSlug(c.req.param('slug'))) }),
  )
  .post('/:slug/files', roleAtLeast('contributor'), jsonBody(AttachBody), (c) => {
    requireRole(c, 'contributor');
    const slug = checkSlug(c.req.param('slug'));
    const db = c.get('db');
    attachFile(db, pageIdOf(db, slug), c.req.valid('json').name);
    return c.json({ files: pageFiles(db, slug) });
  })
  .delete('/:slug/files/:name', roleAtLeast('contributor'), (c) => {
    requireRole(c, 'contributor');
    const slug = checkSlug(c.req.param('slug'));
    const db = c.get('db');
    detachFile(db, pageIdOf(db, slug), c.req.param('name'));
    return c.json({ files: pageFiles(db, slug) });
  });
