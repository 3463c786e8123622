import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * One request header, read from Node's IncomingMessage when the app runs on @hono/node-server.
 * `c.req.header()` makes @hono/node-server build a full WHATWG Headers object for the request,
 * which costs more than the rest of a cached page read; tests (`app.request`) fall back to it.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming?.headers) {
    const v = incoming.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header(name);
}

/**
 * Node's ServerResponse of the request when the app runs on @hono/node-server (undefined in tests
 * through `app.request`).
 */
export function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  return outgoing && typeof outgoing.setHeader === 'function' ? outgoing : undefined;
}

/**
 * Sets a header of the answer the handler is about to return. On @hono/node-server it goes on
 * Node's ServerResponse, which merges it into the answer without the WHATWG Headers object that
 * `c.header` (or more than one header given to `c.body`) builds per request; elsewhere (tests
 * through `app.request`) `c.header` is used. Set before the handler runs, it is on error answers too.
 */
export function setAnswerHeader(c: Context, name: string, value: string): void {
  const outgoing = nodeResponse(c);
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}
