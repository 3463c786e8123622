import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  deleteFile,
  deleteFileVersion,
  getFile,
  markdownForFile,
  uploadFile,
  type FileDetails,
} from '../api/files.js';
import { formatDate, locale, t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl } from '../format.js';
import {
  chosenUpload,
  fileSize,
  headRow,
  uploaderName,
  uploadInputs,
  uploadProblem,
} from '../lib/files-format.js';
import { hasRole, SessionController } from '../session.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../styles.js';

/** A file's page: preview or download, who uploaded each version, where the file is used, a new version. */
@customElement('lc-file-page')
export class LcFilePage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1.5rem; align-items: start; }
      @media (max-width: 52rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
      .preview img { max-width: 100%; max-height: 28rem; display: block; margin: 0 auto; }
      dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 0.8rem; font-size: 0.92rem; }
      dt { color: var(--lc-muted); font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--lc-line); vertical-align: top; }
      code { background: var(--lc-bg); padding: 0.1rem 0.3rem; border-radius: 4px; overflow-wrap: anywhere; }
      aside .card, .card + .card { margin-top: 1rem; }
      aside h2, .card h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
      form { display: flex; flex-direction: column; gap: 0.4rem; }
      label { font-weight: 600; font-size: 0.92rem; }
    `,
  ];

  /** The file's name. */
  @property() name = '';

  @state() private _file: FileDetails | null = null;
  @state() private _error: unknown = null;
  @state() private _busy = false;
  @state() private _uploadError: unknown = null;
  @state() private _message: string | null = null;
  @state() private _deleteError: unknown = null;
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('name')) void this._load();
  }

  private async _load() {
    const name = this.name;
    this._error = null;
    try {
      const file = await getFile(name);
      if (name !== this.name) return;
      this._file = file;
      document.title = `${file.name} · ${t('app.name')}`;
    } catch (err) {
      if (name === this.name) this._error = err;
    }
  }

  private async _newVersion(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const chosen = chosenUpload(form);
    if (!chosen) {
      this._uploadError = t('files.chooseFile');
      return;
    }
    this._busy = true;
    this._uploadError = null;
    this._message = null;
    try {
      const result = await uploadFile(chosen.file, { name: this.name, comment: chosen.comment });
      this._message = result.changed
        ? t('files.versionSaved', { n: result.file.version })
        : t('files.sameBytes');
      form.reset();
      await this._load();
    } catch (err) {
      this._uploadError = err;
    } finally {
      this._busy = false;
    }
  }

  /** Deletes the file (`version` undefined) or one version, with the reason typed in the deletion box. */
  private async _delete(version?: number) {
    const reason = (
      this.renderRoot.querySelector<HTMLInputElement>('#delete-reason')?.value ?? ''
    ).trim();
    this._busy = true;
    this._deleteError = null;
    try {
      if (version === undefined) {
        await deleteFile(this.name, reason);
        navigate('/fichiers');
        return;
      }
      await deleteFileVersion(this.name, version, reason);
      this._message = t('files.versionDeleted', { n: version });
      await this._load();
    } catch (err) {
      this._deleteError = err;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    if (this._error) return errorBox(this._error);
    const f = this._file;
    if (!f) return loadingLine();
    const lang = locale();
    const current = f.versions[0];
    return html`
      <p class="small"><a href="/fichiers">${t('files.all')}</a></p>
      <h1>${f.name}</h1>
      <div class="layout">
        <div>
          <section class="card preview" aria-label=${t('files.preview')}>
            ${
              f.image
                ? html`<img src=${f.url} alt=${t('files.previewAlt', { name: f.name })} data-testid="file-preview" />`
                : html`<p><a class="btn secondary" href=${f.url} download=${f.name} data-testid="file-download">${t('files.download')}</a></p>`
            }
            <p class="small muted">${t('files.useIt')} <code>${markdownForFile(f, f.image ? t('files.altPlaceholder') : f.name)}</code></p>
          </section>
          <section class="card" aria-labelledby="versions-h">
            <h2 id="versions-h">${t('files.versions')}</h2>
            <table data-testid="file-versions">
              ${headRow(['files.version', 'files.uploadedAt', 'files.uploadedBy', 'files.size', 'files.comment'])}
              <tbody>
                ${f.versions.map(
                  (v) => html`<tr>
                    <td><a href=${v.url}>${v.number}</a></td>
                    <td>${formatDate(v.uploadedAt)}</td>
                    <td>${uploaderName(v.uploadedBy)}</td>
                    <td>${fileSize(v.size, lang)}</td>
                    <td>${v.comment}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </section>
          ${this._session.canEdit ? this._renderUpload() : nothing}
          ${hasRole(this._session.user, 'facilitator') ? this._renderDelete(f) : nothing}
        </div>
        <aside>
          <section class="card" aria-labelledby="about-h">
            <h2 id="about-h">${t('files.about')}</h2>
            <dl>
              <dt>${t('files.type')}</dt><dd data-testid="file-type">${f.contentType}</dd>
              <dt>${t('files.size')}</dt><dd>${fileSize(f.size, lang)}</dd>
              <dt>${t('files.version')}</dt><dd>${f.version}</dd>
              <dt>${t('files.uploadedBy')}</dt>
              <dd data-testid="file-uploader">${t('files.byOn', { name: uploaderName(current?.uploadedBy ?? null), date: formatDate(f.updatedAt) })}</dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="used-h">
            <h2 id="used-h">${t('files.usedBy')}</h2>
            ${
              f.usedBy.length
                ? html`<ul class="plain" data-testid="file-used-by">
                  ${f.usedBy.map((p) => html`<li><a href=${pageUrl(p.slug)}>${p.title}</a></li>`)}
                </ul>`
                : html`<p class="muted small">${t('files.unused')}</p>`
            }
          </section>
        </aside>
      </div>
    `;
  }

  private _renderDelete(f: FileDetails) {
    return html`<section class="card" aria-labelledby="delete-h" data-testid="file-delete">
      <h2 id="delete-h">${t('files.delete.heading')}</h2>
      <p class="small muted">${t('files.delete.help')}</p>
      <label for="delete-reason">${t('files.delete.reason')}</label>
      <input id="delete-reason" type="text" maxlength="500" />
      <span class="actions">
        ${
          f.versions.length > 1
            ? f.versions.map(
                (
                  v,
                ) => html`<button class="btn secondary" type="button" ?disabled=${this._busy} @click=${() => this._delete(v.number)}>
                ${t('files.delete.version', { n: v.number })}
              </button>`,
              )
            : nothing
        }
        <button class="btn danger" type="button" ?disabled=${this._busy} @click=${() => this._delete()}>${t('files.delete.file')}</button>
      </span>
      ${this._deleteError ? errorBox(this._deleteError) : nothing}
    </section>`;
  }

  private _renderUpload() {
    return html`<section class="card" aria-labelledby="upload-h">
      <h2 id="upload-h">${t('files.newVersion')}</h2>
      <form @submit=${this._newVersion}>
        ${uploadInputs('version')}
        <span class="actions">
          <button class="btn" type="submit" ?disabled=${this._busy}>${this._busy ? t('files.uploading') : t('files.send')}</button>
        </span>
        ${this._message ? html`<p role="status">${this._message}</p>` : nothing}
        ${uploadProblem(this._uploadError)}
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-file-page': LcFilePage;
  }
}
