import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { getPage, savePage, type UserRef, type WikiPage } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl, titleFromSlug } from '../format.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import { slugify } from '../../registry/text/slug.js';
import './lc-fields-editor.js';
import { conflictStyles, renderConflict, renderKept } from './page-editor-conflict.js';
import { field, FIELDS, fieldStyles, renderPageFields, type Field } from './page-editor-fields.js';
import { UnsavedChangesGuard } from './page-editor-guard.js';
import { helpStyles, renderMarkdownHelp } from './page-editor-help.js';
import { MarkdownPreview, previewStyles } from './page-editor-preview.js';
import { TextUploads } from './page-editor-uploads.js';

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
      #title { font-size: 1.2rem; font-weight: 600; }
      #markdown { min-height: 22rem; resize: vertical; line-height: 1.5; tab-size: 2; }
      #markdown[hidden] { display: none; }
      .slug { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
      .footer { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; justify-content: space-between; }
      .footer .hint { font-size: 0.85rem; color: var(--lc-muted); }
    `,
    fieldStyles,
    previewStyles,
    helpStyles,
    conflictStyles,
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
  private _session = new SessionController(this);
  /** Asks before unsaved text is left (registered as a controller: kept for its listeners). */
  private _guard = new UnsavedChangesGuard(this, () => this._dirty);
  private _preview = new MarkdownPreview(this, () => this._markdown);
  /** Files dropped or pasted into the text. */
  private _uploads = new TextUploads(this, {
    get: () => this._markdown,
    set: (text) => {
      this._markdown = text;
      this._dirty = true;
    },
  });

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
      void this._focusFirstError();
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
        void this._focusFirstError();
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
    return html`
      <h1>${isNew ? t('wiki.new.heading', { title: this._title }) : t('wiki.edit.titleOf', { title: this._title })}</h1>
      ${
        this._conflict
          ? renderConflict(this._conflict, {
              existed: this._baseRevision === 0,
              mine: this._markdown,
              takeCurrent: () => this._takeCurrent(),
              keepMine: () => this._keepMine(),
            })
          : nothing
      }
      ${this._keptText !== null ? renderKept(this._keptText, () => (this._keptText = null)) : nothing}
      ${this._error ? errorBox(this._error) : nothing}
      <form class="card" novalidate @submit=${this._save} @keydown=${this._onKeydown} aria-busy=${this._saving}>
        ${field(
          this._errors,
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
            ${this._preview.renderSwitch()}
          </div>
          <textarea
            id="markdown"
            spellcheck="true"
            ?hidden=${this._preview.showing}
            .value=${this._markdown}
            @input=${this._input('markdown')}
            @paste=${this._uploads.onFiles}
            @drop=${this._uploads.onFiles}
            @dragover=${this._uploads.onDragOver}
            aria-invalid=${this._errors.markdown ? 'true' : 'false'}
            aria-describedby="markdown-error"
          ></textarea>
          ${this._preview.render()}
          ${this._errors.markdown ? html`<span class="field-error" id="markdown-error">${this._errors.markdown}</span>` : nothing}
        </div>
        <p class="hint">${t('files.dropHint')}</p>
        ${this._uploads.render()}
        ${renderMarkdownHelp()}
        ${renderPageFields({
          errors: this._errors,
          categories: this._categories,
          kind: this._kind,
          summary: this._summary,
          input: (f) => this._input(f),
          me: this._session.user,
          referent: this._referent,
          beReferent: this._beReferent,
          setBeReferent: (checked) => {
            this._beReferent = checked;
            this._dirty = true;
          },
        })}
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
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-editor': LcPageEditor;
  }
}
