import type { IncomingMessage } from 'node:http';
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

/** One cookie's value from the Cookie header, or undefined. */
export function requestCookie(c: Context, name: string): string | undefined {
  const header = requestHeader(c, 'cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}
