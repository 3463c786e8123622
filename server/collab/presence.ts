/**
 * Presence on a co-editing document (its Yjs awareness): the names shown for each connection,
 * whatever clients claim, and the page revision the server announces in its own state.
 */
import { CollabConnection, encodeAwarenessMessage, PAGE_STATE_FIELD } from './protocol.js';
import type { LiveDoc } from './live-doc.js';

/** Payload of an awareness 'update' event. */
export interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Presence shows the account's name, or "Anonyme n" for an anonymous reader, whatever the client
 * claims (a reader could otherwise appear as anyone). The client's other `user` fields (a colour)
 * are kept when they are plain strings.
 */
export function setPresenceName(state: Record<string, unknown>, conn: CollabConnection): void {
  const claimed =
    typeof state.user === 'object' && state.user !== null
      ? (state.user as Record<string, unknown>)
      : {};
  const user: Record<string, string> = {};
  for (const [k, v] of Object.entries(claimed))
    if (typeof v === 'string' && v.length <= 64) user[k] = v;
  user.name = conn.user ? conn.user.name : conn.anonymousName;
  state.user = user;
}

/**
 * The awareness 'update' handler of a document: a connection's states are tracked on it (removed
 * when it closes), get its real name and lose any revision they claim; every change is broadcast.
 */
export function relayAwareness(
  doc: LiveDoc,
  { added, updated, removed }: AwarenessChange,
  origin: unknown,
): void {
  if (origin instanceof CollabConnection) {
    for (const id of added) origin.awarenessIds.add(id);
    for (const id of removed) origin.awarenessIds.delete(id);
    for (const id of [...added, ...updated]) {
      const state = doc.awareness.states.get(id) as
        { user?: unknown; [PAGE_STATE_FIELD]?: unknown } | undefined;
      if (typeof state !== 'object' || state === null) continue;
      setPresenceName(state, origin);
      // Only the server announces revisions.
      if (PAGE_STATE_FIELD in state) delete state[PAGE_STATE_FIELD];
    }
  }
  // Echoed to the sender too: the stock client reconnects after 30 s without any message.
  doc.broadcast(encodeAwarenessMessage(doc.awareness, added.concat(updated, removed)), null);
}

/** Re-labels a connection's presence states after its account changed name, and tells everyone. */
export function renameInPresence(doc: LiveDoc, conn: CollabConnection): void {
  const ids = [...conn.awarenessIds].filter((id) => doc.awareness.states.has(id));
  if (!ids.length) return;
  for (const id of ids)
    setPresenceName(doc.awareness.states.get(id) as Record<string, unknown>, conn);
  doc.broadcast(encodeAwarenessMessage(doc.awareness, ids), null);
}

/**
 * Publishes the page revision the live text matches in the server's own awareness state
 * (`PAGE_STATE_FIELD`), so editors notice a page they are creating now exists, and later
 * revisions. Nothing while the page does not exist. Sent to every connection by the awareness
 * handler, and in the greeting of new ones.
 */
export function announceRevision(doc: LiveDoc): void {
  if (doc.baseRevision <= 0 || doc.destroyed) return;
  const current = doc.awareness.getLocalState() as {
    [PAGE_STATE_FIELD]?: { revision: number };
  } | null;
  if (current?.[PAGE_STATE_FIELD]?.revision === doc.baseRevision) return;
  doc.awareness.setLocalState({ [PAGE_STATE_FIELD]: { revision: doc.baseRevision } });
}
