import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { getFieldDefs, putFieldDefs, type FieldDef } from '../api/files.js';
import { locale, t } from '../i18n/index.js';
import { errorBox, errorText, kindLabel, loadingLine, PAGE_KINDS } from '../format.js';
import { hasRole, SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';

const TYPES = ['text', 'number', 'date', 'place', 'resource', 'person', 'list'] as const;

interface Row {
  name: string;
  fr: string;
  en: string;
  type: string;
}

/** The fields declared per page kind: everyone reads them, admins change them. */
@customElement('lc-field-defs')
export class LcFieldDefs extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      table { width: 100%; border-collapse: collapse; font-size: 0.92rem; margin-bottom: 0.8rem; }
      th, td { text-align: left; padding: 0.35rem 0.4rem; border-bottom: 1px solid var(--lc-line); }
      td input, td select { width: 100%; }
      .kind { display: flex; gap: 0.6rem; align-items: end; margin-bottom: 1rem; }
      .kind .field { margin: 0; }
    `,
  ];

  @state() private _all: FieldDef[] | null = null;
  @state() private _kind = 'place';
  @state() private _rows: Row[] = [];
  @state() private _error: unknown = null;
  @state() private _saveError: { field: string | null; message: string } | null = null;
  @state() private _message: string | null = null;
  @state() private _saving = false;
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('fields.defs.heading')} · ${t('app.name')}`;
    void this._load();
  }

  private async _load() {
    try {
      this._all = (await getFieldDefs()).fields;
      this._pick(this._kind);
    } catch (err) {
      this._error = err;
    }
  }

  private _pick(kind: string) {
    this._kind = kind;
    this._rows = (this._all ?? [])
      .filter((d) => d.kind === kind)
      .map((d) => ({ name: d.name, fr: d.label.fr, en: d.label.en, type: d.type }));
    this._message = null;
    this._saveError = null;
  }

  private _set(i: number, key: keyof Row, value: string) {
    this._rows = this._rows.map((r, j) => (j === i ? { ...r, [key]: value } : r));
  }

  private async _save(e: SubmitEvent) {
    e.preventDefault();
    this._saving = true;
    this._message = null;
    this._saveError = null;
    try {
      const answer = await putFieldDefs(
        this._kind,
        this._rows.map((r) => ({
          name: r.name.trim(),
          label: { fr: r.fr.trim(), en: r.en.trim() },
          type: r.type,
        })),
      );
      this._all = [...(this._all ?? []).filter((d) => d.kind !== answer.kind), ...answer.fields];
      this._message = t('fields.defs.saved');
    } catch (err) {
      const field = err instanceof ApiError ? String(err.details.field ?? '') : '';
      this._saveError = {
        field: field || null,
        message: err instanceof ApiError && err.status === 400 ? err.message : errorText(err),
      };
    } finally {
      this._saving = false;
    }
  }

  override render() {
    if (this._error) return errorBox(this._error);
    if (!this._all) return loadingLine();
    const admin = hasRole(this._session.user, 'admin');
    const lang = locale();
    const bad = (i: number, key: string) =>
      this._saveError?.field?.startsWith(`fields.${i}.${key}`) ? 'true' : 'false';
    return html`
      <h1>${t('fields.defs.heading')}</h1>
      <p class="muted">${t('fields.defs.help')}</p>
      <div class="kind">
        <div class="field">
          <label for="defs-kind">${t('fields.defs.kind')}</label>
          <select id="defs-kind" .value=${this._kind} @change=${(e: Event) => this._pick((e.target as HTMLSelectElement).value)}>
            ${PAGE_KINDS.map((k) => html`<option value=${k} ?selected=${k === this._kind}>${kindLabel(k)}</option>`)}
          </select>
        </div>
      </div>
      ${
        admin
          ? html`<form class="card" @submit=${this._save} novalidate data-testid="field-defs-form">
            ${
              this._rows.length
                ? nothing
                : html`<p class="muted" data-testid="field-defs-empty">${t('fields.defs.noneYet', { kind: kindLabel(this._kind) })}</p>`
            }
            <table ?hidden=${!this._rows.length}>
              <thead>
                <tr>
                  <th scope="col">${t('fields.defs.name')}</th>
                  <th scope="col">${t('fields.defs.labelFr')}</th>
                  <th scope="col">${t('fields.defs.labelEn')}</th>
                  <th scope="col">${t('fields.defs.type')}</th>
                  <th scope="col"><span class="visually-hidden">${t('fields.defs.remove')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this._rows.map(
                  (r, i) => html`<tr>
                    <td><input type="text" aria-label=${t('fields.defs.nameOf', { n: i + 1 })} .value=${r.name} aria-invalid=${bad(i, 'name')}
                      @input=${(e: Event) => this._set(i, 'name', (e.target as HTMLInputElement).value)} /></td>
                    <td><input type="text" aria-label=${t('fields.defs.labelFrOf', { n: i + 1 })} .value=${r.fr} aria-invalid=${bad(i, 'label.fr')}
                      @input=${(e: Event) => this._set(i, 'fr', (e.target as HTMLInputElement).value)} /></td>
                    <td><input type="text" aria-label=${t('fields.defs.labelEnOf', { n: i + 1 })} .value=${r.en} aria-invalid=${bad(i, 'label.en')}
                      @input=${(e: Event) => this._set(i, 'en', (e.target as HTMLInputElement).value)} /></td>
                    <td><select aria-label=${t('fields.defs.typeOf', { n: i + 1 })} .value=${r.type}
                      @change=${(e: Event) => this._set(i, 'type', (e.target as HTMLSelectElement).value)}>
                      ${TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === r.type}>${t(`fields.type.${ty}`)}</option>`)}
                    </select></td>
                    <td><button type="button" class="btn small secondary" @click=${() => (this._rows = this._rows.filter((_, j) => j !== i))}>
                      ${t('fields.defs.remove')}</button></td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <span class="actions">
              <button type="button" class="btn secondary" @click=${() => (this._rows = [...this._rows, { name: '', fr: '', en: '', type: 'text' }])}>
                ${t('fields.defs.add')}</button>
              <button type="submit" class="btn" ?disabled=${this._saving} data-testid="field-defs-save">${t('fields.defs.save')}</button>
            </span>
            ${this._message ? html`<p role="status">${this._message}</p>` : nothing}
            ${this._saveError ? html`<p class="field-error" role="alert">${this._saveError.message}</p>` : nothing}
          </form>`
          : this._rows.length
            ? html`<ul>${this._rows.map((r) => html`<li><strong>${lang === 'fr' ? r.fr : r.en}</strong> (<code>${r.name}</code>, ${t(`fields.type.${r.type}`)})</li>`)}</ul>`
            : html`<p class="muted">${t('fields.defs.none')}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-field-defs': LcFieldDefs;
  }
}
