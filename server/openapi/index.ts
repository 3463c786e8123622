import { core } from './core.js';
import { switchyardApi } from './switchyard.js';
import { wikiApi } from './wiki.js';
import { wikiLogApi } from './wiki-log.js';
import { registry } from './registry.js';
import { search } from './search.js';
import { collab } from './collab.js';
import { mailApi } from './mail.js';
import { mediawikiApi } from './mediawiki.js';
import { filesApi } from './files.js';
import { eventsApi } from './events.js';
import { permanencesApi } from './permanences.js';
import { inboxApi } from './inbox.js';
import { searchAllApi } from './search-all.js';
import { accountsApi } from './accounts.js';
import { accessibilityApi } from './accessibility.js';

/** An OpenAPI 3.1 paths object (kept loose: fragments are plain data). */
export type Paths = Record<string, Record<string, unknown>>;

/** One feature's part of the API description. */
export interface OpenApiFragment {
  tags?: { name: string; description: string }[];
  paths: Paths;
  schemas?: Record<string, unknown>;
}

// Each feature describes its routes in its own file, registered here.
const FRAGMENTS: OpenApiFragment[] = [core, wikiApi, wikiLogApi, registry, search, collab, switchyardApi, mailApi, filesApi, eventsApi, permanencesApi, inboxApi, searchAllApi, accountsApi, mediawikiApi, accessibilityApi];

/** Shared error envelope. */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string', description: 'The offending field, for validation errors' },
      },
    },
  },
};

/** The OpenAPI document of the whole HTTP API, served at /api/openapi.json. */
export function openApiDocument() {
  const paths: Paths = {};
  const schemas: Record<string, unknown> = { Error: ERROR_SCHEMA };
  const tags: { name: string; description: string }[] = [];
  for (const f of FRAGMENTS) {
    Object.assign(paths, f.paths);
    Object.assign(schemas, f.schemas);
    tags.push(...(f.tags ?? []));
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lieux Communs API',
      version: '0.1.0',
      description:
        'Wiki, commons registry and switchyard for networks of tiers-lieux. Errors are `{ "error": { "code", "message" } }`. ' +
        'Writes need a session cookie plus the `X-CSRF-Token` header, or `Authorization: Bearer <token>`. ' +
        'Answers over 1 KB are compressed (`br`, else `gzip`) when the request\'s `Accept-Encoding` allows it.',
    },
    tags,
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'lc_session' },
      },
    },
  };
}
