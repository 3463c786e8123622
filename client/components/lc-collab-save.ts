import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { locale, t, formatDate } from '../i18n/index.js';
import { timeLabel } from '../format.js';
import { ApiError } from '../api/http.js';
import { announcedRevision, saveCoEdits, type CollabSession } from '../api/collab.js';
import { sharedStyles } from '../styles.js';

/**
 * The co-editor's save status: "Enregistré à 22:14 · révision 3" once the server announced a
 * revision, "Modifications non enregistrées" as soon as the text changes after it, and, for
 * writers, *Enregistrer maintenant* with an optional edit summary (the server writes the pending
 * co-edits as a revision at once). Follows the session's awareness, where the server announces
 * each revision it writes.
 */
@customElement('lc-collab-save')
export class LcCollabSave extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; margin: 0.4rem 0 0; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.4rem 0.8rem; align-items: center; }
      .state { font-size: 0.9rem; padding: 0.15rem 0.6rem; border-radius: 1rem; background: var(--lc-green-light); color: var(--lc-green-dark); }
      .state[data-state='unsaved'] { background: var(--lc-amber-light); color: var(--lc-amber); }
      .state[data-state='new'] { background: #eee; color: var(--lc-ink); }
      form { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; flex: 1 1 20rem; }
      label { font-size: 0.85rem; color: var(--lc-muted); }
      input[type='text'] { flex: 1 1 12rem; width: auto; padding: 0.25rem 0.45rem; font-size: 0.9rem; }
      .msg { font-size: 0.85rem; color: var(--lc-muted); }
      .err { font-size: 0.85rem; color: var(--lc-red); }
    `,
  ];

  /** Slug of the page being co-edited. */
  @property() slug = '';
  /** The live session (its awareness carries the server's revision announcements). */
  @property({ attribute: false }) session: CollabSession | null = null;
  /** The revision the editor loaded, with its date (null for a page not created yet). */
  @property({ type: Number }) pageRevision = 0;
  /** When `pageRevision` was written (ISO date), if known. */
  @property() pageUpdatedAt: string | null = null;
  /** Whether the user may write (shows the save form). */
  @property({ type: Boolean }) canWrite = false;

  @state() private _revision = 0;
  @state() private _savedAt: string | null = null;
  @state() private _dirty = false;
  @state() private _saving = false;
  @state() private _summary = '';
  @state() private _message: string | null = null;
  @state() private _error: string | null = null;
  private _detach: (() => void) | null = null;

  /** Whether the text changed since the last revision the server announced. */
  get dirty() {
    return this._dirty;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this._detach?.();
    this._detach = null;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('pageRevision') && this.pageRevision > this._revision) {
      this._revision = this.pageRevision;
      this._savedAt = this.pageUpdatedAt;
    }
    if (changed.has('session')) this._follow(this.session);
  }

  private _follow(session: CollabSession | null) {
    this._detach?.();
    this._detach = null;
    this._dirty = false;
    if (!session) return;
    // The initial sync fills the text without changing anything: only later changes count.
    const onText = (_e: Y.YTextEvent) => {
      if (session.provider.synced) {
        this._dirty = true;
        this._message = null;
      }
    };
    const onAwareness = () => this._announced(announcedRevision(session));
    session.text.observe(onText);
    session.provider.awareness.on('update', onAwareness);
    this._detach = () => {
      session.text.unobserve(onText);
      session.provider.awareness.off('update', onAwareness);
    };
    onAwareness();
  }

  /** The server wrote (or announced) a revision: what was typed before it is saved. */
  private _announced(revision: number) {
    if (revision <= this._revision) return;
    this._revision = revision;
    this._savedAt =
      revision === this.pageRevision && this.pageUpdatedAt
        ? this.pageUpdatedAt
        : new Date().toISOString();
    this._dirty = false;
  }

  private async _save(e: Event) {
    e.preventDefault();
    const session = this.session;
    if (!session || this._saving) return;
    this._saving = true;
    this._error = null;
    this._message = null;
    try {
      const result = await saveCoEdits(this.slug, session.doc, this._summary.trim() || undefined);
      if (result.saved) {
        this._summary = '';
        this._announced(result.revision);
      } else {
        this._message = t('collabSave.nothing', { n: result.revision });
      }
      if (result.complete && result.revision > 0) this._dirty = false;
    } catch (err) {
      this._error = t('collabSave.failed', {
        message: err instanceof ApiError || err instanceof Error ? err.message : String(err),
      });
    } finally {
      this._saving = false;
    }
  }

  private _stateText(): [state: string, text: string] {
    if (this._saving) return ['unsaved', t('collabSave.saving')];
    if (this._dirty) return ['unsaved', t('collabSave.unsaved')];
    if (this._revision <= 0) return ['new', t('collabSave.notYet')];
    const at = this._savedAt ?? new Date().toISOString();
    const today = new Date(at).toDateString() === new Date().toDateString();
    return [
      'saved',
      today
        ? t('collabSave.savedAt', { time: timeLabel(at, locale()), n: this._revision })
        : t('collabSave.savedOn', { date: formatDate(at), n: this._revision }),
    ];
  }

  override render() {
    const [state, text] = this._stateText();
    const id = 'collab-save-summary';
    return html`<div class="bar" role="group" aria-label=${t('collabSave.region')}>
      <span class="state" data-state=${state} data-testid="collab-save-state" role="status">${text}</span>
      ${
        this.canWrite
          ? html`<form @submit=${this._save}>
            <label for=${id}>${t('collabSave.summary')}</label>
            <input
              id=${id}
              type="text"
              maxlength="500"
              data-testid="collab-save-summary"
              placeholder=${t('collabSave.summaryPlaceholder')}
              .value=${this._summary}
              @input=${(e: Event) => (this._summary = (e.target as HTMLInputElement).value)}
            />
            <button class="btn small" type="submit" data-testid="collab-save-now" ?disabled=${this._saving}>${t('collabSave.now')}</button>
          </form>`
          : nothing
      }
      ${this._message ? html`<span class="msg" role="status">${this._message}</span>` : nothing}
      ${this._error ? html`<span class="err" role="alert">${this._error}</span>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-collab-save': LcCollabSave;
  }
}
