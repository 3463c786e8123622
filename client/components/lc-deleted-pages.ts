import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getDeletedPages, type DeletedPage } from '../api/wiki-log.js';
import { restorePage } from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl, userName } from '../format.js';
import { LatestRequest } from '../lib/latest-request.js';
import { SessionController, sessionKnown } from '../session.js';
import { sharedStyles } from '../styles.js';
import { logUrl } from './lc-wiki-log.js';

/** The address of the deleted pages (facilitators). */
export const DELETED_PAGES_PATH = '/special/pages-supprimees';

const PAGE_SIZE = 50;

/**
 * The pages deleted now, for facilitators and admins (MediaWiki's Special:Undelete): title,
 * when, by whom, why, number of revisions, and a "Restaurer" button with an optional reason.
 * A restored page leaves the list at once.
 */
@customElement('lc-deleted-pages')
export class LcDeletedPages extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      ul.rows.card { padding: 0.2rem 1.2rem; }
      ul.rows > li { padding: 0.7rem 0; border-bottom: 1px solid #ece8dd; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; }
      ul.rows > li:last-child { border-bottom: 0; }
      .title { font-weight: 600; }
      .info { flex: 1 1 20rem; display: flex; flex-direction: column; gap: 0.15rem; }
      .meta { font-size: 0.9rem; color: var(--lc-muted); }
      .reason { font-style: italic; overflow-wrap: anywhere; }
      form.restore { display: flex; gap: 0.4rem; align-items: center; flex: 0 1 22rem; }
      form.restore input { flex: 1 1 10rem; padding: 0.3rem 0.5rem; }
      .pager { display: flex; gap: 0.5rem; align-items: center; margin-top: 1rem; flex-wrap: wrap; }
    `,
  ];

  /** First row shown. */
  @property({ type: Number }) offset = 0;

  @state() private _pages: DeletedPage[] | null = null;
  @state() private _total = 0;
  @state() private _error: unknown = null;
  /** The slug being restored. */
  @state() private _busy: string | null = null;
  @state() private _restored: { slug: string; title: string } | null = null;
  @state() private _restoreError: { slug: string; error: unknown } | null = null;
  private _latest = new LatestRequest();
  private _session = new SessionController(this);
  private _onSession = () => {
    // Logging in or out changes what the server lets this list show.
    this._pages = null;
    this._error = null;
    void this._load();
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('lc-session-changed', this._onSession);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lc-session-changed', this._onSession);
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('offset')) {
      this._pages = null;
      this._error = null;
      // Until the shell knows who is logged in, wait for it (`_onSession`): one request, with the right answer.
      if (sessionKnown()) void this._load();
    }
  }

  private async _load() {
    document.title = `${t('wiki.deletedPages.heading')} · ${t('app.name')}`;
    await this._latest.run(() => getDeletedPages(PAGE_SIZE, this.offset), {
      answer: (r) => {
        this._pages = r.pages;
        this._total = r.total;
      },
      error: (err) => (this._error = err),
      settled: () => {},
    });
  }

  private async _restore(e: SubmitEvent, page: DeletedPage) {
    e.preventDefault();
    if (this._busy) return;
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    this._busy = page.slug;
    this._restoreError = null;
    this._restored = null;
    try {
      await restorePage(page.slug, reason || undefined);
      this._restored = { slug: page.slug, title: page.title };
      this._pages = (this._pages ?? []).filter((p) => p.slug !== page.slug);
      this._total = Math.max(0, this._total - 1);
    } catch (err) {
      this._restoreError = { slug: page.slug, error: err };
    } finally {
      this._busy = null;
    }
  }

  override render() {
    return html`
      <p class="small"><a href="/special">← ${t('wiki.special.heading')}</a></p>
      <h1>${t('wiki.deletedPages.heading')}</h1>
      <p class="muted">${t('wiki.deletedPages.help')} <a href=${logUrl()}>${t('wiki.log.heading')}</a></p>
      ${
        this._restored
          ? html`<div class="message info" role="status" data-testid="restored">
            ${t('wiki.deletedPages.restored', { title: this._restored.title })}
            <a href=${pageUrl(this._restored.slug)}>${t('wiki.deletedPages.open')}</a>
          </div>`
          : nothing
      }
      ${this._error ? this._renderError(this._error) : this._pages ? this._renderPages(this._pages) : loadingLine()}
    `;
  }

  private _renderError(err: unknown) {
    return html`${errorBox(err)}<p class="muted">${t('wiki.deletedPages.forFacilitators')}</p>`;
  }

  private _renderPages(pages: DeletedPage[]) {
    if (!pages.length && this.offset === 0) {
      return html`<p class="card muted" style="padding:1rem 1.2rem" data-testid="deleted-pages-empty">${t('wiki.deletedPages.empty')}</p>`;
    }
    return html`<p class="muted small">${t('wiki.deletedPages.count', { n: this._total })}</p>
      <ul class="plain rows card" data-testid="deleted-pages">
        ${pages.map((p) => this._renderPage(p))}
      </ul>
      ${this._renderPager()}`;
  }

  private _renderPage(p: DeletedPage) {
    const inputId = `reason-${p.slug}`;
    return html`<li data-slug=${p.slug}>
      <div class="info">
        <a class="title" href=${pageUrl(p.slug)}>${p.title}</a>
        <span class="meta">
          ${t('wiki.deletedPages.deletedOnBy', { date: formatDate(p.deletedAt), name: userName(p.deletedBy) })}
          ${p.reason ? html`· <span class="reason">« ${p.reason} »</span>` : nothing}
        </span>
        <span class="meta">
          ${t('wiki.deletedPages.revisions', { n: p.revisionCount })} ·
          <a href="/wiki/${encodeURIComponent(p.slug)}/history">${t('wiki.log.history')}</a> ·
          <a href=${logUrl({ page: p.slug })}>${t('wiki.log.pageLog')}</a>
        </span>
        ${this._restoreError?.slug === p.slug ? errorBox(this._restoreError.error) : nothing}
      </div>
      <form class="restore" @submit=${(e: SubmitEvent) => this._restore(e, p)}>
        <label class="visually-hidden" for=${inputId}>${t('wiki.deletedPages.reasonLabel', { title: p.title })}</label>
        <input
          id=${inputId}
          name="reason"
          type="text"
          maxlength="500"
          placeholder=${t('wiki.deletedPages.reasonPlaceholder')}
          data-testid="restore-reason"
        />
        <button class="btn small" type="submit" ?disabled=${this._busy !== null} data-testid="restore">${t('wiki.deletedPages.restore')}</button>
      </form>
    </li>`;
  }

  private _renderPager() {
    if (this._total <= PAGE_SIZE && this.offset === 0) return nothing;
    const path = DELETED_PAGES_PATH;
    return html`<nav class="pager" aria-label=${t('wiki.special.pages')}>
      ${
        this.offset > 0
          ? html`<a class="btn small secondary" href="${path}?offset=${Math.max(0, this.offset - PAGE_SIZE)}">← ${t('wiki.special.previous')}</a>`
          : nothing
      }
      <span class="muted small">
        ${t('wiki.special.range', { from: this.offset + 1, to: Math.min(this.offset + PAGE_SIZE, this._total), total: this._total })}
      </span>
      ${
        this.offset + PAGE_SIZE < this._total
          ? html`<a class="btn small secondary" href="${path}?offset=${this.offset + PAGE_SIZE}">${t('wiki.special.next')} →</a>`
          : nothing
      }
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-deleted-pages': LcDeletedPages;
  }
}
