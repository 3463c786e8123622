/**
 * The co-editing WebSocket route, `GET /collab/:slug` (y-websocket room name = page slug).
 * Authentication happens before the upgrade: a refused request gets a plain HTTP error status
 * and no WebSocket.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { getCookie } from 'hono/cookie';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { AppEnv } from '../env.js';
import { AppError, badRequest, forbidden, notFound, unauthenticated } from '../errors.js';
import { SESSION_COOKIE } from '../auth/middleware.js';
import { forwardedHost } from '../auth/proxy.js';
import { getSession, hasRole, userForApiToken, type User } from '../auth/users.js';
import {
  findDeletion,
  findPage,
  findRedirect,
  pageDeletedError,
  SLUG_RE,
} from '../../registry/wiki/pages.js';
import { CLOSE, type CollabConnection } from './protocol.js';
import { accountBlocked } from './access-guard.js';
import { describeRoute, errorAnswer, type RouteDoc } from '../openapi/describe.js';

/** Refuses an account that may not co-edit at all (an admin forced a password reset). @throws AppError 403. */
function refuseBlocked(user: User): void {
  if (accountBlocked(user))
    throw new AppError(
      403,
      'password_reset_required',
      'An administrator asked for a new password: reset it before co-editing',
    );
}

/** Who is connecting, and with which credential, from `?token=`, `Authorization: Bearer`, or the session cookie. */
function authenticateUpgrade(
  c: import('hono').Context<AppEnv>,
): { user: User; credential: string; writeScope: boolean } | null {
  const db = c.get('db');
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const token = c.req.query('token') ?? bearer;
  if (token !== undefined) {
    const user = userForApiToken(db, token);
    if (!user) throw unauthenticated('Invalid API token');
    refuseBlocked(user);
    return { user, credential: user.credential, writeScope: user.tokenScope === 'write' };
  }
  const sid = getCookie(c, SESSION_COOKIE);
  const session = sid ? getSession(db, sid) : undefined;
  // A cookie naming no live session (expired, logged out, revoked): refused, not downgraded to an
  // anonymous reader, so a socket never outlives its session by reconnecting.
  if (sid && !session)
    throw unauthenticated('Your session has ended (expired, logged out or revoked): log in again');
  if (!session) return null;
  refuseBlocked(session.user);
  // Cookies ride along on cross-site WebSocket handshakes too: only our own pages may use them.
  const origin = c.req.header('origin');
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw forbidden('Invalid Origin header');
    }
    // X-Forwarded-Host only counts when a trusted proxy (LC_TRUST_PROXY) sent it.
    const hosts = [c.req.header('host'), forwardedHost(c, c.get('services').proxies)];
    if (!hosts.includes(originHost))
      throw forbidden('Cross-site WebSocket connections are refused');
  }
  return { user: session.user, credential: session.credential, writeScope: true };
}

/** The handshake's documentation (OpenAPI has no WebSocket notion: the upgrade is described as a GET). */
const HANDSHAKE_DOC: RouteDoc = {
  tags: ['collab'],
  summary: 'Open a co-editing WebSocket on a page (y-websocket protocol; room name = page slug)',
  description:
    'Speaks the y-websocket protocol: binary messages whose first varUint is 0 (sync: step 1, step 2, update) or ' +
    '1 (awareness); the server may send 2 (auth: permission denied) to a reader whose edit was refused. ' +
    "A stock `WebsocketProvider('wss://HOST/collab', slug, doc, { params: { token } })` works as is. " +
    'The page text is the Y.Text named `markdown`. Authentication happens before the upgrade, with the session ' +
    'cookie (same-origin pages only) or `?token=` (API token). Readers receive live edits; contributors and ' +
    'above may also edit, and may open a page that does not exist yet (it is created by the first co-editing ' +
    'revision). Every update is stored before it is broadcast. A revision is written after a quiet period and ' +
    'when the last editor leaves. A writer opening a page that does not exist yet may pass `?title=`: the server ' +
    'starts the still empty text with `# title` once (whoever opens the page first), so concurrent creators do not ' +
    'each add a heading. The server publishes `{ page: { revision } }` as its own awareness state once the page ' +
    'exists (and at each new revision); clients cannot set that field. Close codes: 4400 malformed message, 4403 reader kept sending edits, ' +
    '1009 message too large, 1011 storage failure, 1012 server restarting, 1013 client too slow.',
  params: { slug: { schema: z.string().regex(SLUG_RE) } },
  query: {
    token: { description: 'API token (instead of the session cookie)', schema: z.string() },
    title: {
      description:
        'Writers creating a page: its title, seeded once as the first `# heading` of the empty text',
      schema: z.string().max(200),
    },
  },
  responses: {
    101: { description: 'Switching protocols: the WebSocket is open' },
    400: errorAnswer('Invalid slug'),
    401: errorAnswer('Invalid token, or anonymous visitor on a private wiki'),
    403: errorAnswer('Cookie-authenticated handshake from another origin'),
    404: errorAnswer('No such page (only contributors may open a page that does not exist yet)'),
    426: errorAnswer('Not a WebSocket handshake'),
  },
};

/**
 * Builds the route. Anyone who may read pages may connect and receive live edits; only
 * contributors and above may send edits. A page that does not exist yet may be opened by a
 * contributor (it is created by the first co-editing revision); others get 404. A deleted page
 * is refused to everyone (404 `page_deleted`): it is restored, never recreated, by co-editing.
 * The old slug of a moved page is closed at once with `CLOSE.pageMoved` and the new slug as reason.
 */
export function collabRoutes(upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  return new Hono<AppEnv>().get(
    '/:slug',
    describeRoute(HANDSHAKE_DOC),
    upgradeWebSocket((c) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new AppError(
          426,
          'bad_request',
          'This address only accepts WebSocket connections (y-websocket protocol)',
        );
      }
      const slug = c.req.param('slug') ?? '';
      if (!SLUG_RE.test(slug))
        throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
      const who = authenticateUpgrade(c);
      const user = who?.user ?? null;
      if (!user && !c.get('config').publicRead)
        throw unauthenticated('This wiki is private: log in to read it');
      const canWrite = !!who && who.writeScope && hasRole(who.user.role, 'contributor');
      const access = { credential: who?.credential ?? null, writeScope: who?.writeScope ?? false };
      const db = c.get('db');
      const deletion = findDeletion(db, slug);
      if (deletion) throw pageDeletedError(deletion);
      // A moved page's old slug: the connection opens and is closed at once with the new slug, like
      // a connection open at the move (the editor reopens there; nothing is created at the old slug).
      const movedTo = findRedirect(db, slug)?.to;
      if (movedTo === undefined && !canWrite && !findPage(db, slug))
        throw notFound(`page "${slug}"`);
      // `?title=`: the title of a page a writer creates, seeded once as its first heading.
      const seedTitle = canWrite ? c.req.query('title')?.slice(0, 400) : undefined;
      const collab = c.get('services').collab;
      let conn: CollabConnection | null = null;
      return {
        onOpen(_evt, ws) {
          // Deleted between the handshake and now: refused like a connection open at the deletion.
          if (findDeletion(db, slug)) {
            ws.close(CLOSE.pageDeleted, 'page deleted');
            return;
          }
          const moved = findRedirect(db, slug)?.to;
          if (moved !== undefined) {
            ws.close(CLOSE.pageMoved, moved);
            return;
          }
          try {
            conn = collab.connect(slug, ws.raw!, user, canWrite, seedTitle, access);
          } catch (err) {
            console.error(`[collab] could not open "${slug}"`, err);
            ws.close(1011, 'could not open the document');
          }
        },
        onMessage(evt) {
          if (conn) collab.message(conn, evt.data as ArrayBuffer | string);
        },
        onClose() {
          if (conn) collab.disconnect(conn);
        },
        // No onError here: the adapter builds an ErrorEvent, which Node 20 lacks; the service
        // listens to the socket's 'error' events itself.
      };
    }),
  );
}
