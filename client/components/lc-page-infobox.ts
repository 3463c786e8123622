import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getPageFields, type ShownField } from '../api/files.js';
import { locale, t } from '../i18n/index.js';
import { sharedStyles } from '../styles.js';

/** A field's value as a reader sees it: dates and numbers the French way, lists joined, links to the record. */
export function fieldValueView(f: Pick<ShownField, 'type' | 'value' | 'link'>) {
  const lang = locale() === 'fr' ? 'fr-FR' : 'en-GB';
  if (f.link) return html`<a href=${f.link.href}>${f.link.name}</a>`;
  if (Array.isArray(f.value)) return f.value.join(', ');
  if (f.type === 'number' && typeof f.value === 'number') return f.value.toLocaleString(lang);
  if (f.type === 'date' && typeof f.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.value)) {
    return new Date(`${f.value}T12:00:00Z`).toLocaleDateString(lang, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
  }
  return String(f.value);
}

/** A page's structured fields as an infobox (nothing when the page has none). */
@customElement('lc-page-infobox')
export class LcPageInfobox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      section { margin-bottom: 1rem; border-top: 4px solid var(--lc-green); }
      h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      dl { margin: 0; font-size: 0.92rem; display: grid; grid-template-columns: minmax(6rem, auto) 1fr; gap: 0.3rem 0.8rem; }
      dt { color: var(--lc-muted); font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
    `,
  ];

  /** The page's slug. */
  @property() slug = '';
  /** The page's revision: the infobox is read again when it moves. */
  @property({ type: Number }) revision = 0;

  @state() private _fields: ShownField[] = [];

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug') || changed.has('revision')) void this._load();
  }

  private async _load() {
    const slug = this.slug;
    try {
      const answer = await getPageFields(slug);
      if (slug === this.slug) this._fields = answer.fields;
    } catch {
      // The infobox is a complement: the page stays readable without it.
      if (slug === this.slug) this._fields = [];
    }
  }

  /** Reads the fields again (after the editor saved them). */
  reload() {
    void this._load();
  }

  override render() {
    const shown = this._fields.filter(
      (f) => f.value !== '' && !(Array.isArray(f.value) && f.value.length === 0),
    );
    if (!shown.length) return nothing;
    const lang = locale();
    return html`<section class="card" aria-labelledby="infobox-h" data-testid="infobox">
      <h2 id="infobox-h">${t('fields.infobox')}</h2>
      <dl>
        ${shown.map((f) => html`<dt>${f.label[lang]}</dt><dd data-field=${f.name}>${fieldValueView(f)}</dd>`)}
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-infobox': LcPageInfobox;
  }
}
