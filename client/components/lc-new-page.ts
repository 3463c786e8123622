import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import { slugify } from '../../registry/text/slug.js';

/** Address of the co-editor for a new page titled `title` (the slug derived from it unless given). */
export const newPageUrl = (title: string, slug = slugify(title)) =>
  `/wiki/${encodeURIComponent(slug)}/edit?${new URLSearchParams({ title })}`;

/**
 * The new-page prompt (/new without a title): asks for the title, shows the page's future
 * address, and opens the co-editor there. The plain form stays one link away.
 */
@customElement('lc-new-page')
export class LcNewPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; max-width: 40rem; }
      form.card { padding: 1.2rem 1.4rem; }
      .slug { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
      .footer { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: center; }
    `,
  ];

  /** Title typed so far. */
  @property() value = '';
  @state() private _error: string | null = null;
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('collab.new.heading')} · ${t('app.name')}`;
  }

  private _submit(e: Event) {
    e.preventDefault();
    const title = this.value.trim();
    if (!title) this._error = t('collab.new.required');
    else if (!slugify(title)) this._error = t('collab.new.noSlug');
    else navigate(newPageUrl(title));
  }

  override render() {
    if (this._session.known && !this._session.canEdit) {
      return html`<div class="message warning" role="alert">
        ${
          this._session.user
            ? t('error.forbidden')
            : html`${t('collab.loginToEdit')} <a href="/login?next=${encodeURIComponent('/new')}">${t('collab.login')}</a>`
        }
      </div>`;
    }
    const slug = slugify(this.value.trim());
    return html`<h1>${t('collab.new.heading')}</h1>
      <form class="card" novalidate @submit=${this._submit}>
        <div class="field">
          <label for="new-title">${t('collab.props.title')}</label>
          <input
            id="new-title"
            type="text"
            maxlength="200"
            required
            .value=${this.value}
            @input=${(e: Event) => {
              this.value = (e.target as HTMLInputElement).value;
              this._error = null;
            }}
            aria-invalid=${this._error ? 'true' : 'false'}
            aria-describedby="new-hint new-error"
          />
          <span class="hint" id="new-hint">${t('collab.new.address')} <span class="slug">/wiki/${slug || '…'}</span></span>
          ${this._error ? html`<span class="field-error" id="new-error">${this._error}</span>` : nothing}
        </div>
        <div class="footer">
          <button class="btn" type="submit" data-testid="new-page-open">${t('collab.new.open')}</button>
          <a href="/new?mode=form">${t('collab.formEditor')}</a>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-new-page': LcNewPage;
  }
}
