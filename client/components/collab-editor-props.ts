import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { t } from '../i18n/index.js';
import { ApiError } from '../api/http.js';
import type { SessionUser } from '../api/auth.js';
import {
  savePageProperties,
  type CollabPageInfo,
  type PagePropertiesInput,
} from '../api/collab.js';
import { kindLabel, PAGE_KINDS } from '../format.js';
import './lc-fields-editor.js';

/** What the co-editor lends to its properties panel. */
export interface PropsHost extends ReactiveControllerHost {
  readonly slug: string;
  /** The page as last read (null before the first read). */
  readonly page: CollabPageInfo | null;
  readonly user: SessionUser | null;
  /** The title a page not created yet will get. */
  readonly newTitle: string;
  readonly canWrite: boolean;
  /** The page as the server answered after saving its properties. */
  showPage(page: CollabPageInfo): void;
}

type PropField = 'title' | 'kind' | 'categories' | 'referentId';

/** The panel's fields (strings as typed). */
interface PropValues {
  title: string;
  kind: string;
  categories: string;
  referent: boolean;
}

export const propsStyles = css`
  details.props { border: 1px solid #e2ddd0; border-radius: 6px; background: #fbfaf6; padding: 0.4rem 0.8rem; margin: 0 0 0.8rem; }
  details.props summary { cursor: pointer; font-weight: 600; color: #2f6f4f; }
  details.props form { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0.5rem 1rem; margin: 0.6rem 0 0.3rem; align-items: start; }
  @media (max-width: 800px) { details.props form { grid-template-columns: minmax(0, 1fr); } }
  details.props label { display: block; font-size: 0.9rem; font-weight: 600; margin-bottom: 0.15rem; }
  details.props input[type='text'], details.props select { width: 100%; box-sizing: border-box; font: inherit; padding: 0.3rem 0.45rem; }
  details.props label.check { font-weight: 400; display: flex; gap: 0.4rem; align-items: center; }
  details.props .wide { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; }
`;

/**
 * The co-editor's properties panel: title, kind, categories and référent are not part of the
 * text and are saved apart (the markdown is not sent: the server keeps the live text). The
 * page's structured fields are edited below, once the page exists.
 */
export class CollabProps {
  /** Whether the panel is unfolded (open at first for a new page; then the user's choice). */
  open = false;
  private _values: PropValues = { title: '', kind: 'practice', categories: '', referent: false };
  private _saving = false;
  private _message: string | null = null;
  private _error: { field: PropField | null; message: string } | null = null;
  /** The user changed a field since it was last filled from the page. */
  private _touched = false;

  constructor(private readonly host: PropsHost) {}

  private _valuesOf(page: CollabPageInfo): PropValues {
    return {
      title: page.title ?? this.host.newTitle,
      kind: page.kind,
      categories: page.categories.join(', '),
      referent: !!page.referent && page.referent.id === this.host.user?.id,
    };
  }

  /** Fills the fields from the page, forgetting what was typed, said and refused. */
  fill(page: CollabPageInfo) {
    this._values = this._valuesOf(page);
    this._touched = false;
    this._message = null;
    this._error = null;
    this.host.requestUpdate();
  }

  /**
   * A newer revision was read: fields being typed in are left alone, the others follow the page.
   * `created`: the page has just been created (its "not yet" refusal no longer holds).
   */
  follow(fresh: CollabPageInfo, created: boolean) {
    if (!this._touched) this._values = this._valuesOf(fresh);
    if (created && this._error?.field === null) this._error = null;
    this.host.requestUpdate();
  }

  private _save = async (e: Event) => {
    e.preventDefault();
    const page = this.host.page;
    if (!page || this._saving) return;
    const p = this._values;
    const input: PagePropertiesInput = {};
    const title = p.title.trim();
    if (!title) {
      this._error = { field: 'title', message: t('collab.props.titleRequired') };
      this.host.requestUpdate();
      return;
    }
    if (title !== (page.title ?? '')) input.title = title;
    if (p.kind !== page.kind) input.kind = p.kind;
    const categories = p.categories
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (categories.join('\u0000') !== page.categories.join('\u0000')) input.categories = categories;
    const me = this.host.user;
    const wasMe = !!me && page.referent?.id === me.id;
    if (me && p.referent !== wasMe) input.referentId = p.referent ? me.id : null;
    if (Object.keys(input).length === 0) {
      this._message = t('collab.props.unchanged');
      this._error = null;
      this.host.requestUpdate();
      return;
    }
    this._saving = true;
    this._message = null;
    this._error = null;
    this.host.requestUpdate();
    try {
      const saved = await savePageProperties(this.host.slug, input);
      this.host.showPage(saved);
      this.fill(saved);
      this._message = t('collab.props.saved', { n: saved.revision });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        this._error = { field: null, message: t('collab.props.notYet') };
      } else {
        const field = err instanceof ApiError ? String(err.details.field ?? '') : '';
        this._error = {
          field:
            (['title', 'kind', 'categories', 'referentId'] as const).find((f) => f === field) ??
            null,
          message: err instanceof Error ? err.message : String(err),
        };
      }
    } finally {
      this._saving = false;
      this.host.requestUpdate();
    }
  };

  private _input(field: 'title' | 'categories') {
    return (e: Event) => {
      this._touched = true;
      this._values = { ...this._values, [field]: (e.target as HTMLInputElement).value };
      if (this._error?.field === field) this._error = null;
      this.host.requestUpdate();
    };
  }

  private _set<K extends 'kind' | 'referent'>(field: K, value: PropValues[K]) {
    this._touched = true;
    this._values = { ...this._values, [field]: value };
    this.host.requestUpdate();
  }

  private _onToggle = (e: Event) => {
    this.open = (e.target as HTMLDetailsElement).open;
    this.host.requestUpdate();
  };

  /** Title, kind, categories and référent, for those who may write. */
  render() {
    const page = this.host.page;
    if (!this.host.canWrite || !page) return nothing;
    const p = this._values;
    const kinds: string[] = [...PAGE_KINDS];
    if (!kinds.includes(p.kind)) kinds.push(p.kind);
    const err = this._error;
    const other = page.referent && page.referent.id !== this.host.user?.id ? page.referent : null;
    const invalid = (f: PropField) => (err?.field === f ? 'true' : 'false');
    return html`<details
      class="props"
      data-testid="collab-props"
      ?open=${this.open}
      @toggle=${this._onToggle}
    >
      <summary>${t('collab.props')}</summary>
      <form @submit=${this._save} novalidate>
        <div>
          <label for="prop-title">${t('collab.props.title')}</label>
          <input id="prop-title" type="text" maxlength="200" .value=${p.title} @input=${this._input('title')} aria-invalid=${invalid('title')} />
        </div>
        <div>
          <label for="prop-kind">${t('collab.props.kind')}</label>
          <select id="prop-kind" .value=${p.kind} @change=${(e: Event) => this._set('kind', (e.target as HTMLSelectElement).value)} aria-invalid=${invalid('kind')}>
            ${kinds.map((k) => html`<option value=${k} ?selected=${k === p.kind}>${kindLabel(k)}</option>`)}
          </select>
        </div>
        <div>
          <label for="prop-categories">${t('collab.props.categories')}</label>
          <input id="prop-categories" type="text" .value=${p.categories} @input=${this._input('categories')} aria-invalid=${invalid('categories')} aria-describedby="prop-categories-hint" />
          <span class="hint" id="prop-categories-hint">${t('collab.props.categoriesHint')}</span>
        </div>
        <div>
          <label class="check">
            <input type="checkbox" .checked=${p.referent} @change=${(e: Event) => this._set('referent', (e.target as HTMLInputElement).checked)} />
            ${other ? t('collab.props.referentTakeOver', { name: other.name }) : t('collab.props.referentMe')}
          </label>
        </div>
        <div class="wide">
          <button class="btn small" type="submit" ?disabled=${this._saving || !page.exists} data-testid="collab-props-save">${t('collab.props.save')}</button>
          ${page.exists ? nothing : html`<span class="hint">${t('collab.props.newHint')}</span>`}
          ${this._message ? html`<span role="status" data-testid="collab-props-status">${this._message}</span>` : nothing}
          ${err ? html`<span class="field-error" role="alert">${err.message}</span>` : nothing}
        </div>
      </form>
      ${page.exists ? html`<lc-fields-editor .slug=${this.host.slug} .kind=${page.kind}></lc-fields-editor>` : nothing}
    </details>`;
  }
}
