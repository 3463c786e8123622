import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';

/**
 * What the pages of one registry record (a place, a person) share: fetching the record when
 * `slug` changes (an answer for a slug left meanwhile is dropped), the document title, and the
 * not-found / error / loading views. Subclasses give the fetch and render the record.
 */
export abstract class RecordPage<T extends { name: string }> extends LitElement {
  /** Slug of the record. */
  @property() slug = '';

  @state() protected _p: T | null = null;
  @state() protected _notFound = false;
  @state() protected _error = '';

  /** Fetches the record; a rejection with `status` 404 shows the not-found view. */
  protected abstract _fetch(slug: string): Promise<T>;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('slug')) {
      const slug = this.slug;
      this._notFound = false;
      this._fetch(slug)
        .then((p) => {
          if (slug !== this.slug) return;
          this._p = p;
          document.title = `${p.name} · ${t('app.name')}`;
        })
        .catch((err) => {
          if ((err as { status?: number }).status === 404) this._notFound = true;
          else this._error = t('error.generic', { message: (err as Error).message });
        });
    }
  }

  /**
   * The not-found view (a link back to `backHref` labelled `backLabel`, then `notFoundText`),
   * the error, or "loading"; null once the record is there. Callers pass `t('…')` results so
   * that the catalogue test sees the literal keys.
   */
  protected _statusView(
    backHref: string,
    backLabel: string,
    notFoundText: string,
  ): TemplateResult | null {
    if (this._notFound)
      return html`<p><a href=${backHref}>${backLabel}</a></p><h1>${t('notFound.title')}</h1><p>${notFoundText}</p>`;
    if (this._error) return html`<p class="notice error" role="alert">${this._error}</p>`;
    if (!this._p) return html`<p class="muted">${t('loading')}</p>`;
    return null;
  }
}
