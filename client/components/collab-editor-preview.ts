import type { ReactiveControllerHost } from 'lit';
import { createBaseMarkdown } from '../../registry/text/markdown-base.js';
import { previewMarkdown } from '../api/wiki.js';

// Raw HTML off: whatever co-editors type, the preview cannot carry scripts; markdown-it also
// refuses javascript:, vbscript: and file: links (the wiki's own set-up, registry/text/markdown-base.ts).
const md = createBaseMarkdown();

/** How long the preview waits after an edit before rendering the text again (ms). */
const PREVIEW_DELAY = 250;

/**
 * The co-editor's live preview, rendered again a moment after each edit. Contributors get the
 * server's rendering (wiki links, missing pages, as the page will look); others, or when the
 * server does not answer, a client-side rendering without raw HTML.
 */
export class LivePreview {
  /** The rendered HTML (empty before the first rendering). */
  html = '';
  private _timer: number | null = null;
  private _seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The text to render now, or null when no session is open. */
    private readonly text: () => string | null,
    /** Whether the server renders it (contributors). */
    private readonly byServer: () => boolean,
  ) {}

  private _show(html: string) {
    this.html = html;
    this.host.requestUpdate();
  }

  /** Renders the text soon (edits in the meantime are taken in the same rendering). */
  schedule() {
    if (this._timer !== null) return;
    this._timer = window.setTimeout(() => {
      this._timer = null;
      const text = this.text();
      if (text === null) return;
      const seq = ++this._seq;
      if (!this.byServer()) {
        this._show(md.render(text));
        return;
      }
      previewMarkdown(text).then(
        (r) => {
          if (seq === this._seq) this._show(r.html);
        },
        () => {
          if (seq === this._seq) this._show(md.render(text));
        },
      );
    }, PREVIEW_DELAY);
  }

  /** Forgets a rendering not started yet (the session closes). */
  cancel() {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }
}
