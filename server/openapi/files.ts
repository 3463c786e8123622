import type { OpenApiFragment } from './index.js';

/* Structured page fields and files (issue 10 §2 and §3). */

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: unknown) => ({ description, ...json(schema) });
const error = (description: string) => ({
  description,
  ...json({ $ref: '#/components/schemas/Error' }),
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (schema: unknown) => ({ type: 'array', items: schema });

const pathParam = (name: string, description: string, pattern?: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
});
const slugParam = pathParam('slug', 'Page slug', '^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$');
const nameParam = pathParam(
  'name',
  'File name: lowercase letters, digits and dashes, an optional extension',
);
const writeErrors = {
  400: error('Invalid field (named in error.field)'),
  401: error('Not logged in'),
  403: error('Role too low, or missing CSRF token'),
  404: error('Unknown page or file'),
};
const readErrors = {
  401: error('Private wiki: log in to read'),
  404: error('Unknown page or file'),
};

const fieldValue = {
  oneOf: [{ type: 'string' }, { type: 'number' }, arrayOf({ type: 'string' })],
  description:
    "text, date (YYYY-MM-DD) or link (the record's slug) as a string; number; list as an array",
};

const uploader = {
  oneOf: [
    {
      type: 'object',
      required: ['id', 'name', 'imported'],
      properties: {
        id: { type: ['integer', 'null'] },
        name: { type: 'string' },
        imported: {
          type: 'boolean',
          description: 'An author imported from another wiki, without an account here',
        },
      },
    },
    { type: 'null' },
  ],
};

export const filesApi: OpenApiFragment = {
  schemas: {
    FieldDef: {
      type: 'object',
      required: ['kind', 'name', 'label', 'type', 'position'],
      properties: {
        kind: { type: 'string' },
        name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' },
        label: {
          type: 'object',
          required: ['fr', 'en'],
          properties: { fr: { type: 'string' }, en: { type: 'string' } },
        },
        type: { enum: ['text', 'number', 'date', 'place', 'resource', 'person', 'list'] },
        position: { type: 'integer' },
      },
    },
    PageFields: {
      type: 'object',
      required: ['kind', 'fields'],
      properties: {
        kind: { type: 'string' },
        fields: arrayOf({
          type: 'object',
          required: ['name', 'label', 'type', 'value'],
          properties: {
            name: { type: 'string' },
            label: {
              type: 'object',
              properties: { fr: { type: 'string' }, en: { type: 'string' } },
            },
            type: { type: 'string' },
            value: fieldValue,
            link: {
              oneOf: [
                {
                  type: 'object',
                  properties: {
                    slug: { type: 'string' },
                    name: { type: 'string' },
                    href: { type: 'string' },
                  },
                },
                { type: 'null' },
              ],
              description: 'A link field: the record (null when it is gone or hidden)',
            },
          },
        }),
      },
    },
    FileInfo: {
      type: 'object',
      required: [
        'name',
        'version',
        'sha256',
        'size',
        'contentType',
        'image',
        'url',
        'createdAt',
        'updatedAt',
        'uploadedBy',
      ],
      properties: {
        name: { type: 'string' },
        version: { type: 'integer' },
        sha256: { type: 'string' },
        size: { type: 'integer' },
        contentType: { type: 'string', description: 'Sniffed from the bytes at upload' },
        image: { type: 'boolean', description: 'Shown as an image in pages' },
        url: { type: 'string', description: '/files/NAME' },
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
        uploadedBy: uploader,
      },
    },
    FileDetails: {
      allOf: [
        ref('FileInfo'),
        {
          type: 'object',
          required: ['versions', 'usedBy'],
          properties: {
            versions: arrayOf({
              type: 'object',
              properties: {
                number: { type: 'integer' },
                sha256: { type: 'string' },
                size: { type: 'integer' },
                contentType: { type: 'string' },
                originalName: { type: 'string' },
                comment: { type: 'string' },
                uploadedBy: uploader,
                uploadedAt: { type: 'string', format: 'date-time' },
                url: { type: 'string' },
              },
            }),
            usedBy: arrayOf({
              type: 'object',
              properties: {
                slug: { type: 'string' },
                title: { type: 'string' },
                attached: { type: 'boolean' },
                linked: { type: 'boolean' },
              },
            }),
          },
        },
      ],
    },
  },
  paths: {
    '/api/page-fields': {
      get: {
        tags: ['fields'],
        summary: 'Every declared field, by kind then position',
        responses: {
          200: ok('Declared fields', {
            type: 'object',
            properties: { fields: arrayOf(ref('FieldDef')) },
          }),
          401: readErrors[401],
        },
      },
    },
    '/api/page-fields/{kind}': {
      put: {
        tags: ['fields'],
        summary:
          'Replace the fields declared for a page kind (admins); values of removed fields are kept, not shown',
        parameters: [pathParam('kind', 'Page kind (place, practice…; "lieu" is taken as "place")')],
        requestBody: json({
          type: 'object',
          required: ['fields'],
          properties: {
            fields: arrayOf({
              type: 'object',
              required: ['name', 'label', 'type'],
              properties: {
                name: { type: 'string' },
                label: { type: 'object' },
                type: { type: 'string' },
              },
            }),
          },
        }),
        responses: {
          200: ok("The kind's fields", {
            type: 'object',
            properties: { kind: { type: 'string' }, fields: arrayOf(ref('FieldDef')) },
          }),
          ...writeErrors,
        },
      },
    },
    '/api/pages/{slug}/fields': {
      get: {
        tags: ['fields'],
        summary: "A page's field values, as its infobox shows them",
        parameters: [slugParam],
        responses: {
          200: ok('Fields with a value, in declared order', ref('PageFields')),
          ...readErrors,
        },
      },
      put: {
        tags: ['fields'],
        summary:
          'Set field values (contributors); null, "" or [] clears one; `replace` clears the fields not sent',
        parameters: [slugParam],
        requestBody: json({
          type: 'object',
          required: ['fields'],
          properties: {
            fields: { type: 'object', additionalProperties: fieldValue },
            replace: { type: 'boolean' },
          },
        }),
        responses: {
          200: ok("The page's fields after the write", ref('PageFields')),
          ...writeErrors,
        },
      },
    },
    '/api/pages/{slug}/files': {
      get: {
        tags: ['files'],
        summary: "A page's files: attached from its files list, or used in its body",
        parameters: [slugParam],
        responses: {
          200: ok('Files', { type: 'object', properties: { files: arrayOf(ref('FileInfo')) } }),
          ...readErrors,
        },
      },
      post: {
        tags: ['files'],
        summary: 'Attach an existing file to a page (contributors)',
        parameters: [slugParam],
        requestBody: json({
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' } },
        }),
        responses: {
          200: ok("The page's files", {
            type: 'object',
            properties: { files: arrayOf(ref('FileInfo')) },
          }),
          ...writeErrors,
        },
      },
    },
    '/api/pages/{slug}/files/{name}': {
      delete: {
        tags: ['files'],
        summary: "Remove a file from a page's files list (the file stays)",
        parameters: [slugParam, nameParam],
        responses: {
          200: ok("The page's files", {
            type: 'object',
            properties: { files: arrayOf(ref('FileInfo')) },
          }),
          ...writeErrors,
        },
      },
    },
    '/api/files': {
      get: {
        tags: ['files'],
        summary: 'Files by name',
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: false,
            description: 'Names containing this',
            schema: { type: 'string' },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 500 },
          },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
        ],
        responses: {
          200: ok('Files', {
            type: 'object',
            properties: { total: { type: 'integer' }, files: arrayOf(ref('FileInfo')) },
          }),
          401: readErrors[401],
        },
      },
      post: {
        tags: ['files'],
        summary: 'Upload a file (contributors); the same name again makes a new version',
        description:
          "multipart/form-data: `file` (required), `name` (default: from the file's name), `comment`, `page` (a slug to attach the file to). " +
          'The type is sniffed from the bytes. Bodies up to LC_UPLOAD_LIMIT bytes.',
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  name: { type: 'string' },
                  comment: { type: 'string' },
                  page: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          201: ok('A new file', {
            type: 'object',
            properties: {
              file: ref('FileInfo'),
              created: { type: 'boolean' },
              changed: { type: 'boolean' },
            },
          }),
          200: ok('A new version, or the same bytes again (changed: false)', {
            type: 'object',
            properties: {
              file: ref('FileInfo'),
              created: { type: 'boolean' },
              changed: { type: 'boolean' },
            },
          }),
          413: error('Upload over LC_UPLOAD_LIMIT'),
          ...writeErrors,
        },
      },
    },
    '/api/files/{name}': {
      get: {
        tags: ['files'],
        summary: "A file's page: versions, uploaders, pages using it",
        parameters: [nameParam],
        responses: { 200: ok('The file', ref('FileDetails')), ...readErrors },
      },
      delete: {
        tags: ['files'],
        summary:
          'Delete a file and all its versions (facilitators, admins); logged, bytes removed by `gc-files`',
        parameters: [nameParam],
        requestBody: {
          required: true,
          ...json({ type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } }),
        },
        responses: {
          200: ok('Deleted', { type: 'object', properties: { deleted: { type: 'string' } } }),
          ...writeErrors,
        },
      },
    },
    '/api/files/{name}/versions/{n}': {
      delete: {
        tags: ['files'],
        summary:
          'Delete one version of a file (facilitators, admins); the newest left becomes current; 409 for the only one',
        parameters: [
          nameParam,
          { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        requestBody: {
          required: true,
          ...json({ type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } }),
        },
        responses: {
          200: ok('The file after', { type: 'object', properties: { file: ref('FileInfo') } }),
          409: error('The only version of the file'),
          ...writeErrors,
        },
      },
    },
    '/api/file-log': {
      get: {
        tags: ['files'],
        summary: 'File deletions, newest first',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1, maximum: 500 },
          },
        ],
        responses: {
          200: ok('Log entries', {
            type: 'object',
            properties: { entries: arrayOf({ type: 'object' }) },
          }),
          401: readErrors[401],
        },
      },
    },
    '/files/{name}': {
      get: {
        tags: ['files'],
        summary: "A file's bytes (current version, or ?version=N)",
        description:
          'Raster images, PDF, audio, video and plain text are served inline; SVG, HTML and anything else as an attachment. ' +
          'Always `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy.',
        parameters: [
          nameParam,
          {
            name: 'version',
            in: 'query',
            required: false,
            schema: { type: 'integer', minimum: 1 },
          },
        ],
        responses: {
          200: {
            description: 'The bytes, with the sniffed type',
            content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
          },
          ...readErrors,
        },
      },
    },
  },
};
