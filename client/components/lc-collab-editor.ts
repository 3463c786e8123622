import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import MarkdownIt from 'markdown-it';
import * as Y from 'yjs';
import { EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { markdown } from '@codemirror/lang-markdown';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import { t } from '../i18n/index.js';
import { me, type SessionUser } from '../api/auth.js';
import { colorFor, openCollab, pageInfo, type CollabIdentity, type CollabPageInfo, type CollabSession } from '../api/collab.js';
import { previewMarkdown } from '../api/wiki.js';
import { sharedStyles } from '../styles.js';
import { hasRole } from '../session.js';
import './lc-wiki-content.js';

type Status = 'connecting' | 'connected' | 'offline' | 'refused';

interface Presence {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/** Enter inserts a line break (the installed CodeMirror has no @codemirror/commands). */
const insertNewline: Command = (view) => {
  view.dispatch(view.state.replaceSelection('\n'), { scrollIntoView: true, userEvent: 'input' });
  return true;
};

/** A small editor setup built from the installed CodeMirror 6 packages. */
const editorSetup = (): Extension => [
  lineNumbers(),
  highlightSpecialChars(),
  drawSelection(),
  dropCursor(),
  highlightActiveLine(),
  bracketMatching(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  markdown(),
  EditorView.lineWrapping,
  keymap.of([...yUndoManagerKeymap, { key: 'Enter', run: insertNewline }]),
];

// Raw HTML off: whatever co-editors type, the preview cannot carry scripts; markdown-it also
// refuses javascript:, vbscript: and file: links.
const md = new MarkdownIt({ html: false, linkify: true });

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
    .status[data-status='offline'], .status[data-status='refused'] { background: #f6d9d4; color: #7a2414; }
    .notice { background: #fff8e1; border-left: 4px solid #e0b232; padding: 0.5rem 0.8rem; margin: 0 0 0.8rem; }
    .presence { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; list-style: none; padding: 0; margin: 0 0 0.8rem; font-size: 0.9rem; }
    .presence li { display: flex; align-items: center; gap: 0.3rem; }
    .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; display: inline-block; }
    .panes { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
    @media (max-width: 800px) { .panes { grid-template-columns: minmax(0, 1fr); } }
    .panes h2 { font-size: 0.95rem; margin: 0 0 0.3rem; color: #4a5a52; }
    .cm { border: 1px solid #c9c4b5; background: #fff; min-height: 24rem; }
    .cm .cm-editor { min-height: 24rem; }
    .cm .cm-editor.cm-focused { outline: 2px solid #2f6f4f; }
    .preview { border: 1px solid #e2ddd0; background: #fffdf8; padding: 0.8rem 1rem; min-height: 24rem; }
    .hint { font-size: 0.85rem; color: #5c6a62; }
  `,
  ];

  /** Slug of the page to co-edit. */
  @property() slug = '';

  @state() private _status: Status = 'connecting';
  @state() private _presence: Presence[] = [];
  @state() private _preview = '';
  @state() private _page: CollabPageInfo | null = null;
  @state() private _user: SessionUser | null = null;
  @state() private _error: string | null = null;

  private _session: CollabSession | null = null;
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
    } catch (err) {
      this._error = t('collab.pageError', { message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (!this._page.exists && !this._canWrite) return; // nothing to watch
    await this.updateComplete;
    if (generation !== this._generation) return;
    const identity: CollabIdentity = { name: this._user?.name ?? t('collab.guest'), ...colorFor(this._user?.id ?? null) };
    const session = openCollab(this.slug, identity);
    this._session = session;
    const { provider, text } = session;
    provider.on('status', () => this._refreshStatus());
    provider.on('closed', () => {
      this._status = 'refused';
    });
    provider.awareness.on('change', () => this._refreshPresence());
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
          editorSetup(),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': t('collab.editor') }),
          yCollab(text, provider.awareness, { undoManager }),
        ],
      }),
    });
  }

  private _close() {
    this._generation++; // a pending _open() gives up
    if (this._previewTimer !== null) clearTimeout(this._previewTimer);
    this._previewTimer = null;
    this._view?.destroy();
    this._view = null;
    this._session?.destroy();
    this._session = null;
    this._presence = [];
    this._status = 'connecting';
  }

  private _refreshStatus() {
    const provider = this._session?.provider;
    if (!provider || this._status === 'refused') return;
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
      const color = typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color) ? user.color : '#888888';
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
    if (!this._user && !this._page.exists) return html`<p class="notice">${t('collab.loginToEdit')}</p>`;
    if (!this._canWrite) return html`<p class="notice">${this._user ? t('collab.readOnly') : t('collab.loginToEdit')}</p>`;
    if (!this._page.exists) return html`<p class="notice">${t('collab.newPage')}</p>`;
    return nothing;
  }

  override render() {
    const title = this._page?.title ?? this.slug;
    return html`
      <header>
        <h1>${t('collab.title', { title })}</h1>
        <span class="status" data-testid="collab-status" data-status=${this._status} role="status">${t(`collab.status.${this._status}`)}</span>
        ${this._page?.exists ? html`<a href="/wiki/${encodeURIComponent(this.slug)}">${t('collab.view')}</a>` : nothing}
      </header>
      ${this._notice()}
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
          <div class="cm" data-testid="collab-editor"></div>
          <p class="hint">${t('collab.autosave')}</p>
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
