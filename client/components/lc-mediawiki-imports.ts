import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  getMediawikiImport,
  listMediawikiImports,
  uploadMediawikiExport,
  type MediawikiImportReport,
  type MediawikiImportRow,
} from '../api/mediawiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox, errorText, loadingLine } from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, n]) => `${name} (${n})`)
    .join(', ') || t('mediawiki.report.none');

/**
 * Admins' screen of MediaWiki imports (`/admin/mediawiki`): upload an export (same code as
 * `lieux-communs import-mediawiki`), list the imports made here or from the command line, and read
 * each one's report.
 */
@customElement('lc-mediawiki-imports')
export class LcMediawikiImports extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form { margin-bottom: 1.6rem; }
      textarea { min-height: 5rem; font-family: var(--lc-mono, monospace); }
      table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
      th, td { text-align: left; padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--lc-line); vertical-align: top; }
      .status-failed { color: var(--lc-red); font-weight: 600; }
      .report { margin-top: 1.2rem; }
      .report ul { padding-left: 1.2rem; }
      .report li { margin: 0.15rem 0; overflow-wrap: anywhere; }
    `,
  ];

  @state() private _imports: MediawikiImportRow[] | null = null;
  @state() private _error: unknown = null;
  @state() private _uploadError: string | null = null;
  @state() private _busy = false;
  @state() private _message: string | null = null;
  @state() private _shown: MediawikiImportRow | null = null;
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('mediawiki.heading')} · ${t('app.name')}`;
    void this._load();
  }

  private async _load() {
    if (!hasRole(this._session.user, 'admin')) return;
    try {
      this._imports = (await listMediawikiImports()).imports;
      this._error = null;
    } catch (err) {
      this._error = err;
    }
  }

  private async _upload(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get('file');
    this._message = null;
    this._uploadError = null;
    if (!(file instanceof File) || file.size === 0) {
      this._uploadError = t('mediawiki.chooseFile');
      return;
    }
    this._busy = true;
    try {
      const images = data
        .getAll('images')
        .filter((v): v is File => v instanceof File && v.size > 0);
      const done = await uploadMediawikiExport(
        file,
        String(data.get('templates') ?? ''),
        String(data.get('namespaces') ?? ''),
        images,
      );
      const r = done.report;
      if (r) {
        this._message = t('mediawiki.done', {
          created: r.pages.created,
          updated: r.pages.updated,
          revisions: r.revisions.imported,
        });
      }
      this._shown = done;
      form.reset();
    } catch (err) {
      this._uploadError = errorText(err);
    } finally {
      this._busy = false;
      await this._load();
    }
  }

  private async _show(id: number) {
    try {
      this._shown = (await getMediawikiImport(id)).import;
    } catch (err) {
      this._uploadError = errorText(err);
    }
  }

  override render() {
    const user = this._session.user;
    if (!this._session.known) return loadingLine();
    if (!hasRole(user, 'admin'))
      return html`<h1>${t('mediawiki.heading')}</h1><p class="message warning" role="alert">${t('mediawiki.adminOnly')}</p>`;
    if (this._imports === null && !this._error) void this._load();
    return html`
      <h1>${t('mediawiki.heading')}</h1>
      <p class="muted">${t('mediawiki.help')}</p>
      <form @submit=${this._upload} class="card" data-testid="mediawiki-upload">
        <div class="field">
          <label for="mw-file">${t('mediawiki.file')}</label>
          <input id="mw-file" name="file" type="file" accept=".xml,.gz,application/xml,application/gzip" />
        </div>
        <div class="field">
          <label for="mw-images">${t('mediawiki.images')}</label>
          <input id="mw-images" name="images" type="file" multiple accept="image/*,.pdf,.tar,.tgz,.gz,application/x-tar,application/gzip" aria-describedby="mw-images-help" />
          <span class="muted small" id="mw-images-help">${t('mediawiki.imagesHelp')}</span>
        </div>
        <div class="field">
          <label for="mw-templates">${t('mediawiki.templates')}</label>
          <textarea id="mw-templates" name="templates" aria-describedby="mw-templates-help"></textarea>
          <span class="muted small" id="mw-templates-help">${t('mediawiki.templatesHelp')}</span>
        </div>
        <div class="field">
          <label for="mw-namespaces">${t('mediawiki.namespaces')}</label>
          <input id="mw-namespaces" name="namespaces" type="text" aria-describedby="mw-namespaces-help" />
          <span class="muted small" id="mw-namespaces-help">${t('mediawiki.namespacesHelp')}</span>
        </div>
        <button class="btn" type="submit" ?disabled=${this._busy}>${this._busy ? t('mediawiki.importing') : t('mediawiki.submit')}</button>
        ${this._uploadError ? html`<p class="message error" role="alert">${this._uploadError}</p>` : nothing}
        ${this._message ? html`<p role="status" data-testid="mediawiki-done">${this._message}</p>` : nothing}
      </form>
      ${this._shown ? this._report(this._shown) : nothing}
      <h2>${t('mediawiki.list')}</h2>
      ${this._error ? errorBox(this._error) : this._imports === null ? loadingLine() : this._table(this._imports)}
    `;
  }

  private _table(rows: MediawikiImportRow[]) {
    if (!rows.length) return html`<p class="muted">${t('mediawiki.empty')}</p>`;
    return html`<table data-testid="mediawiki-imports">
      <thead>
        <tr>
          <th scope="col">${t('mediawiki.col.date')}</th>
          <th scope="col">${t('mediawiki.col.file')}</th>
          <th scope="col">${t('mediawiki.col.source')}</th>
          <th scope="col">${t('mediawiki.col.status')}</th>
          <th scope="col">${t('mediawiki.col.by')}</th>
          <th scope="col"><span class="visually-hidden">${t('mediawiki.showReport')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr>
            <td>${formatDate(r.startedAt)}</td>
            <td>${r.fileName}</td>
            <td>${r.source ?? ''}</td>
            <td class="status-${r.status}">${t(`mediawiki.status.${r.status}`)}</td>
            <td>${r.via === 'cli' ? t('mediawiki.via.cli') : (r.userName ?? '')}</td>
            <td><button class="btn small secondary" @click=${() => this._show(r.id)}>${t('mediawiki.showReport')}</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _report(row: MediawikiImportRow) {
    const r: MediawikiImportReport | null = row.report;
    return html`<section class="report card" data-testid="mediawiki-report" aria-labelledby="mw-report-title">
      <h2 id="mw-report-title">${t('mediawiki.report', { id: row.id })}</h2>
      ${row.error ? html`<p class="message error">${t('mediawiki.report.error', { error: row.error })}</p>` : nothing}
      ${
        r
          ? html`<ul>
            <li>${t('mediawiki.report.pages', r.pages)}</li>
            <li>${t('mediawiki.report.revisions', { imported: r.revisions.imported, already: r.revisions.alreadyImported, suppressed: r.revisions.suppressedText })}</li>
            <li>${t('mediawiki.report.redirects', { created: r.redirects.created, skipped: r.redirects.skipped.length })}</li>
            <li>${t('mediawiki.report.categories', { n: r.categories.described })}</li>
            <li>${t('mediawiki.report.files', { count: r.files.count, stored: r.files.stored })}</li>
            <li>${t('mediawiki.report.fields', { written: r.fields.written, kept: r.fields.keptCount ?? r.fields.kept.length })}</li>
            ${r.places ? html`<li>${t('mediawiki.report.places', r.places)}</li>` : nothing}
            <li>${t('mediawiki.report.mapped', { list: list(r.templates.mapped) })}</li>
            <li>${t('mediawiki.report.unmapped', { list: list(r.templates.unmapped) })}</li>
            <li>${t('mediawiki.report.leftOut', { list: list(r.leftOut) })}</li>
          </ul>
          ${
            r.problems.length
              ? html`<h3>${t('mediawiki.report.problems', { n: r.problems.length })}</h3>
                <ul>
                  ${r.problems.map((p) => html`<li><a href="/wiki/${p.slug}">${p.title}</a> : ${p.problems.join(' ; ')}</li>`)}
                </ul>`
              : nothing
          }`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-mediawiki-imports': LcMediawikiImports;
  }
}
