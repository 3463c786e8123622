/**
 * Network side of real-time co-editing: the y-websocket connection to /collab/:slug (the session
 * cookie authenticates it) and the page metadata the editor shows.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { api, ApiError } from './http.js';
import type { UserRef, WikiPage } from './wiki.js';

/** Name of the Y.Text holding the page markdown (the server uses the same name). */
export const TEXT_NAME = 'markdown';

/**
 * Awareness field of the server's own state: `{ revision }`, the page revision the live text
 * matches (absent while the page does not exist). The server removes it from clients' states.
 */
export const PAGE_STATE_FIELD = 'page';

/** The newest page revision the server announced in a session's awareness (0: none yet). */
export function announcedRevision(session: CollabSession): number {
  let revision = 0;
  session.provider.awareness.getStates().forEach((state) => {
    const page = (state as { [PAGE_STATE_FIELD]?: { revision?: unknown } })[PAGE_STATE_FIELD];
    if (page && typeof page.revision === 'number' && page.revision > revision)
      revision = page.revision;
  });
  return revision;
}

/** What the co-editor needs to know about a page (null fields when the page does not exist yet). */
export interface CollabPageInfo {
  exists: boolean;
  title: string | null;
  revision: number;
  /** The metadata the Y.Text does not hold (edited in the properties panel). */
  kind: string;
  categories: string[];
  referent: UserRef | null;
  /** When the revision was written (null while the page does not exist). */
  updatedAt: string | null;
}

const infoOf = (p: WikiPage): CollabPageInfo => ({
  exists: true,
  title: p.title,
  revision: p.revision,
  updatedAt: p.updatedAt,
  kind: p.kind,
  categories: p.categories,
  referent: p.referent ?? null,
});

/**
 * The page's title, revision and metadata, or `exists: false` for a page not created yet.
 * @throws ApiError 404 `page_deleted` for a deleted page.
 */
export async function pageInfo(slug: string): Promise<CollabPageInfo> {
  try {
    return infoOf(await api<WikiPage>('GET', `/api/pages/${encodeURIComponent(slug)}`));
  } catch (err) {
    // A deleted page is not "not created yet": it cannot be co-edited until it is restored.
    if (err instanceof ApiError && err.status === 404 && err.code !== 'page_deleted') {
      return {
        exists: false,
        title: null,
        revision: 0,
        kind: 'practice',
        categories: [],
        referent: null,
        updatedAt: null,
      };
    }
    throw err;
  }
}

/** The page properties the co-editor changes (omitted: kept). */
export interface PagePropertiesInput {
  title?: string;
  kind?: string;
  categories?: string[];
  /** A user id, null to clear. */
  referentId?: number | null;
}

/**
 * Saves a page's metadata without touching its markdown (PATCH /api/pages/:slug/properties):
 * the server writes the pending co-edits first, then a revision with the new properties.
 * @throws ApiError (400 naming the field, 404 while the page has not been created yet).
 */
export async function savePageProperties(
  slug: string,
  input: PagePropertiesInput,
): Promise<CollabPageInfo> {
  return infoOf(
    await api<WikiPage>('PATCH', `/api/pages/${encodeURIComponent(slug)}/properties`, input),
  );
}

/** The person shown to the others (awareness field `user`, as y-codemirror.next expects it). */
export interface CollabIdentity {
  name: string;
  color: string;
  colorLight: string;
}

/** A live co-editing session on one page. */
export interface CollabSession {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Disconnects and frees everything. */
  destroy(): void;
}

/** Close code of a co-editing connection whose page was deleted (the provider does not retry). */
export const CLOSE_PAGE_DELETED = 4410;
/** Close code of a socket whose session ended (expired, logged out, revoked) or whose writing rights were withdrawn. */
export const CLOSE_ACCESS_ENDED = 4401;

/** Close code of a connection to a page that was moved (renamed): the reason is its new slug. */
export const CLOSE_PAGE_MOVED = 4411;

/** Address of the co-editing endpoint for the current origin. */
export const collabServerUrl = () =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;

/**
 * Connects to a page's live document. Edits made while offline stay in the local document and
 * are merged when the connection returns (the provider reconnects by itself).
 * @param newTitle for a page not created yet: its title, which the server puts once as the
 *   `# heading` the empty text starts with (whoever opens the new page first).
 */
export function openCollab(
  slug: string,
  identity: CollabIdentity,
  newTitle?: string,
): CollabSession {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    collabServerUrl(),
    slug,
    doc,
    newTitle ? { params: { title: newTitle } } : {},
  );
  provider.awareness.setLocalStateField('user', identity);
  return {
    doc,
    text: doc.getText(TEXT_NAME),
    provider,
    destroy() {
      provider.awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
    },
  };
}

const PALETTE = [
  '#2f6f4f',
  '#b5482f',
  '#2f5fb5',
  '#8a4fb5',
  '#b58a2f',
  '#2f9aa5',
  '#c2417a',
  '#5b7a1f',
];

/** A stable colour per person (by user id, or random for a guest). */
export function colorFor(userId: number | null): { color: string; colorLight: string } {
  const color = PALETTE[(userId ?? Math.floor(Math.random() * 1000)) % PALETTE.length];
  return { color, colorLight: `${color}33` };
}

/** What the server answers to a save request (POST /api/pages/:slug/collab-save). */
export interface CollabSaveResult {
  /** The page revision the live text matches now (0: the page does not exist yet). */
  revision: number;
  /** Whether a revision was written (false: nothing was pending). */
  saved: boolean;
  /** Whether the server held every edit this editor had made. */
  complete: boolean;
}

/** Saves in flight, by slug: the page view waits for them before reading the page. */
const pendingSaves = new Map<string, Promise<unknown>>();

/**
 * Writes the pending co-edits of a page as a revision now (contributors and above), with an
 * optional summary. The editor's state vector goes along: the server waits until its live
 * document holds what this editor typed, so the last keystrokes are saved.
 * @throws ApiError (403 for readers, 409 `page_deleted`, 400 naming the field).
 */
export function saveCoEdits(slug: string, doc: Y.Doc, summary?: string): Promise<CollabSaveResult> {
  const vector = Y.encodeStateVector(doc);
  let binary = '';
  for (const byte of vector) binary += String.fromCharCode(byte);
  const body = { stateVector: btoa(binary), ...(summary ? { summary } : {}) };
  const request = api<CollabSaveResult>(
    'POST',
    `/api/pages/${encodeURIComponent(slug)}/collab-save`,
    body,
  );
  const tracked = request
    .catch(() => undefined)
    .finally(() => {
      if (pendingSaves.get(slug) === tracked) pendingSaves.delete(slug);
    });
  pendingSaves.set(slug, tracked);
  return request;
}

/**
 * Resolves once the saves started for this page (an editor just left it) are done, failed or not:
 * a page read after it shows what was typed.
 */
export const whenCoEditsSaved = (slug: string): Promise<unknown> =>
  pendingSaves.get(slug) ?? Promise.resolve();
