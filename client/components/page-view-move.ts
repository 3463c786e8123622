import { css, html, nothing } from 'lit';
import { movePage } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { pageUrl } from '../format.js';
import { navigate } from '../router.js';
import { SLUG_RE, slugify } from '../../registry/text/slug.js';
import { actionError, whileBusy, type PageActionsHost } from './page-view-delete.js';

export const moveStyles = css`
  .move-form { display: flex; flex-direction: column; gap: 0.4rem; margin-bottom: 1rem; }
  .move-form h2 { font-size: 1.05rem; margin: 0; }
  .move-form label { font-weight: 600; }
  .move-form label.check { font-weight: normal; display: flex; gap: 0.4rem; align-items: center; }
`;

/**
 * Renaming a page (contributors): title, the slug derived from it (editable), whether the old
 * address redirects, a reason. A successful move goes to the page at its new address.
 */
export class PageMoveController {
  /** The renaming form is open. */
  open = false;
  private _title = '';
  private _slug = '';
  /** The slug was typed by hand: it no longer follows the title. */
  private _slugTouched = false;
  private _error: unknown = null;

  constructor(private readonly host: PageActionsHost) {}

  /** Closes the form and forgets its error (another page is shown). */
  reset() {
    this.open = false;
    this._error = null;
  }

  show = async () => {
    const p = this.host.page;
    if (!p) return;
    this.open = true;
    this._error = null;
    this._title = p.title;
    this._slug = p.slug;
    this._slugTouched = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLInputElement>('#move-title')?.select();
  };

  private _onTitle = (e: InputEvent) => {
    this._title = (e.target as HTMLInputElement).value;
    if (!this._slugTouched) this._slug = slugify(this._title);
    this.host.requestUpdate();
  };

  private _onSlug = (e: InputEvent) => {
    this._slug = (e.target as HTMLInputElement).value.trim();
    this._slugTouched = true;
    this.host.requestUpdate();
  };

  private _fail(err: unknown) {
    this._error = err;
    this.host.requestUpdate();
  }

  private _move = async (e: SubmitEvent) => {
    e.preventDefault();
    const p = this.host.page;
    const busy = this.host.busy;
    if (!p || busy.value) return;
    const form = new FormData(e.target as HTMLFormElement);
    const slug = this._slug;
    if (!SLUG_RE.test(slug)) return this._fail(t('wiki.move.badSlug'));
    if (slug === p.slug) return this._fail(t('wiki.move.sameSlug'));
    const title = this._title.trim();
    const reason = String(form.get('reason') ?? '').trim();
    const err = await whileBusy(this.host, async () => {
      const moved = await movePage(p.slug, {
        slug,
        ...(title && title !== p.title ? { title } : {}),
        ...(reason ? { reason } : {}),
        redirect: form.get('redirect') === 'on',
      });
      this.open = false;
      navigate(pageUrl(moved.page.slug));
    });
    if (err) this._fail(err);
  };

  private _cancel = () => {
    this.open = false;
    this.host.requestUpdate();
  };

  render() {
    return html`<form class="card move-form" data-testid="move-form" @submit=${this._move} aria-labelledby="move-h">
      <h2 id="move-h">${t('wiki.move.heading')}</h2>
      <p class="small muted">${t('wiki.move.help')}</p>
      <label for="move-title">${t('wiki.move.title')}</label>
      <input id="move-title" name="title" type="text" maxlength="200" required .value=${this._title} @input=${this._onTitle} />
      <label for="move-slug">${t('wiki.move.slug')}</label>
      <input id="move-slug" name="slug" type="text" maxlength="120" required .value=${this._slug} @input=${this._onSlug}
        aria-describedby="move-slug-help" />
      <span id="move-slug-help" class="small muted">${t('wiki.move.slugHelp', { slug: this._slug })}</span>
      <label class="check"><input type="checkbox" name="redirect" checked data-testid="move-redirect" /> ${t('wiki.move.redirect')}</label>
      <label for="move-reason">${t('wiki.move.reason')}</label>
      <input id="move-reason" name="reason" type="text" maxlength="500" placeholder=${t('wiki.move.placeholder')} />
      <span class="actions">
        <button class="btn" type="submit" ?disabled=${this.host.busy.value} data-testid="move-confirm">${t('wiki.move.confirm')}</button>
        <button class="btn secondary" type="button" @click=${this._cancel}>${t('wiki.cancel')}</button>
      </span>
      ${this._error ? html`<p class="field-error" role="alert">${actionError(this._error)}</p>` : nothing}
    </form>`;
  }
}
