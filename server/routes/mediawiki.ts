import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, badRequest, isClientError, notFound } from '../errors.js';
import { requireRole } from '../auth/middleware.js';
import { importBodyLimit } from '../body-limit.js';
import { findMediawikiImport, importMediawiki, listMediawikiImports, MediawikiImportError } from '../mediawiki/import.js';
import { parseTemplateMap } from '../mediawiki/templates-map.js';
import { MediawikiXmlError } from '../mediawiki/xml-reader.js';
import type { TemplateMapping } from '../mediawiki/wikitext.js';

/** Where admins upload a MediaWiki export: its body may be as large as a commons bundle's. */
export const MEDIAWIKI_UPLOAD_PATH = '/api/admin/mediawiki/imports';

const Id = z.coerce.number().int().positive();

/**
 * /api/admin/mediawiki (admins): the MediaWiki imports with their reports (CLI and web), and the
 * upload of an export (multipart: `file`, optional `templates` YAML and `namespaces`), imported by
 * the same code as `lieux-communs import-mediawiki`.
 */
export const mediawikiAdmin = new Hono<AppEnv>()
  .get('/imports', (c) => {
    requireRole(c, 'admin');
    return c.json({ imports: listMediawikiImports(c.get('db')) });
  })
  .get('/imports/:id', (c) => {
    requireRole(c, 'admin');
    const id = Id.safeParse(c.req.param('id'));
    const row = id.success ? findMediawikiImport(c.get('db'), id.data) : undefined;
    if (!row) throw notFound('Import');
    return c.json({ import: row });
  })
  .post(
    '/imports',
    (c, next) => {
      requireRole(c, 'admin');
      return importBodyLimit(c, next);
    },
    async (c) => {
      const user = requireRole(c, 'admin');
      if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
        throw badRequest('file', 'send the export as multipart/form-data, in the field "file"');
      }
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File) || file.size === 0) throw badRequest('file', 'choose a MediaWiki XML export (.xml or .xml.gz)');
      let templates: Record<string, TemplateMapping> = {};
      if (typeof form.templates === 'string' && form.templates.trim()) {
        try {
          templates = parseTemplateMap(form.templates);
        } catch (err) {
          throw badRequest('templates', (err as Error).message);
        }
      }
      const namespaces = typeof form.namespaces === 'string' && form.namespaces.trim()
        ? form.namespaces.split(',').map((s) => s.trim()).filter(Boolean)
        : undefined;
      const db = c.get('db');
      try {
        const { importId } = await importMediawiki(db, c.get('services').wiki, file.stream() as unknown as AsyncIterable<Buffer>, {
          fileName: file.name || 'export.xml',
          via: 'web',
          userId: user.id,
          templates,
          ...(namespaces ? { namespaces } : {}),
        });
        return c.json({ import: findMediawikiImport(db, importId) }, 201);
      } catch (err) {
        if (!(err instanceof MediawikiImportError)) throw err;
        const cause = err.cause;
        if (isClientError(cause)) throw new AppError(cause.status, cause.code, cause.message, { ...cause.details, importId: err.importId });
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
