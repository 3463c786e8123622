import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Database } from '../db/open.js';
import { getUser, hasRole, type User } from '../auth/users.js';
import { accessEnded } from './access-guard.js';
import type { WikiServices } from '../../registry/wiki/services.js';
import { findPage } from '../../registry/wiki/pages.js';
import { CollabStore } from './persistence.js';
import { DocumentManager, type CollabOptions, type CollabStats } from './documents.js';
import { CLOSE, CollabConnection, greet, handleMessage } from './protocol.js';
import { renameInPresence } from './presence.js';

/** Whether a document holds every update a peer with that state vector has seen. */
function covers(ydoc: Y.Doc, stateVector: Uint8Array): boolean {
  const mine = Y.decodeStateVector(Y.encodeStateVector(ydoc));
  for (const [client, clock] of Y.decodeStateVector(stateVector))
    if ((mine.get(client) ?? 0) < clock) return false;
  return true;
}

/** How often connections are pinged; one without a pong since the previous round is terminated. */
const PING_INTERVAL_MS = 30_000;

/** Options of the service beyond those of its documents. */
export interface CollabServiceOptions extends CollabOptions {
  /**
   * How often every open connection's session, token and account are checked (ms): a socket
   * whose session expired is closed within this delay. Default 15 s.
   */
  accessCheckMs?: number;
}

/**
 * Real-time co-editing of wiki pages: the entry point the WebSocket route and the app use.
 * Builds the store and the document manager, follows page saves made elsewhere, recovers
 * revisions left pending by a crash, and pings connections to find dead ones.
 */
export class CollabService {
  readonly store: CollabStore;
  readonly documents: DocumentManager;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly accessTimer: NodeJS.Timeout;
  private anonymousCount = 0;

  constructor(
    private readonly db: Database,
    wiki: WikiServices,
    options: CollabServiceOptions,
  ) {
    this.store = new CollabStore(db);
    this.documents = new DocumentManager(db, wiki, this.store, options);
    wiki.onPageChanged((page, origin) => {
      if (origin !== 'collab') this.documents.pageChanged(page);
    });
    wiki.onPageDeleted((slug) => this.documents.pageDeleted(slug));
    wiki.onPageMoved((from, page) => this.documents.pageMoved(from, page.slug));
    this.documents.recover();
    this.pingTimer = setInterval(() => this.pingRound(), PING_INTERVAL_MS);
    this.pingTimer.unref();
    this.accessTimer = setInterval(() => this.checkAccess(), options.accessCheckMs ?? 15_000);
    this.accessTimer.unref();
  }

  /**
   * Opens a connection on a page's document (loaded completely first) and sends the greeting.
   * @param canWrite whether the user may edit (contributor or above).
   * @param seedTitle for a writer opening a page that does not exist yet: its title, put as a
   *   `# heading` at the start of the still empty text (see `DocumentManager.seedNewPage`).
   */
  connect(
    name: string,
    ws: WebSocket,
    user: User | null,
    canWrite: boolean,
    seedTitle?: string,
    access: { credential: string | null; writeScope: boolean } = {
      credential: null,
      writeScope: true,
    },
  ): CollabConnection {
    const doc = this.documents.acquire(name);
    if (canWrite && seedTitle) this.documents.seedNewPage(doc, seedTitle, user?.id ?? null);
    const conn = new CollabConnection(
      ws,
      doc,
      user,
      canWrite,
      access.credential,
      access.writeScope,
    );
    if (!user) conn.anonymousName = `Anonyme ${++this.anonymousCount}`;
    this.documents.attach(conn, doc);
    ws.on('pong', () => {
      conn.alive = true;
    });
    // ws reports oversized and invalid frames here, and closes the socket itself.
    ws.on('error', (err) => {
      console.warn(
        `[collab] closing a connection to "${name}" (user ${user?.id ?? 'anonymous'}): ${err.message}`,
      );
    });
    greet(conn);
    return conn;
  }

  /** Handles one message; a malformed one closes that connection only, with a logged reason. */
  message(conn: CollabConnection, data: ArrayBuffer | string): void {
    if (conn.closed) return;
    if (typeof data === 'string') {
      this.refuse(conn, 'text frames are not part of the protocol');
      return;
    }
    try {
      handleMessage(conn, new Uint8Array(data), this.documents);
    } catch (err) {
      this.refuse(conn, `malformed message (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private refuse(conn: CollabConnection, reason: string): void {
    console.warn(
      `[collab] closing a connection to "${conn.doc.name}" (user ${conn.user?.id ?? 'anonymous'}): ${reason}`,
    );
    conn.close(CLOSE.badMessage, reason.slice(0, 120));
  }

  /** Forgets a closed connection. */
  disconnect(conn: CollabConnection): void {
    conn.closed = true;
    this.documents.detach(conn);
  }

  private pingRound(): void {
    for (const doc of this.documents.loaded()) {
      for (const conn of doc.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        try {
          conn.ws.ping();
        } catch {
          conn.ws.terminate();
        }
      }
    }
  }

  /**
   * Applies an account change to its open connections at once: a revoked or expired session or
   * token, a deleted or locked account (forced password reset), or a writer demoted below
   * contributor closes them (`CLOSE.revoked`, the reason says which; see `accessEnded`); a
   * promotion closes it with `CLOSE.restart` so the client reconnects and re-syncs with write
   * rights; the name shown in presence follows the account. Call it after committing the change.
   * @returns how many connections were closed for good.
   */
  accountChanged(userId: number): number {
    const user = getUser(this.db, userId);
    let closed = 0;
    for (const doc of this.documents.loaded()) {
      for (const conn of doc.conns) {
        if (conn.user?.id !== userId || conn.closed) continue;
        const ended = accessEnded(this.db, conn, user);
        if (ended || !user) {
          conn.close(CLOSE.revoked, ended ?? 'account deleted');
          closed++;
          continue;
        }
        const canWrite = conn.writeScope && hasRole(user.role, 'contributor');
        if (canWrite && !conn.canWrite) {
          // Promoted: the client's edits refused meanwhile are missing on our side, and Yjs would
          // hold its later ones back for them. Reconnecting (a stock client does after 1012)
          // re-syncs everything with the new rights.
          conn.close(CLOSE.restart, 'role changed');
          continue;
        }
        conn.user = user;
        conn.canWrite = canWrite;
        renameInPresence(doc, conn);
      }
    }
    return closed;
  }

  /**
   * Checks every signed-in connection (the periodic sweep): closes those whose session expired or
   * whose access ended in a way no route announced (see `accessEnded`).
   * @returns how many connections were closed.
   */
  checkAccess(): number {
    const users = new Map<number, User | undefined>();
    let closed = 0;
    for (const doc of this.documents.loaded()) {
      for (const conn of doc.conns) {
        if (!conn.user || conn.closed) continue;
        const id = conn.user.id;
        if (!users.has(id)) users.set(id, getUser(this.db, id));
        const ended = accessEnded(this.db, conn, users.get(id));
        if (ended) {
          conn.close(CLOSE.revoked, ended);
          closed++;
        }
      }
    }
    return closed;
  }

  /** Writes the pending co-edits of a page as a revision now (before a REST write to it, or its deletion). */
  flush(name: string): void {
    const doc = this.documents.get(name);
    if (doc) this.documents.saveRevision(doc);
  }

  /**
   * An editor's *Enregistrer maintenant*: writes the pending co-edits of a page as a revision with
   * that summary. The request travels apart from the WebSocket, so it may arrive before the last
   * keystrokes it is meant to save: with the editor's state vector, the server waits (up to
   * `waitMs`) until the live document holds everything the editor had, then writes.
   * @param stateVector the editor's `Y.encodeStateVector(doc)`.
   * @returns the page revision the live text now matches (0: the page does not exist), whether a
   *   revision was written, and whether the document held all of the editor's edits.
   */
  async saveNow(
    name: string,
    opts: { summary?: string; stateVector?: Uint8Array; waitMs?: number },
  ): Promise<{ revision: number; saved: boolean; complete: boolean }> {
    const deadline = Date.now() + (opts.waitMs ?? 3000);
    let doc = this.documents.get(name);
    let complete = !opts.stateVector || (!!doc && covers(doc.ydoc, opts.stateVector));
    while (!complete && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      doc = this.documents.get(name);
      complete = !!doc && covers(doc.ydoc, opts.stateVector!);
    }
    if (!doc) return { revision: findPage(this.db, name)?.revision ?? 0, saved: false, complete };
    const before = this.stats().revisionsWritten;
    this.documents.saveRevision(doc, opts.summary);
    return { revision: doc.baseRevision, saved: this.stats().revisionsWritten > before, complete };
  }

  /** Counters for figures and tests. */
  stats(): CollabStats {
    return this.documents.stats();
  }

  /** Writes pending revisions, compacts, and closes every connection. */
  close(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.accessTimer);
    this.documents.close();
  }
}
