import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import {
  clearNeedsWork,
  deletePage,
  deletionOf,
  flagNeedsWork,
  getBacklinks,
  getPage,
  movePage,
  restorePage,
  type PageDeletion,
  type PageRef,
  type WikiPage,
} from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import {
  errorBox,
  errorText,
  kindLabel,
  loadingLine,
  pageUrl,
  titleFromSlug,
  userName,
} from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { navigate } from '../router.js';
import { SLUG_RE, slugify } from '../../registry/text/slug.js';
import { sharedStyles } from '../styles.js';
import './lc-wiki-content.js';
import './lc-page-infobox.js';
import './lc-page-files.js';
import { whenCoEditsSaved } from '../api/collab.js';
import { withoutTitleHeading } from '../lib/page-heading.js';

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
      .flag { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
      .flag-open { margin: 0.9rem 0 0; }
      .flag-open .btn { white-space: normal; text-align: left; line-height: 1.35; }
      .flag-form { display: flex; flex-direction: column; gap: 0.4rem; margin-top: 0.9rem; padding-top: 0.8rem; border-top: 1px solid #ece8dd; font-size: 0.9rem; }
      .flag-form label { font-weight: 600; }
      .missing { text-align: center; padding: 2rem 1rem; }
      .delete-form { display: flex; flex-direction: column; gap: 0.4rem; margin-bottom: 1rem; }
      .delete-form h2 { font-size: 1.05rem; margin: 0; }
      .delete-form label { font-weight: 600; }
      .move-form { display: flex; flex-direction: column; gap: 0.4rem; margin-bottom: 1rem; }
      .move-form h2 { font-size: 1.05rem; margin: 0; }
      .move-form label { font-weight: 600; }
      .move-form label.check { font-weight: normal; display: flex; gap: 0.4rem; align-items: center; }
      .redirected { font-size: 0.9rem; color: var(--lc-muted); margin: 0 0 0.2rem; }
      .deleted { padding: 1.6rem; }
      .deleted h1 { margin-top: 0; }
      .deleted form { display: flex; flex-direction: column; gap: 0.4rem; margin-top: 1rem; max-width: 32rem; }
      .deleted label { font-weight: 600; font-size: 0.92rem; }
    `,
  ];

  /** Slug of the page to show. */
  @property() slug = '';

  @state() private _page: WikiPage | null = null;
  @state() private _error: unknown = null;
  @state() private _backlinks: PageRef[] | null = null;
  @state() private _flagging = false;
  @state() private _flagError: unknown = null;
  @state() private _toc: TocEntry[] = [];
  /** The deletion form is open (facilitators). */
  @state() private _deleting = false;
  @state() private _deleteError: unknown = null;
  @state() private _busy = false;
  /** The renaming form is open (contributors). */
  @state() private _moving = false;
  @state() private _moveTitle = '';
  @state() private _moveSlug = '';
  /** The slug was typed by hand: it no longer follows the title. */
  private _moveSlugTouched = false;
  @state() private _moveError: unknown = null;
  /** The old slug this page was reached from (a redirect), or null. */
  @state() private _redirectedFrom: string | null = null;
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug')) void this._load();
  }

  private async _load() {
    const slug = this.slug;
    this._page = null;
    this._error = null;
    this._backlinks = null;
    this._deleting = false;
    this._deleteError = null;
    this._moving = false;
    this._moveError = null;
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

  private async _flag(e: SubmitEvent) {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    try {
      this._page = await flagNeedsWork(this.slug, reason || t('wiki.needsWork.defaultReason'));
      this._flagging = false;
      this._flagError = null;
    } catch (err) {
      this._flagError = err;
    }
  }

  private async _unflag() {
    try {
      this._page = await clearNeedsWork(this.slug);
      this._flagError = null;
    } catch (err) {
      this._flagError = err;
    }
  }

  /** Moderators (facilitators and admins) delete and restore pages. */
  private get _canModerate() {
    return hasRole(this._session.user, 'facilitator');
  }

  private async _delete(e: SubmitEvent) {
    e.preventDefault();
    const page = this._page;
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!page || this._busy) return;
    if (!reason) {
      this._deleteError = t('wiki.delete.reasonRequired');
      return;
    }
    if (!confirm(t('wiki.delete.confirmDialog', { title: page.title }))) return;
    this._busy = true;
    try {
      await deletePage(this.slug, reason);
      await this._load();
    } catch (err) {
      this._deleteError = err;
    } finally {
      this._busy = false;
    }
  }

  private async _restore(e: SubmitEvent) {
    e.preventDefault();
    if (this._busy) return;
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    this._busy = true;
    try {
      await restorePage(this.slug, reason || undefined);
      await this._load();
    } catch (err) {
      this._deleteError = err;
    } finally {
      this._busy = false;
    }
  }

  private async _openMove() {
    const p = this._page;
    if (!p) return;
    this._moving = true;
    this._moveError = null;
    this._moveTitle = p.title;
    this._moveSlug = p.slug;
    this._moveSlugTouched = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#move-title')?.select();
  }

  private _onMoveTitle(e: InputEvent) {
    this._moveTitle = (e.target as HTMLInputElement).value;
    if (!this._moveSlugTouched) this._moveSlug = slugify(this._moveTitle);
  }

  private _onMoveSlug(e: InputEvent) {
    this._moveSlug = (e.target as HTMLInputElement).value.trim();
    this._moveSlugTouched = true;
  }

  private async _move(e: SubmitEvent) {
    e.preventDefault();
    const p = this._page;
    if (!p || this._busy) return;
    const form = new FormData(e.target as HTMLFormElement);
    const slug = this._moveSlug;
    if (!SLUG_RE.test(slug)) {
      this._moveError = t('wiki.move.badSlug');
      return;
    }
    if (slug === p.slug) {
      this._moveError = t('wiki.move.sameSlug');
      return;
    }
    const title = this._moveTitle.trim();
    const reason = String(form.get('reason') ?? '').trim();
    this._busy = true;
    try {
      const moved = await movePage(p.slug, {
        slug,
        ...(title && title !== p.title ? { title } : {}),
        ...(reason ? { reason } : {}),
        redirect: form.get('redirect') === 'on',
      });
      this._moving = false;
      navigate(pageUrl(moved.page.slug));
    } catch (err) {
      this._moveError = err;
    } finally {
      this._busy = false;
    }
  }

  /** The renaming form (contributors): title, the slug derived from it (editable), redirect, reason. */
  private _renderMoveForm() {
    return html`<form class="card move-form" data-testid="move-form" @submit=${this._move} aria-labelledby="move-h">
      <h2 id="move-h">${t('wiki.move.heading')}</h2>
      <p class="small muted">${t('wiki.move.help')}</p>
      <label for="move-title">${t('wiki.move.title')}</label>
      <input id="move-title" name="title" type="text" maxlength="200" required .value=${this._moveTitle} @input=${this._onMoveTitle} />
      <label for="move-slug">${t('wiki.move.slug')}</label>
      <input id="move-slug" name="slug" type="text" maxlength="120" required .value=${this._moveSlug} @input=${this._onMoveSlug}
        aria-describedby="move-slug-help" />
      <span id="move-slug-help" class="small muted">${t('wiki.move.slugHelp', { slug: this._moveSlug })}</span>
      <label class="check"><input type="checkbox" name="redirect" checked data-testid="move-redirect" /> ${t('wiki.move.redirect')}</label>
      <label for="move-reason">${t('wiki.move.reason')}</label>
      <input id="move-reason" name="reason" type="text" maxlength="500" placeholder=${t('wiki.move.placeholder')} />
      <span class="actions">
        <button class="btn" type="submit" ?disabled=${this._busy} data-testid="move-confirm">${t('wiki.move.confirm')}</button>
        <button class="btn secondary" type="button" @click=${() => (this._moving = false)}>${t('wiki.cancel')}</button>
      </span>
      ${this._moveError ? html`<p class="field-error" role="alert">${this._errorMessage(this._moveError)}</p>` : nothing}
    </form>`;
  }

  private async _openDelete() {
    this._deleting = true;
    this._deleteError = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#delete-reason')?.focus();
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
    if (deletion) return this._renderDeleted(deletion);
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
            canEdit && !this._moving
              ? html`<button class="btn secondary" data-testid="move-open" @click=${this._openMove}>${t('wiki.move.open')}</button>`
              : nothing
          }
          ${
            this._canModerate && !this._deleting
              ? html`<button class="btn secondary" data-testid="delete-open" @click=${this._openDelete}>${t('wiki.delete.open')}</button>`
              : nothing
          }
        </div>
      </div>
      ${this._moving && canEdit ? this._renderMoveForm() : nothing}
      ${this._deleting && this._canModerate ? this._renderDeleteForm() : nothing}
      ${this._renderFlag(p, canEdit)}
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
            ${this._renderFlagControl(p, canEdit)}
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

  /** The "à améliorer" banner above the page, when the page is flagged. */
  private _renderFlag(p: WikiPage, canEdit: boolean) {
    if (p.needsWork === null) return nothing;
    return html`<div class="message warning flag" role="note" data-testid="needs-work">
      <span><strong>${t('wiki.needsWork.title')}</strong> ${p.needsWork}</span>
      ${canEdit ? html`<button class="btn small secondary" @click=${this._unflag}>${t('wiki.needsWork.clear')}</button>` : nothing}
      ${this._flagError ? html`<p class="field-error" role="alert">${errorText(this._flagError)}</p>` : nothing}
    </div>`;
  }

  /** For contributors, in the side panel: flag the page as needing work, with a reason. */
  private _renderFlagControl(p: WikiPage, canEdit: boolean) {
    if (p.needsWork !== null || !canEdit) return nothing;
    const err = this._flagError
      ? html`<p class="field-error" role="alert">${errorText(this._flagError)}</p>`
      : nothing;
    if (!this._flagging) {
      return html`<p class="flag-open">
        <button class="btn small secondary" @click=${this._openFlag}>⚑ ${t('wiki.needsWork.flag')}</button>
      </p>`;
    }
    return html`<form class="flag-form" @submit=${this._flag}>
      <label for="reason">${t('wiki.needsWork.reason')}</label>
      <input id="reason" name="reason" type="text" maxlength="500" placeholder=${t('wiki.needsWork.placeholder')} />
      <span class="actions">
        <button class="btn small" type="submit">${t('wiki.needsWork.confirm')}</button>
        <button class="btn small secondary" type="button" @click=${() => (this._flagging = false)}>${t('wiki.cancel')}</button>
      </span>
      ${err}
    </form>`;
  }

  private async _openFlag() {
    this._flagging = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#reason')?.focus();
  }

  /** The deletion form (facilitators): a reason is required, then the browser asks to confirm. */
  private _renderDeleteForm() {
    return html`<form class="card delete-form" data-testid="delete-form" @submit=${this._delete} aria-labelledby="delete-h">
      <h2 id="delete-h">${t('wiki.delete.heading')}</h2>
      <p class="small muted">${t('wiki.delete.help')}</p>
      <label for="delete-reason">${t('wiki.delete.reason')}</label>
      <input id="delete-reason" name="reason" type="text" maxlength="500" required placeholder=${t('wiki.delete.placeholder')} />
      <span class="actions">
        <button class="btn danger" type="submit" ?disabled=${this._busy} data-testid="delete-confirm">${t('wiki.delete.confirm')}</button>
        <button class="btn secondary" type="button" @click=${() => (this._deleting = false)}>${t('wiki.cancel')}</button>
      </span>
      ${this._deleteError ? html`<p class="field-error" role="alert">${this._errorMessage(this._deleteError)}</p>` : nothing}
    </form>`;
  }

  private _errorMessage(err: unknown) {
    return typeof err === 'string' ? err : errorText(err);
  }

  /** A deleted page: when, by whom and why; facilitators may restore it and read its history. */
  private _renderDeleted(d: PageDeletion) {
    document.title = `${d.title} · ${t('app.name')}`;
    const params = { date: formatDate(d.deletedAt), name: userName(d.deletedBy), reason: d.reason };
    return html`<div class="card deleted" data-testid="deleted-page">
      <h1>${d.title}</h1>
      <p class="message warning" role="note" data-testid="deletion">
        <strong>${t('wiki.deleted.title')}.</strong>
        ${d.reason ? t('wiki.deleted.text', params) : t('wiki.deleted.textNoReason', params)}
      </p>
      <p class="muted">${t('wiki.deleted.hint')}</p>
      ${
        this._canModerate
          ? html`<form @submit=${this._restore} data-testid="restore-form">
            <label for="restore-reason">${t('wiki.deleted.restoreReason')}</label>
            <input id="restore-reason" name="reason" type="text" maxlength="500" />
            <span class="actions">
              <button class="btn" type="submit" ?disabled=${this._busy} data-testid="restore">${t('wiki.deleted.restore')}</button>
              <a class="btn secondary" href="/wiki/${d.slug}/history">${t('wiki.deleted.history')}</a>
            </span>
            ${this._deleteError ? html`<p class="field-error" role="alert">${this._errorMessage(this._deleteError)}</p>` : nothing}
          </form>`
          : nothing
      }
    </div>`;
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
