import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listFiles, uploadFile, type FileInfo } from '../api/files.js';
import { formatDate, locale, t } from '../i18n/index.js';
import { errorBox, loadingLine } from '../format.js';
import {
  chosenUpload,
  filePageUrl,
  fileSize,
  headRow,
  uploaderName,
  uploadInputs,
  uploadProblem,
} from '../lib/files-format.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';

/** Every file, by name, with a name filter and an upload form for contributors. */
@customElement('lc-files-list')
export class LcFilesList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-bottom: 1rem; }
      form .field { margin: 0; }
      table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
      th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--lc-line); }
      img { width: 2.2rem; height: 2.2rem; object-fit: cover; border-radius: 4px; vertical-align: middle; }
      .upload { margin-bottom: 1.2rem; }
      .upload h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
    `,
  ];

  @state() private _q = '';
  @state() private _files: FileInfo[] | null = null;
  @state() private _total = 0;
  @state() private _error: unknown = null;
  @state() private _busy = false;
  @state() private _uploadError: unknown = null;
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('files.heading')} · ${t('app.name')}`;
    void this._load();
  }

  private async _load() {
    try {
      const answer = await listFiles(this._q);
      this._files = answer.files;
      this._total = answer.total;
    } catch (err) {
      this._error = err;
    }
  }

  private _filter(e: SubmitEvent) {
    e.preventDefault();
    this._q = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim();
    void this._load();
  }

  private async _upload(e: SubmitEvent) {
    e.preventDefault();
    const chosen = chosenUpload(e.target as HTMLFormElement);
    if (!chosen) {
      this._uploadError = t('files.chooseFile');
      return;
    }
    this._busy = true;
    this._uploadError = null;
    try {
      const result = await uploadFile(chosen.file, { comment: chosen.comment });
      navigate(filePageUrl(result.file.name));
    } catch (err) {
      this._uploadError = err;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    if (this._error) return errorBox(this._error);
    const lang = locale();
    return html`
      <h1>${t('files.heading')}</h1>
      ${
        this._session.canEdit
          ? html`<section class="card upload" aria-labelledby="upload-h">
            <h2 id="upload-h">${t('files.upload')}</h2>
            <form @submit=${this._upload}>
              ${uploadInputs('upload')}
              <button class="btn" type="submit" ?disabled=${this._busy}>${this._busy ? t('files.uploading') : t('files.send')}</button>
            </form>
            ${uploadProblem(this._uploadError)}
          </section>`
          : nothing
      }
      <form role="search" @submit=${this._filter}>
        <div class="field">
          <label for="files-q">${t('files.filter')}</label>
          <input id="files-q" name="q" type="search" .value=${this._q} />
        </div>
        <button class="btn secondary" type="submit">${t('files.filterButton')}</button>
      </form>
      ${
        this._files === null
          ? loadingLine()
          : this._files.length
            ? html`<p class="muted small" role="status">${t('files.count', { n: this._total })}</p>
              <table data-testid="files-table">
                ${headRow(['files.name', 'files.type', 'files.size', 'files.uploadedBy', 'files.uploadedAt'])}
                <tbody>
                  ${this._files.map(
                    (f) => html`<tr>
                      <td>${f.image ? html`<img src=${f.url} alt="" loading="lazy" /> ` : nothing}<a href=${filePageUrl(f.name)}>${f.name}</a></td>
                      <td>${f.contentType}</td>
                      <td>${fileSize(f.size, lang)}</td>
                      <td>${uploaderName(f.uploadedBy)}</td>
                      <td>${formatDate(f.updatedAt)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted">${t('files.none')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-files-list': LcFilesList;
  }
}
