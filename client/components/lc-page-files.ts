import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getPageFiles, uploadFile, type PageFile } from '../api/files.js';
import { locale, t } from '../i18n/index.js';
import { errorText, loadingLine } from '../format.js';
import { filePageUrl, fileSize } from '../lib/files-format.js';
import { sharedStyles } from '../styles.js';

/** A page's files list (attached from here, or used in its text), with an upload button for contributors. */
@customElement('lc-page-files')
export class LcPageFiles extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      li { margin: 0.3rem 0; display: flex; gap: 0.5rem; align-items: center; font-size: 0.92rem; }
      img { width: 2.4rem; height: 2.4rem; object-fit: cover; border-radius: 4px; border: 1px solid var(--lc-line); }
      .icon { width: 2.4rem; text-align: center; font-size: 1.3rem; }
      .upload { margin-top: 0.6rem; }
      .upload input { position: absolute; width: 1px; height: 1px; opacity: 0; }
      .upload input:focus-visible + label { outline: 3px solid #1f4f9c; outline-offset: 2px; }
    `,
  ];

  /** The page's slug. */
  @property() slug = '';
  /** The page's revision: the list is read again when it moves (its text may use new files). */
  @property({ type: Number }) revision = 0;
  /** Whether the reader may upload (contributors). */
  @property({ type: Boolean }) canUpload = false;

  @state() private _files: PageFile[] | null = null;
  @state() private _busy = false;
  @state() private _error: unknown = null;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug') || changed.has('revision')) void this._load();
  }

  private async _load() {
    const slug = this.slug;
    try {
      const answer = await getPageFiles(slug);
      if (slug === this.slug) this._files = answer.files;
    } catch (err) {
      if (slug === this.slug) {
        this._files = [];
        this._error = err;
      }
    }
  }

  private async _upload(e: Event) {
    const input = e.target as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (!chosen.length) return;
    this._busy = true;
    this._error = null;
    try {
      for (const file of chosen) await uploadFile(file, { page: this.slug });
      await this._load();
    } catch (err) {
      this._error = err;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const lang = locale();
    return html`<section class="card" aria-labelledby="files-h" data-testid="page-files">
      <h2 id="files-h">${t('files.ofPage')}</h2>
      ${
        this._files === null
          ? loadingLine()
          : this._files.length
            ? html`<ul class="plain">
              ${this._files.map(
                (f) => html`<li>
                  ${f.image ? html`<img src=${f.url} alt="" loading="lazy" />` : html`<span class="icon" aria-hidden="true">📄</span>`}
                  <span><a href=${filePageUrl(f.name)}>${f.name}</a> <span class="muted small">${fileSize(f.size, lang)}</span></span>
                </li>`,
              )}
            </ul>`
            : html`<p class="muted small">${t('files.noneOnPage')}</p>`
      }
      ${
        this.canUpload
          ? html`<div class="upload">
            <input id="page-file-input" type="file" multiple ?disabled=${this._busy} @change=${this._upload} data-testid="page-file-input" />
            <label class="btn small secondary" for="page-file-input">${this._busy ? t('files.uploading') : t('files.addToPage')}</label>
          </div>`
          : nothing
      }
      ${this._error ? html`<p class="field-error" role="alert">${errorText(this._error)}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-files': LcPageFiles;
  }
}
