import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import {
  getFieldDefs,
  getPageFields,
  putPageFields,
  type FieldDef,
  type FieldValue,
} from '../api/files.js';
import { locale, t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { sharedStyles } from '../styles.js';

/** The input type of each field type (lists and links are typed as text). */
const INPUT_TYPE: Record<string, string> = { number: 'number', date: 'date' };

/**
 * The structured fields of a page (its kind's declared fields), edited in the editors'
 * Propriétés panel and saved apart from the text (`PUT /api/pages/:slug/fields`). Fires
 * `lc-fields-saved` after a save (`detail.revision`: the page revision it wrote, or null).
 */
@customElement('lc-fields-editor')
export class LcFieldsEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--lc-line); border-radius: var(--lc-radius); padding: 0.6rem 0.9rem 0.8rem; margin: 0.8rem 0 0; }
      legend { font-weight: 600; padding: 0 0.3rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.6rem 1rem; }
      label { display: block; font-weight: 600; font-size: 0.9rem; margin-bottom: 0.2rem; }
      input { width: 100%; }
      input[type='number'], input[type='date'] { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid var(--lc-line); border-radius: 6px; }
      .hint { display: block; font-size: 0.8rem; color: var(--lc-muted); }
      .foot { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin-top: 0.7rem; }
    `,
  ];

  /** The page's slug (the page must exist). */
  @property() slug = '';
  /** The page's kind: which fields are declared. */
  @property() kind = '';

  @state() private _defs: FieldDef[] = [];
  /** Values as typed, by field name. */
  @state() private _values: Record<string, string> = {};
  @state() private _saving = false;
  @state() private _message: string | null = null;
  @state() private _error: { field: string | null; message: string } | null = null;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug') || changed.has('kind')) void this._load();
  }

  private async _load() {
    const { slug, kind } = this;
    try {
      const [defs, values] = await Promise.all([getFieldDefs(), getPageFields(slug)]);
      if (slug !== this.slug || kind !== this.kind) return;
      this._defs = defs.fields.filter((d) => d.kind === kind);
      const typed: Record<string, string> = {};
      for (const f of values.fields)
        typed[f.name] = Array.isArray(f.value) ? f.value.join(', ') : String(f.value);
      this._values = typed;
      this._message = null;
      this._error = null;
    } catch {
      // No fields to edit (a page not created yet): the panel shows nothing.
      this._defs = [];
    }
  }

  private async _save(e: Event) {
    e.preventDefault();
    if (this._saving) return;
    const fields: Record<string, FieldValue | null> = {};
    for (const d of this._defs) {
      const raw = (this._values[d.name] ?? '').trim();
      fields[d.name] =
        raw === ''
          ? null
          : d.type === 'list'
            ? raw
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
            : raw;
    }
    this._saving = true;
    this._message = null;
    this._error = null;
    try {
      const saved = await putPageFields(this.slug, fields);
      this._message = t('fields.saved');
      // `fieldsRevision`: the revision the change wrote (same text), null when nothing changed.
      this.dispatchEvent(
        new CustomEvent('lc-fields-saved', {
          bubbles: true,
          composed: true,
          detail: { revision: saved.fieldsRevision },
        }),
      );
    } catch (err) {
      const field =
        err instanceof ApiError ? String(err.details.field ?? '').replace(/^fields\./, '') : '';
      this._error = {
        field: field || null,
        message: err instanceof ApiError && err.status === 400 ? err.message : errorText(err),
      };
    } finally {
      this._saving = false;
    }
  }

  override render() {
    if (!this._defs.length) return nothing;
    const lang = locale();
    const err = this._error;
    return html`<form @submit=${this._save} novalidate data-testid="fields-editor">
      <fieldset>
        <legend>${t('fields.legend')}</legend>
        <div class="grid">
          ${this._defs.map((d) => {
            const id = `field-${d.name}`;
            const hint =
              d.type === 'list'
                ? t('fields.hint.list')
                : ['place', 'resource', 'person'].includes(d.type)
                  ? t(`fields.hint.${d.type}`)
                  : '';
            return html`<div>
              <label for=${id}>${d.label[lang]}</label>
              <input
                id=${id}
                type=${INPUT_TYPE[d.type] ?? 'text'}
                step=${d.type === 'number' ? 'any' : nothing}
                .value=${this._values[d.name] ?? ''}
                @input=${(e: Event) => (this._values = { ...this._values, [d.name]: (e.target as HTMLInputElement).value })}
                aria-invalid=${err?.field === d.name ? 'true' : 'false'}
                aria-describedby=${hint ? `${id}-hint` : nothing}
              />
              ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
            </div>`;
          })}
        </div>
        <div class="foot">
          <button class="btn small" type="submit" ?disabled=${this._saving} data-testid="fields-save">${t('fields.save')}</button>
          ${this._message ? html`<span role="status">${this._message}</span>` : nothing}
          ${err ? html`<span class="field-error" role="alert">${err.message}</span>` : nothing}
        </div>
      </fieldset>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-fields-editor': LcFieldsEditor;
  }
}
