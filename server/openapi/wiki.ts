import type { OpenApiFragment } from './index.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: unknown) => ({ description, ...json(schema) });
const error = (description: string) => ({
  description,
  ...json({ $ref: '#/components/schemas/Error' }),
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (schema: unknown) => ({ type: 'array', items: schema });

const slugParam = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'Lowercase letters, digits and dashes, 1 to 120 characters',
  schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$' },
};
const intQuery = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', ...extra },
});
const readErrors = {
  400: error('Invalid slug or parameter'),
  401: error('Private wiki: log in to read'),
  404: error('Unknown page'),
};
const writeErrors = {
  400: error('Invalid field (named in error.field)'),
  401: error('Not logged in'),
  403: error('Role below contributor, or missing CSRF token'),
  413: error('Body over the configured limit'),
};
const conflict = {
  description: 'Stale baseRevision: the page moved on',
  ...json({
    type: 'object',
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'field', 'currentRevision', 'current'],
        properties: {
          code: { const: 'conflict' },
          message: { type: 'string' },
          field: { const: 'baseRevision' },
          currentRevision: { type: 'integer' },
          current: { oneOf: [ref('Page'), { type: 'null' }] },
        },
      },
    },
  }),
};

const userRef = { oneOf: [ref('UserRef'), { type: 'null' }] };
/** The error of a request naming a deleted page (404 for a read, 409 for a write). */
const pageDeleted = (description: string) => ({
  description,
  ...json({
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'deletion'],
        properties: {
          code: { const: 'page_deleted' },
          message: { type: 'string' },
          deletion: ref('PageDeletion'),
        },
      },
    },
  }),
});
const facilitatorErrors = {
  400: error('Invalid slug or field (named in error.field)'),
  401: error('Not logged in'),
  403: error('Role below facilitator, or missing CSRF token'),
};
/** The 308 of a moved page's old slug (reads of the page and of its history, diff and backlinks). */
const movedRedirect = {
  description:
    'The page was moved: `Location` is the same request at its new slug (sub-path and query kept); the body says where ' +
    'for clients that do not follow redirects.',
  headers: {
    Location: { description: 'The same path at the new slug', schema: { type: 'string' } },
  },
  ...json({
    type: 'object',
    required: ['redirect'],
    properties: {
      redirect: {
        type: 'object',
        required: ['from', 'to'],
        properties: { from: { type: 'string' }, to: { type: 'string' } },
      },
    },
  }),
};
const pageRefs = {
  type: 'object',
  required: ['pages'],
  properties: { pages: arrayOf(ref('PageRef')) },
};

/** Wiki pages, history, special lists, recent changes and the Atom feed. */
export const wikiApi: OpenApiFragment = {
  schemas: {
    UserRef: {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
    },
    PageRef: {
      type: 'object',
      required: ['slug', 'title'],
      properties: { slug: { type: 'string' }, title: { type: 'string' } },
    },
    Page: {
      type: 'object',
      required: [
        'slug',
        'title',
        'kind',
        'markdown',
        'html',
        'revision',
        'categories',
        'needsWork',
        'referent',
        'createdAt',
        'updatedAt',
        'updatedBy',
        'backlinkCount',
      ],
      properties: {
        slug: { type: 'string' },
        title: { type: 'string' },
        kind: { type: 'string', examples: ['practice', 'guide'] },
        markdown: { type: 'string' },
        html: {
          type: 'string',
          description:
            'Safe HTML (no raw HTML, only http/https/mailto/relative URLs). Wiki links are `<a class="wikilink" href="/wiki/slug">`, ' +
            'with class `missing` when the page does not exist; headings carry ids `h-…`; category links are not rendered inline.',
        },
        revision: { type: 'integer' },
        categories: {
          type: 'array',
          items: { type: 'string' },
          description: 'Explicit categories and [[Catégorie:…]] links, merged',
        },
        needsWork: {
          type: ['string', 'null'],
          description: 'Why the page is flagged "à améliorer"',
        },
        referent: userRef,
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
        updatedBy: userRef,
        backlinkCount: {
          type: 'integer',
          description: 'Other pages linking here (self-links excluded)',
        },
      },
    },
    PageInput: {
      type: 'object',
      required: ['title', 'markdown'],
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 200 },
        markdown: { type: 'string' },
        summary: { type: 'string', maxLength: 500 },
        baseRevision: {
          type: 'integer',
          minimum: 0,
          description:
            'The revision the edit started from (0 to create). Omitted: last write wins.',
        },
        kind: { type: 'string', maxLength: 40 },
        categories: {
          type: 'array',
          items: { type: 'string', maxLength: 80 },
          maxItems: 50,
          description: 'Explicit categories; omitted: kept',
        },
        referentId: {
          type: ['integer', 'null'],
          description: 'User id of the referent; null clears it; omitted: kept',
        },
      },
    },
    RevisionSummary: {
      type: 'object',
      required: [
        'number',
        'title',
        'summary',
        'author',
        'authors',
        'createdAt',
        'size',
        'sizeDelta',
      ],
      properties: {
        number: { type: 'integer' },
        title: { type: 'string' },
        summary: { type: 'string' },
        author: userRef,
        authors: arrayOf(ref('UserRef')),
        createdAt: { type: 'string', format: 'date-time' },
        size: { type: 'integer', description: 'Bytes (UTF-8)' },
        sizeDelta: { type: 'integer' },
      },
    },
    DiffLine: {
      type: 'object',
      required: ['op', 'text'],
      properties: {
        op: { enum: ['equal', 'insert', 'delete'] },
        text: { type: 'string' },
        oldNumber: { type: 'integer' },
        newNumber: { type: 'integer' },
        words: arrayOf({
          type: 'object',
          required: ['op', 'text'],
          properties: { op: { enum: ['equal', 'insert', 'delete'] }, text: { type: 'string' } },
        }),
      },
    },
    PageDeletion: {
      type: 'object',
      required: ['slug', 'title', 'revision', 'deletedAt', 'deletedBy', 'reason'],
      properties: {
        slug: { type: 'string' },
        title: { type: 'string' },
        revision: {
          type: 'integer',
          description: 'The revision the page is at (a restoration brings it back as it was)',
        },
        deletedAt: { type: 'string', format: 'date-time' },
        deletedBy: userRef,
        reason: { type: 'string' },
      },
    },
    RecentChange: {
      type: 'object',
      required: [
        'kind',
        'id',
        'cursor',
        'slug',
        'title',
        'revision',
        'summary',
        'reason',
        'author',
        'createdAt',
        'sizeDelta',
        'isNew',
      ],
      properties: {
        kind: {
          enum: ['edit', 'delete', 'restore', 'move'],
          description: 'A revision, or a deletion, restoration or move of the page (a log entry)',
        },
        id: {
          type: 'integer',
          description: 'Revision id (edit) or log entry id (delete, restore, move)',
        },
        cursor: {
          type: 'string',
          description: 'Pass as `before` for the changes older than this one',
        },
        slug: { type: 'string' },
        title: { type: 'string' },
        revision: {
          type: 'integer',
          description: 'The revision written, or the page revision when it was deleted or restored',
        },
        summary: { type: 'string' },
        reason: {
          type: ['string', 'null'],
          description: 'Why the page was deleted, restored or moved (null for an edit)',
        },
        from: {
          ...ref('PageRef'),
          description: 'A move only: slug and title before it (`slug`/`title` are those after it)',
        },
        to: { ...ref('PageRef'), description: 'A move only: slug and title after it' },
        redirect: {
          type: 'boolean',
          description: 'A move only: the old slug was left as a redirect',
        },
        author: userRef,
        createdAt: { type: 'string', format: 'date-time' },
        sizeDelta: { type: 'integer' },
        isNew: { type: 'boolean' },
      },
    },
  },
  paths: {
    '/api/pages': {
      get: {
        tags: ['pages'],
        summary: 'All pages, in title order (accents folded)',
        description:
          'With `kind` and/or structured field parameters (`?kind=lieu&ville=Lille`, see /api/page-fields), only the pages of that kind ' +
          'whose fields equal the values given (accents and case ignored), each with its `fields`.',
        parameters: [
          intQuery('limit', 'Page size (default 100)', { minimum: 1, maximum: 1000 }),
          intQuery('offset', 'Skip this many', { minimum: 0 }),
          {
            name: 'kind',
            in: 'query',
            required: false,
            description: 'Page kind (lieu/place, pratique/practice…)',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: ok('The index', {
            type: 'object',
            required: ['total', 'pages'],
            properties: {
              total: { type: 'integer' },
              pages: arrayOf({
                type: 'object',
                properties: {
                  slug: { type: 'string' },
                  title: { type: 'string' },
                  kind: { type: 'string' },
                  revision: { type: 'integer' },
                  updatedAt: { type: 'string', format: 'date-time' },
                },
              }),
            },
          }),
          400: error('Invalid limit or offset'),
          401: error('Private wiki'),
        },
      },
    },
    '/api/pages/{slug}': {
      parameters: [slugParam],
      get: {
        tags: ['pages'],
        summary: 'A page with its rendered HTML',
        description:
          'Sent with a strong `ETag` (one per ' +
          'content coding: identity, `br`, `gzip`) and `Cache-Control: no-cache`: a client ' +
          'keeps its copy and revalidates it with `If-None-Match`, answered `304 Not Modified` without a body while the answer ' +
          'is unchanged. The ETag follows the whole answer (title, body, backlinks, names…), not only the revision.',
        parameters: [
          {
            name: 'If-None-Match',
            in: 'header',
            required: false,
            description: 'ETag(s) of a copy the client holds (weak comparison; `*` matches any)',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: {
            ...ok('The page', ref('Page')),
            headers: {
              ETag: {
                description: 'Strong validator of this answer in this content coding',
                schema: { type: 'string' },
              },
              'Cache-Control': {
                description: '`no-cache`: keep, but revalidate before use',
                schema: { type: 'string' },
              },
            },
          },
          304: {
            description: 'The copy named in If-None-Match is current: no body',
            headers: { ETag: { description: 'The same validator', schema: { type: 'string' } } },
          },
          308: movedRedirect,
          ...readErrors,
          404: error(
            'Unknown page (`not_found`), or deleted page (`page_deleted`, with `deletion`: when, by whom, why)',
          ),
        },
      },
      put: {
        tags: ['pages'],
        summary:
          'Create or edit a page (contributor+); a save that changes nothing writes no revision',
        description:
          'A deleted page cannot be edited nor recreated: 409 `page_deleted` (a facilitator restores it first).',
        requestBody: json(ref('PageInput')),
        responses: {
          200: ok('Saved', ref('Page')),
          201: ok('Created', ref('Page')),
          ...writeErrors,
          409: {
            ...conflict,
            description:
              'Stale baseRevision (`conflict`, shape below), or deleted page (`page_deleted`)',
          },
        },
      },
      delete: {
        tags: ['pages'],
        summary:
          'Delete a page (facilitator+); nothing is lost: it can be restored with its whole history',
        description:
          'The page leaves the lists, the search, categories, backlinks and wanted pages; links to it render as missing; ' +
          'its history stays readable by facilitators. Pending co-edits are written as a revision first, then open ' +
          'co-editing connections are closed (code 4410). Logged in the recent changes (kind `delete`).',
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['reason'],
            properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
          }),
        },
        responses: {
          200: ok('Deleted', {
            type: 'object',
            required: ['deletion'],
            properties: { deletion: ref('PageDeletion') },
          }),
          ...facilitatorErrors,
          404: error('Unknown page'),
          409: pageDeleted('Already deleted'),
        },
      },
    },
    '/api/pages/{slug}/restore': {
      parameters: [slugParam],
      post: {
        tags: ['pages'],
        summary: 'Restore a deleted page with all its revisions (facilitator+)',
        description:
          'Links, search and lists come back; logged in the recent changes (kind `restore`).',
        requestBody: json({
          type: 'object',
          properties: { reason: { type: 'string', maxLength: 500 } },
        }),
        responses: {
          200: ok('The restored page', ref('Page')),
          ...facilitatorErrors,
          404: error('Unknown page'),
          409: error('The page is not deleted (`not_deleted`)'),
        },
      },
    },
    '/api/pages/{slug}/revisions': {
      parameters: [slugParam],
      get: {
        tags: ['pages'],
        summary:
          'History, newest first (of a deleted page: facilitators only, others get 404 `page_deleted`)',
        parameters: [
          intQuery('limit', 'At most this many (default 500)', { minimum: 1, maximum: 1000 }),
          intQuery('before', 'Only revisions numbered below', { minimum: 1 }),
        ],
        responses: {
          200: ok('Revisions', {
            type: 'object',
            properties: { revisions: arrayOf(ref('RevisionSummary')) },
          }),
          308: movedRedirect,
          ...readErrors,
        },
      },
    },
    '/api/pages/{slug}/revisions/{n}': {
      parameters: [
        slugParam,
        { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      get: {
        tags: ['pages'],
        summary: 'One revision, with its markdown and HTML',
        responses: {
          200: ok('The revision', {
            type: 'object',
            properties: {
              number: { type: 'integer' },
              title: { type: 'string' },
              markdown: { type: 'string' },
              html: { type: 'string' },
              summary: { type: 'string' },
              author: userRef,
              authors: arrayOf(ref('UserRef')),
              createdAt: { type: 'string', format: 'date-time' },
            },
          }),
          308: movedRedirect,
          ...readErrors,
        },
      },
    },
    '/api/pages/{slug}/diff': {
      parameters: [slugParam],
      get: {
        tags: ['pages'],
        summary: 'Line diff between two revisions, with word detail for changed line pairs',
        parameters: [
          intQuery('from', 'Old revision (0: the empty page; default: to − 1)', { minimum: 0 }),
          intQuery('to', 'New revision (default: current)', { minimum: 1 }),
        ],
        responses: {
          200: ok('The diff', {
            type: 'object',
            properties: {
              from: { type: 'integer' },
              to: { type: 'integer' },
              title: {
                type: 'object',
                properties: { from: { type: 'string' }, to: { type: 'string' } },
              },
              hunks: arrayOf({
                type: 'object',
                properties: {
                  op: { enum: ['equal', 'insert', 'delete', 'replace'] },
                  lines: arrayOf(ref('DiffLine')),
                },
              }),
            },
          }),
          308: movedRedirect,
          ...readErrors,
        },
      },
    },
    '/api/pages/{slug}/revert': {
      parameters: [slugParam],
      post: {
        tags: ['pages'],
        summary: 'Revert to a revision: a NEW revision with its title and text (contributor+)',
        requestBody: json({
          type: 'object',
          required: ['revision'],
          properties: {
            revision: { type: 'integer', minimum: 1 },
            baseRevision: { type: 'integer' },
            summary: { type: 'string' },
          },
        }),
        responses: {
          200: ok('Reverted', ref('Page')),
          ...writeErrors,
          404: error('Unknown page or revision'),
          409: conflict,
        },
      },
    },
    '/api/pages/{slug}/backlinks': {
      parameters: [slugParam],
      get: {
        tags: ['pages'],
        summary: 'Pages linking here, or to one of its old slugs (works for pages not written yet)',
        responses: { 200: ok('Pages', pageRefs), 308: movedRedirect, ...readErrors },
      },
    },
    '/api/pages/{slug}/move': {
      parameters: [slugParam],
      post: {
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
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['slug'],
            properties: {
              slug: {
                type: 'string',
                pattern: '^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$',
                description: 'The new slug',
              },
              title: {
                type: 'string',
                minLength: 1,
                maxLength: 200,
                description: 'The new title (default: kept)',
              },
              reason: { type: 'string', maxLength: 500 },
              redirect: {
                type: 'boolean',
                default: true,
                description: 'Leave a redirect at the old slug',
              },
            },
          }),
        },
        responses: {
          200: ok('Moved', {
            type: 'object',
            required: ['page', 'move'],
            properties: {
              page: ref('Page'),
              move: {
                type: 'object',
                required: ['from', 'to', 'redirect'],
                properties: {
                  from: ref('PageRef'),
                  to: ref('PageRef'),
                  redirect: { type: 'boolean' },
                },
              },
            },
          }),
          ...writeErrors,
          400: error(
            'Invalid field (named in error.field); `slug` also when it is the current slug (use PATCH properties)',
          ),
          404: error('Unknown page'),
          409: error(
            'Deleted page (`page_deleted`), or target slug taken (`conflict`, field `slug`)',
          ),
        },
      },
    },
    '/api/pages/{slug}/properties': {
      parameters: [slugParam],
      patch: {
        tags: ['pages'],
        summary:
          'Change the metadata (title, kind, categories, référent) without touching the markdown (contributor+)',
        description:
          'Writes a revision with the current markdown (pending co-edits are written first) and the given fields; omitted fields ' +
          'are kept. The summary defaults to "Propriétés : …" naming the changed fields. A change that changes nothing writes no revision.',
        requestBody: json({
          type: 'object',
          minProperties: 1,
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 200 },
            kind: { type: 'string', minLength: 1, maxLength: 40 },
            categories: arrayOf({ type: 'string', minLength: 1, maxLength: 80 }),
            referentId: { type: ['integer', 'null'], description: 'A user id, or null to clear' },
            summary: { type: 'string', maxLength: 500 },
          },
        }),
        responses: {
          200: ok('The page after the change', ref('Page')),
          ...writeErrors,
          404: error('Unknown page'),
        },
      },
    },
    '/api/pages/{slug}/needs-work': {
      parameters: [slugParam],
      put: {
        tags: ['pages'],
        summary: 'Flag the page "à améliorer" (contributor+; not a revision)',
        requestBody: json({
          type: 'object',
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
        }),
        responses: { 200: ok('Flagged', ref('Page')), ...writeErrors, 404: error('Unknown page') },
      },
      delete: {
        tags: ['pages'],
        summary: 'Clear the "à améliorer" flag (contributor+)',
        responses: { 200: ok('Cleared', ref('Page')), ...writeErrors, 404: error('Unknown page') },
      },
    },
    '/api/wiki/wanted': {
      get: {
        tags: ['wiki'],
        summary: 'Pages à créer: linked but missing, most wanted first',
        parameters: [
          intQuery('limit', 'At most this many (default 500)', { minimum: 1, maximum: 2000 }),
        ],
        responses: {
          200: ok('Wanted pages', {
            type: 'object',
            properties: {
              pages: arrayOf({
                type: 'object',
                properties: {
                  slug: { type: 'string' },
                  title: { type: 'string' },
                  count: { type: 'integer' },
                  from: arrayOf(ref('PageRef')),
                },
              }),
            },
          }),
          401: error('Private wiki'),
        },
      },
    },
    '/api/wiki/to-improve': {
      get: {
        tags: ['wiki'],
        summary: 'Pages à améliorer: flagged pages, then stubs (under 300 characters of text)',
        responses: {
          200: ok('Pages', {
            type: 'object',
            properties: {
              pages: arrayOf({
                type: 'object',
                properties: {
                  slug: { type: 'string' },
                  title: { type: 'string' },
                  reason: { enum: ['flagged', 'stub'] },
                  note: { type: ['string', 'null'] },
                  textLength: { type: ['integer', 'null'] },
                },
              }),
            },
          }),
          401: error('Private wiki'),
        },
      },
    },
    '/api/wiki/preview': {
      post: {
        tags: ['wiki'],
        summary:
          'Renders a markdown body that is not saved (the edit form preview); links to missing pages are marked',
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['markdown'],
            properties: { markdown: { type: 'string' } },
          }),
        },
        responses: {
          200: ok('The rendered HTML', {
            type: 'object',
            required: ['html'],
            properties: { html: { type: 'string' } },
          }),
          ...writeErrors,
        },
      },
    },
    '/api/wiki/orphans': {
      get: {
        tags: ['wiki'],
        summary: 'Pages no other page links to (home page excepted)',
        responses: { 200: ok('Pages', pageRefs), 401: error('Private wiki') },
      },
    },
    '/api/wiki/categories': {
      get: {
        tags: ['wiki'],
        summary: 'Categories with their page counts',
        responses: {
          200: ok('Categories', {
            type: 'object',
            properties: {
              categories: arrayOf({
                type: 'object',
                properties: { name: { type: 'string' }, count: { type: 'integer' } },
              }),
            },
          }),
          401: error('Private wiki'),
        },
      },
    },
    '/api/wiki/categories/{name}': {
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        tags: ['wiki'],
        summary: 'Pages of a category (first letter case-insensitive)',
        responses: {
          200: ok('The category', {
            type: 'object',
            properties: {
              name: { type: 'string' },
              pages: arrayOf(ref('PageRef')),
              description: {
                type: ['string', 'null'],
                description: 'Markdown of the category page (imported from a MediaWiki)',
              },
              descriptionHtml: {
                type: ['string', 'null'],
                description: 'The description rendered (no raw HTML)',
              },
            },
          }),
          401: error('Private wiki'),
          404: error('No page in this category, and no description'),
        },
      },
    },
    '/api/recent-changes': {
      get: {
        tags: ['wiki'],
        summary:
          'Latest revisions of every live page, and deletions and restorations of pages, newest first',
        parameters: [
          intQuery('limit', 'At most this many (default 50)', { minimum: 1, maximum: 500 }),
          {
            name: 'before',
            in: 'query',
            required: false,
            description: 'A change id (`next` of the previous answer) or an ISO date',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: ok('Changes', {
            type: 'object',
            properties: {
              changes: arrayOf(ref('RecentChange')),
              next: { type: ['string', 'null'], description: 'Cursor for the next page' },
            },
          }),
          400: error('Invalid limit or before'),
          401: error('Private wiki'),
        },
      },
    },
    '/feed/recent-changes.atom': {
      get: {
        tags: ['wiki'],
        summary: 'Recent changes as an Atom 1.0 feed',
        parameters: [intQuery('limit', 'Entries (default 50)', { minimum: 1, maximum: 500 })],
        responses: {
          200: {
            description: 'The feed',
            content: { 'application/atom+xml': { schema: { type: 'string' } } },
          },
          401: error('Private wiki'),
        },
      },
    },
  },
};
