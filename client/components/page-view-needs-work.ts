import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { clearNeedsWork, flagNeedsWork, type WikiPage } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';

/** What the page view lends to the "à améliorer" flag. */
export interface NeedsWorkHost extends ReactiveControllerHost {
  readonly slug: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Shows the page as the server answered after flagging or clearing. */
  showPage(page: WikiPage): void;
}

export const needsWorkStyles = css`
  .flag { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
  .flag-open { margin: 0.9rem 0 0; }
  .flag-open .btn { white-space: normal; text-align: left; line-height: 1.35; }
  .flag-form { display: flex; flex-direction: column; gap: 0.4rem; margin-top: 0.9rem; padding-top: 0.8rem; border-top: 1px solid #ece8dd; font-size: 0.9rem; }
  .flag-form label { font-weight: 600; }
`;

/**
 * A page flagged as needing work: the banner above the page (contributors clear it there), and
 * in the side panel the control that flags it, with a reason.
 */
export class NeedsWorkController {
  private _flagging = false;
  private _error: unknown = null;

  constructor(private readonly host: NeedsWorkHost) {}

  private _set(flagging: boolean, error: unknown) {
    this._flagging = flagging;
    this._error = error;
    this.host.requestUpdate();
  }

  private _flag = async (e: SubmitEvent) => {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    try {
      this.host.showPage(
        await flagNeedsWork(this.host.slug, reason || t('wiki.needsWork.defaultReason')),
      );
      this._set(false, null);
    } catch (err) {
      this._set(this._flagging, err);
    }
  };

  private _unflag = async () => {
    try {
      this.host.showPage(await clearNeedsWork(this.host.slug));
      this._set(this._flagging, null);
    } catch (err) {
      this._set(this._flagging, err);
    }
  };

  private _open = async () => {
    this._set(true, this._error);
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('#reason')?.focus();
  };

  private _renderError() {
    return this._error
      ? html`<p class="field-error" role="alert">${errorText(this._error)}</p>`
      : nothing;
  }

  /** The "à améliorer" banner above the page, when the page is flagged. */
  renderBanner(p: WikiPage, canEdit: boolean) {
    if (p.needsWork === null) return nothing;
    return html`<div class="message warning flag" role="note" data-testid="needs-work">
      <span><strong>${t('wiki.needsWork.title')}</strong> ${p.needsWork}</span>
      ${canEdit ? html`<button class="btn small secondary" @click=${this._unflag}>${t('wiki.needsWork.clear')}</button>` : nothing}
      ${this._renderError()}
    </div>`;
  }

  /** For contributors, in the side panel: flag the page as needing work, with a reason. */
  renderControl(p: WikiPage, canEdit: boolean) {
    if (p.needsWork !== null || !canEdit) return nothing;
    if (!this._flagging) {
      return html`<p class="flag-open">
        <button class="btn small secondary" @click=${this._open}>⚑ ${t('wiki.needsWork.flag')}</button>
      </p>`;
    }
    return html`<form class="flag-form" @submit=${this._flag}>
      <label for="reason">${t('wiki.needsWork.reason')}</label>
      <input id="reason" name="reason" type="text" maxlength="500" placeholder=${t('wiki.needsWork.placeholder')} />
      <span class="actions">
        <button class="btn small" type="submit">${t('wiki.needsWork.confirm')}</button>
        <button class="btn small secondary" type="button" @click=${() => this._set(false, this._error)}>${t('wiki.cancel')}</button>
      </span>
      ${this._renderError()}
    </form>`;
  }
}
