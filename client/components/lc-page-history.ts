import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  deletionOf,
  getPage,
  getRevisions,
  revertPage,
  type RevisionSummary,
  type WikiPage,
} from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl, sizeDelta, userName } from '../format.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';

/** Revisions loaded at a time. */
const HISTORY_PAGE = 100;

/**
 * The revisions of a page, newest first: author(s), summary, size change. Two radio columns
 * pick the revisions to compare (as in MediaWiki); contributors can revert to an old revision.
 */
@customElement('lc-page-history')
export class LcPageHistory extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; justify-content: space-between; margin: 0.5rem 0 1rem; }
      ol { list-style: none; margin: 0; padding: 0; }
      li { display: grid; grid-template-columns: auto auto minmax(0, 1fr) auto; gap: 0.3rem 0.8rem; align-items: center; padding: 0.65rem 0.9rem; border-bottom: 1px solid var(--lc-line); }
      li:last-child { border-bottom: 0; }
      li.current { background: #fbfaf5; }
      .pick { display: flex; gap: 0.2rem; }
      .pick input { width: 1.1rem; height: 1.1rem; accent-color: var(--lc-green); margin: 0; }
      .num { font-weight: 700; font-variant-numeric: tabular-nums; min-width: 2.5rem; }
      .what { display: flex; flex-direction: column; min-width: 0; }
      .line1 { display: flex; flex-wrap: wrap; gap: 0.2rem 0.7rem; align-items: baseline; }
      .summary { color: var(--lc-muted); font-style: italic; overflow-wrap: anywhere; }
      .row-actions { display: flex; flex-wrap: wrap; gap: 0.4rem; justify-content: flex-end; }
      @media (max-width: 40rem) {
        li { grid-template-columns: auto minmax(0, 1fr); }
        .num { display: none; }
        .row-actions { grid-column: 1 / -1; justify-content: flex-start; }
      }
      .card { padding: 0; overflow: hidden; }
      .more { margin-top: 1rem; }
    `,
  ];

  /** Slug of the page. */
  @property() slug = '';

  @state() private _page: WikiPage | null = null;
  /** The page is deleted (only facilitators get its history): no revert. */
  @state() private _deleted = false;
  @state() private _title: string | null = null;
  @state() private _revisions: RevisionSummary[] | null = null;
  @state() private _error: unknown = null;
  @state() private _from = 0;
  @state() private _to = 0;
  @state() private _reverting = 0;
  @state() private _hasMore = false;
  @state() private _loadingMore = false;
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug')) void this._load();
  }

  private async _load() {
    const slug = this.slug;
    this._revisions = null;
    this._error = null;
    try {
      // A deleted page's history is for facilitators: its title comes with the deletion.
      const pageOrDeletion = getPage(slug).catch((err: unknown) => {
        const deletion = deletionOf(err);
        if (!deletion) throw err;
        return deletion;
      });
      const [page, r] = await Promise.all([pageOrDeletion, getRevisions(slug, HISTORY_PAGE)]);
      if (slug !== this.slug) return;
      this._page = 'deletedAt' in page ? null : page;
      this._deleted = 'deletedAt' in page;
      this._title = page.title;
      this._revisions = r.revisions;
      this._hasMore = r.revisions.length === HISTORY_PAGE && r.revisions.at(-1)!.number > 1;
      this._to = r.revisions[0]?.number ?? 0;
      this._from = r.revisions[1]?.number ?? this._to;
      document.title = `${t('wiki.history.heading', { title: page.title })} · ${t('app.name')}`;
    } catch (err) {
      if (slug === this.slug) this._error = err;
    }
  }

  private async _more() {
    const last = this._revisions?.at(-1);
    if (!last) return;
    this._loadingMore = true;
    try {
      const r = await getRevisions(this.slug, HISTORY_PAGE, last.number);
      this._revisions = [...(this._revisions ?? []), ...r.revisions];
      this._hasMore = r.revisions.length === HISTORY_PAGE && r.revisions.at(-1)!.number > 1;
    } catch (err) {
      this._error = err;
    } finally {
      this._loadingMore = false;
    }
  }

  private _compare(e: Event) {
    e.preventDefault();
    const from = Math.min(this._from, this._to);
    const to = Math.max(this._from, this._to);
    navigate(`/wiki/${this.slug}/diff?from=${from}&to=${to}`);
  }

  private async _revert(n: number) {
    if (!confirm(t('wiki.history.revertConfirm', { n }))) return;
    this._reverting = n;
    try {
      await revertPage(this.slug, n, this._page?.revision);
      navigate(pageUrl(this.slug));
    } catch (err) {
      this._error = err;
    } finally {
      this._reverting = 0;
    }
  }

  override render() {
    const revs = this._revisions;
    const title = this._title ?? this.slug;
    return html`
      <p class="small"><a href=${pageUrl(this.slug)}>← ${title}</a></p>
      <h1>${t('wiki.history.heading', { title })}</h1>
      ${this._error ? errorBox(this._error) : nothing}
      ${revs === null ? (this._error ? nothing : loadingLine()) : this._renderList(revs)}
    `;
  }

  private _renderList(revs: RevisionSummary[]) {
    if (!revs.length) return html`<p class="muted">${t('wiki.history.empty')}</p>`;
    const canRevert = this._session.canEdit && !this._deleted;
    const latest = revs[0].number;
    return html`
      <form @submit=${this._compare}>
        <div class="toolbar">
          <p class="muted small" id="pick-help">${t('wiki.history.pickHelp')}</p>
          <button class="btn" type="submit" ?disabled=${revs.length < 2 || this._from === this._to} data-testid="compare">
            ${t('wiki.history.compare')}
          </button>
        </div>
        <ol class="card" aria-describedby="pick-help" data-testid="revisions">
          ${revs.map((r, i) => {
            const prev = revs[i + 1]?.number;
            const authors = r.authors.length
              ? r.authors.map((a) => a.name).join(', ')
              : r.imported
                ? t('mediawiki.history.imported', {
                    name:
                      r.imported.name ??
                      t(`mediawiki.history.${r.imported.kind === 'ip' ? 'anonymous' : 'hidden'}`),
                  })
                : userName(r.author);
            return html`<li class=${r.number === latest ? 'current' : ''}>
              <span class="pick">
                <input
                  type="radio"
                  name="from"
                  .checked=${this._from === r.number}
                  ?disabled=${r.number >= this._to}
                  @change=${() => (this._from = r.number)}
                  aria-label=${t('wiki.history.pickFrom', { n: r.number })}
                />
                <input
                  type="radio"
                  name="to"
                  .checked=${this._to === r.number}
                  ?disabled=${r.number <= this._from}
                  @change=${() => (this._to = r.number)}
                  aria-label=${t('wiki.history.pickTo', { n: r.number })}
                />
              </span>
              <span class="num">${r.number}</span>
              <span class="what">
                <span class="line1">
                  <a href="/wiki/${this.slug}/revisions/${r.number}">${formatDate(r.createdAt)}</a>
                  <span>${authors}</span>
                  ${sizeDelta(r.sizeDelta)}
                  ${r.number === latest ? html`<span class="badge">${t('wiki.history.current')}</span>` : nothing}
                </span>
                ${r.summary ? html`<span class="summary">${r.summary}</span>` : nothing}
              </span>
              <span class="row-actions">
                ${
                  prev
                    ? html`<a class="btn small secondary" href="/wiki/${this.slug}/diff?from=${prev}&to=${r.number}"
                      >${t('wiki.history.diffPrev')}</a
                    >`
                    : nothing
                }
                ${
                  canRevert && r.number !== latest
                    ? html`<button
                      class="btn small danger"
                      type="button"
                      ?disabled=${this._reverting !== 0}
                      @click=${() => this._revert(r.number)}
                    >
                      ${t('wiki.history.revert')}
                    </button>`
                    : nothing
                }
              </span>
            </li>`;
          })}
        </ol>
        ${
          this._hasMore
            ? html`<p class="more">
              <button class="btn secondary" type="button" ?disabled=${this._loadingMore} @click=${this._more}>
                ${t('wiki.history.more')}
              </button>
            </p>`
            : nothing
        }
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-history': LcPageHistory;
  }
}
