import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getRecentChanges, type RecentChange } from '../api/wiki.js';
import { locale, t } from '../i18n/index.js';
import {
  byDay,
  errorBox,
  loadingLine,
  pageUrl,
  sizeDelta,
  timeLabel,
  userName,
} from '../format.js';
import { SessionController } from '../session.js';
import { sharedStyles, timelineStyles } from '../styles.js';

/**
 * The latest edits of the wiki, grouped by day: page, time, author, summary, size change,
 * links to the diff and the history. `compact` shows a short list for the home page.
 */
@customElement('lc-recent-changes')
export class LcRecentChanges extends LitElement {
  static override styles = [
    sharedStyles,
    timelineStyles,
    css`
      :host { display: block; }
      h3:first-child { margin-top: 0; }
      .summary { font-style: italic; overflow-wrap: anywhere; }
      .more { margin-top: 1rem; }
      .feed { font-size: 0.85rem; }
      .badge.deleted { background: var(--lc-red-light); color: var(--lc-red); }
    `,
  ];

  /** A short list (home page) rather than the full page. */
  @property({ type: Boolean }) compact = false;
  /** How many changes to load at a time. */
  @property({ type: Number }) limit = 50;

  @state() private _changes: RecentChange[] | null = null;
  @state() private _error: unknown = null;
  @state() private _hasMore = false;
  @state() private _loadingMore = false;
  /** Cursor of the next (older) changes, from the last answer. */
  private _next: string | null = null;
  // Re-renders on a language switch (dates and labels).
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    void this._load();
  }

  private async _load(before?: string) {
    try {
      const r = await getRecentChanges(this.limit, before);
      const seen = new Set((before ? (this._changes ?? []) : []).map((c) => c.cursor));
      const fresh = r.changes.filter((c) => !seen.has(c.cursor));
      this._changes = [...(before ? (this._changes ?? []) : []), ...fresh];
      this._next = r.next;
      this._hasMore = fresh.length > 0 && r.next !== null;
    } catch (err) {
      this._error = err;
    }
  }

  private async _more() {
    if (!this._next) return;
    this._loadingMore = true;
    await this._load(this._next);
    this._loadingMore = false;
  }

  override render() {
    if (this._error) return errorBox(this._error);
    const changes = this._changes;
    if (!changes) return loadingLine();
    if (!changes.length) return html`<p class="muted">${t('wiki.recent.empty')}</p>`;
    const lang = locale();
    return html`
      ${byDay(changes, lang).map(
        ([day, list]) => html`<h3>${day}</h3>
          <ul class="timeline" data-testid="recent-changes">
            ${list.map((c) => this._renderChange(c, lang))}
          </ul>`,
      )}
      ${
        this.compact
          ? html`<p class="more"><a href="/recent">${t('wiki.recent.all')} →</a></p>`
          : html`<p class="more actions">
            ${
              this._hasMore
                ? html`<button class="btn secondary" ?disabled=${this._loadingMore} @click=${this._more}>${t('wiki.recent.more')}</button>`
                : nothing
            }
            <a class="feed" href="/feed/recent-changes.atom">${t('wiki.recent.feed')}</a>
          </p>`
      }
    `;
  }

  /** A deletion, restoration or move of a page (a log entry): who, why, and a link to the page. */
  private _renderLogEntry(c: RecentChange, lang: string) {
    if (c.kind === 'move') return this._renderMove(c, lang);
    const deleted = c.kind === 'delete';
    return html`<li data-kind=${c.kind}>
      <span class="time">${timeLabel(c.createdAt, lang)}</span>
      <div>
        <div class="line">
          <a class="title" href=${pageUrl(c.slug)}>${c.title}</a>
          <span class="badge ${deleted ? 'deleted' : 'restored'}">${t(deleted ? 'wiki.recent.deleted' : 'wiki.recent.restored')}</span>
        </div>
        <div class="line meta">
          <span>${t(deleted ? 'wiki.recent.deletedBy' : 'wiki.recent.restoredBy', { name: userName(c.author) })}</span>
          ${c.reason ? html`<span class="summary">« ${c.reason} »</span>` : nothing}
        </div>
      </div>
    </li>`;
  }

  /** A move: the page at its new slug, and from which title and slug it was renamed. */
  private _renderMove(c: RecentChange, lang: string) {
    const from = c.from ? `${c.from.title} (${c.from.slug})` : '';
    const to = c.to ? `${c.to.title} (${c.to.slug})` : c.title;
    return html`<li data-kind="move">
      <span class="time">${timeLabel(c.createdAt, lang)}</span>
      <div>
        <div class="line">
          <a class="title" href=${pageUrl(c.slug)}>${c.title}</a>
          <span class="badge restored">${t('wiki.recent.moved')}</span>
        </div>
        <div class="line meta">
          <span>${t('wiki.recent.movedBy', { name: userName(c.author), from, to })}</span>
          ${c.redirect === false ? html`<span>${t('wiki.recent.movedNoRedirect')}</span>` : nothing}
          ${c.reason ? html`<span class="summary">« ${c.reason} »</span>` : nothing}
        </div>
      </div>
    </li>`;
  }

  private _renderChange(c: RecentChange, lang: string) {
    if (c.kind !== 'edit') return this._renderLogEntry(c, lang);
    return html`<li>
      <span class="time">${timeLabel(c.createdAt, lang)}</span>
      <div>
        <div class="line">
          <a class="title" href=${pageUrl(c.slug)}>${c.title}</a>
          ${c.isNew ? html`<span class="badge new">${t('wiki.recent.new')}</span>` : nothing}
          ${sizeDelta(c.sizeDelta)}
        </div>
        <div class="line meta">
          <span>${userName(c.author)}</span>
          ${c.summary ? html`<span class="summary">« ${c.summary} »</span>` : nothing}
          ${
            this.compact
              ? nothing
              : html`<span class="links">
                ${
                  c.isNew || c.revision < 2
                    ? nothing
                    : html`<a href="/wiki/${c.slug}/diff?from=${c.revision - 1}&to=${c.revision}">${t('wiki.recent.diff')}</a> ·`
                }
                <a href="/wiki/${c.slug}/history">${t('wiki.page.history')}</a>
              </span>`
          }
        </div>
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-recent-changes': LcRecentChanges;
  }
}
