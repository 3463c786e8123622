import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getLog, type LogEntry } from '../api/wiki-log.js';
import { locale, t } from '../i18n/index.js';
import { byDay, errorBox, loadingLine, pageUrl, timeLabel, userName } from '../format.js';
import { LatestRequest } from '../lib/latest-request.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { sharedStyles, timelineStyles } from '../styles.js';
import { slugify } from '../../registry/text/slug.js';

/** The journal's address; its filters go in the query string (`action`, `page`). */
export const LOG_PATH = '/special/journal';

/** Actions the filter always offers; others (logged later) are offered once seen. */
const KNOWN_ACTIONS = ['delete', 'restore'] as const;
const PAGE_SIZE = 50;

/** The label of an action ("Suppression"); an action with no label is shown by its name. */
export function actionLabel(action: string, many = false): string {
  const key = `wiki.log.${many ? 'actions' : 'action'}.${action}`;
  const label = t(key);
  return label === key ? action : label;
}

/** The journal's URL for these filters. */
export function logUrl(filter: { actions?: string; page?: string } = {}): string {
  const q = new URLSearchParams();
  if (filter.actions) q.set('action', filter.actions);
  if (filter.page) q.set('page', filter.page);
  const search = q.toString();
  return search ? `${LOG_PATH}?${search}` : LOG_PATH;
}

/**
 * The wiki's log (MediaWiki's Special:Log): deletions, restorations and any action logged later,
 * newest first, grouped by day, filtered by action and by page; each entry links to the page
 * (or its deletion notice), its history and its own log.
 */
@customElement('lc-wiki-log')
export class LcWikiLog extends LitElement {
  static override styles = [
    sharedStyles,
    timelineStyles,
    css`
      :host { display: block; }
      form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: flex-end; margin: 1rem 0 1.4rem; }
      form.filters .field { margin: 0; flex: 0 1 14rem; }
      form.filters .field.page { flex: 1 1 16rem; }
      .reason { font-style: italic; overflow-wrap: anywhere; }
      .details { font-size: 0.85rem; color: var(--lc-muted); overflow-wrap: anywhere; }
      .badge.delete { background: var(--lc-red-light); color: var(--lc-red); }
      .more { margin-top: 1rem; }
    `,
  ];

  /** The actions shown, comma-separated ('' for all). */
  @property() actions = '';
  /** The slug of the page whose entries are shown ('' for all pages). */
  @property() page = '';

  @state() private _entries: LogEntry[] | null = null;
  @state() private _error: unknown = null;
  @state() private _loadingMore = false;
  /** What the page field holds while typing. */
  @state() private _pageText = '';
  /** Every action seen in an answer, to offer it in the filter. */
  @state() private _seen = new Set<string>();
  private _next: number | null = null;
  private _latest = new LatestRequest();
  // Re-renders on a language switch (dates and labels).
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('actions') || changed.has('page')) {
      this._pageText = this.page;
      this._entries = null;
      this._error = null;
      void this._load();
    }
  }

  private get _actionList() {
    return this.actions
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  }

  private async _load(before?: number) {
    document.title = `${t('wiki.log.heading')} · ${t('app.name')}`;
    await this._latest.run(
      () =>
        getLog({
          actions: this._actionList,
          slug: slugify(this.page) || undefined,
          limit: PAGE_SIZE,
          before,
        }),
      {
        answer: (r) => {
          this._entries = before ? [...(this._entries ?? []), ...r.entries] : r.entries;
          this._next = r.next;
          const seen = new Set(this._seen);
          for (const e of r.entries) seen.add(e.action);
          this._seen = seen;
        },
        error: (err) => (this._error = err),
        settled: () => (this._loadingMore = false),
      },
    );
  }

  private _more() {
    if (!this._next) return;
    this._loadingMore = true;
    void this._load(this._next);
  }

  private _filter(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const actions = (form.elements.namedItem('action') as HTMLSelectElement).value;
    // A title or an address: both become the page's slug (text with no letter nor digit: no filter).
    navigate(logUrl({ actions, page: slugify(this._pageText) }));
  }

  override render() {
    return html`
      <p class="small"><a href="/special">← ${t('wiki.special.heading')}</a></p>
      <h1>${t('wiki.log.heading')}</h1>
      <p class="muted">${t('wiki.log.help')}</p>
      ${this._renderFilters()}
      ${this._error ? errorBox(this._error) : this._entries ? this._renderEntries(this._entries) : loadingLine()}
    `;
  }

  private _renderFilters() {
    const options = [...new Set<string>([...KNOWN_ACTIONS, ...[...this._seen].sort()])];
    // A combination given in the address (action=delete,restore) is offered as it is.
    const current = this._actionList.join(',');
    if (current && !options.includes(current)) options.push(current);
    return html`<form class="filters" role="search" aria-label=${t('wiki.log.filters')} @submit=${this._filter} data-testid="log-filters">
      <div class="field">
        <label for="log-action">${t('wiki.log.action')}</label>
        <select id="log-action" name="action">
          <option value="" ?selected=${!current}>${t('wiki.log.allActions')}</option>
          ${options.map(
            (a) =>
              html`<option value=${a} ?selected=${a === current}>${a
                .split(',')
                .map((x) => actionLabel(x, true))
                .join(', ')}</option>`,
          )}
        </select>
      </div>
      <div class="field page">
        <label for="log-page">${t('wiki.log.page')}</label>
        <input
          id="log-page"
          type="search"
          maxlength="200"
          placeholder=${t('wiki.log.pagePlaceholder')}
          .value=${this._pageText}
          @input=${(e: Event) => (this._pageText = (e.target as HTMLInputElement).value)}
        />
      </div>
      <button class="btn" type="submit">${t('wiki.log.filter')}</button>
      ${current || this.page ? html`<a class="btn secondary" href=${LOG_PATH}>${t('wiki.log.clear')}</a>` : nothing}
    </form>`;
  }

  private _renderEntries(entries: LogEntry[]) {
    if (!entries.length) {
      return html`<p class="card muted" style="padding:1rem 1.2rem">
        ${this.actions || this.page ? t('wiki.log.emptyFiltered') : t('wiki.log.empty')}
      </p>`;
    }
    const lang = locale();
    return html`
      ${byDay(entries, lang).map(
        ([day, list]) => html`<h3>${day}</h3>
          <ul class="timeline" data-testid="log-entries">
            ${list.map((e) => this._renderEntry(e, lang))}
          </ul>`,
      )}
      ${
        this._next
          ? html`<p class="more">
            <button class="btn secondary" ?disabled=${this._loadingMore} @click=${this._more}>${t('wiki.log.more')}</button>
          </p>`
          : nothing
      }
    `;
  }

  private _renderEntry(e: LogEntry, lang: string) {
    const details = Object.entries(e.details);
    return html`<li data-action=${e.action} data-slug=${e.slug}>
      <span class="time">${timeLabel(e.createdAt, lang)}</span>
      <div>
        <div class="line">
          <span class="badge ${e.action}">${actionLabel(e.action)}</span>
          <a class="title" href=${pageUrl(e.slug)}>${e.title}</a>
          <span class="meta">${t('wiki.log.by', { name: userName(e.user) })}</span>
        </div>
        <div class="line meta">
          ${e.reason ? html`<span class="reason">« ${e.reason} »</span>` : nothing}
          <span>${t('wiki.log.atRevision', { n: e.revision })}</span>
          <span class="links">
            <a href="/wiki/${encodeURIComponent(e.slug)}/history">${t('wiki.log.history')}</a>
            ${slugify(this.page) === e.slug ? nothing : html`· <a href=${logUrl({ actions: this.actions, page: e.slug })}>${t('wiki.log.pageLog')}</a>`}
          </span>
        </div>
        ${
          details.length
            ? html`<div class="details">${details.map(([k, v], i) => html`${i ? ' · ' : ''}${k}: ${v}`)}</div>`
            : nothing
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-wiki-log': LcWikiLog;
  }
}
