/**
 * The document manager: loads co-editing documents from SQLite (completely, synchronously, before
 * the first sync message), persists each update before broadcasting it, keeps the page and the
 * live document in step in both directions (revisions out through `RevisionWriter`, REST edits
 * in), and unloads idle documents. Presence rules are in presence.ts.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Database } from '../db/open.js';
import { findPage, type Page } from '../../registry/wiki/pages.js';
import { stmt } from '../../registry/wiki/statements.js';
import type { WikiServices } from '../../registry/wiki/services.js';
import type { CollabStore } from './persistence.js';
import { CLOSE, CollabConnection, encodeUpdateMessage, type UpdateSink } from './protocol.js';
import { diffText } from './text-diff.js';
import { mergeText } from './text-merge.js';
import { LiveDoc, seedHeading, ServerOrigin } from './live-doc.js';
import { announceRevision, relayAwareness, type AwarenessChange } from './presence.js';
import { RevisionWriter, type RevisionTimings } from './revisions.js';

export { LiveDoc, seedHeading, titleFor } from './live-doc.js';

// Read before each write of a live document, to notice saves made by another process.
const SQL_HEAD_REVISION = `SELECT revision FROM pages WHERE slug = @slug AND deleted_at IS NULL`;
const SQL_REVISION_TEXT = `SELECT r.markdown FROM revisions r JOIN pages p ON p.id = r.page_id
  WHERE p.slug = @slug AND r.number = @number`;

/** Timings and thresholds of the document manager. */
export interface CollabOptions extends RevisionTimings {
  /** The update log is folded into the snapshot after this many updates. */
  compactEvery: number;
  /** A document nobody is connected to is unloaded after this long (ms). */
  unloadMs: number;
}

/** Counters for figures and tests. */
export interface CollabStats {
  loadedDocs: number;
  connections: number;
  updatesPersisted: number;
  revisionsWritten: number;
}

/** Loads, keeps and unloads the live documents. One instance per app. */
export class DocumentManager implements UpdateSink {
  private readonly docs = new Map<string, LiveDoc>();
  private closed = false;
  private updatesPersisted = 0;
  private readonly revisions: RevisionWriter;

  constructor(
    private readonly db: Database,
    wiki: WikiServices,
    private readonly store: CollabStore,
    private readonly opts: CollabOptions,
  ) {
    this.revisions = new RevisionWriter(db, wiki, store, opts);
  }

  /** The loaded document of that name, if any. */
  get(name: string): LiveDoc | undefined {
    return this.docs.get(name);
  }

  /** Every loaded document. */
  loaded(): IterableIterator<LiveDoc> {
    return this.docs.values();
  }

  /** The loaded document, loading it (synchronously, completely) if needed. */
  acquire(name: string): LiveDoc {
    let doc = this.docs.get(name);
    if (doc?.failed) {
      this.drop(doc, 'storage failure');
      doc = undefined;
    }
    if (doc) this.catchUp(doc);
    if (!doc || doc.destroyed) doc = this.load(name);
    if (doc.unloadTimer) {
      clearTimeout(doc.unloadTimer);
      doc.unloadTimer = null;
    }
    return doc;
  }

  /** Adds a connection to its document. */
  attach(conn: CollabConnection, doc: LiveDoc): void {
    doc.conns.add(conn);
  }

  /**
   * Starts the text of a page that does not exist yet with its title as a `# heading`, once: only
   * while the text is empty (the first writer to open the page seeds it; whoever comes next, even
   * a moment later, finds it there). Done by the server, synchronously, so two people opening or
   * typing into the same new page at once cannot both add a heading. Not an edit: it writes no
   * revision, and a document left with only its heading is forgotten when unloaded.
   * @param userId who opened the page (the update's author in the log).
   * @returns whether the heading was added.
   */
  seedNewPage(doc: LiveDoc, title: string, userId: number | null): boolean {
    const heading = seedHeading(title);
    if (!heading || doc.failed || doc.text.length > 0 || findPage(this.db, doc.name)) return false;
    doc.ydoc.transact(() => doc.text.insert(0, heading), new ServerOrigin(userId));
    return !doc.failed;
  }

  /** Removes a closed connection; saves a revision when the last editor left, unloads later. */
  detach(conn: CollabConnection): void {
    const doc = this.docs.get(conn.doc.name);
    if (!doc || !doc.conns.delete(conn)) return;
    if (conn.awarenessIds.size)
      awarenessProtocol.removeAwarenessStates(doc.awareness, [...conn.awarenessIds], null);
    let editors = 0;
    for (const c of doc.conns) if (c.canWrite) editors++;
    if (editors === 0) this.saveRevision(doc);
    if (doc.conns.size === 0) this.scheduleUnload(doc);
  }

  /** Applies an update from a client: persisted (in the update handler) before it is broadcast. */
  applyUpdate(conn: CollabConnection, update: Uint8Array): void {
    const doc = this.docs.get(conn.doc.name);
    // A connection of a dropped document (being closed) must not write into its reloaded successor.
    if (!doc || doc !== conn.doc || doc.failed) return;
    Y.applyUpdate(doc.ydoc, update, conn);
    // As soon as someone types, a save made meanwhile by another process is merged in.
    this.catchUp(doc);
  }

  /**
   * Brings a loaded document up to its page when the page was saved since by something this
   * server was not told about (another process: a CLI import, a script, a second server on the same
   * file): the head revision is read (one indexed row) and compared with the document's base.
   * Co-edits not yet written are merged with that save, not erased (see `applyPageChange`).
   * Never throws: a storage failure drops the document (its clients re-sync from disk).
   */
  private catchUp(doc: LiveDoc): void {
    if (doc.failed || doc.destroyed) return;
    try {
      const head = stmt(this.db, SQL_HEAD_REVISION).get({ slug: doc.name }) as
        { revision: number } | undefined;
      if (head === undefined || head.revision <= doc.baseRevision) return;
      const page = findPage(this.db, doc.name);
      if (page) this.applyPageChange(doc, page);
    } catch (err) {
      console.error(`[collab] could not catch up with a save of "${doc.name}"`, err);
    }
  }

  private load(name: string): LiveDoc {
    const doc = new LiveDoc(name);
    const stored = this.store.read(name);
    if (stored) {
      if (stored.updates.length)
        Y.applyUpdate(
          doc.ydoc,
          stored.updates.length === 1 ? stored.updates[0] : Y.mergeUpdates(stored.updates),
        );
      doc.lastUpdateId = stored.lastUpdateId;
      doc.logLength = stored.logLength;
      doc.baseRevision = stored.baseRevision;
      if (stored.dirty) this.revisions.resume(doc, stored.spanAuthors);
    }
    // Registered after loading: what was read from disk is not written again.
    doc.ydoc.on('update', (update: Uint8Array, origin: unknown) =>
      this.onUpdate(doc, update, origin),
    );
    doc.awareness.on('update', (change: AwarenessChange, origin: unknown) =>
      relayAwareness(doc, change, origin),
    );
    this.docs.set(name, doc);
    try {
      const page = findPage(this.db, name);
      // Seeds a never co-edited page (its first forward change), or catches up with saves made
      // while the server was not watching (an import by another process, for instance).
      if (page && page.revision > doc.baseRevision) this.applyPageChange(doc, page);
      else if (!stored) this.store.ensure(name);
    } catch (err) {
      this.drop(doc, 'load failed');
      throw err;
    }
    if (doc.logLength >= this.opts.compactEvery) this.compact(doc);
    announceRevision(doc);
    return doc;
  }

  /** The doc's 'update' handler: append to SQLite, then broadcast. Never throws (Yjs would be left mid-cleanup). */
  private onUpdate(doc: LiveDoc, update: Uint8Array, origin: unknown): void {
    if (doc.failed) return;
    const conn = origin instanceof CollabConnection ? origin : null;
    const userId = conn
      ? (conn.user?.id ?? null)
      : origin instanceof ServerOrigin
        ? origin.userId
        : null;
    try {
      doc.lastUpdateId = this.store.appendUpdate(doc.name, update, userId);
    } catch (err) {
      console.error(
        `[collab] could not store an update of "${doc.name}"; dropping the document from memory`,
        err,
      );
      doc.failed = true;
      setImmediate(() => this.drop(doc, 'storage failure'));
      return;
    }
    this.updatesPersisted++;
    doc.logLength++;
    const message = encodeUpdateMessage(update);
    if (doc.held) doc.held.push(message);
    else doc.broadcast(message, conn);
    if (conn) this.revisions.edited(doc, conn);
    if (doc.logLength >= this.opts.compactEvery && !doc.compactScheduled) {
      doc.compactScheduled = true;
      setImmediate(() => {
        doc.compactScheduled = false;
        if (!doc.destroyed) this.compact(doc);
      });
    }
  }

  /**
   * Writes the live text as a page revision (origin 'collab') attributed to the span's editors,
   * when it differs from the page (see `RevisionWriter.save`). No-op when nothing is pending.
   * @param summary the revision's summary (an editor's *Enregistrer maintenant*), else "Co-édition".
   */
  saveRevision(doc: LiveDoc, summary?: string): void {
    // A save by another process since the document's base is merged in first, so that writing the
    // live text does not undo it; `save` checks again in its transaction (it may have come since).
    for (let attempt = 0; attempt < 3 && doc.dirty; attempt++) {
      this.catchUp(doc);
      if (this.revisions.save(doc, summary) !== 'stale') return;
    }
  }

  /**
   * A page was saved by someone else (REST, revert, import): the live document is brought to the
   * saved text by a forward change (the minimal deletions and insertions, one transaction), so
   * connected clients and clients reconnecting later merge it without duplicating or resurrecting
   * anything, and the document and the page stay equal. An unloaded document with stored state is
   * loaded for it (then unloaded), so the stored state never lags behind the page.
   */
  pageChanged(page: Page): void {
    if (this.closed) return;
    const loaded = this.docs.get(page.slug);
    if (loaded) {
      this.applyPageChange(loaded, page);
      return;
    }
    if (!this.store.has(page.slug)) return; // seeded from the page when first opened
    const doc = this.load(page.slug); // load() applies the change
    if (doc.conns.size === 0) this.scheduleUnload(doc);
  }

  /**
   * A page was deleted (its pending co-edits were written just before): its connections are
   * closed with `CLOSE.pageDeleted` and the document leaves memory. Its stored state is kept, so
   * a restored page goes on with the same document (clients that kept theirs merge cleanly).
   */
  pageDeleted(name: string): void {
    const doc = this.docs.get(name);
    if (!doc) return;
    this.saveRevision(doc);
    this.compact(doc);
    for (const c of doc.conns) c.close(CLOSE.pageDeleted, 'page deleted');
    this.destroy(doc);
  }

  /**
   * A page was moved (its pending co-edits were written just before, and its stored document
   * moved to the new slug in the move's transaction): the document of the old slug leaves memory
   * without writing anything, its connections closed with `CLOSE.pageMoved` and the new slug as
   * reason. A document loaded at the new slug (a page being opened for creation there) is dropped
   * too: its clients reconnect and get the moved page.
   */
  pageMoved(from: string, to: string): void {
    const doc = this.docs.get(from);
    if (doc) {
      for (const c of doc.conns) c.close(CLOSE.pageMoved, to);
      this.destroy(doc);
    }
    const target = this.docs.get(to);
    if (target) {
      for (const c of target.conns) c.close(CLOSE.restart, 'page moved here');
      this.destroy(target);
    }
  }

  /**
   * Brings the live text to a newer page revision by a forward change. Co-edits not yet written
   * (`doc.dirty`) are kept: the save is three-way merged into the live text (`mergeText`, from the
   * text of the revision the document was based on), the document stays dirty, and its next
   * revision holds both. That happens for saves that could not write the co-edits first: another
   * process's, or a hook's inside a request about something else. Saves made through this server's
   * routes write the co-edits first (`flushCoEditsBeforeWrite`), so nothing is pending then and the
   * saved text is taken as it is.
   */
  private applyPageChange(doc: LiveDoc, page: Page): void {
    if (page.revision <= doc.baseRevision || doc.failed) return;
    const live = doc.text.toString();
    const merge = doc.dirty
      ? mergeText(this.revisionText(doc.name, doc.baseRevision), live, page.markdown)
      : null;
    const edits = merge ? merge.edits : diffText(live, page.markdown);
    doc.held = [];
    try {
      this.store.transaction(() => {
        this.store.ensure(doc.name);
        if (doc.applyEdits(edits, page.updatedBy) && doc.failed)
          throw new Error('the forward change could not be stored');
        this.store.setBase(doc.name, page.revision);
      });
    } catch (err) {
      doc.held = null;
      // The in-memory document may be ahead of the disk: drop it, clients re-sync from disk.
      this.drop(doc, 'storage failure');
      throw err;
    }
    const held = doc.held;
    doc.held = null;
    for (const m of held) doc.broadcast(m, null);
    if (!merge) {
      this.revisions.settled(doc, page.revision);
      return;
    }
    doc.baseRevision = page.revision;
    announceRevision(doc);
    if (merge.conflicts)
      console.warn(
        `[collab] "${doc.name}": revision ${page.revision} saved elsewhere and the co-edits changed the same lines (${merge.conflicts} places): both versions kept`,
      );
  }

  /** The text of a page's revision `number` ('' for 0, or for a revision that cannot be found). */
  private revisionText(name: string, number: number): string {
    if (number <= 0) return '';
    const text = this.db.prepare(SQL_REVISION_TEXT).pluck().get({ slug: name, number }) as
      string | undefined;
    return text ?? '';
  }

  /** Folds the update log into the snapshot. */
  compact(doc: LiveDoc): void {
    if (doc.logLength === 0 || doc.failed || doc.destroyed) return;
    try {
      this.store.compact(doc.name, Y.encodeStateAsUpdate(doc.ydoc), doc.lastUpdateId);
      doc.logLength = 0;
    } catch (err) {
      console.error(`[collab] could not compact "${doc.name}"`, err);
    }
  }

  private scheduleUnload(doc: LiveDoc): void {
    if (doc.unloadTimer || this.closed) return;
    doc.unloadTimer = setTimeout(() => {
      doc.unloadTimer = null;
      if (doc.conns.size === 0) this.unload(doc);
    }, this.opts.unloadMs);
    doc.unloadTimer.unref();
  }

  /** Saves, compacts and forgets a document nobody is connected to. */
  unload(doc: LiveDoc): void {
    if (doc.destroyed) return;
    this.saveRevision(doc);
    this.compact(doc);
    // Opened for creation and left without a revision: empty, only the seeded heading, or text
    // that was all deleted again (a pending edit would have been written by saveRevision above).
    if (!doc.dirty && !findPage(this.db, doc.name)) {
      try {
        this.store.remove(doc.name);
      } catch (err) {
        console.error('[collab] could not remove an empty document', err);
      }
    }
    this.destroy(doc);
  }

  /** Discards a document from memory without saving (its disk state is the truth); closes its connections. */
  private drop(doc: LiveDoc, reason: string): void {
    for (const c of doc.conns) c.close(CLOSE.serverError, reason);
    this.destroy(doc);
  }

  private destroy(doc: LiveDoc): void {
    doc.destroyed = true;
    if (doc.quietTimer) clearTimeout(doc.quietTimer);
    if (doc.unloadTimer) clearTimeout(doc.unloadTimer);
    doc.quietTimer = doc.unloadTimer = null;
    doc.conns.clear();
    doc.awareness.destroy();
    doc.ydoc.destroy();
    if (this.docs.get(doc.name) === doc) this.docs.delete(doc.name);
  }

  /** Writes the revisions left pending by a crash (documents marked dirty on disk). */
  recover(): void {
    for (const name of this.store.dirtyDocs()) {
      if (this.docs.has(name)) continue;
      try {
        this.unload(this.load(name));
      } catch (err) {
        console.error(`[collab] could not recover "${name}"`, err);
      }
    }
  }

  /** Counters for figures and tests. */
  stats(): CollabStats {
    let connections = 0;
    for (const d of this.docs.values()) connections += d.conns.size;
    return {
      loadedDocs: this.docs.size,
      connections,
      updatesPersisted: this.updatesPersisted,
      revisionsWritten: this.revisions.written,
    };
  }

  /** Saves pending revisions, compacts, closes every connection (they reconnect to the next server). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const doc of [...this.docs.values()]) {
      const conns = [...doc.conns];
      this.unload(doc);
      for (const c of conns) c.close(CLOSE.restart, 'server restarting');
    }
  }
}
