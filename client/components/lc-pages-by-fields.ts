import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  getFieldDefs,
  listPagesByFields,
  type FieldDef,
  type FieldListItem,
} from '../api/files.js';
import { locale, t } from '../i18n/index.js';
import { errorBox, kindLabel, loadingLine, pageUrl, PAGE_KINDS } from '../format.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../styles.js';
import { fieldValueView } from './lc-page-infobox.js';

/** Pages of a kind filtered on their structured fields (`/special/fiches?kind=place&ville=Lille`). */
@customElement('lc-pages-by-fields')
export class LcPagesByFields extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; margin-bottom: 1rem; }
      form .field { margin: 0; }
      table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
      th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--lc-line); vertical-align: top; }
    `,
  ];

  /** The page kind listed. */
  @property() kind = 'place';
  /** Field filters from the address (name → value). */
  @property({ attribute: false }) filters: Record<string, string> = {};

  @state() private _defs: FieldDef[] | null = null;
  @state() private _pages: FieldListItem[] | null = null;
  @state() private _total = 0;
  @state() private _error: unknown = null;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('fields.list.heading')} · ${t('app.name')}`;
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('kind') || changed.has('filters')) void this._load();
  }

  private async _load() {
    this._error = null;
    this._pages = null;
    try {
      const all = this._defs ?? (await getFieldDefs()).fields;
      this._defs = all;
      const declared = new Set(all.filter((d) => d.kind === this.kind).map((d) => d.name));
      const filters = Object.fromEntries(
        Object.entries(this.filters).filter(([k, v]) => declared.has(k) && v.trim()),
      );
      const answer = await listPagesByFields(this.kind, filters);
      this._pages = answer.pages;
      this._total = answer.total;
    } catch (err) {
      this._error = err;
    }
  }

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const params = new URLSearchParams();
    for (const [k, v] of data) if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
    navigate(`/special/fiches?${params}`);
  }

  override render() {
    if (this._error) return errorBox(this._error);
    const lang = locale();
    const defs = (this._defs ?? []).filter((d) => d.kind === this.kind);
    return html`
      <h1>${t('fields.list.heading')}</h1>
      <p class="muted">${t('fields.list.help')} <a href="/special/champs">${t('fields.defs.heading')}</a></p>
      <form role="search" @submit=${this._submit} data-testid="fields-filter">
        <div class="field">
          <label for="filter-kind">${t('fields.defs.kind')}</label>
          <select id="filter-kind" name="kind" .value=${this.kind}>
            ${PAGE_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindLabel(k)}</option>`)}
          </select>
        </div>
        ${defs.map(
          (d) => html`<div class="field">
            <label for="filter-${d.name}">${d.label[lang]}</label>
            <input id="filter-${d.name}" name=${d.name} type="text" .value=${this.filters[d.name] ?? ''} />
          </div>`,
        )}
        <button class="btn" type="submit">${t('fields.list.filter')}</button>
      </form>
      ${
        this._pages === null
          ? loadingLine()
          : this._pages.length
            ? html`<p class="muted small" role="status">${t('fields.list.count', { n: this._total })}</p>
              <table data-testid="fields-results">
                <thead>
                  <tr>
                    <th scope="col">${t('fields.list.page')}</th>
                    ${defs.map((d) => html`<th scope="col">${d.label[lang]}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${this._pages.map(
                    (p) => html`<tr>
                      <td><a href=${pageUrl(p.slug)}>${p.title}</a></td>
                      ${defs.map((d) => {
                        const value = p.fields[d.name];
                        return html`<td>${value === undefined ? nothing : fieldValueView({ type: d.type, value })}</td>`;
                      })}
                    </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted" role="status">${t('fields.list.none')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-pages-by-fields': LcPagesByFields;
  }
}
