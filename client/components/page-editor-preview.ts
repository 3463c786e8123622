import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { previewMarkdown } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine } from '../format.js';
import './lc-wiki-content.js';

export const previewStyles = css`
  .label-row { display: flex; justify-content: space-between; align-items: flex-end; gap: 0.5rem; flex-wrap: wrap; }
  .switch { display: inline-flex; border: 1px solid var(--lc-green); border-radius: 6px; overflow: hidden; }
  .switch button { font: inherit; font-size: 0.88rem; padding: 0.25rem 0.75rem; border: 0; background: #fff; color: var(--lc-green-dark); cursor: pointer; }
  .switch button[aria-pressed='true'] { background: var(--lc-green); color: #fff; }
  .preview { min-height: 22rem; border: 1px dashed #b9b3a4; border-radius: 6px; padding: 1rem 1.2rem; background: #fff; }
`;

/**
 * The form editor's preview and its switch: the text as the server renders it (wiki links, missing pages),
 * shown instead of the text area while the user looks at it.
 */
export class MarkdownPreview {
  /** Showing the rendered preview instead of the text area. */
  showing = false;
  /** The preview's HTML (from the server's renderer), null while it loads. */
  private _html: string | null = null;
  private _error: unknown = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The text being written, as it is now. */
    private readonly text: () => string,
  ) {}

  private _set(change: { showing?: boolean; html?: string | null; error?: unknown }) {
    if (change.showing !== undefined) this.showing = change.showing;
    if (change.html !== undefined) this._html = change.html;
    if (change.error !== undefined) this._error = change.error;
    this.host.requestUpdate();
  }

  hide = () => this._set({ showing: false });

  /** Shows the preview and asks the server to render the text. Failures are shown in the preview. */
  show = async () => {
    this._set({ showing: true, html: null, error: null });
    const text = this.text();
    try {
      const { html: rendered } = await previewMarkdown(text);
      if (this.showing && text === this.text()) this._set({ html: rendered });
    } catch (err) {
      this._set({ error: err });
    }
  };

  /** The two buttons above the text: write, or look at the preview. */
  renderSwitch() {
    return html`<div class="switch" role="group" aria-label=${t('wiki.edit.mode')}>
              <button type="button" aria-pressed=${!this.showing} @click=${this.hide}>
                ${t('wiki.edit.write')}
              </button>
              <button type="button" aria-pressed=${this.showing} @click=${this.show} data-testid="preview-tab">
                ${t('wiki.edit.preview')}
              </button>
            </div>`;
  }

  /** The rendered text, in place of the text area while the preview is shown. */
  render() {
    if (!this.showing) return nothing;
    return html`<div class="preview" role="region" aria-label=${t('wiki.edit.preview')} aria-busy=${this._html === null} data-testid="preview">
      ${
        this._error
          ? errorBox(this._error)
          : this._html === null
            ? loadingLine()
            : this.text().trim()
              ? html`<lc-wiki-content preview .html=${this._html}></lc-wiki-content>`
              : html`<p class="muted">${t('wiki.edit.previewEmpty')}</p>`
      }
    </div>`;
  }
}
