import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { getPage, previewMarkdown, savePage, type UserRef, type WikiPage } from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import {
  errorBox,
  errorText,
  kindLabel,
  loadingLine,
  PAGE_KINDS,
  pageUrl,
  titleFromSlug,
  userName,
} from '../format.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import { slugify } from '../../registry/text/slug.js';
import './lc-wiki-content.js';
import './lc-fields-editor.js';
import { transferredFiles, uploadAsMarkdown } from '../lib/file-upload.js';

type Field = 'title' | 'markdown' | 'summary' | 'kind' | 'categories' | 'slug';
const FIELDS: Field[] = ['title', 'markdown', 'summary', 'kind', 'categories', 'slug'];

/**
 * The edit form of a wiki page (also used to create one). It sends the revision it started
 * from; when someone saved in between, it shows both texts and lets the user either keep their
 * text over the new revision or take the current version, without losing what they wrote.
 * The fallback of the real-time co-editor (/wiki/:slug/edit?mode=form, "Éditeur simple"): it
 * works without WebSocket.
 */
@customElement('lc-page-editor')
export class LcPageEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form.card { padding: 1.2rem 1.4rem; }
      @media (max-width: 40rem) { form.card { padding: 1rem; } }
      .row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0 1rem; }
      @media (max-width: 40rem) { .row { grid-template-columns: minmax(0, 1fr); } }
      #title { font-size: 1.2rem; font-weight: 600; }
      #markdown { min-height: 22rem; resize: vertical; line-height: 1.5; tab-size: 2; }
      #markdown[hidden] { display: none; }
      .label-row { display: flex; justify-content: space-between; align-items: flex-end; gap: 0.5rem; flex-wrap: wrap; }
      .switch { display: inline-flex; border: 1px solid var(--lc-green); border-radius: 6px; overflow: hidden; }
      .switch button { font: inherit; font-size: 0.88rem; padding: 0.25rem 0.75rem; border: 0; background: #fff; color: var(--lc-green-dark); cursor: pointer; }
      .switch button[aria-pressed='true'] { background: var(--lc-green); color: #fff; }
      .preview { min-height: 22rem; border: 1px dashed #b9b3a4; border-radius: 6px; padding: 1rem 1.2rem; background: #fff; }
      .slug { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
      details.help { font-size: 0.9rem; margin: -0.5rem 0 1rem; }
      details.help summary { cursor: pointer; color: var(--lc-green-dark); }
      details.help table { border-collapse: collapse; margin-top: 0.5rem; }
      details.help td { padding: 0.15rem 0.8rem 0.15rem 0; vertical-align: top; }
      details.help code { background: #efece4; padding: 0.05rem 0.3rem; border-radius: 4px; }
      .conflict h2 { margin-top: 0; font-size: 1.1rem; }
      .versions { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: 0.8rem 0; }
      @media (max-width: 48rem) { .versions { grid-template-columns: 1fr; } }
      .versions textarea { min-height: 12rem; background: #fbfaf7; font-size: 0.85rem; }
      .versions h3 { font-size: 0.95rem; margin: 0 0 0.3rem; }
      .referent label.check { font-weight: 400; display: flex; gap: 0.5rem; align-items: center; cursor: pointer; }
      .referent input { width: 1.1rem; height: 1.1rem; accent-color: var(--lc-green); margin: 0; }
      .footer { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; justify-content: space-between; }
      .footer .hint { font-size: 0.85rem; color: var(--lc-muted); }
    `,
  ];

  /** Slug of the page to edit; for a new page, empty means "derived from the title". */
  @property() slug = '';
  /** True to create a page rather than edit one. */
  @property({ type: Boolean }) creating = false;
  /** Title proposed for a new page (from the new-page form or a missing wiki link). */
  @property() initialTitle = '';

  @state() private _loaded = false;
  @state() private _loadError: unknown = null;
  @state() private _title = '';
  @state() private _markdown = '';
  @state() private _summary = '';
  @state() private _kind = 'practice';
  /** The saved page's kind (its structured fields are those of this kind). */
  @state() private _savedKind = 'practice';
  /** Files dropped or pasted into the text being uploaded, or the last upload's error. */
  @state() private _uploading = 0;
  @state() private _uploadError: unknown = null;
  @state() private _categories = '';
  @state() private _baseRevision = 0;
  @state() private _saving = false;
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _error: unknown = null;
  /** The version saved by someone else while this user was editing. */
  @state() private _conflict: WikiPage | null = null;
  /** The user's own text, kept aside after they took the current version. */
  @state() private _keptText: string | null = null;
  @state() private _dirty = false;
  /** The page's référent when the form was loaded. */
  @state() private _referent: UserRef | null = null;
  /** Whether the user asks to be (or stay) the page's référent. */
  @state() private _beReferent = false;
  /** Showing the rendered preview instead of the text area. */
  @state() private _previewing = false;
  /** The preview's HTML (from the server's renderer), null while it loads. */
  @state() private _previewHtml: string | null = null;
  @state() private _previewError: unknown = null;
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('beforeunload', this._onBeforeUnload);
    // Capture phase: runs before the router turns the click into an in-app navigation.
    window.addEventListener('click', this._onLinkClick, true);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this._onBeforeUnload);
    window.removeEventListener('click', this._onLinkClick, true);
  }

  private _onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this._dirty) e.preventDefault();
  };

  /** Asks before a link leaves the form with unsaved text. */
  private _onLinkClick = (e: MouseEvent) => {
    if (!this._dirty || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const path = e.composedPath();
    const a = path.find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || !a.href || a.target) return;
    if (
      path.some(
        (n) =>
          n instanceof HTMLElement &&
          n.localName === 'lc-wiki-content' &&
          n.hasAttribute('preview'),
      )
    )
      return;
    if (!confirm(t('wiki.edit.leaveConfirm'))) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug') || changed.has('creating')) void this._load();
  }

  private async _load() {
    this._loaded = false;
    this._loadError = null;
    this._errors = {};
    this._error = null;
    this._conflict = null;
    this._keptText = null;
    this._dirty = false;
    if (this.creating) {
      this._fill(null);
      return;
    }
    const slug = this.slug;
    try {
      const page = await getPage(slug);
      if (slug !== this.slug) return;
      if (page.slug !== slug) {
        // A moved page's old slug (the read followed the redirect): edit it at its new address,
        // so a save does not write a new page at the old one.
        history.replaceState(
          null,
          '',
          location.pathname.replace(/^\/wiki\/[^/]+/, pageUrl(page.slug)) + location.search,
        );
        window.dispatchEvent(new Event('lc-navigate'));
        return;
      }
      this._fill(page);
    } catch (err) {
      if (slug !== this.slug) return;
      if (err instanceof ApiError && err.status === 404 && err.code === 'not_found') {
        // Editing a page that does not exist yet: create it at that address.
        this.initialTitle ||= titleFromSlug(slug);
        this.creating = true;
      } else {
        this._loadError = err;
      }
    }
  }

  private _fill(page: WikiPage | null) {
    this._title = page?.title ?? this.initialTitle;
    this._markdown = page?.markdown ?? '';
    this._summary = '';
    this._kind = page?.kind ?? 'practice';
    this._savedKind = this._kind;
    this._categories = page?.categories.join(', ') ?? '';
    this._baseRevision = page?.revision ?? 0;
    this._referent = page?.referent ?? null;
    this._beReferent = !!page?.referent && page.referent.id === this._session.user?.id;
    this._loaded = true;
    document.title = `${t(page ? 'wiki.edit.titleOf' : 'wiki.new.heading', { title: this._title })} · ${t('app.name')}`;
  }

  /** The slug the save goes to. */
  private get _targetSlug() {
    return this.slug || slugify(this._title);
  }

  private _input(field: 'title' | 'markdown' | 'summary' | 'kind' | 'categories') {
    return (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      if (field === 'title') this._title = value;
      else if (field === 'markdown') this._markdown = value;
      else if (field === 'summary') this._summary = value;
      else if (field === 'kind') this._kind = value;
      else this._categories = value;
      this._dirty = true;
      if (this._errors[field]) this._errors = { ...this._errors, [field]: undefined };
    };
  }

  private _onKeydown(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      void this._save();
    }
  }

  private _validate(): boolean {
    const errors: Partial<Record<Field, string>> = {};
    if (!this._title.trim()) errors.title = t('wiki.edit.error.titleRequired');
    else if (!this._targetSlug) errors.title = t('wiki.edit.error.titleNoSlug');
    this._errors = errors;
    return Object.keys(errors).length === 0;
  }

  private async _save(e?: Event) {
    e?.preventDefault();
    if (this._saving || !this._validate()) {
      this._focusFirstError();
      return;
    }
    this._saving = true;
    this._error = null;
    const slug = this._targetSlug;
    const categories = this._categories
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    try {
      const page = await savePage(slug, {
        title: this._title.trim(),
        markdown: this._markdown,
        summary: this._summary.trim() || undefined,
        baseRevision: this._baseRevision,
        kind: this._kind,
        categories,
        referentId: this._referentId(),
      });
      this._dirty = false;
      navigate(pageUrl(page.slug));
    } catch (err) {
      await this._onSaveError(err, slug);
    } finally {
      this._saving = false;
    }
  }

  /** The référent to send: me when asked, nobody when I stepped down, unchanged otherwise. */
  private _referentId(): number | null | undefined {
    const me = this._session.user;
    if (!me) return undefined;
    const wasMe = this._referent?.id === me.id;
    if (this._beReferent) return wasMe ? undefined : me.id;
    return wasMe ? null : undefined;
  }

  private async _onSaveError(err: unknown, slug: string) {
    if (err instanceof ApiError && err.status === 409 && err.code === 'conflict') {
      let current = err.details.current as WikiPage | undefined;
      if (!current) {
        try {
          current = await getPage(slug);
        } catch (e2) {
          this._error = e2;
          return;
        }
      }
      this._conflict = current;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.conflict')?.focus();
      return;
    }
    if (err instanceof ApiError && err.status === 400) {
      const field = String(err.details.field ?? '') as Field;
      if (FIELDS.includes(field)) {
        this._errors = { [field]: err.message.replace(/^[\w.]+: /, '') };
        this._focusFirstError();
        return;
      }
    }
    this._error = err;
  }

  private async _focusFirstError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** Keep my text, on top of the revision saved meanwhile (the next save replaces it). */
  private _keepMine() {
    if (!this._conflict) return;
    // Only state changes here: touching `slug` or `creating` would reload the form.
    this._baseRevision = this._conflict.revision;
    this._conflict = null;
  }

  /** Take the current version into the form, keeping my text aside to copy from. */
  private _takeCurrent() {
    const c = this._conflict;
    if (!c) return;
    this._keptText = this._markdown;
    this._title = c.title;
    this._markdown = c.markdown;
    this._kind = c.kind;
    this._categories = c.categories.join(', ');
    this._baseRevision = c.revision;
    this._referent = c.referent ?? null;
    this._conflict = null;
  }

  /**
   * A change of fields writes a revision with the same text: the form's text, based on the
   * revision just before it, is based on this one as well (saving it is no conflict).
   */
  private _onFieldsSaved(e: CustomEvent<{ revision: number | null }>) {
    const revision = e.detail?.revision;
    if (revision && revision === this._baseRevision + 1) this._baseRevision = revision;
  }

  override render() {
    if (this._loadError) return errorBox(this._loadError);
    if (!this._loaded) return loadingLine();
    if (this._session.known && !this._session.canEdit) {
      return html`<div class="message warning" role="alert">
        ${
          this._session.user
            ? t('error.forbidden')
            : html`${t('wiki.edit.loginFirst')}
              <a href="/login?next=${encodeURIComponent(location.pathname + location.search)}">${t('nav.login')}</a>`
        }
      </div>`;
    }
    const isNew = this._baseRevision === 0;
    const kinds: string[] = [...PAGE_KINDS];
    if (!kinds.includes(this._kind)) kinds.push(this._kind);
    return html`
      <h1>${isNew ? t('wiki.new.heading', { title: this._title }) : t('wiki.edit.titleOf', { title: this._title })}</h1>
      ${this._conflict ? this._renderConflict(this._conflict) : nothing}
      ${this._keptText !== null ? this._renderKept(this._keptText) : nothing}
      ${this._error ? errorBox(this._error) : nothing}
      <form class="card" novalidate @submit=${this._save} @keydown=${this._onKeydown} aria-busy=${this._saving}>
        ${this._field(
          'title',
          t('wiki.edit.title'),
          html`<input
            id="title"
            type="text"
            maxlength="200"
            required
            .value=${this._title}
            @input=${this._input('title')}
            aria-invalid=${this._errors.title ? 'true' : 'false'}
            aria-describedby="title-hint title-error"
          />`,
          isNew
            ? html`<span class="hint" id="title-hint">${t('wiki.edit.address')}
            <span class="slug">${pageUrl(this._targetSlug || '…')}</span></span>`
            : nothing,
        )}
        <div class="field">
          <div class="label-row">
            <label for="markdown">${t('wiki.edit.markdown')}</label>
            <div class="switch" role="group" aria-label=${t('wiki.edit.mode')}>
              <button type="button" aria-pressed=${!this._previewing} @click=${() => (this._previewing = false)}>
                ${t('wiki.edit.write')}
              </button>
              <button type="button" aria-pressed=${this._previewing} @click=${this._showPreview} data-testid="preview-tab">
                ${t('wiki.edit.preview')}
              </button>
            </div>
          </div>
          <textarea
            id="markdown"
            spellcheck="true"
            ?hidden=${this._previewing}
            .value=${this._markdown}
            @input=${this._input('markdown')}
            @paste=${this._onFiles}
            @drop=${this._onFiles}
            @dragover=${this._onDragOver}
            aria-invalid=${this._errors.markdown ? 'true' : 'false'}
            aria-describedby="markdown-error"
          ></textarea>
          ${this._previewing ? this._renderPreview() : nothing}
          ${this._errors.markdown ? html`<span class="field-error" id="markdown-error">${this._errors.markdown}</span>` : nothing}
        </div>
        <p class="hint">${t('files.dropHint')}</p>
        ${this._uploading ? html`<p class="hint" role="status">${t('files.inserting', { n: this._uploading })}</p>` : nothing}
        ${this._uploadError ? html`<p class="field-error" role="alert">${errorText(this._uploadError)}</p>` : nothing}
        ${this._renderHelp()}
        <div class="row">
          ${this._field(
            'categories',
            t('wiki.edit.categories'),
            html`<input
              id="categories"
              type="text"
              .value=${this._categories}
              @input=${this._input('categories')}
              aria-invalid=${this._errors.categories ? 'true' : 'false'}
              aria-describedby="categories-hint categories-error"
            />`,
            html`<span class="hint" id="categories-hint">${t('wiki.edit.categoriesHint')}</span>`,
          )}
          ${this._field(
            'kind',
            t('wiki.edit.kind'),
            html`<select
              id="kind"
              .value=${this._kind}
              @change=${this._input('kind')}
              aria-invalid=${this._errors.kind ? 'true' : 'false'}
              aria-describedby="kind-error"
            >
              ${kinds.map((k) => html`<option value=${k} ?selected=${k === this._kind}>${kindLabel(k)}</option>`)}
            </select>`,
          )}
        </div>
        ${this._renderReferent()}
        ${this._field(
          'summary',
          t('wiki.edit.summary'),
          html`<input
            id="summary"
            type="text"
            maxlength="500"
            placeholder=${t('wiki.edit.summaryPlaceholder')}
            .value=${this._summary}
            @input=${this._input('summary')}
            aria-invalid=${this._errors.summary ? 'true' : 'false'}
            aria-describedby="summary-error"
          />`,
        )}
        <div class="footer">
          <div class="actions">
            <button class="btn" type="submit" ?disabled=${this._saving} data-testid="save">
              ${this._saving ? t('wiki.edit.saving') : t('wiki.edit.save')}
            </button>
            <a class="btn secondary" href=${isNew && !this.slug ? '/' : pageUrl(this._targetSlug)}>${t('wiki.cancel')}</a>
          </div>
          <span class="hint">${isNew ? t('wiki.edit.newHint') : t('wiki.edit.baseHint', { n: this._baseRevision })}</span>
        </div>
      </form>
      ${isNew ? nothing : html`<lc-fields-editor .slug=${this.slug} .kind=${this._savedKind} @lc-fields-saved=${this._onFieldsSaved}></lc-fields-editor>`}
    `;
  }

  /** Lets files be dropped on the text (the browser would open them otherwise). */
  private _onDragOver(e: DragEvent) {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  }

  /** Files dropped or pasted into the text: uploaded, then shown where the caret was. */
  private async _onFiles(e: ClipboardEvent | DragEvent) {
    const data = 'clipboardData' in e ? e.clipboardData : e.dataTransfer;
    const files = transferredFiles(data);
    if (!files.length) return;
    e.preventDefault();
    const area = e.target as HTMLTextAreaElement;
    const at = area.selectionStart ?? this._markdown.length;
    this._uploading = files.length;
    this._uploadError = null;
    try {
      const markdown = await uploadAsMarkdown(files);
      const text = this._markdown;
      const pos = Math.min(at, text.length);
      const before = pos > 0 && text[pos - 1] !== '\n' ? '\n' : '';
      const after = pos < text.length && text[pos] !== '\n' ? '\n' : '';
      this._markdown = text.slice(0, pos) + before + markdown + after + text.slice(pos);
      this._dirty = true;
    } catch (err) {
      this._uploadError = err;
    } finally {
      this._uploading = 0;
    }
  }

  private async _showPreview() {
    this._previewing = true;
    this._previewHtml = null;
    this._previewError = null;
    const text = this._markdown;
    try {
      const { html: rendered } = await previewMarkdown(text);
      if (this._previewing && text === this._markdown) this._previewHtml = rendered;
    } catch (err) {
      this._previewError = err;
    }
  }

  private _renderPreview() {
    return html`<div class="preview" role="region" aria-label=${t('wiki.edit.preview')} aria-busy=${this._previewHtml === null} data-testid="preview">
      ${
        this._previewError
          ? errorBox(this._previewError)
          : this._previewHtml === null
            ? loadingLine()
            : this._markdown.trim()
              ? html`<lc-wiki-content preview .html=${this._previewHtml}></lc-wiki-content>`
              : html`<p class="muted">${t('wiki.edit.previewEmpty')}</p>`
      }
    </div>`;
  }

  private _renderReferent() {
    const me = this._session.user;
    if (!me) return nothing;
    const other = this._referent && this._referent.id !== me.id ? this._referent : null;
    return html`<div class="field referent">
      <label class="check">
        <input
          type="checkbox"
          .checked=${this._beReferent}
          @change=${(e: Event) => {
            this._beReferent = (e.target as HTMLInputElement).checked;
            this._dirty = true;
          }}
        />
        ${other ? t('wiki.edit.referentTakeOver', { name: other.name }) : t('wiki.edit.referentMe')}
      </label>
      <span class="hint">${t('wiki.edit.referentHint')}</span>
    </div>`;
  }

  private _field(id: Field, label: string, control: unknown, hint: unknown = nothing) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control} ${hint}
      ${this._errors[id] ? html`<span class="field-error" id="${id}-error">${this._errors[id]}</span>` : nothing}
    </div>`;
  }

  private _renderConflict(c: WikiPage) {
    const existed = this._baseRevision === 0;
    return html`<section class="message warning conflict" role="alert" tabindex="-1" data-testid="conflict">
      <h2>${existed ? t('wiki.conflict.existsTitle') : t('wiki.conflict.title')}</h2>
      <p>
        ${
          existed
            ? html`${t('wiki.conflict.existsText')} <a href=${pageUrl(c.slug)}>${c.title}</a>`
            : t('wiki.conflict.text', {
                n: c.revision,
                name: userName(c.updatedBy),
                date: formatDate(c.updatedAt),
              })
        }
      </p>
      <div class="versions">
        <div>
          <h3>${t('wiki.conflict.yours')}</h3>
          <textarea readonly aria-label=${t('wiki.conflict.yours')} .value=${this._markdown}></textarea>
        </div>
        <div>
          <h3>${t('wiki.conflict.theirs', { n: c.revision })}</h3>
          <textarea readonly aria-label=${t('wiki.conflict.theirs', { n: c.revision })} .value=${c.markdown}></textarea>
        </div>
      </div>
      <div class="actions">
        <button class="btn" type="button" @click=${this._takeCurrent} data-testid="take-current">${t('wiki.conflict.takeCurrent')}</button>
        <button class="btn secondary" type="button" @click=${this._keepMine}>${t('wiki.conflict.keepMine')}</button>
      </div>
      <p class="small">${t('wiki.conflict.hint')}</p>
    </section>`;
  }

  private _renderKept(text: string) {
    return html`<section class="message info" data-testid="kept-text">
      <p><strong>${t('wiki.conflict.keptTitle')}</strong> ${t('wiki.conflict.keptText')}</p>
      <textarea readonly rows="6" aria-label=${t('wiki.conflict.yours')} .value=${text}></textarea>
      <p><button class="btn small secondary" type="button" @click=${() => (this._keptText = null)}>${t('wiki.conflict.dismiss')}</button></p>
    </section>`;
  }

  private _renderHelp() {
    const rows: [string, string][] = [
      ['[[Titre de page]]', t('wiki.help.wikilink')],
      ['[[slug|texte]]', t('wiki.help.wikilinkLabel')],
      ['## Titre', t('wiki.help.heading')],
      ['**gras** _italique_', t('wiki.help.emphasis')],
      ['- [ ] tâche', t('wiki.help.task')],
      ['| a | b |', t('wiki.help.table')],
      ['[texte](https://…)', t('wiki.help.link')],
    ];
    return html`<details class="help">
      <summary>${t('wiki.help.title')}</summary>
      <table>
        ${rows.map(([code, what]) => html`<tr><td><code>${code}</code></td><td>${what}</td></tr>`)}
      </table>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-editor': LcPageEditor;
  }
}
