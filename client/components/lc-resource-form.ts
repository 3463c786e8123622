import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import {
  createResource,
  getResource,
  updateResource,
  type ResourceDetail,
  type ResourceInput,
} from '../api/registry.js';
import { THEME_SLUGS, describeError, hasRole, themeLabel } from '../lib/registry-format.js';
import { slugify } from '../../registry/text/slug.js';

const KINDS = [
  'software',
  'method',
  'legal-template',
  'training',
  'guide',
  'dataset',
  'hardware',
  'service',
];
const DEV_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const MAINTENANCE = ['internal', 'contract', 'community', 'none'];
const COMMON_LICENSES = [
  'AGPL-3.0-or-later',
  'GPL-3.0-or-later',
  'LGPL-3.0-or-later',
  'MIT',
  'Apache-2.0',
  'MPL-2.0',
  'EUPL-1.2',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC0-1.0',
  'proprietary',
];
/** Text fields beyond the required ones, in the order of the form. */
const EXTRA_TEXT = [
  'challenge',
  'organisation',
  'governance',
  'documentationUrl',
  'sourceUrl',
] as const;
const FIELDS = [
  'slug',
  'name',
  'kind',
  'summary',
  'description',
  'features',
  'themes',
  'keywords',
  'license',
  'url',
  'languages',
  'developmentStatus',
  'maintenance',
  ...EXTRA_TEXT,
];

/** Fields of a resource that this form does not edit: kept as they are on a (full) update. */
const KEPT_ON_EDIT = [
  'lockIn',
  'compliance',
  'needs',
  'developmentSteps',
  'status',
  'lastReviewedAt',
  'providers',
] as const;

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
const commas = (v: FormDataEntryValue | null) =>
  String(v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Proposes a new commons (/communs/new, any logged-in user) or edits one
 * (/communs/:slug/modifier, contributors). Errors the API names by field are shown next to it.
 */
@customElement('lc-resource-form')
export class LcResourceForm extends LitElement {
  static override styles = [
    registryStyles,
    css`
      form { max-width: 46rem; }
      .themes { display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: 0.2rem 1rem; border: 1px solid #dfe5e1; border-radius: 8px; padding: 0.6rem 0.8rem; margin: 0 0 0.9rem; }
      .themes label { font-weight: normal; display: flex; gap: 0.4rem; align-items: baseline; font-size: 0.92rem; }
      .themes .field-error { grid-column: 1 / -1; }
      .themes legend { font-weight: 600; padding: 0 0.3rem; }
      .row2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
      @media (max-width: 640px) { .row2 { grid-template-columns: 1fr; } }
      details { margin: 0.6rem 0 1rem; }
      details summary { cursor: pointer; font-weight: 600; color: #22613f; margin-bottom: 0.8rem; }
      .req { color: #a61b1b; font-weight: normal; font-size: 0.85rem; }
      .buttons { display: flex; gap: 0.6rem; }
    `,
  ];

  /** Slug of the resource to edit; empty to propose a new one. */
  @property() slug = '';

  private _session = new SessionController(this);
  @state() private _initial: ResourceDetail | null = null;
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _saving = false;
  @state() private _summaryLength = 0;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('slug') && this.slug) {
      getResource(this.slug)
        .then((r) => {
          this._initial = r;
          this._summaryLength = r.summary.length;
        })
        .catch((err) => (this._message = describeError(err).message));
    }
  }

  private _read(form: HTMLFormElement): ResourceInput {
    const d = new FormData(form);
    const text = (k: string) => String(d.get(k) ?? '').trim();
    const input: ResourceInput = {
      name: text('name'),
      kind: text('kind'),
      summary: text('summary'),
      themes: d.getAll('themes').map(String),
    };
    if (this._initial) {
      // A PUT replaces the whole record: carry over what this form does not show.
      const kept = this._initial as unknown as Record<string, unknown>;
      for (const k of KEPT_ON_EDIT)
        if (kept[k] != null) (input as unknown as Record<string, unknown>)[k] = kept[k];
    } else {
      input.slug = text('slug') || slugify(input.name);
    }
    const optional: Partial<ResourceInput> = {
      description: text('description') || undefined,
      features: lines(d.get('features')),
      keywords: commas(d.get('keywords')),
      languages: commas(d.get('languages')),
      license: text('license') || undefined,
      url: text('url') || undefined,
      developmentStatus: text('developmentStatus') || undefined,
      maintenance: text('maintenance') || undefined,
    };
    for (const k of EXTRA_TEXT) optional[k] = text(k) || undefined;
    for (const [k, v] of Object.entries(optional)) {
      if (v !== undefined && !(Array.isArray(v) && v.length === 0 && !this.slug))
        (input as unknown as Record<string, unknown>)[k] = v;
    }
    return input;
  }

  /** Checks what the browser can check; the server checks everything again. */
  private _validate(input: ResourceInput): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!input.name) errors.name = t('form.required');
    if (!input.summary) errors.summary = t('form.required');
    else if (input.summary.length > 200)
      errors.summary = t('resourceForm.summaryCount', { count: input.summary.length });
    if (!input.themes.length) errors.themes = t('resourceForm.themesRequired');
    if (
      !this.slug &&
      input.name &&
      !/^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/.test(input.slug ?? '')
    )
      errors.slug = t('resourceForm.slugHint');
    return errors;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const input = this._read(form);
    this._message = '';
    this._errors = this._validate(input);
    if (Object.keys(this._errors).length) {
      this._message = t('form.fixErrors');
      void this._focusFirstError();
      return;
    }
    this._saving = true;
    try {
      const saved = this.slug
        ? await updateResource(this.slug, input)
        : await createResource(input);
      navigate(`/communs/${encodeURIComponent(saved?.slug ?? input.slug ?? this.slug)}`);
    } catch (err) {
      const { message, field } = describeError(err);
      if (field && FIELDS.includes(field)) {
        this._errors = { [field]: message };
        this._message = t('form.fixErrors');
        void this._focusFirstError();
      } else {
        this._message = message;
      }
    } finally {
      this._saving = false;
    }
  }

  private async _focusFirstError() {
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>('.invalid input, .invalid textarea, .invalid select')
      ?.focus();
  }

  private _err(field: string) {
    const m = this._errors[field];
    return m
      ? html`<span class="field-error" id=${`${field}-error`} data-field=${field} role="alert">${m}</span>`
      : nothing;
  }

  private _field(
    name: string,
    labelKey: string,
    opts: { required?: boolean; hint?: string; type?: string; value?: string; list?: string } = {},
  ) {
    return html`<div class="field ${this._errors[name] ? 'invalid' : ''}">
      <label for=${name}>${t(labelKey)} ${opts.required ? html`<span class="req">(${t('form.required')})</span>` : nothing}</label>
      <input
        id=${name}
        name=${name}
        type=${opts.type ?? 'text'}
        list=${opts.list ?? nothing}
        .value=${opts.value ?? ''}
        aria-invalid=${this._errors[name] ? 'true' : 'false'}
        aria-describedby=${this._errors[name] ? `${name}-error` : nothing}
      />
      ${opts.hint ? html`<span class="hint">${opts.hint}</span>` : nothing} ${this._err(name)}
    </div>`;
  }

  private _select(
    name: string,
    labelKey: string,
    values: string[],
    prefix: string,
    value: string | null | undefined,
    allowEmpty: boolean,
  ) {
    return html`<div class="field ${this._errors[name] ? 'invalid' : ''}">
      <label for=${name}>${t(labelKey)}</label>
      <select id=${name} name=${name}>
        ${allowEmpty ? html`<option value="">${t('resourceForm.unset')}</option>` : nothing}
        ${values.map((v) => html`<option value=${v} ?selected=${v === value}>${t(`${prefix}.${v}`)}</option>`)}
      </select>
      ${this._err(name)}
    </div>`;
  }

  override render() {
    const user = this._session.user;
    if (!this._session.known || (this.slug && !this._initial && !this._message))
      return html`<p class="muted">${t('loading')}</p>`;
    if (!user) {
      return html`<h1>${t('resourceForm.title')}</h1>
        <p class="notice">${t('form.loginRequired')} <a href=${`/login?next=${encodeURIComponent(location.pathname)}`}>${t('nav.login')}</a> · <a href="/register">${t('nav.register')}</a></p>`;
    }
    if (this.slug && !hasRole(user, 'contributor'))
      return html`<p class="notice error">${t('form.roleRequired')}</p>`;
    const r = this._initial;
    const themes = new Set(r?.themes ?? []);
    return html`
      <p class="small"><a href=${this.slug ? `/communs/${encodeURIComponent(this.slug)}` : '/communs'}>${t('resource.back')}</a></p>
      <h1>${r ? t('resourceForm.editTitle', { name: r.name }) : t('resourceForm.title')}</h1>
      ${r ? nothing : html`<p class="muted">${t('resourceForm.intro')}</p>`}
      <form @submit=${this._submit} novalidate data-testid="resource-form">
        ${this._field('name', 'resourceForm.name', { required: true, value: r?.name })}
        ${r ? nothing : this._field('slug', 'resourceForm.slug', { hint: t('resourceForm.slugHint') })}
        <div class="row2">
          ${this._select('kind', 'resourceForm.kind', KINDS, 'kind', r?.kind ?? 'software', false)}
          ${this._field('license', 'resourceForm.license', { hint: t('resourceForm.licenseHint'), value: r?.license ?? '', list: 'licenses' })}
        </div>
        <datalist id="licenses">${COMMON_LICENSES.map((l) => html`<option value=${l}></option>`)}</datalist>
        <div class="field ${this._errors.summary ? 'invalid' : ''}">
          <label for="summary">${t('resourceForm.summary')} <span class="req">(${t('form.required')})</span></label>
          <textarea
            id="summary"
            name="summary"
            maxlength="400"
            style="min-height:3.2rem"
            .value=${r?.summary ?? ''}
            @input=${(e: InputEvent) => (this._summaryLength = (e.target as HTMLTextAreaElement).value.trim().length)}
            aria-describedby="summary-count"
          ></textarea>
          <span class="hint" id="summary-count" style=${this._summaryLength > 200 ? 'color:#a61b1b' : ''}
            >${t('resourceForm.summaryCount', { count: this._summaryLength })}</span
          >
          ${this._err('summary')}
        </div>
        <fieldset class="themes field ${this._errors.themes ? 'invalid' : ''}">
          <legend>${t('resourceForm.themes')} <span class="req">(${t('form.required')})</span></legend>
          ${THEME_SLUGS.map(
            (th) =>
              html`<label><input type="checkbox" name="themes" value=${th} ?checked=${themes.has(th)} /> ${themeLabel(th)}</label>`,
          )}
          ${this._err('themes')}
        </fieldset>
        <div class="field ${this._errors.description ? 'invalid' : ''}">
          <label for="description">${t('resourceForm.description')}</label>
          <textarea id="description" name="description" style="min-height:8rem" .value=${r?.description ?? ''}></textarea>
          ${this._err('description')}
        </div>
        <div class="field ${this._errors.features ? 'invalid' : ''}">
          <label for="features">${t('resourceForm.features')}</label>
          <textarea id="features" name="features" .value=${(r?.features ?? []).join('\n')}></textarea>
          <span class="hint">${t('form.listHint')}</span>
          ${this._err('features')}
        </div>
        ${this._field('keywords', 'resourceForm.keywords', { hint: t('form.commaHint'), value: (r?.keywords ?? []).join(', ') })}
        ${this._field('url', 'resourceForm.url', { type: 'url', value: r?.url ?? '' })}
        <details ?open=${EXTRA_TEXT.some((k) => this._errors[k] || r?.[k]) || ['languages', 'developmentStatus', 'maintenance'].some((k) => this._errors[k])}>
          <summary>${t('resourceForm.more')}</summary>
          <div class="row2">
            ${this._select('developmentStatus', 'resourceForm.devStatus', DEV_STATUSES, 'devStatus', r?.developmentStatus, true)}
            ${this._select('maintenance', 'resourceForm.maintenance', MAINTENANCE, 'maintenance', r?.maintenance, true)}
          </div>
          ${this._field('languages', 'resourceForm.languages', { hint: t('form.commaHint'), value: (r?.languages ?? []).join(', ') })}
          <div class="field ${this._errors.challenge ? 'invalid' : ''}">
            <label for="challenge">${t('resourceForm.challenge')}</label>
            <textarea id="challenge" name="challenge" .value=${r?.challenge ?? ''}></textarea>
            ${this._err('challenge')}
          </div>
          ${this._field('organisation', 'resourceForm.organisation', { value: r?.organisation ?? '' })}
          ${this._field('governance', 'resourceForm.governance', { value: r?.governance ?? '' })}
          <div class="row2">
            ${this._field('documentationUrl', 'resourceForm.documentationUrl', { type: 'url', value: r?.documentationUrl ?? '' })}
            ${this._field('sourceUrl', 'resourceForm.sourceUrl', { type: 'url', value: r?.sourceUrl ?? '' })}
          </div>
        </details>
        ${this._message ? html`<p class="notice error" role="alert">${this._message}</p>` : nothing}
        <div class="buttons">
          <button class="btn" type="submit" ?disabled=${this._saving}>
            ${this._saving ? t('form.saving') : r ? t('form.save') : t('resourceForm.submit')}
          </button>
          <a class="btn secondary" href=${this.slug ? `/communs/${encodeURIComponent(this.slug)}` : '/communs'}>${t('form.cancel')}</a>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-resource-form': LcResourceForm;
  }
}
