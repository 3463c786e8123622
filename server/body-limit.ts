import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.js';
import { AppError } from './errors.js';

/**
 * The one route whose body may exceed `config.bodyLimit`: commons bundle imports, admins only,
 * limited by `config.importBodyLimit` instead. The global body-limit middleware skips this exact
 * path (one string comparison per write request); the route applies `importBodyLimit` itself,
 * after its role check.
 */
export const IMPORT_PATH = '/api/import';

/**
 * A middleware refusing bodies larger than `maxSize` bytes with a 413 `payload_too_large` that
 * names the limit (from Content-Length at once, or while a chunked body streams in).
 * @param maxSize largest accepted body, in bytes.
 */
export function limitBodyTo(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `The body is larger than ${maxSize} bytes`);
    },
  });
}

/** The middlewares of each limit value, made once (a configuration rarely has more than one). */
const limitsBySize = new Map<number, MiddlewareHandler<AppEnv>>();

/**
 * A body-limit middleware whose size is read from the app's configuration at each request.
 * @param sizeOf picks the limit in bytes from the configuration.
 */
const configuredLimit =
  (sizeOf: (config: AppEnv['Variables']['config']) => number): MiddlewareHandler<AppEnv> =>
  (c, next) => {
    const maxSize = sizeOf(c.get('config'));
    let limit = limitsBySize.get(maxSize);
    if (!limit) limitsBySize.set(maxSize, (limit = limitBodyTo(maxSize)));
    return limit(c, next);
  };

/** The body limit of `POST /api/import`: `config.importBodyLimit` bytes (413 above). */
export const importBodyLimit = configuredLimit((config) => config.importBodyLimit);

/**
 * File uploads (`POST /api/files`) are limited by `config.uploadLimit` (LC_UPLOAD_LIMIT) instead
 * of the body limit: the global middleware skips this path too, the route applies `uploadBodyLimit`.
 */
export const UPLOAD_PATH = '/api/files';

/** The body limit of `POST /api/files`: `config.uploadLimit` bytes (413 above). */
export const uploadBodyLimit = configuredLimit((config) => config.uploadLimit);
