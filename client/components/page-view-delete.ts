import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { deletePage, restorePage, type PageDeletion, type WikiPage } from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { errorText, userName } from '../format.js';

/** What the page view lends to its action forms (deleting, restoring, renaming). */
export interface PageActionsHost extends ReactiveControllerHost {
  readonly slug: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The page shown, or null while it loads (or when it is deleted or missing). */
  readonly page: WikiPage | null;
  /** One action at a time: deleting, restoring and renaming share this flag. */
  readonly busy: { value: boolean };
  /** Reads the page again (after a deletion or a restoration). */
  reload(): Promise<void>;
}

/**
 * Runs one page action under the shared busy flag, re-rendering the host before and after.
 * Resolves with the action's error, or null when it succeeded.
 */
export async function whileBusy(
  host: PageActionsHost,
  action: () => Promise<void>,
): Promise<unknown> {
  host.busy.value = true;
  host.requestUpdate();
  try {
    await action();
    return null;
  } catch (err) {
    return err;
  } finally {
    host.busy.value = false;
    host.requestUpdate();
  }
}

/** A form's error: a message written by the form itself, or an API error. */
export function actionError(err: unknown) {
  return typeof err === 'string' ? err : errorText(err);
}

export const deleteStyles = css`
  .delete-form { display: flex; flex-direction: column; gap: 0.4rem; margin-bottom: 1rem; }
  .delete-form h2 { font-size: 1.05rem; margin: 0; }
  .delete-form label { font-weight: 600; }
  .deleted { padding: 1.6rem; }
  .deleted h1 { margin-top: 0; }
  .deleted form { display: flex; flex-direction: column; gap: 0.4rem; margin-top: 1rem; max-width: 32rem; }
  .deleted label { font-weight: 600; font-size: 0.92rem; }
`;

/**
 * Deleting a page and restoring it (facilitators): the deletion form above the page, and the
 * notice a deleted page shows instead of its text, with the restoration form.
 */
export class PageDeleteController {
  /** The deletion form is open. */
  open = false;
  error: unknown = null;

  constructor(private readonly host: PageActionsHost) {}

  /** Closes the form and forgets its error (another page is shown). */
  reset() {
    this.open = false;
    this.error = null;
  }

  private _set(change: Partial<Pick<PageDeleteController, 'open' | 'error'>>) {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  show = async () => {
    this._set({ open: true, error: null });
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('#delete-reason')?.focus();
  };

  private _delete = async (e: SubmitEvent) => {
    e.preventDefault();
    const page = this.host.page;
    const busy = this.host.busy;
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!page || busy.value) return;
    if (!reason) {
      this._set({ error: t('wiki.delete.reasonRequired') });
      return;
    }
    if (!confirm(t('wiki.delete.confirmDialog', { title: page.title }))) return;
    const err = await whileBusy(this.host, async () => {
      await deletePage(this.host.slug, reason);
      await this.host.reload();
    });
    if (err) this._set({ error: err });
  };

  private _restore = async (e: SubmitEvent) => {
    e.preventDefault();
    const busy = this.host.busy;
    if (busy.value) return;
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    const err = await whileBusy(this.host, async () => {
      await restorePage(this.host.slug, reason || undefined);
      await this.host.reload();
    });
    if (err) this._set({ error: err });
  };

  private _renderError() {
    return this.error
      ? html`<p class="field-error" role="alert">${actionError(this.error)}</p>`
      : nothing;
  }

  /** The deletion form: a reason is required, then the browser asks to confirm. */
  renderForm() {
    return html`<form class="card delete-form" data-testid="delete-form" @submit=${this._delete} aria-labelledby="delete-h">
      <h2 id="delete-h">${t('wiki.delete.heading')}</h2>
      <p class="small muted">${t('wiki.delete.help')}</p>
      <label for="delete-reason">${t('wiki.delete.reason')}</label>
      <input id="delete-reason" name="reason" type="text" maxlength="500" required placeholder=${t('wiki.delete.placeholder')} />
      <span class="actions">
        <button class="btn danger" type="submit" ?disabled=${this.host.busy.value} data-testid="delete-confirm">${t('wiki.delete.confirm')}</button>
        <button class="btn secondary" type="button" @click=${() => this._set({ open: false })}>${t('wiki.cancel')}</button>
      </span>
      ${this._renderError()}
    </form>`;
  }

  /** A deleted page: when, by whom and why; moderators may restore it and read its history. */
  renderDeleted(d: PageDeletion, canModerate: boolean) {
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
        canModerate
          ? html`<form @submit=${this._restore} data-testid="restore-form">
            <label for="restore-reason">${t('wiki.deleted.restoreReason')}</label>
            <input id="restore-reason" name="reason" type="text" maxlength="500" />
            <span class="actions">
              <button class="btn" type="submit" ?disabled=${this.host.busy.value} data-testid="restore">${t('wiki.deleted.restore')}</button>
              <a class="btn secondary" href="/wiki/${d.slug}/history">${t('wiki.deleted.history')}</a>
            </span>
            ${this._renderError()}
          </form>`
          : nothing
      }
    </div>`;
  }
}
