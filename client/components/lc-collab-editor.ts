import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createBaseMarkdown } from '../../registry/text/markdown-base.js';
import { SLUG_RE } from '../../registry/text/slug.js';
import * as Y from 'yjs';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { yCollab } from 'y-codemirror.next';
import { t } from '../i18n/index.js';
import { me, type SessionUser } from '../api/auth.js';
import { ApiError } from '../api/http.js';
import {
  CLOSE_ACCESS_ENDED,
  CLOSE_PAGE_DELETED,
  CLOSE_PAGE_MOVED,
  announcedRevision,
  colorFor,
  openCollab,
  pageInfo,
  saveCoEdits,
  savePageProperties,
  type CollabIdentity,
  type CollabPageInfo,
  type CollabSession,
  type PagePropertiesInput,
} from '../api/collab.js';
import { deletionOf, previewMarkdown } from '../api/wiki.js';
import { errorText, kindLabel, PAGE_KINDS, titleFromSlug } from '../format.js';
import { sharedStyles } from '../styles.js';
import { hasRole } from '../session.js';

import { editorSetup, TOOLBAR } from './collab-editor-setup.js';
import './lc-wiki-content.js';
import './lc-fields-editor.js';
import { fileDropExtension, type UploadStatus } from '../lib/cm-file-drop.js';
import './lc-collab-save.js';

type Status = 'connecting' | 'connected' | 'offline' | 'refused' | 'deleted';

interface Presence {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

type PropField = 'title' | 'kind' | 'categories' | 'referentId';

// Raw HTML off: whatever co-editors type, the preview cannot carry scripts; markdown-it also
// refuses javascript:, vbscript: and file: links (the wiki's own set-up, registry/text/markdown-base.ts).
const md = createBaseMarkdown();

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
    .presence { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; list-style: none; padding: 0; margin: 0 0 0.8rem; font-size: 0.9rem; }
    .presence li { display: flex; align-items: center; gap: 0.3rem; }
    .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; display: inline-block; }
    .panes { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
    @media (max-width: 800px) { .panes { grid-template-columns: minmax(0, 1fr); } }
    .panes h2 { font-size: 0.95rem; margin: 0 0 0.3rem; color: #4a5a52; }
    .cm { border: 1px solid #c9c4b5; background: #fff; min-height: 24rem; }
    .cm .cm-editor { min-height: 24rem; }
    /* CodeMirror's own focus mark is a 1px dotted line: the app's focus ring instead (RGAA 10.7). */
    .cm .cm-editor.cm-focused { outline: 3px solid #1f4f9c; outline-offset: 2px; }
    .cm .cm-editor.cm-focused { outline: 2px solid #2f6f4f; }
    .preview { border: 1px solid #e2ddd0; background: #fffdf8; padding: 0.8rem 1rem; min-height: 24rem; }
    .hint { font-size: 0.85rem; color: #5c6a62; }
    .links { display: flex; gap: 0.8rem; align-items: baseline; font-size: 0.95rem; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0 0 0.3rem; }
    .toolbar button { font: inherit; font-size: 0.9rem; min-width: 2.2rem; padding: 0.2rem 0.5rem; border: 1px solid #c9c4b5; border-radius: 4px; background: #fff; color: #1d2a24; cursor: pointer; }
    .toolbar button:hover { background: #f1efe8; }
    .toolbar button:focus-visible { outline: 2px solid #2f6f4f; outline-offset: 1px; }
    details.props { border: 1px solid #e2ddd0; border-radius: 6px; background: #fbfaf6; padding: 0.4rem 0.8rem; margin: 0 0 0.8rem; }
    details.props summary { cursor: pointer; font-weight: 600; color: #2f6f4f; }
    details.props form { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0.5rem 1rem; margin: 0.6rem 0 0.3rem; align-items: start; }
    @media (max-width: 800px) { details.props form { grid-template-columns: minmax(0, 1fr); } }
    details.props label { display: block; font-size: 0.9rem; font-weight: 600; margin-bottom: 0.15rem; }
    details.props input[type='text'], details.props select { width: 100%; box-sizing: border-box; font: inherit; padding: 0.3rem 0.45rem; }
    details.props label.check { font-weight: 400; display: flex; gap: 0.4rem; align-items: center; }
    details.props .wide { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; }
    .field-error { color: #9b2c1a; font-size: 0.85rem; }
  `,
  ];

  /** Slug of the page to co-edit. */
  @property() slug = '';
  /** Title proposed for a page not created yet (from the new-page form or a missing wiki link). */
  @property() initialTitle = '';

  @state() private _status: Status = 'connecting';
  @state() private _presence: Presence[] = [];
  @state() private _preview = '';
  @state() private _page: CollabPageInfo | null = null;
  @state() private _user: SessionUser | null = null;
  @state() private _error: string | null = null;
  /** The properties panel's fields (strings as typed). */
  @state() private _props = { title: '', kind: 'practice', categories: '', referent: false };
  @state() private _propsSaving = false;
  @state() private _propsMessage: string | null = null;
  @state() private _propsError: { field: PropField | null; message: string } | null = null;
  /** Whether the properties panel is unfolded (open at first for a new page; then the user's choice). */
  @state() private _propsOpen = false;
  /** The last upload from a drop or a paste into the text (files and images). */
  @state() private _upload: UploadStatus | null = null;
  /** The user changed a property field since it was last filled from the page. */
  private _propsTouched = false;
  private _refreshing = false;
  private _refreshAgain = false;

  private _session: CollabSession | null = null;
  /** The open session, as state: the save status follows it. */
  @state() private _live: CollabSession | null = null;
  private _view: EditorView | null = null;
  private _previewTimer: number | null = null;
  private _previewSeq = 0;
  private _generation = 0;

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
      this._fillProps(page);
      this._propsOpen = !page.exists;
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
    text.observe(() => this._schedulePreview());
    this._refreshPresence();
    this._schedulePreview();

    const undoManager = new Y.UndoManager(text);
    const readOnly = !this._canWrite;
    this._view = new EditorView({
      parent: this.renderRoot.querySelector('.cm') as HTMLElement,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          editorSetup(
            this._page.exists
              ? t('collab.placeholder')
              : t('collab.placeholderNew', { title: this._newTitle }),
          ),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          // Read-only, the text is not editable and so not focusable: tabindex lets keyboard users reach and scroll it.
          EditorView.contentAttributes.of(
            readOnly
              ? { 'aria-label': t('collab.editor'), tabindex: '0' }
              : { 'aria-label': t('collab.editor') },
          ),
          yCollab(text, provider.awareness, { undoManager }),
          ...(readOnly ? [] : [fileDropExtension((status) => (this._upload = status))]),
        ],
      }),
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
        // Fields being typed in are left alone; the others follow the page.
        if (!this._propsTouched) this._props = this._propsOf(fresh);
        if (created && this._propsError?.field === null) this._propsError = null;
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

  private _propsOf(page: CollabPageInfo) {
    return {
      title: page.title ?? this._newTitle,
      kind: page.kind,
      categories: page.categories.join(', '),
      referent: !!page.referent && page.referent.id === this._user?.id,
    };
  }

  private _fillProps(page: CollabPageInfo) {
    this._props = this._propsOf(page);
    this._propsTouched = false;
    this._propsMessage = null;
    this._propsError = null;
  }

  /** Saves the properties that changed (the markdown is not sent: the server keeps the live text). */
  private async _saveProps(e: Event) {
    e.preventDefault();
    const page = this._page;
    if (!page || this._propsSaving) return;
    const p = this._props;
    const input: PagePropertiesInput = {};
    const title = p.title.trim();
    if (!title) {
      this._propsError = { field: 'title', message: t('collab.props.titleRequired') };
      return;
    }
    if (title !== (page.title ?? '')) input.title = title;
    if (p.kind !== page.kind) input.kind = p.kind;
    const categories = p.categories
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (categories.join('\u0000') !== page.categories.join('\u0000')) input.categories = categories;
    const me = this._user;
    const wasMe = !!me && page.referent?.id === me.id;
    if (me && p.referent !== wasMe) input.referentId = p.referent ? me.id : null;
    if (Object.keys(input).length === 0) {
      this._propsMessage = t('collab.props.unchanged');
      this._propsError = null;
      return;
    }
    this._propsSaving = true;
    this._propsMessage = null;
    this._propsError = null;
    try {
      const saved = await savePageProperties(this.slug, input);
      this._page = saved;
      this._fillProps(saved);
      this._propsMessage = t('collab.props.saved', { n: saved.revision });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        this._propsError = { field: null, message: t('collab.props.notYet') };
      } else {
        const field = err instanceof ApiError ? String(err.details.field ?? '') : '';
        this._propsError = {
          field:
            (['title', 'kind', 'categories', 'referentId'] as const).find((f) => f === field) ??
            null,
          message: err instanceof Error ? err.message : String(err),
        };
      }
    } finally {
      this._propsSaving = false;
    }
  }

  private _runTool(run: (view: EditorView) => boolean) {
    if (this._view && this._canWrite) run(this._view);
  }

  private _close() {
    this._generation++; // a pending _open() gives up
    if (this._previewTimer !== null) clearTimeout(this._previewTimer);
    this._previewTimer = null;
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
    const self = session.doc.clientID;
    const list: Presence[] = [];
    session.provider.awareness.getStates().forEach((s, clientId) => {
      const user = (s as { user?: { name?: unknown; color?: unknown } }).user;
      if (!user || typeof user.name !== 'string') return;
      // Colours come from other clients: only plain hex colours reach a style attribute.
      const color =
        typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color)
          ? user.color
          : '#888888';
      list.push({ clientId, name: user.name, color, self: clientId === self });
    });
    list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
    this._presence = list;
  }

  /**
   * Contributors get the server's rendering (wiki links, missing pages, as the page will look);
   * others, or when the server does not answer, a client-side rendering without raw HTML.
   */
  private _schedulePreview() {
    if (this._previewTimer !== null) return;
    this._previewTimer = window.setTimeout(() => {
      this._previewTimer = null;
      if (!this._session) return;
      const text = this._session.text.toString();
      const seq = ++this._previewSeq;
      if (!this._canWrite) {
        this._preview = md.render(text);
        return;
      }
      previewMarkdown(text).then(
        (r) => {
          if (seq === this._previewSeq) this._preview = r.html;
        },
        () => {
          if (seq === this._previewSeq) this._preview = md.render(text);
        },
      );
    }, 250);
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

  private _propInput(field: 'title' | 'categories') {
    return (e: Event) => {
      this._propsTouched = true;
      this._props = { ...this._props, [field]: (e.target as HTMLInputElement).value };
      if (this._propsError?.field === field) this._propsError = null;
    };
  }

  private _setProp<K extends 'kind' | 'referent'>(field: K, value: LcCollabEditor['_props'][K]) {
    this._propsTouched = true;
    this._props = { ...this._props, [field]: value };
  }

  /** Title, kind, categories and référent: not part of the text, saved apart. */
  private _renderProps() {
    if (!this._canWrite || !this._page) return nothing;
    const p = this._props;
    const kinds: string[] = [...PAGE_KINDS];
    if (!kinds.includes(p.kind)) kinds.push(p.kind);
    const err = this._propsError;
    const other =
      this._page.referent && this._page.referent.id !== this._user?.id ? this._page.referent : null;
    const invalid = (f: PropField) => (err?.field === f ? 'true' : 'false');
    return html`<details
      class="props"
      data-testid="collab-props"
      ?open=${this._propsOpen}
      @toggle=${(e: Event) => (this._propsOpen = (e.target as HTMLDetailsElement).open)}
    >
      <summary>${t('collab.props')}</summary>
      <form @submit=${this._saveProps} novalidate>
        <div>
          <label for="prop-title">${t('collab.props.title')}</label>
          <input id="prop-title" type="text" maxlength="200" .value=${p.title} @input=${this._propInput('title')} aria-invalid=${invalid('title')} />
        </div>
        <div>
          <label for="prop-kind">${t('collab.props.kind')}</label>
          <select id="prop-kind" .value=${p.kind} @change=${(e: Event) => this._setProp('kind', (e.target as HTMLSelectElement).value)} aria-invalid=${invalid('kind')}>
            ${kinds.map((k) => html`<option value=${k} ?selected=${k === p.kind}>${kindLabel(k)}</option>`)}
          </select>
        </div>
        <div>
          <label for="prop-categories">${t('collab.props.categories')}</label>
          <input id="prop-categories" type="text" .value=${p.categories} @input=${this._propInput('categories')} aria-invalid=${invalid('categories')} aria-describedby="prop-categories-hint" />
          <span class="hint" id="prop-categories-hint">${t('collab.props.categoriesHint')}</span>
        </div>
        <div>
          <label class="check">
            <input type="checkbox" .checked=${p.referent} @change=${(e: Event) => this._setProp('referent', (e.target as HTMLInputElement).checked)} />
            ${other ? t('collab.props.referentTakeOver', { name: other.name }) : t('collab.props.referentMe')}
          </label>
        </div>
        <div class="wide">
          <button class="btn small" type="submit" ?disabled=${this._propsSaving || !this._page.exists} data-testid="collab-props-save">${t('collab.props.save')}</button>
          ${this._page.exists ? nothing : html`<span class="hint">${t('collab.props.newHint')}</span>`}
          ${this._propsMessage ? html`<span role="status" data-testid="collab-props-status">${this._propsMessage}</span>` : nothing}
          ${err ? html`<span class="field-error" role="alert">${err.message}</span>` : nothing}
        </div>
      </form>
      ${this._page.exists ? html`<lc-fields-editor .slug=${this.slug} .kind=${this._page.kind}></lc-fields-editor>` : nothing}
    </details>`;
  }

  /** Where an upload from a drop or a paste stands. */
  private _renderUpload() {
    const u = this._upload;
    if (!u) return nothing;
    if (u.state === 'error')
      return html`<p class="field-error" role="alert" data-testid="upload-status">${errorText(u.error)}</p>`;
    return html`<p class="hint" role="status" data-testid="upload-status">
      ${u.state === 'uploading' ? t('files.inserting', { n: u.count }) : t('files.inserted')}
    </p>`;
  }

  private _renderToolbar() {
    if (!this._canWrite) return nothing;
    return html`<div class="toolbar" role="toolbar" aria-label=${t('collab.tool.bar')} aria-controls="cm">
      ${TOOLBAR.map(
        (
          b,
        ) => html`<button type="button" aria-label=${t(b.key)} title=${t(b.key)} @click=${() => this._runTool(b.run)}>
          <span aria-hidden="true" style=${b.style}>${b.icon}</span>
        </button>`,
      )}
    </div>`;
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
      ${this._renderProps()}
      <ul class="presence" data-testid="collab-presence" aria-label=${t('collab.presence')}>
        <li><strong>${t('collab.presence')} :</strong></li>
        ${this._presence.map(
          (p) => html`<li data-testid="collab-person" data-self=${p.self ? 'yes' : 'no'}>
            <span class="dot" style="background:${p.color}"></span>${p.self ? t('collab.presence.you', { name: p.name }) : p.name}
          </li>`,
        )}
      </ul>
      <div class="panes">
        <section>
          <h2>${t('collab.editor')}</h2>
          ${this._renderToolbar()}
          <div class="cm" id="cm" data-testid="collab-editor"></div>
          <p class="hint">${t('collab.autosave')} ${this._canWrite ? t('files.dropHint') : nothing}</p>
          ${this._canWrite ? html`<p class="hint">${t('collab.keyboard')}</p>` : nothing}
          ${this._renderUpload()}
        </section>
        <section>
          <h2>${t('collab.preview')}</h2>
          <!-- Server rendering (or markdown-it without raw HTML): lc-wiki-content inserts it. -->
          <lc-wiki-content class="preview" data-testid="collab-preview" .html=${this._preview}></lc-wiki-content>
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
