/**
 * Co-edits become page revisions. The co-editing span of a document (who edited since the text
 * last matched the page, and since when) is marked on disk as it opens, so a crash loses nothing,
 * and the live text is written as a page revision (origin 'collab') after a quiet period, after a
 * span has lasted too long, or on demand (the last editor leaving, *Enregistrer maintenant*).
 */
import type { Database } from '../db/open.js';
import { findDeletion, findPage, savePage } from '../../registry/wiki/pages.js';
import type { WikiServices } from '../../registry/wiki/services.js';
import type { CollabStore } from './persistence.js';
import type { CollabConnection } from './protocol.js';
import { titleFor, type LiveDoc } from './live-doc.js';
import { announceRevision } from './presence.js';

/** When co-edits are written as a revision. */
export interface RevisionTimings {
  /** A revision is written once nobody edited for this long (ms). */
  quietMs: number;
  /** …or when a co-editing span has lasted this long without a quiet period (ms). */
  maxSpanMs: number;
}

/** Writes the co-edits of the live documents as page revisions. One per document manager. */
export class RevisionWriter {
  /** Revisions written (for figures and tests). */
  written = 0;

  constructor(
    private readonly db: Database,
    private readonly wiki: WikiServices,
    private readonly store: CollabStore,
    private readonly opts: RevisionTimings,
  ) {}

  /** Takes up a span left pending on disk (by a crash) when its document is loaded. */
  resume(doc: LiveDoc, spanAuthors: readonly number[]): void {
    doc.dirty = true;
    doc.spanAuthors = new Set(spanAuthors);
    doc.spanStart = doc.lastEditAt = Date.now();
    this.armQuiet(doc, this.opts.quietMs);
  }

  /** A connection edited the document: opens the span or adds its author (on disk too), arms the quiet timer. */
  edited(doc: LiveDoc, conn: CollabConnection): void {
    const now = Date.now();
    doc.lastEditAt = now;
    const userId = conn.user?.id;
    if (!doc.dirty || (userId !== undefined && !doc.spanAuthors.has(userId))) {
      if (!doc.dirty) doc.spanStart = now;
      doc.dirty = true;
      if (userId !== undefined) doc.spanAuthors.add(userId);
      try {
        this.store.setDirty(doc.name, true, doc.spanAuthors);
      } catch (err) {
        console.error('[collab] could not record the co-editing span', err);
      }
    }
    if (!doc.quietTimer) this.armQuiet(doc, this.opts.quietMs);
  }

  private armQuiet(doc: LiveDoc, delay: number): void {
    doc.quietTimer = setTimeout(() => {
      doc.quietTimer = null;
      if (doc.destroyed || !doc.dirty) return;
      const now = Date.now();
      const idle = now - doc.lastEditAt;
      const age = now - doc.spanStart;
      if (idle >= this.opts.quietMs || age >= this.opts.maxSpanMs) this.save(doc);
      else
        this.armQuiet(
          doc,
          Math.max(1, Math.min(this.opts.quietMs - idle, this.opts.maxSpanMs - age)),
        );
    }, delay);
    doc.quietTimer.unref();
  }

  /**
   * Writes the live text as a page revision (origin 'collab') attributed to the span's editors,
   * when it differs from the page; records the new base state. No-op when nothing is pending.
   * @param summary the revision's summary (an editor's *Enregistrer maintenant*), else "Co-édition".
   * @returns 'stale' when the page was saved since the document's base revision by something the
   *   document has not caught up with (nothing written: the caller merges that save in first).
   */
  save(doc: LiveDoc, summary?: string): 'stale' | void {
    if (!doc.dirty || doc.failed || doc.destroyed) return;
    this.stopQuiet(doc);
    const text = doc.text.toString();
    const authors = [...doc.spanAuthors];
    try {
      // IMMEDIATE: no other process can save the page between the check below and the write.
      const revision = this.store.transaction(() => {
        // A deleted page takes no revision: the co-edits wait in the document (still marked
        // dirty on disk) and are written when the page is restored and its document loaded.
        if (findDeletion(this.db, doc.name)) return null;
        const page = findPage(this.db, doc.name);
        // Writing the live text over a save the document does not hold would undo that save.
        if (page && page.revision > doc.baseRevision) return 'stale';
        let revision = page?.revision ?? 0;
        if (page ? page.markdown !== text : text.trim() !== '') {
          revision = savePage(this.db, this.wiki, {
            slug: doc.name,
            title: page?.title ?? titleFor(doc.name, text),
            markdown: text,
            summary: summary || 'Co-édition',
            authorIds: authors,
            origin: 'collab',
          }).revision;
          this.written++;
        }
        this.store.setBase(doc.name, revision);
        this.store.setDirty(doc.name, false, []);
        return revision;
      }, true);
      if (revision === 'stale') {
        this.armQuiet(doc, this.opts.quietMs);
        return 'stale';
      }
      if (revision === null) return;
      this.settled(doc, revision);
    } catch (err) {
      console.error(`[collab] could not write the revision of "${doc.name}"; will retry`, err);
      this.armQuiet(doc, this.opts.quietMs);
    }
  }

  /**
   * The text now matches page revision `revision` (written from the span, or a save made
   * elsewhere that superseded it, already recorded on disk): the span is closed and the revision
   * announced.
   */
  settled(doc: LiveDoc, revision: number): void {
    doc.baseRevision = revision;
    doc.dirty = false;
    doc.spanAuthors = new Set();
    this.stopQuiet(doc);
    announceRevision(doc);
  }

  private stopQuiet(doc: LiveDoc): void {
    if (doc.quietTimer) {
      clearTimeout(doc.quietTimer);
      doc.quietTimer = null;
    }
  }
}
