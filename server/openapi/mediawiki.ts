import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({
  description,
  ...json({ $ref: '#/components/schemas/Error' }),
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const counts = { type: 'object', additionalProperties: { type: 'integer' } };

/** MediaWiki imports (admins): the reports, and the upload of an export. */
export const mediawikiApi: OpenApiFragment = {
  schemas: {
    MediawikiImportReport: {
      type: 'object',
      properties: {
        source: {
          type: 'string',
          description: "The source wiki's key (its database name or host)",
        },
        sitename: { type: 'string' },
        pages: {
          type: 'object',
          properties: {
            created: { type: 'integer' },
            updated: { type: 'integer' },
            unchanged: { type: 'integer' },
            failed: { type: 'integer' },
          },
        },
        revisions: {
          type: 'object',
          properties: {
            imported: { type: 'integer' },
            alreadyImported: { type: 'integer' },
            suppressedText: { type: 'integer' },
            unchangedText: { type: 'integer' },
          },
        },
        redirects: {
          type: 'object',
          properties: {
            created: { type: 'integer' },
            unchanged: { type: 'integer' },
            skipped: {
              type: 'array',
              items: {
                type: 'object',
                properties: { title: { type: 'string' }, reason: { type: 'string' } },
              },
            },
          },
        },
        categories: { type: 'object', properties: { described: { type: 'integer' } } },
        leftOut: { ...counts, description: 'Pages of namespaces not imported, by namespace name' },
        files: {
          type: 'object',
          properties: {
            count: { type: 'integer' },
            names: { type: 'array', items: { type: 'string' } },
          },
        },
        templates: { type: 'object', properties: { mapped: counts, unmapped: counts } },
        problems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              title: { type: 'string' },
              slug: { type: 'string' },
              problems: { type: 'array', items: { type: 'string' } },
            },
          },
        },
        seconds: { type: 'number' },
      },
    },
    MediawikiImport: {
      type: 'object',
      required: ['id', 'fileName', 'status', 'via', 'startedAt'],
      properties: {
        id: { type: 'integer' },
        source: { type: ['string', 'null'] },
        fileName: { type: 'string' },
        status: { type: 'string', enum: ['running', 'done', 'failed'] },
        via: { type: 'string', enum: ['cli', 'web'] },
        userName: {
          type: ['string', 'null'],
          description: 'The admin who uploaded it (null from the CLI)',
        },
        error: {
          type: ['string', 'null'],
          description: 'Why it failed (malformed XML: line and column)',
        },
        startedAt: { type: 'string', format: 'date-time' },
        finishedAt: { type: ['string', 'null'], format: 'date-time' },
        report: {
          oneOf: [ref('MediawikiImportReport'), { type: 'null' }],
          description: 'Only in GET /imports/{id} and the upload answer',
        },
      },
    },
  },
  paths: {
    '/api/admin/mediawiki/imports': {
      get: {
        tags: ['mediawiki'],
        summary: 'The MediaWiki imports, newest first, without their reports (admins)',
        responses: {
          200: {
            description: 'The imports',
            ...json({
              type: 'object',
              properties: { imports: { type: 'array', items: ref('MediawikiImport') } },
            }),
          },
          401: error('Not logged in'),
          403: error('Not an admin'),
        },
      },
      post: {
        tags: ['mediawiki'],
        summary:
          'Import a MediaWiki XML export (.xml or .xml.gz), every revision, as `lieux-communs import-mediawiki` does (admins)',
        description:
          'Idempotent and incremental: revisions already imported from the same wiki are skipped. Each page is written whole or not at all. ' +
          'Largest body: LC_IMPORT_BODY_LIMIT bytes (413 above).',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: {
                    type: 'string',
                    format: 'binary',
                    description: 'The export (Special:Export, dumpBackup.php), plain or gzip',
                  },
                  templates: {
                    type: 'string',
                    description: 'YAML map: template name → { kind, fields: { parameter: field } }',
                  },
                  namespaces: {
                    type: 'string',
                    description:
                      'Namespaces imported as pages, by number or name, comma-separated (default: 0)',
                  },
                  images: {
                    type: 'array',
                    items: { type: 'string', format: 'binary' },
                    description:
                      "The source wiki's files (images/ folder), or a .tar/.tar.gz of that folder; thumbnails left out",
                  },
                },
              },
            },
          },
        },
        responses: {
          201: {
            description: 'Imported: the import with its report',
            ...json({ type: 'object', properties: { import: ref('MediawikiImport') } }),
          },
          400: error(
            'No file, malformed XML (field file, with line and column; pages before the error are imported), a bad template map or namespace',
          ),
          401: error('Not logged in'),
          403: error('Not an admin'),
          413: error('The file is larger than LC_IMPORT_BODY_LIMIT'),
        },
      },
    },
    '/api/admin/mediawiki/imports/{id}': {
      get: {
        tags: ['mediawiki'],
        summary: 'One import with its report (admins)',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          200: {
            description: 'The import',
            ...json({ type: 'object', properties: { import: ref('MediawikiImport') } }),
          },
          401: error('Not logged in'),
          403: error('Not an admin'),
          404: error('No such import'),
        },
      },
    },
  },
};
