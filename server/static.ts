import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { relative } from 'node:path';
import type { AppEnv } from './env.js';
import { compressSync, etagMatches, negotiateEncoding, type ContentCoding } from './compression.js';
import { requestHeader } from './request-headers.js';
import { notFound } from './errors.js';

/** index.html as read from disk, with its validator and compressed forms (made on first demand). */
interface IndexDocument {
  mtimeMs: number;
  size: number;
  tag: string;
  identity: Buffer<ArrayBuffer>;
  forms: Partial<Record<ContentCoding | 'identity', IndexForm>>;
}
interface IndexForm {
  body: Buffer<ArrayBuffer>;
  etag: string;
}

const ETAG_SUFFIX: Record<ContentCoding, string> = { br: '-br', gzip: '-gz' };

/**
 * index.html, read again only when the file changes (a rebuild while the server runs), so that
 * every client route is answered from memory, compressed when the browser accepts it.
 */
function indexDocument(indexPath: string) {
  let doc: IndexDocument | undefined;
  return {
    /** The document in `coding` (undefined: as it is), or undefined when the application is not built. */
    get(coding: ContentCoding | undefined): IndexForm | undefined {
      let stats;
      try {
        stats = statSync(indexPath);
      } catch {
        return undefined;
      }
      if (!doc || doc.mtimeMs !== stats.mtimeMs || doc.size !== stats.size) {
        const identity = readFileSync(indexPath);
        const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
        doc = {
          mtimeMs: stats.mtimeMs,
          size: stats.size,
          identity,
          tag,
          forms: { identity: { body: identity, etag: `"${tag}"` } },
        };
      }
      const key = coding ?? 'identity';
      let form = doc.forms[key];
      if (!form && coding) {
        // Small and made once per build: the best compression is cheap here.
        form = {
          body: compressSync(doc.identity, coding, 11) as Buffer<ArrayBuffer>,
          etag: `"${doc.tag}${ETAG_SUFFIX[coding]}"`,
        };
        doc.forms[key] = form;
      }
      return form;
    },
  };
}

/** Files that have precompressed copies answer differently by Accept-Encoding, even when sent as they are. */
function varyIfPrecompressed(path: string, c: Context): void {
  if (path.endsWith('.br') || path.endsWith('.gz')) return; // serveStatic already said Vary
  if (existsSync(`${path}.br`) || existsSync(`${path}.gz`)) c.header('Vary', 'Accept-Encoding');
}

/**
 * Serves the built browser application from `clientDir`: hashed assets as files (with the
 * `.br` and `.gz` copies the build writes, when the browser accepts them), and index.html for
 * every other GET so that client-side routes survive a reload, compressed and revalidated (ETag).
 */
export function clientApp(clientDir: string) {
  const app = new Hono<AppEnv>();
  const root = relative(process.cwd(), clientDir) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root,
      precompressed: true,
      onFound: (path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
        varyIfPrecompressed(path, c);
      },
    }),
  );
  // A missing asset is an error, not the application (whose HTML a script tag could not run).
  app.get('/assets/*', () => {
    throw notFound('asset');
  });
  app.use('/favicon.svg', serveStatic({ root, precompressed: true, onFound: varyIfPrecompressed }));
  // The accessibility statement's figures (client/public/accessibility/results.json, written by the test suite).
  app.use(
    '/accessibility/*',
    serveStatic({ root, precompressed: true, onFound: varyIfPrecompressed }),
  );
  const index = indexDocument(`${clientDir}/index.html`);
  app.get('*', (c) => {
    const coding = negotiateEncoding(requestHeader(c, 'accept-encoding'));
    const doc = index.get(coding);
    if (!doc) {
      return c.text(
        'The browser application is not built: run `npm run build` (npm start does it).',
        503,
      );
    }
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', doc.etag);
    c.header('Vary', 'Accept-Encoding');
    const ifNoneMatch = requestHeader(c, 'if-none-match');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, doc.etag)) return c.body(null, 304);
    if (coding) c.header('Content-Encoding', coding);
    return c.body(doc.body, 200, { 'content-type': 'text/html; charset=UTF-8' });
  });
  return app;
}
