import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { SessionController } from '../session.js';
import {
  feedUrl,
  importCalendar,
  listEvents,
  type EventItem,
  type ImportResult,
} from '../api/events.js';
import './lc-programme.js';

/**
 * A place's upcoming events (on its page), its feed, and for contributors the links to add one
 * and the import of the calendar the place keeps elsewhere (.ics file or URL).
 */
@customElement('lc-place-events')
export class LcPlaceEvents extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.4rem 0; }
      details { margin-top: 0.8rem; }
      form { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin: 0.5rem 0; }
    `,
  ];

  /** Slug of the place. */
  @property() place = '';
  private _session = new SessionController(this);
  @state() private _events: EventItem[] = [];
  @state() private _result: ImportResult | null = null;
  @state() private _error = '';
  /** Why the events could not be read (shown to everyone, unlike the import's errors). */
  @state() private _loadError = '';

  override connectedCallback() {
    super.connectedCallback();
    this._load().catch(
      (err: unknown) => (this._loadError = t('error.generic', { message: (err as Error).message })),
    );
  }

  private async _load() {
    this._events = (await listEvents({ place: this.place, limit: 50 })).items;
  }

  private async _import(source: { url: string } | { text: string }) {
    this._error = '';
    this._result = null;
    try {
      this._result = await importCalendar(this.place, source);
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private async _fromFile(e: Event) {
    e.preventDefault();
    const file = (e.target as HTMLFormElement).querySelector(
      'input[type=file]',
    ) as HTMLInputElement;
    if (file.files?.[0]) await this._import({ text: await file.files[0].text() });
  }

  private async _fromUrl(e: Event) {
    e.preventDefault();
    const url = String(new FormData(e.target as HTMLFormElement).get('url') ?? '').trim();
    if (url) await this._import({ url });
  }

  override render() {
    const r = this._result;
    return html`
      <h2>${t('placeEvents.title')}</h2>
      <div class="tools">
        <a class="btn secondary" href=${feedUrl({ place: this.place })}>${t('placeEvents.feed')}</a>
        ${this._session.canEdit ? html`<a class="btn" href=${`/evenements/nouveau?lieu=${encodeURIComponent(this.place)}`}>${t('events.add')}</a>` : nothing}
      </div>
      <lc-programme .events=${this._events} hide-place></lc-programme>
      ${this._loadError ? html`<p class="notice error" role="alert">${this._loadError}</p>` : nothing}
      ${
        this._session.canEdit
          ? html`<details>
            <summary>${t('placeEvents.import')}</summary>
            <p class="small">${t('placeEvents.importHint')}</p>
            <form @submit=${this._fromFile}>
              <label class="field">${t('placeEvents.file')}<input type="file" accept=".ics,text/calendar" name="file" /></label>
              <button class="btn secondary" type="submit">${t('placeEvents.importFile')}</button>
            </form>
            <form @submit=${this._fromUrl}>
              <label class="field">${t('placeEvents.url')}<input type="url" name="url" placeholder="https://…/agenda.ics" /></label>
              <button class="btn secondary" type="submit">${t('placeEvents.importUrl')}</button>
            </form>
            ${
              r
                ? html`<p class="notice" role="status">
                  ${t('placeEvents.result', { created: r.created.length, updated: r.updated.length, unchanged: r.unchanged.length, deleted: r.deleted.length })}
                </p>`
                : nothing
            }
            ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
          </details>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-place-events': LcPlaceEvents;
  }
}
