/**
 * A co-editing document in memory (its Yjs document, text, awareness and connections, and the
 * bookkeeping the document manager keeps on it), with the small rules that do not need the
 * manager: a new page's title and heading.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CollabConnection, TEXT_NAME, type ProtocolDoc } from './protocol.js';
import type { TextEdit } from './text-diff.js';

/** Transaction origin of server-side changes (REST edits reaching the live document). */
export class ServerOrigin {
  constructor(readonly userId: number | null) {}
}

/** A document in memory with its connections. */
export class LiveDoc implements ProtocolDoc {
  readonly ydoc = new Y.Doc();
  readonly text = this.ydoc.getText(TEXT_NAME);
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly conns = new Set<CollabConnection>();
  lastUpdateId = 0;
  /** Log entries not folded into the snapshot. */
  logLength = 0;
  /** The page revision the text last matched. */
  baseRevision = 0;
  dirty = false;
  spanAuthors = new Set<number>();
  spanStart = 0;
  lastEditAt = 0;
  quietTimer: NodeJS.Timeout | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  compactScheduled = false;
  /** Broadcasts held back until the SQLite transaction that wrote their updates commits. */
  held: Uint8Array[] | null = null;
  /** Set when an update could not be stored: the document is dropped and reloaded from disk. */
  failed = false;
  destroyed = false;

  constructor(readonly name: string) {
    this.awareness.setLocalState(null);
  }

  /**
   * Applies edits (from `diffText`, in the coordinates of the current text) as one Yjs transaction
   * by the server on behalf of `userId`, last edit first so earlier offsets stay valid.
   * @returns whether there was anything to apply.
   */
  applyEdits(edits: readonly TextEdit[], userId: number | null): boolean {
    if (!edits.length) return false;
    this.ydoc.transact(() => {
      for (let i = edits.length - 1; i >= 0; i--) {
        const e = edits[i];
        if (e.deleteCount) this.text.delete(e.index, e.deleteCount);
        if (e.insert) this.text.insert(e.index, e.insert);
      }
    }, new ServerOrigin(userId));
    return true;
  }

  /** Sends a message to every connection but `except`. */
  broadcast(message: Uint8Array, except: CollabConnection | null): void {
    for (const c of this.conns) if (c !== except) c.send(message);
  }
}

/** Page title for a page created by co-editing: its first `# heading`, else the slug in words. */
export function titleFor(slug: string, markdown: string): string {
  const h = /^#[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  const title = h ? h[1].trim() : slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return title.slice(0, 200) || slug;
}

/** The `# heading` a new page's text starts with, from the title its creator gave (one line, 200 characters at most). */
export function seedHeading(title: string): string {
  const line = title
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .trim();
  return line ? `# ${line}\n\n` : '';
}
