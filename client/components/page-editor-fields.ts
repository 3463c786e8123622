import { css, html, nothing } from 'lit';
import type { UserRef } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { kindLabel, PAGE_KINDS } from '../format.js';

/*
 * The form editor's fields besides the title and the text: categories, kind, the référent
 * checkbox and the edit summary. Each field has its label, its hint and its error (the server
 * names the field it refuses).
 */

export type Field = 'title' | 'markdown' | 'summary' | 'kind' | 'categories' | 'slug';
export const FIELDS: Field[] = ['title', 'markdown', 'summary', 'kind', 'categories', 'slug'];
export type Errors = Partial<Record<Field, string>>;

export const fieldStyles = css`
  .row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0 1rem; }
  @media (max-width: 40rem) { .row { grid-template-columns: minmax(0, 1fr); } }
  .referent label.check { font-weight: 400; display: flex; gap: 0.5rem; align-items: center; cursor: pointer; }
  .referent input { width: 1.1rem; height: 1.1rem; accent-color: var(--lc-green); margin: 0; }
`;

/** A field: its label, its control, its hint, and its error when it has one. */
export function field(
  errors: Errors,
  id: Field,
  label: string,
  control: unknown,
  hint: unknown = nothing,
) {
  return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control} ${hint}
      ${errors[id] ? html`<span class="field-error" id="${id}-error">${errors[id]}</span>` : nothing}
    </div>`;
}

export interface PageFields {
  errors: Errors;
  categories: string;
  kind: string;
  summary: string;
  /** The listener of a text field or of the kind's select. */
  input: (field: 'summary' | 'kind' | 'categories') => (e: Event) => void;
  /** The user signed in (no référent checkbox without one). */
  me: { id: number } | null;
  /** The page's référent when the form was loaded. */
  referent: UserRef | null;
  /** Whether the user asks to be (or stay) the page's référent. */
  beReferent: boolean;
  setBeReferent: (checked: boolean) => void;
}

/** Categories and kind side by side, the référent checkbox, then the edit summary. */
export function renderPageFields(f: PageFields) {
  const kinds: string[] = [...PAGE_KINDS];
  if (!kinds.includes(f.kind)) kinds.push(f.kind);
  return html`<div class="row">
          ${field(
            f.errors,
            'categories',
            t('wiki.edit.categories'),
            html`<input
              id="categories"
              type="text"
              .value=${f.categories}
              @input=${f.input('categories')}
              aria-invalid=${f.errors.categories ? 'true' : 'false'}
              aria-describedby="categories-hint categories-error"
            />`,
            html`<span class="hint" id="categories-hint">${t('wiki.edit.categoriesHint')}</span>`,
          )}
          ${field(
            f.errors,
            'kind',
            t('wiki.edit.kind'),
            html`<select
              id="kind"
              .value=${f.kind}
              @change=${f.input('kind')}
              aria-invalid=${f.errors.kind ? 'true' : 'false'}
              aria-describedby="kind-error"
            >
              ${kinds.map((k) => html`<option value=${k} ?selected=${k === f.kind}>${kindLabel(k)}</option>`)}
            </select>`,
          )}
        </div>
        ${renderReferent(f)}
        ${field(
          f.errors,
          'summary',
          t('wiki.edit.summary'),
          html`<input
            id="summary"
            type="text"
            maxlength="500"
            placeholder=${t('wiki.edit.summaryPlaceholder')}
            .value=${f.summary}
            @input=${f.input('summary')}
            aria-invalid=${f.errors.summary ? 'true' : 'false'}
            aria-describedby="summary-error"
          />`,
        )}`;
}

function renderReferent(f: PageFields) {
  const me = f.me;
  if (!me) return nothing;
  const other = f.referent && f.referent.id !== me.id ? f.referent : null;
  return html`<div class="field referent">
      <label class="check">
        <input
          type="checkbox"
          .checked=${f.beReferent}
          @change=${(e: Event) => f.setBeReferent((e.target as HTMLInputElement).checked)}
        />
        ${other ? t('wiki.edit.referentTakeOver', { name: other.name }) : t('wiki.edit.referentMe')}
      </label>
      <span class="hint">${t('wiki.edit.referentHint')}</span>
    </div>`;
}
