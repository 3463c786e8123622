import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  constants,
  gzip,
  gzipSync,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { nodeResponse, requestHeader } from './request-headers.js';

/** A content coding this server sends (identity aside). */
export type ContentCoding = 'br' | 'gzip';

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;
/**
 * Brotli quality of answers compressed per request. Measured on this project's answers (a 5 KB
 * page, 73 KB of OpenAPI JSON; Node 20, loaded 2-core machine): quality 4 takes 80 µs and 0.55 ms,
 * gzip level 6 takes 50-115 µs and 0.8-1.1 ms, for sizes within 3% of each other; quality 5
 * is 4-8% smaller than 4 for 15-40% more time; 9 and up take milliseconds.
 */
export const BROTLI_DYNAMIC_QUALITY = 4;
/** Brotli quality of answers compressed once and kept (page reads): a little smaller, for a little more time once. */
export const BROTLI_CACHED_QUALITY = 5;
/** Above this, compression runs on libuv's thread pool instead of blocking the event loop. */
const SYNC_MAX_BYTES = 64 * 1024;

/** Media types worth compressing (event streams and binary formats are not). */
const COMPRESSIBLE_TYPE =
  /^(?:application\/(?:json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|javascript|x-ndjson|yaml)|text\/(?:html|plain|css|csv|markdown|xml|javascript|yaml)|image\/svg\+xml)\s*(?:;|$)/i;

const brotliOptions = (size: number, quality = BROTLI_DYNAMIC_QUALITY): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: quality,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});
const GZIP_OPTIONS: ZlibOptions = { level: 6 };
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The coding to answer a request with, from its Accept-Encoding header: brotli, else gzip, unless
 * the client weighs the other higher or refuses one with `q=0`; `*` stands for any coding not
 * named. `undefined`: send the bytes as they are (identity is always acceptable to us).
 */
export function negotiateEncoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  if (!acceptEncoding) return undefined;
  let br = -1;
  let gz = -1;
  let any = -1;
  for (const part of acceptEncoding.split(',')) {
    const semi = part.indexOf(';');
    const name = (semi < 0 ? part : part.slice(0, semi)).trim().toLowerCase();
    if (name !== 'br' && name !== 'gzip' && name !== 'x-gzip' && name !== '*') continue;
    let q = 1;
    if (semi >= 0) {
      const m = /(?:^|;)\s*q\s*=\s*([0-9.]+)/i.exec(part.slice(semi));
      if (m) q = Number(m[1]) || 0;
    }
    if (name === 'br') br = q;
    else if (name === '*') any = q;
    else gz = Math.max(gz, q);
  }
  if (br < 0) br = any;
  if (gz < 0) gz = any;
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return undefined;
}

/**
 * `bytes` compressed with `coding` on this thread (for small answers).
 * @param brotliQuality BROTLI_DYNAMIC_QUALITY unless told (BROTLI_CACHED_QUALITY for kept answers).
 */
export function compressSync(
  bytes: Uint8Array,
  coding: ContentCoding,
  brotliQuality = BROTLI_DYNAMIC_QUALITY,
): Buffer {
  return coding === 'br'
    ? brotliCompressSync(bytes, brotliOptions(bytes.length, brotliQuality))
    : gzipSync(bytes, GZIP_OPTIONS);
}

/** `bytes` compressed with `coding`, on the thread pool when they are large. */
export function compressBytes(bytes: Uint8Array, coding: ContentCoding): Buffer | Promise<Buffer> {
  if (bytes.length <= SYNC_MAX_BYTES) return compressSync(bytes, coding);
  return coding === 'br'
    ? brotliAsync(bytes, brotliOptions(bytes.length))
    : gzipAsync(bytes, GZIP_OPTIONS);
}

/** What `compressAnswer` needs to know of the request, read before the handler runs (or undefined: nothing to do). */
export function answerCoding(c: Context): ContentCoding | undefined {
  return negotiateEncoding(requestHeader(c, 'accept-encoding'));
}

/** What @hono/node-server's lightweight Response keeps before any Web API is asked of it. */
type LightAnswer = [status: number, body: unknown, headers: unknown];

/**
 * The body and headers of an answer made by @hono/node-server's lightweight Response (what
 * `c.json()` builds there), read without turning it into a real Response: that conversion, and
 * reading the body back through its stream, cost as much as gzip itself on a 5 KB answer.
 * They sit under a private symbol (`Symbol("cache")`, @hono/node-server 1.19); when it is not
 * found (another runtime, another version), undefined, and the standard way is taken.
 */
function lightAnswer(
  res: Response,
): { body: string | Uint8Array; headers: [string, string][] } | undefined {
  for (const sym of Object.getOwnPropertySymbols(res)) {
    if (sym.description !== 'cache') continue;
    const light = (res as unknown as Record<symbol, unknown>)[sym];
    if (!Array.isArray(light) || light.length !== 3) return undefined;
    const [, body, headers] = light as LightAnswer;
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) return undefined;
    if (headers instanceof Headers) return { body, headers: [...headers] };
    if (Array.isArray(headers))
      return { body, headers: headers.map(([k, v]: [string, string]) => [k.toLowerCase(), v]) };
    if (headers && typeof headers === 'object') {
      return {
        body,
        headers: Object.entries(headers as Record<string, unknown>).map(([k, v]) => [
          k.toLowerCase(),
          String(v),
        ]),
      };
    }
    return { body, headers: [] };
  }
  return undefined;
}

/**
 * Compresses the finished answer `c.res` with `coding` when it is worth it: a compressible type,
 * at least COMPRESS_MIN_BYTES, not already encoded, not marked `no-transform`. The new answer
 * has the right Content-Length and `Vary: Accept-Encoding`, and is built from bytes, which
 * @hono/node-server writes in one go (hono/compress pipes a CompressionStream through its
 * streaming path instead: half the throughput on 5 KB answers, see bench:compression). Run it
 * after the handler (`next()`), with `answerCoding(c)`.
 */
export async function compressAnswer(c: Context, coding: ContentCoding): Promise<void> {
  // Set on Node's answer by a handler that sends its own compressed bytes (page reads).
  if (nodeResponse(c)?.hasHeader('content-encoding')) return;
  const res = c.res;
  const status = res.status;
  if (status < 200 || status === 204 || status === 206 || status === 304) return;
  const light = lightAnswer(res);
  const headers = light ? light.headers : [...res.headers];
  const header = (name: string) => headers.find(([k]) => k === name)?.[1];
  if (header('content-encoding') !== undefined) return;
  const type = header('content-type');
  if (!type || !COMPRESSIBLE_TYPE.test(type)) return;
  if (header('cache-control')?.includes('no-transform')) return;
  const declared = header('content-length');
  if (declared !== undefined && Number(declared) < COMPRESS_MIN_BYTES) return;
  let bytes: Uint8Array<ArrayBuffer>;
  if (light) {
    bytes = (
      typeof light.body === 'string' ? Buffer.from(light.body) : light.body
    ) as Uint8Array<ArrayBuffer>;
    if (bytes.length < COMPRESS_MIN_BYTES) return; // c.res is untouched
  } else {
    if (!res.body) return;
    bytes = new Uint8Array(await res.arrayBuffer());
  }
  const compressed =
    bytes.length >= COMPRESS_MIN_BYTES ? await compressBytes(bytes, coding) : undefined;
  if (light && !(compressed && compressed.length < bytes.length)) return; // c.res is untouched
  const out: [string, string][] = headers.filter(
    ([name]) => name !== 'content-length' && name !== 'vary',
  );
  let body = bytes;
  const vary = header('vary');
  if (compressed && compressed.length < bytes.length) {
    body = compressed as Uint8Array<ArrayBuffer>; // zlib's output never lives in shared memory
    out.push(
      ['content-encoding', coding],
      ['vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding'],
    );
  } else if (vary) {
    out.push(['vary', vary]);
  }
  out.push(['content-length', String(body.length)]);
  // A plain record is what @hono/node-server writes fastest; set-cookie may repeat, so then pairs.
  const init: HeadersInit = out.some(([name]) => name === 'set-cookie')
    ? out
    : Object.fromEntries(out);
  // Emptied first: assigning over an answer copies the old answer's headers (and length) onto the new.
  c.res = undefined;
  c.res = new Response(body, { status, headers: init });
}

/**
 * Whether an If-None-Match header names `etag` (or is `*`): weak comparison, as RFC 9110 asks
 * for If-None-Match, so a `W/` a proxy may have added does not matter.
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  for (const part of ifNoneMatch.split(',')) {
    const tag = part.trim();
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}

/**
 * Kept instead of hono/compress, on purpose (issue 14 asked for Hono's middleware unless a bench
 * shows a loss): hono/compress offers gzip and deflate only, so API answers would lose brotli
 * (tests assert `br`; page reads and the client's files are served pre-compressed either way),
 * and it streams through a CompressionStream, which @hono/node-server writes chunk by chunk.
 * `npm run bench:compression` part (c), bare app, 5 KB JSON, gzip both: 6.1k req/s here against
 * 2.6k for hono/compress on a quiet machine; 597 against 324 req/s (rounds 227/193, 292/176,
 * 1272/604) on the shared 2-core machine at load 19 (7 Dec 2026). Both are tested through the
 * real Node server in test/server/compression.test.ts.
 *
 * Wraps a middleware so that the answer it leads to is compressed (`compressAnswer`) when the
 * request accepts it. A wrapper rather than one more layer: a request without Accept-Encoding
 * (an API client, the read benchmark) goes through exactly as before.
 */
export function compressing<E extends Env>(inner: MiddlewareHandler<E>): MiddlewareHandler<E> {
  return (c, next) => {
    const coding = answerCoding(c);
    if (!coding) return inner(c, next);
    return Promise.resolve(inner(c, next)).then(async (res) => {
      if (res && !c.finalized) c.res = res;
      await compressAnswer(c, coding);
    });
  };
}
