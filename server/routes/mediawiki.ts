import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, badRequest, isClientError, notFound } from '../errors.js';
import { requireRole } from '../auth/middleware.js';
import { importBodyLimit } from '../body-limit.js';
import {
  findMediawikiImport,
  importMediawiki,
  listMediawikiImports,
  MediawikiImportError,
} from '../mediawiki/import.js';
import { parseTemplateMap } from '../mediawiki/templates-map.js';
import { uploadedImages } from '../mediawiki/images-upload.js';
import { MediawikiXmlError, MediawikiXmlTooLargeError } from '../mediawiki/xml-reader.js';
import type { TemplateMapping } from '../mediawiki/wikitext.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { MediawikiImportAnswer, MediawikiImportList } from '../contracts/mediawiki.js';

/** Where admins upload a MediaWiki export: its body may be as large as a commons bundle's. */
export const MEDIAWIKI_UPLOAD_PATH = '/api/admin/mediawiki/imports';

const Id = z.coerce.number().int().positive();

/** The upload's multipart form, as documented (the route reads it itself: files and text fields). */
const UploadForm = z.object({
  file: z
    .string()
    .meta({ format: 'binary' })
    .describe('The export (Special:Export, dumpBackup.php), plain or gzip'),
  templates: z
    .string()
    .optional()
    .describe('YAML map: template name → { kind, fields: { parameter: field } }'),
  namespaces: z
    .string()
    .optional()
    .describe('Namespaces imported as pages, by number or name, comma-separated (default: 0)'),
  images: z
    .array(z.string().meta({ format: 'binary' }))
    .optional()
    .describe(
      "The source wiki's files (images/ folder), or a .tar/.tar.gz of that folder; thumbnails left out",
    ),
});

/**
 * /api/admin/mediawiki (admins): the MediaWiki imports with their reports (CLI and web), and the
 * upload of an export (multipart: `file`, optional `templates` YAML and `namespaces`, and `images`:
 * the source wiki's image files, or a .tar/.tar.gz of its images/ folder), imported by
 * the same code as `lieux-communs import-mediawiki`.
 */
export const mediawikiAdmin = new Hono<AppEnv>()
  .get(
    '/imports',
    describeRoute({
      tags: ['mediawiki'],
      summary: 'The MediaWiki imports, newest first, without their reports (admins)',
      responses: {
        200: { description: 'The imports', schema: MediawikiImportList },
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Not an admin'),
      },
    }),
    (c) => {
      requireRole(c, 'admin');
      return c.json({
        imports: listMediawikiImports(c.get('db')),
      } satisfies MediawikiImportList);
    },
  )
  .get(
    '/imports/:id',
    describeRoute({
      tags: ['mediawiki'],
      summary: 'One import with its report (admins)',
      params: { id: { schema: z.number().int().min(1) } },
      responses: {
        200: { description: 'The import', schema: MediawikiImportAnswer },
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Not an admin'),
        404: errorAnswer('No such import'),
      },
    }),
    (c) => {
      requireRole(c, 'admin');
      const id = Id.safeParse(c.req.param('id'));
      const row = id.success ? findMediawikiImport(c.get('db'), id.data) : undefined;
      if (!row) throw notFound('Import');
      return c.json({ import: row } satisfies MediawikiImportAnswer);
    },
  )
  .post(
    '/imports',
    describeRoute({
      tags: ['mediawiki'],
      summary:
        'Import a MediaWiki XML export (.xml or .xml.gz), every revision, as `lieux-communs import-mediawiki` does (admins)',
      description:
        'Idempotent and incremental: revisions already imported from the same wiki are skipped. Each page is written whole or not at all. ' +
        'Largest body: LC_IMPORT_BODY_LIMIT bytes (413 above).',
      requestBody: { content: { 'multipart/form-data': { schema: UploadForm } } },
      responses: {
        201: { description: 'Imported: the import with its report', schema: MediawikiImportAnswer },
        400: errorAnswer(
          'No file, malformed XML (field file, with line and column; pages before the error are imported), a bad template map or namespace',
        ),
        401: errorAnswer('Not logged in'),
        403: errorAnswer('Not an admin'),
        413: errorAnswer(
          'The body is larger than LC_IMPORT_BODY_LIMIT (a .tar.gz of images too, once uncompressed: field images), or the .xml.gz export decompresses to more than LC_MEDIAWIKI_XML_LIMIT (field file)',
        ),
      },
    }),
    (c, next) => {
      requireRole(c, 'admin');
      return importBodyLimit(c, next);
    },
    async (c) => {
      const user = requireRole(c, 'admin');
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
        throw badRequest('file', 'send the export as multipart/form-data, in the field "file"');
      }
      const form = await c.req.parseBody({ all: true });
      const file = Array.isArray(form.file) ? form.file[0] : form.file;
      if (!(file instanceof File) || file.size === 0)
        throw badRequest('file', 'choose a MediaWiki XML export (.xml or .xml.gz)');
      let templates: Record<string, TemplateMapping> = {};
      const templatesText = Array.isArray(form.templates) ? form.templates[0] : form.templates;
      const namespacesText = Array.isArray(form.namespaces) ? form.namespaces[0] : form.namespaces;
      if (typeof templatesText === 'string' && templatesText.trim()) {
        try {
          templates = parseTemplateMap(templatesText);
        } catch (err) {
          throw badRequest('templates', (err as Error).message);
        }
      }
      const namespaces =
        typeof namespacesText === 'string' && namespacesText.trim()
          ? namespacesText
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined;
      // The images/ folder: several files, or a tar of it (the CLI's --images DIR, same code after).
      const imageParts = (
        Array.isArray(form.images) ? form.images : form.images === undefined ? [] : [form.images]
      ).filter((p): p is File => p instanceof File && p.size > 0);
      const services = c.get('services');
      const images = imageParts.length
        ? {
            files: await uploadedImages(imageParts, c.get('config').importBodyLimit),
            storage: services.files,
          }
        : undefined;
      const db = c.get('db');
      try {
        const { importId } = await importMediawiki(
          db,
          services.wiki,
          file.stream() as unknown as AsyncIterable<Buffer>,
          {
            fileName: file.name || 'export.xml',
            via: 'web',
            userId: user.id,
            templates,
            ...(images ? { images } : {}),
            ...(namespaces ? { namespaces } : {}),
            beforeWrite: (slugs) => slugs.forEach((slug) => services.collab.flush(slug)),
            maxGunzippedBytes: c.get('config').mediawikiXmlLimit,
          },
        );
        const answer = { import: findMediawikiImport(db, importId)! };
        return c.json(answer satisfies MediawikiImportAnswer, 201);
      } catch (err) {
        if (!(err instanceof MediawikiImportError)) throw err;
        const cause = err.cause;
        if (isClientError(cause))
          throw new AppError(cause.status, cause.code, cause.message, {
            ...cause.details,
            importId: err.importId,
          });
        if (cause instanceof MediawikiXmlTooLargeError) {
          throw new AppError(413, 'payload_too_large', `file: ${cause.message}`, {
            field: 'file',
            importId: err.importId,
          });
        }
        if (cause instanceof MediawikiXmlError) {
          throw new AppError(400, 'validation_failed', `file: ${cause.message}`, {
            field: 'file',
            line: cause.line,
            column: cause.column,
            importId: err.importId,
          });
        }
        throw cause;
      }
    },
  );
