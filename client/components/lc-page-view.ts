import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { deletionOf, getBacklinks, getPage, type PageRef, type WikiPage } from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorBox, kindLabel, loadingLine, pageUrl, titleFromSlug, userName } from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import './lc-wiki-content.js';
import './lc-page-infobox.js';
import './lc-page-files.js';
import { whenCoEditsSaved } from '../api/collab.js';
import { withoutTitleHeading } from '../lib/page-heading.js';
import { deleteStyles, PageDeleteController } from './page-view-delete.js';
import { moveStyles, PageMoveController } from './page-view-move.js';
import { NeedsWorkController, needsWorkStyles } from './page-view-needs-work.js';

/** A heading of the page, for the table of contents. */
interface TocEntry {
  id: string;
  text: string;
  level: number;
}

/**
 * A page read through a redirect (a moved page's old slug): the address bar is set to the new
 * slug, and the view showing it there takes the page from here and says where it came from.
 */
let redirected: { from: string; page: WikiPage } | null = null;

/** Fewest headings for a table of contents to be worth showing. */
const TOC_MIN = 3;

/** The h2 and h3 headings of rendered HTML (parsed inert, never inserted). */
function tableOfContents(html: string): TocEntry[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('h2[id], h3[id]')].map((h) => ({
    id: h.id,
    text: (h.textContent ?? '').trim(),
    level: Number(h.tagName[1]),
  }));
}

/** Reads a wiki page: title, kind, categories, rendered body, who keeps it alive, what links here. */
@customElement('lc-page-view')
export class LcPageView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) 16rem; gap: 1.5rem; align-items: start; }
      @media (max-width: 52rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
      .head { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: flex-start; justify-content: space-between; margin-bottom: 0.8rem; }
      .head h1 { margin-bottom: 0.2rem; }
      .meta { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; font-size: 0.9rem; color: var(--lc-muted); }
      article.card { padding: 1.4rem 1.6rem; }
      @media (max-width: 40rem) { article.card { padding: 1rem; } }
      aside .card { margin-bottom: 1rem; }
      aside h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      aside dl { margin: 0; font-size: 0.92rem; }
      aside dt { color: var(--lc-muted); font-size: 0.82rem; text-transform: uppercase; letter-spacing: 0.03em; margin-top: 0.6rem; }
      aside dt:first-child { margin-top: 0; }
      aside dd { margin: 0.1rem 0 0; }
      aside li { margin: 0.25rem 0; }
      .toc ol { font-size: 0.92rem; }
      .toc li { margin: 0.2rem 0; }
      .toc li.l3 { padding-left: 0.9rem; font-size: 0.88rem; }
      .toc a { text-decoration: none; }
      .toc a:hover { text-decoration: underline; }
      @media (max-width: 52rem) { .toc { display: none; } }
      .cats { display: flex; flex-wrap: wrap; gap: 0.35rem; }
      .missing { text-align: center; padding: 2rem 1rem; }
      .redirected { font-size: 0.9rem; color: var(--lc-muted); margin: 0 0 0.2rem; }
    `,
    needsWorkStyles,
    moveStyles,
    deleteStyles,
  ];

  /** Slug of the page to show. */
  @property() slug = '';

  @state() private _page: WikiPage | null = null;
  @state() private _error: unknown = null;
  @state() private _backlinks: PageRef[] | null = null;
  @state() private _toc: TocEntry[] = [];
  /** The old slug this page was reached from (a redirect), or null. */
  @state() private _redirectedFrom: string | null = null;
  private _session = new SessionController(this);
  /** One action at a time: deleting, restoring and renaming share it. */
  readonly busy = { value: false };
  private _needsWork = new NeedsWorkController(this);
  private _deletion = new PageDeleteController(this);
  private _move = new PageMoveController(this);

  /** The page shown (its action forms read it). */
  get page() {
    return this._page;
  }

  /** Shows the page as an action (flagging it, clearing the flag) returned it. */
  showPage(page: WikiPage) {
    this._page = page;
  }

  /** Reads the page again (after deleting or restoring it). */
  reload() {
    return this._load();
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug')) void this._load();
  }

  private async _load() {
    const slug = this.slug;
    this._page = null;
    this._error = null;
    this._backlinks = null;
    this._deletion.reset();
    this._move.reset();
    this._redirectedFrom = null;
    try {
      let page: WikiPage;
      if (redirected && redirected.page.slug === slug) {
        page = redirected.page;
        this._redirectedFrom = redirected.from;
        redirected = null;
      } else {
        // An editor of this page just closed with edits not yet written: they are, first.
        await whenCoEditsSaved(slug);
        page = await getPage(slug);
        if (slug !== this.slug) return;
        if (page.slug !== slug) {
          // Read through a redirect (the fetch followed the 308): show it at its new address.
          redirected = { from: slug, page };
          history.replaceState(null, '', pageUrl(page.slug) + location.search + location.hash);
          window.dispatchEvent(new Event('lc-navigate'));
          return;
        }
      }
      this._page = page;
      this._toc = tableOfContents(page.html);
      document.title = `${page.title} · ${t('app.name')}`;
    } catch (err) {
      if (slug === this.slug) this._error = err;
      return;
    }
    try {
      const b = await getBacklinks(this._page.slug);
      if (slug === this.slug) this._backlinks = b.pages;
    } catch {
      // Backlinks are a complement: the page stays readable without them.
      if (slug === this.slug) this._backlinks = [];
    }
  }

  /** Moderators (facilitators and admins) delete and restore pages. */
  private get _canModerate() {
    return hasRole(this._session.user, 'facilitator');
  }

  override render() {
    if (
      this._error instanceof ApiError &&
      this._error.status === 404 &&
      this._error.code === 'not_found'
    ) {
      return this._renderMissing();
    }
    const deletion = deletionOf(this._error);
    if (deletion) return this._deletion.renderDeleted(deletion, this._canModerate);
    if (this._error) return errorBox(this._error);
    const p = this._page;
    if (!p) return loadingLine();
    const canEdit = this._session.canEdit;
    const anonymous = this._session.known && !this._session.user;
    const editHref = anonymous
      ? `/login?next=${encodeURIComponent(`/wiki/${p.slug}/edit`)}`
      : `/wiki/${p.slug}/edit`;
    return html`
      <div class="head">
        <div>
          <h1>${p.title}</h1>
          ${
            this._redirectedFrom
              ? html`<p class="redirected" data-testid="redirected-from">${t('wiki.movedFrom', { slug: this._redirectedFrom })}</p>`
              : nothing
          }
          <div class="meta">
            <span class="badge" data-testid="page-kind">${kindLabel(p.kind)}</span>
            <span>${t('wiki.page.revision', { n: p.revision })}</span>
          </div>
        </div>
        <div class="actions">
          ${
            canEdit || anonymous
              ? html`<a class="btn" href=${editHref} data-testid="edit-link">✎ ${t('wiki.page.edit')}</a>`
              : nothing
          }
          <a class="btn secondary" href="/wiki/${p.slug}/history">${t('wiki.page.history')}</a>
          ${
            canEdit && !this._move.open
              ? html`<button class="btn secondary" data-testid="move-open" @click=${this._move.show}>${t('wiki.move.open')}</button>`
              : nothing
          }
          ${
            this._canModerate && !this._deletion.open
              ? html`<button class="btn secondary" data-testid="delete-open" @click=${this._deletion.show}>${t('wiki.delete.open')}</button>`
              : nothing
          }
        </div>
      </div>
      ${this._move.open && canEdit ? this._move.render() : nothing}
      ${this._deletion.open && this._canModerate ? this._deletion.renderForm() : nothing}
      ${this._needsWork.renderBanner(p, canEdit)}
      <div class="layout">
        <article class="card" aria-label=${p.title}>
          ${
            p.markdown.trim()
              ? html`<lc-wiki-content .html=${withoutTitleHeading(p.html, p.title)}></lc-wiki-content>`
              : html`<p class="muted">${t('wiki.page.empty')}</p>`
          }
        </article>
        <aside>
          <lc-page-infobox .slug=${p.slug} .revision=${p.revision}></lc-page-infobox>
          ${this._toc.length >= TOC_MIN ? this._renderToc() : nothing}
          <section class="card" aria-labelledby="about">
            <h2 id="about">${t('wiki.page.about')}</h2>
            <dl>
              <dt>${t('wiki.page.updated')}</dt>
              <dd data-testid="updated">
                ${t('wiki.page.updatedOnBy', { date: formatDate(p.updatedAt), name: userName(p.updatedBy) })}
              </dd>
              <dt>${t('wiki.page.referent')}</dt>
              <dd data-testid="referent">${p.referent ? p.referent.name : html`<span class="muted">${t('wiki.page.noReferent')}</span>`}</dd>
              <dt>${t('wiki.page.categories')}</dt>
              <dd>
                ${
                  p.categories.length
                    ? html`<span class="cats">
                      ${p.categories.map((c) => html`<a class="badge" href="/category/${encodeURIComponent(c)}">${c}</a>`)}
                    </span>`
                    : html`<span class="muted">${t('wiki.page.noCategories')}</span>`
                }
              </dd>
            </dl>
            ${this._needsWork.renderControl(p, canEdit)}
          </section>
          <section class="card" aria-labelledby="backlinks">
            <h2 id="backlinks">${t('wiki.page.backlinks')}</h2>
            ${
              this._backlinks === null
                ? loadingLine()
                : this._backlinks.length
                  ? html`<ul class="plain" data-testid="backlinks">
                    ${this._backlinks.map((b) => html`<li><a href=${pageUrl(b.slug)}>${b.title}</a></li>`)}
                  </ul>`
                  : html`<p class="muted small">${t('wiki.page.noBacklinks')}</p>`
            }
          </section>
          <lc-page-files .slug=${p.slug} .revision=${p.revision} ?canUpload=${canEdit}></lc-page-files>
        </aside>
      </div>
    `;
  }

  private _renderToc() {
    return html`<nav class="card toc" aria-labelledby="toc-h">
      <h2 id="toc-h">${t('wiki.page.toc')}</h2>
      <ol class="plain">
        ${this._toc.map(
          (h) => html`<li class="l${h.level}">
            <a href="#${h.id}" @click=${(e: Event) => this._goTo(e, h.id)}>${h.text}</a>
          </li>`,
        )}
      </ol>
    </nav>`;
  }

  private _goTo(e: Event, id: string) {
    if (this.renderRoot.querySelector('lc-wiki-content')?.scrollToAnchor(id)) e.preventDefault();
  }

  private _renderMissing() {
    const title = titleFromSlug(this.slug);
    const href = `/new?${new URLSearchParams({ title, slug: this.slug })}`;
    const canCreate = this._session.canEdit || !this._session.user;
    return html`<div class="card missing" data-testid="missing-page">
      <h1>${t('wiki.missing.title')}</h1>
      <p>${t('wiki.missing.text', { slug: this.slug })}</p>
      <p class="actions" style="justify-content:center">
        ${canCreate ? html`<a class="btn" href=${href}>${t('wiki.missing.create')}</a>` : nothing}
        <a class="btn secondary" href="/search?q=${encodeURIComponent(title)}">${t('wiki.missing.search')}</a>
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-view': LcPageView;
  }
}
