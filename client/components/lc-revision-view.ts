import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getRevision, type Revision } from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl, userName } from '../format.js';
import { sharedStyles } from '../styles.js';
import './lc-wiki-content.js';

/** One old revision of a page, rendered, with links to the history and the diffs around it. */
@customElement('lc-revision-view')
export class LcRevisionView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      article.card { padding: 1.4rem 1.6rem; }
      @media (max-width: 40rem) { article.card { padding: 1rem; } }
    `,
  ];

  /** Slug of the page. */
  @property() slug = '';
  /** Revision number. */
  @property({ type: Number }) revision = 0;

  @state() private _rev: Revision | null = null;
  @state() private _error: unknown = null;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug') || changed.has('revision')) void this._load();
  }

  private async _load() {
    const key = `${this.slug}@${this.revision}`;
    this._rev = null;
    this._error = null;
    try {
      const rev = await getRevision(this.slug, this.revision);
      if (key === `${this.slug}@${this.revision}`) this._rev = rev;
    } catch (err) {
      this._error = err;
    }
  }

  override render() {
    if (this._error) return errorBox(this._error);
    const r = this._rev;
    if (!r) return loadingLine();
    const n = r.number;
    return html`
      <p class="small"><a href="/wiki/${this.slug}/history">← ${t('wiki.page.history')}</a></p>
      <h1>${r.title}</h1>
      <div class="message info">
        ${t('wiki.revision.banner', { n, date: formatDate(r.createdAt), name: userName(r.author) })}
        ${r.summary ? html`<em>« ${r.summary} »</em>` : nothing}
        <div class="actions" style="margin-top:0.5rem">
          <a class="btn small secondary" href=${pageUrl(this.slug)}>${t('wiki.revision.current')}</a>
          ${
            n > 1
              ? html`<a class="btn small secondary" href="/wiki/${this.slug}/diff?from=${n - 1}&to=${n}">${t('wiki.history.diffPrev')}</a>`
              : nothing
          }
        </div>
      </div>
      <article class="card"><lc-wiki-content .html=${r.html}></lc-wiki-content></article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-revision-view': LcRevisionView;
  }
}
