/**
 * The y-websocket wire protocol, spoken by the server itself (what a stock `WebsocketProvider`
 * expects): every message starts with a varUint type, then
 *   0 sync       varUint step (0 step 1: state vector, 1 step 2: update, 2 update) + varUint8Array
 *   1 awareness  varUint8Array awareness update
 *   2 auth       varUint 0 (permission denied) + varString reason   (server → client)
 *   3 query awareness (client → server: "send me every awareness state")
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { User } from '../auth/users.js';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;
const AUTH_PERMISSION_DENIED = 0;

/** Name of the Y.Text holding the page markdown (the client uses the same name). */
export const TEXT_NAME = 'markdown';

/**
 * Awareness field the server publishes in its own awareness state: `{ revision }`, the page
 * revision the live text last matched (absent while the page does not exist). Clients learn from
 * it that a co-editing session created the page, or that a revision was written, without any
 * message a stock client would not understand. Only the server may set it: the field is removed
 * from the states clients send.
 */
export const PAGE_STATE_FIELD = 'page';

/**
 * WebSocket close codes used by the server. The stock client does not reconnect after a code in
 * 4400–4499 (a deliberate refusal); it does after the others.
 */
export const CLOSE = {
  /** Malformed message: the client is broken, reconnecting would not help. */
  badMessage: 4400,
  /** A reader kept sending edits after being told it may not. */
  forbidden: 4403,
  /** The server could not store an update: reconnect and re-sync from disk. */
  serverError: 1011,
  /** The server is stopping or restarting. */
  restart: 1012,
  /** The client does not read fast enough. */
  tooSlow: 1013,
  /** The session or token was revoked, or the account deleted (stock clients do not reconnect). */
  revoked: 4401,
  /** The page was deleted (4400–4499: stock clients do not reconnect). */
  pageDeleted: 4410,
  /**
   * The page was moved (renamed): the close reason is its new slug, where the editor reopens.
   * In 4400–4499 on purpose: a stock client stops instead of reconnecting to the old slug (which
   * would only be closed again with this code); it reports the code and reason in its 'closed' event.
   */
  pageMoved: 4411,
} as const;

/** How long a closing connection may take to answer the close frame before its socket is cut. */
const CLOSE_GRACE_MS = 2000;
/** Refused reader updates tolerated on one connection before it is closed. */
const MAX_REFUSED = 20;
/** Bytes queued for a client beyond which it is considered stuck and disconnected. */
const MAX_BUFFERED = 16 * 1024 * 1024;

/** A malformed or unexpected message: the connection is closed with `CLOSE.badMessage`. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** What the protocol needs from the document a connection edits. */
export interface ProtocolDoc {
  readonly name: string;
  readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Every connection open on the document (whose awareness client ids another may not claim). */
  readonly conns: ReadonlySet<CollabConnection>;
}

/** One WebSocket client of one document. */
export class CollabConnection {
  /** Awareness client ids announced through this connection (removed when it closes). */
  readonly awarenessIds = new Set<number>();
  /** Answered the last ping (dead TCP connections are found by the service's ping round). */
  alive = true;
  refused = 0;
  closed = false;

  /** The name shown in presence for an anonymous reader ("Anonyme n"), set when it connects. */
  anonymousName = '';

  constructor(
    readonly ws: WebSocket,
    readonly doc: ProtocolDoc,
    /** The authenticated user, null for an anonymous reader (re-read when the account changes). */
    public user: User | null,
    /** Contributors and above may edit; others only receive. Lowered live when the user is demoted. */
    public canWrite: boolean,
    /**
     * The session or API token the connection was opened with (`s:hash` / `t:hash`), null for an
     * anonymous reader: revoking it closes the connection.
     */
    readonly credential: string | null = null,
    /** False for a read-only API token: never allowed to write, whatever the role. */
    readonly writeScope: boolean = true,
  ) {}

  /** Sends one binary message (the same buffer may be sent to many connections). */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== 1) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED) {
      this.close(CLOSE.tooSlow, 'client too slow');
      return;
    }
    this.ws.send(message);
  }

  /** Closes the connection (idempotent). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
      return;
    }
    // A peer that never answers the close frame would hold the socket (and a stopping server) for 30 s.
    setTimeout(() => {
      if (this.ws.readyState !== 3) this.ws.terminate();
    }, CLOSE_GRACE_MS).unref();
  }
}

/** `[sync][update][update bytes]`: built once per update and sent to every receiver. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[sync][step 1][state vector of doc]`. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

/** `[sync][step 2][what doc has beyond stateVector]`. @throws on a malformed state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
  return encoding.toUint8Array(encoder);
}

/** `[awareness][states of clients]`. */
export function encodeAwarenessMessage(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** `[auth][permission denied][reason]`: the stock client logs it; the connection stays open. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** The first messages of a connection: our state vector (the client answers with what we lack) and who is here. */
export function greet(conn: CollabConnection): void {
  const { ydoc, awareness } = conn.doc;
  conn.send(encodeSyncStep1(ydoc));
  const states = awareness.getStates();
  if (states.size > 0) conn.send(encodeAwarenessMessage(awareness, [...states.keys()]));
}

/**
 * True when an update brings nothing the document does not already have (no new structs, no new
 * deletions). A reader's client sends such an update (sync step 2) on every connection.
 * @throws on a malformed update.
 */
export function updateIsNoop(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false;
  }
  if (ds.clients.size === 0) return true;
  const have = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of ds.clients) {
    const ranges = have.clients.get(client) ?? [];
    for (const item of items) {
      if (item.len === 0) continue;
      // Ranges are sorted and merged: find the last one starting at or before item.clock.
      let lo = 0;
      let hi = ranges.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (ranges[mid].clock <= item.clock) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0 || ranges[found].clock + ranges[found].len < item.clock + item.len)
        return false;
    }
  }
  return true;
}

/** What the protocol hands to the document layer. */
export interface UpdateSink {
  /** Applies a validated update from a connection allowed to write (persisted before broadcast). */
  applyUpdate(conn: CollabConnection, update: Uint8Array): void;
}

/**
 * The part of an awareness update a connection may apply: the states of its own client ids. The
 * awareness protocol lets any peer set or remove any client id's state with a higher clock; a
 * connection could otherwise rewrite or remove another person's presence (its cursor, its name)
 * or the server's own state (the page revision editors follow). An id announced by another
 * connection of the same account may be taken over (a client reconnecting before the server
 * noticed its old socket died); then the old connection no longer removes it when it closes.
 * @returns the update to apply (the same bytes when nothing was left out), or null when none is left.
 * @throws on a malformed update.
 */
export function ownAwareness(conn: CollabConnection, update: Uint8Array): Uint8Array | null {
  const { awareness, conns } = conn.doc;
  const decoder = decoding.createDecoder(update);
  const kept: [clientID: number, clock: number, state: string][] = [];
  let dropped = false;
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    const owner =
      clientID === awareness.clientID
        ? null
        : ([...conns].find((c) => c !== conn && c.awarenessIds.has(clientID)) ?? conn);
    const sameAccount =
      owner !== null && (owner === conn || (!!owner.user && owner.user.id === conn.user?.id));
    if (!sameAccount) {
      dropped = true;
      continue;
    }
    if (owner !== conn) {
      owner.awarenessIds.delete(clientID);
      conn.awarenessIds.add(clientID);
    }
    kept.push([clientID, clock, state]);
  }
  if (!dropped) return update;
  if (!kept.length) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const [clientID, clock, state] of kept) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Handles one incoming binary message of a connection.
 * @throws ProtocolError (or a decoding error) for a malformed message: the caller closes the connection.
 */
export function handleMessage(conn: CollabConnection, data: Uint8Array, sink: UpdateSink): void {
  const { ydoc, awareness } = conn.doc;
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP1) {
        conn.send(encodeSyncStep2(ydoc, decoding.readVarUint8Array(decoder)));
      } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        const update = decoding.readVarUint8Array(decoder);
        if (conn.canWrite) {
          // Decode fully before applying: a malformed update must not be half applied.
          Y.decodeUpdate(update);
          sink.applyUpdate(conn, update);
        } else if (!updateIsNoop(ydoc, update)) {
          conn.refused++;
          if (conn.refused > MAX_REFUSED)
            conn.close(CLOSE.forbidden, 'read-only access: edits refused');
          else conn.send(encodePermissionDenied('read-only access: your edit was not applied'));
        }
      } else {
        throw new ProtocolError(`unknown sync step ${step}`);
      }
      return;
    }
    case MESSAGE_AWARENESS: {
      const update = ownAwareness(conn, decoding.readVarUint8Array(decoder));
      if (update) awarenessProtocol.applyAwarenessUpdate(awareness, update, conn);
      return;
    }
    case MESSAGE_QUERY_AWARENESS:
      conn.send(encodeAwarenessMessage(awareness, [...awareness.getStates().keys()]));
      return;
    case MESSAGE_AUTH:
      return; // only the server sends these
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}
