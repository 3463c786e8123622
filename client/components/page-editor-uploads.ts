import { html, nothing, type ReactiveControllerHost } from 'lit';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { transferredFiles, uploadAsMarkdown } from '../lib/file-upload.js';

/** The text the uploads write into. */
export interface UploadTarget {
  get(): string;
  /** Replaces the text (the user's edit: the form becomes unsaved). */
  set(text: string): void;
}

/**
 * Files dropped on or pasted into the form editor's text area: uploaded, then written into the
 * text where the caret was, as markdown showing them. While they upload, and when one fails,
 * a line under the text says so.
 */
export class TextUploads {
  private _uploading = 0;
  private _error: unknown = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: UploadTarget,
  ) {}

  /** Lets files be dropped on the text (the browser would open them otherwise). */
  onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };

  /** A drop or a paste: files are uploaded; plain text is left to the text area. */
  onFiles = async (e: ClipboardEvent | DragEvent) => {
    const data = 'clipboardData' in e ? e.clipboardData : e.dataTransfer;
    const files = transferredFiles(data);
    if (!files.length) return;
    e.preventDefault();
    const area = e.target as HTMLTextAreaElement;
    const at = area.selectionStart ?? this.target.get().length;
    this._uploading = files.length;
    this._error = null;
    this.host.requestUpdate();
    try {
      const markdown = await uploadAsMarkdown(files);
      const text = this.target.get();
      const pos = Math.min(at, text.length);
      const before = pos > 0 && text[pos - 1] !== '\n' ? '\n' : '';
      const after = pos < text.length && text[pos] !== '\n' ? '\n' : '';
      this.target.set(text.slice(0, pos) + before + markdown + after + text.slice(pos));
    } catch (err) {
      this._error = err;
    } finally {
      this._uploading = 0;
      this.host.requestUpdate();
    }
  };

  render() {
    return html`${this._uploading ? html`<p class="hint" role="status">${t('files.inserting', { n: this._uploading })}</p>` : nothing}
        ${this._error ? html`<p class="field-error" role="alert">${errorText(this._error)}</p>` : nothing}`;
  }
}
