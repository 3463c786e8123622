import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SLUG_RE } from '../../registry/text/slug.js';
import type { EditorView } from '@codemirror/view';
import { t } from '../i18n/index.js';
import { me, type SessionUser } from '../api/auth.js';
import {
  CLOSE_ACCESS_ENDED,
  CLOSE_PAGE_DELETED,
  CLOSE_PAGE_MOVED,
  announcedRevision,
  colorFor,
  openCollab,
  pageInfo,
  saveCoEdits,
  type CollabIdentity,
  type CollabPageInfo,
  type CollabSession,
} from '../api/collab.js';
import { deletionOf } from '../api/wiki.js';
import { errorText, titleFromSlug } from '../format.js';
import { sharedStyles } from '../styles.js';
import { hasRole } from '../session.js';

import { createEditor, editorStyles, renderToolbar } from './collab-editor-setup.js';
import './lc-wiki-content.js';
import { LivePreview } from './collab-editor-preview.js';
import { CollabProps, propsStyles } from './collab-editor-props.js';
import {
  presenceOf,
  presenceStyles,
  renderPresence,
  type Presence,
} from './collab-editor-presence.js';
import type { UploadStatus } from '../lib/cm-file-drop.js';
import './lc-collab-save.js';

type Status = 'connecting' | 'connected' | 'offline' | 'refused' | 'deleted';

/**
 * The real-time co-editor of a wiki page: CodeMirror 6 bound to the page's Y.Text, with the other
 * people's cursors and selections, who is here, a live preview, and the connection state.
 * Readers and anonymous visitors watch live, read-only.
 */
@customElement('lc-collab-editor')
export class LcCollabEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
    :host { display: block; }
    header { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: baseline; margin-bottom: 0.6rem; }
    header h1 { font-size: 1.4rem; margin: 0; flex: 1 1 auto; }
    .status { font-size: 0.85rem; padding: 0.15rem 0.6rem; border-radius: 1rem; background: #eee; }
    .status[data-status='connected'] { background: #d9efe2; color: #1d5a3a; }
    .status[data-status='connecting'] { background: #fbf0cf; color: #6b5410; }
    .status[data-status='offline'], .status[data-status='refused'], .status[data-status='deleted'] { background: #f6d9d4; color: #7a2414; }
    .notice { background: #fff8e1; border-left: 4px solid #e0b232; padding: 0.5rem 0.8rem; margin: 0 0 0.8rem; }
    .panes { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
    @media (max-width: 800px) { .panes { grid-template-columns: minmax(0, 1fr); } }
    .panes h2 { font-size: 0.95rem; margin: 0 0 0.3rem; color: #4a5a52; }
    .preview { border: 1px solid #e2ddd0; background: #fffdf8; padding: 0.8rem 1rem; min-height: 24rem; }
    .hint { font-size: 0.85rem; color: #5c6a62; }
    .links { display: flex; gap: 0.8rem; align-items: baseline; font-size: 0.95rem; }
    .field-error { color: #9b2c1a; font-size: 0.85rem; }
  `,
    editorStyles,
    presenceStyles,
    propsStyles,
  ];

  /** Slug of the page to co-edit. */
  @property() slug = '';
  /** Title proposed for a page not created yet (from the new-page form or a missing wiki link). */
  @property() initialTitle = '';

  @state() private _status: Status = 'connecting';
  @state() private _presence: Presence[] = [];
  @state() private _page: CollabPageInfo | null = null;
  @state() private _user: SessionUser | null = null;
  @state() private _error: string | null = null;
  /** The last upload from a drop or a paste into the text (files and images). */
  @state() private _upload: UploadStatus | null = null;
  private _refreshing = false;
  private _refreshAgain = false;

  private _session: CollabSession | null = null;
  /** The open session, as state: the save status follows it. */
  @state() private _live: CollabSession | null = null;
  private _view: EditorView | null = null;
  private _preview = new LivePreview(
    this,
    () => this._session?.text.toString() ?? null,
    () => this._canWrite,
  );
  private _generation = 0;
  private _props = new CollabProps(this);

  // What the properties panel reads, and the page it saved.
  get page() {
    return this._page;
  }

  get user() {
    return this._user;
  }

  get canWrite() {
    return this._canWrite;
  }

  get newTitle() {
    return this._newTitle;
  }

  showPage(page: CollabPageInfo) {
    this._page = page;
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('online', this._onNetwork);
    window.addEventListener('offline', this._onNetwork);
    window.addEventListener('lc-locale-changed', this._onLocale);
    window.addEventListener('lc-session-changed', this._onSession);
    // Moved in the document: the session closed on disconnection is reopened.
    if (this.hasUpdated && this.slug && !this._session) void this._open();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('online', this._onNetwork);
    window.removeEventListener('offline', this._onNetwork);
    window.removeEventListener('lc-locale-changed', this._onLocale);
    window.removeEventListener('lc-session-changed', this._onSession);
    this._close();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('slug') && this.slug) void this._open();
  }

  private _onLocale = () => this.requestUpdate();

  /** Logged in or out on this page: reconnect with the new identity and rights. */
  private _onSession = (e: Event) => {
    const user = (e as CustomEvent<SessionUser | null>).detail;
    if (this.slug && user?.id !== this._user?.id) void this._open();
  };

  private _onNetwork = () => this._refreshStatus();

  private get _canWrite() {
    return hasRole(this._user, 'contributor');
  }

  private async _open() {
    this._close();
    const generation = ++this._generation;
    try {
      const [user, page] = await Promise.all([me().catch(() => null), pageInfo(this.slug)]);
      if (generation !== this._generation) return;
      this._user = user;
      this._page = page;
      this._error = null;
      this._props.fill(page);
      this._props.open = !page.exists;
    } catch (err) {
      this._error = deletionOf(err)
        ? t('collab.deleted')
        : t('collab.pageError', { message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (!this._page.exists && !this._canWrite) return; // nothing to watch
    await this.updateComplete;
    if (generation !== this._generation) return;
    const identity: CollabIdentity = {
      name: this._user?.name ?? t('collab.guest'),
      ...colorFor(this._user?.id ?? null),
    };
    const isNew = !this._page.exists;
    // A new page's title is put in front of its empty text by the server, once (not by each
    // writer's browser: two people starting the same page at once would both add it).
    const session = openCollab(
      this.slug,
      identity,
      isNew && this._canWrite ? this._newTitle : undefined,
    );
    this._session = session;
    this._live = session;
    const { provider, text } = session;
    provider.on('status', () => this._refreshStatus());
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      if (code === CLOSE_PAGE_MOVED && SLUG_RE.test(reason)) {
        // Renamed: the editor reopens at the new slug (this session is closed by the slug change).
        this._error = t('collab.moved');
        history.replaceState(
          null,
          '',
          location.pathname.replace(/^\/wiki\/[^/]+/, `/wiki/${reason}`) + location.search,
        );
        window.dispatchEvent(new Event('lc-navigate'));
        return;
      }
      this._status = code === CLOSE_PAGE_DELETED ? 'deleted' : 'refused';
      if (code === CLOSE_PAGE_DELETED) this._error = t('collab.deleted');
      if (code === CLOSE_ACCESS_ENDED)
        this._error = t(reason === 'role changed' ? 'collab.rightsChanged' : 'collab.sessionEnded');
    });
    provider.awareness.on('change', () => this._refreshPresence());
    // 'update' also fires for the server's periodic renewal of its state: a failed re-read is retried.
    provider.awareness.on('update', () => this._checkRevision());
    if (isNew) provider.once('sync', () => this._caretAfterTitle());
    text.observe(() => this._preview.schedule());
    this._refreshPresence();
    this._preview.schedule();

    const readOnly = !this._canWrite;
    this._view = createEditor({
      parent: this.renderRoot.querySelector('.cm') as HTMLElement,
      text,
      awareness: provider.awareness,
      placeholder: this._page.exists
        ? t('collab.placeholder')
        : t('collab.placeholderNew', { title: this._newTitle }),
      readOnly,
      onUpload: (status) => (this._upload = status),
    });
  }

  /** The title a page not created yet will get. */
  private get _newTitle() {
    return this.initialTitle.trim() || titleFromSlug(this.slug);
  }

  /** A new page's text arrived with its title heading: the writer goes on below it, not above. */
  private _caretAfterTitle() {
    const view = this._view;
    if (!view || view.hasFocus || view.state.selection.main.head !== 0) return;
    view.dispatch({ selection: { anchor: view.state.doc.length } });
  }

  /**
   * The server announced a revision newer than the one shown (the first one creates a page being
   * written here): the page's title and properties are read again, and a new page becomes an
   * ordinary one (no "new page" notice, properties can be saved).
   */
  private _checkRevision() {
    const session = this._session;
    const page = this._page;
    if (!session || !page || announcedRevision(session) <= page.revision) return;
    if (this._refreshing) {
      this._refreshAgain = true;
      return;
    }
    this._refreshing = true;
    const generation = this._generation;
    pageInfo(this.slug)
      .then((fresh) => {
        if (generation !== this._generation || !this._page || fresh.revision <= this._page.revision)
          return;
        const created = !this._page.exists && fresh.exists;
        this._page = fresh;
        this._props.follow(fresh, created);
      })
      .catch(() => {
        // The next awareness message (at the latest the server's renewal of its state) tries again.
      })
      .finally(() => {
        this._refreshing = false;
        if (this._refreshAgain) {
          this._refreshAgain = false;
          this._checkRevision();
        }
      });
  }

  private _runTool(run: (view: EditorView) => boolean) {
    if (this._view && this._canWrite) run(this._view);
  }

  private _close() {
    this._generation++; // a pending _open() gives up
    this._preview.cancel();
    this._view?.destroy();
    this._view = null;
    // Leaving with edits the server has not written yet (the page view, or any other screen, comes
    // next): they are written now, and the page view waits for it before reading the page.
    const saver = this.renderRoot?.querySelector('lc-collab-save');
    if (this._session && this._canWrite && saver?.dirty)
      saveCoEdits(this.slug, this._session.doc).catch(() => undefined);
    this._live = null;
    this._session?.destroy();
    this._session = null;
    this._presence = [];
    this._status = 'connecting';
  }

  private _refreshStatus() {
    const provider = this._session?.provider;
    if (!provider || this._status === 'refused' || this._status === 'deleted') return;
    if (!navigator.onLine) this._status = 'offline';
    else this._status = provider.wsconnected ? 'connected' : 'connecting';
  }

  private _refreshPresence() {
    const session = this._session;
    if (!session) return;
    this._presence = presenceOf(session);
  }

  private _notice() {
    if (this._error) return html`<p class="notice" role="alert">${this._error}</p>`;
    if (!this._page) return nothing;
    const login = html`${t('collab.loginToEdit')}
      <a href="/login?next=${encodeURIComponent(location.pathname + location.search)}">${t('collab.login')}</a>`;
    if (!this._user) return html`<p class="notice">${login}</p>`;
    if (!this._canWrite) return html`<p class="notice">${t('collab.readOnly')}</p>`;
    if (!this._page.exists)
      return html`<p class="notice" data-testid="collab-new">${t('collab.newPage', { title: this._newTitle })}</p>`;
    return nothing;
  }

  /** Where an upload from a drop or a paste stands. */
  private _renderUpload() {
    const u = this._upload;
    if (!u) return nothing;
    if (u.state === 'error')
      return html`<p class="field-error" role="alert" data-testid="upload-status">${errorText(u.error)}</p>`;
    return html`<p class="hint" role="status" data-testid="upload-status">
      ${u.state === 'uploading' ? t('files.inserting', { n: u.count }) : t('files.inserted', { n: u.count })}
    </p>`;
  }

  override render() {
    const title = this._page?.title ?? this._newTitle;
    const formHref = `/wiki/${encodeURIComponent(this.slug)}/edit?${new URLSearchParams(
      this._page?.exists ? { mode: 'form' } : { mode: 'form', title: this._newTitle },
    )}`;
    return html`
      <header>
        <h1>${t('collab.title', { title })}</h1>
        <span class="status" data-testid="collab-status" data-status=${this._status} role="status">${t(`collab.status.${this._status}`)}</span>
        <span class="links">
          ${this._page?.exists ? html`<a href="/wiki/${encodeURIComponent(this.slug)}">${t('collab.view')}</a>` : nothing}
          ${
            this._canWrite
              ? html`<a href=${formHref} title=${t('collab.formEditorHint')} data-testid="form-editor-link">${t('collab.formEditor')}</a>`
              : nothing
          }
        </span>
      </header>
      <lc-collab-save
        .slug=${this.slug}
        .session=${this._live}
        .pageRevision=${this._page?.revision ?? 0}
        .pageUpdatedAt=${this._page?.updatedAt ?? null}
        .canWrite=${this._canWrite && !!this._live}
      ></lc-collab-save>
      ${this._notice()}
      ${this._props.render()}
      ${renderPresence(this._presence)}
      <div class="panes">
        <section>
          <h2>${t('collab.editor')}</h2>
          ${renderToolbar(this._canWrite, (run) => this._runTool(run))}
          <div class="cm" id="cm" data-testid="collab-editor"></div>
          <p class="hint">${t('collab.autosave')} ${this._canWrite ? t('files.dropHint') : nothing}</p>
          ${this._canWrite ? html`<p class="hint">${t('collab.keyboard')}</p>` : nothing}
          ${this._renderUpload()}
        </section>
        <section>
          <h2>${t('collab.preview')}</h2>
          <!-- Server rendering (or markdown-it without raw HTML): lc-wiki-content inserts it. -->
          <lc-wiki-content class="preview" data-testid="collab-preview" .html=${this._preview.html}></lc-wiki-content>
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-collab-editor': LcCollabEditor;
  }
}
