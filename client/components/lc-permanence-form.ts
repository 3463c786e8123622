import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { THEMES } from '../../registry/themes.js';
import { publishPermanence, type PublishInput } from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox } from '../format.js';
import { themeName } from './switchyard-themes.js';
import { monthlyRule, parisToIso } from '../lib/permanence-format.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

/** The facilitators' (and experts') form to publish a permanence: one session or a series. Fires `lc-published`. */
@customElement('lc-permanence-form')
export class LcPermanenceForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
      input[type='datetime-local'], input[type='number'], input[type='url'] { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid #b9b3a4; border-radius: 6px; }
      fieldset { border: 1px solid var(--lc-line); border-radius: 6px; }
      .themes { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; }
      textarea { font-family: inherit; }
    `,
  ];

  @state() private _v = {
    expert: '',
    title: '',
    description: '',
    format: 'individual',
    mode: 'remote',
    place: '',
    link: '',
    start: '',
    end: '',
    capacity: 1,
    repeat: 'none',
    count: 6,
  };
  /** Names shown in the pickers of the expert and the place (`_v` keeps their slugs). */
  @state() private _names = { expert: '', place: '' };
  /** A picker left without a choice from its list, with its message. */
  @state() private _missing: { expert?: string; place?: string } = {};
  @state() private _themes = new Set<string>();
  @state() private _error: unknown = null;
  @state() private _done = '';

  private _set(key: keyof LcPermanenceForm['_v']) {
    return (e: Event) => {
      const el = e.target as HTMLInputElement;
      this._v = { ...this._v, [key]: el.type === 'number' ? Number(el.value) : el.value };
    };
  }

  private async _submit(e: Event) {
    e.preventDefault();
    this._error = null;
    this._done = '';
    const v = this._v;
    const missing: LcPermanenceForm['_missing'] = {};
    if (!v.expert) missing.expert = t('perm.publish.pickPerson');
    if (v.mode === 'onsite' && !v.place) missing.place = t('perm.publish.pickPlace');
    this._missing = missing;
    if (missing.expert || missing.place) return;
    const body: PublishInput = {
      expert: v.expert.trim(),
      title: v.title.trim(),
      format: v.format as PublishInput['format'],
      mode: v.mode as PublishInput['mode'],
      startsAt: parisToIso(v.start),
      endsAt: parisToIso(v.end),
      capacity: v.format === 'individual' ? 1 : v.capacity,
      themes: [...this._themes],
    };
    if (v.description.trim()) body.description = v.description.trim();
    if (v.mode === 'onsite') body.place = v.place.trim();
    else if (v.link.trim()) body.link = v.link.trim();
    if (v.repeat === 'weekly') body.rrule = `FREQ=WEEKLY;COUNT=${v.count}`;
    if (v.repeat === 'monthly') body.rrule = monthlyRule(v.start, v.count);
    try {
      const out = await publishPermanence(body);
      this._done = t('perm.publish.done', { n: out.sessions.length });
      this.dispatchEvent(
        new CustomEvent('lc-published', { detail: out, bubbles: true, composed: true }),
      );
    } catch (err) {
      this._error = err;
    }
  }

  /** The picker of the expert (a person) or the place: typing forgets the choice until one is picked from the list. */
  private _picker(key: 'expert' | 'place') {
    const kind = key === 'expert' ? 'person' : 'place';
    const label = t(key === 'expert' ? 'perm.publish.expert' : 'perm.publish.place');
    const error = this._missing[key];
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label id="pf-${key}-label">${label}</label>
      <lc-record-picker
        id="pf-${key}"
        kind=${kind}
        label=${label}
        placeholder=${t(key === 'expert' ? 'perm.publish.pickPerson' : 'perm.publish.pickPlace')}
        ?invalid=${!!error}
        .value=${this._names[key]}
        @lc-pick=${(e: CustomEvent<PickedRecord>) => {
          this._v = { ...this._v, [key]: e.detail.slug };
          this._names = { ...this._names, [key]: e.detail.name };
          this._missing = { ...this._missing, [key]: undefined };
        }}
        @input=${() => (this._v = { ...this._v, [key]: '' })}
      ></lc-record-picker>
      ${error ? html`<span class="field-error" role="alert">${error}</span>` : nothing}
    </div>`;
  }

  override render() {
    const v = this._v;
    return html`<form @submit=${this._submit} class="card" aria-labelledby="publish-title">
      <h2 id="publish-title">${t('perm.publish.title')}</h2>
      ${this._error ? errorBox(this._error) : nothing}
      ${this._done ? html`<p class="message info" role="status">${this._done}</p>` : nothing}
      <div class="grid">
        ${this._picker('expert')}
        <div class="field"><label for="pf-title">${t('perm.publish.sessionTitle')}</label><input id="pf-title" type="text" required .value=${v.title} @input=${this._set('title')} /></div>
        <div class="field"><label for="pf-format">${t('perm.publish.format')}</label>
          <select id="pf-format" @change=${this._set('format')}>
            <option value="individual">${t('perm.format.individual')}</option><option value="collective">${t('perm.format.collective')}</option>
          </select></div>
        ${v.format === 'collective' ? html`<div class="field"><label for="pf-capacity">${t('perm.publish.capacity')}</label><input id="pf-capacity" type="number" min="1" .value=${String(v.capacity)} @input=${this._set('capacity')} /></div>` : nothing}
        <div class="field"><label for="pf-mode">${t('perm.publish.mode')}</label>
          <select id="pf-mode" @change=${this._set('mode')}>
            <option value="remote">${t('perm.mode.remote')}</option><option value="onsite">${t('perm.mode.onsite')}</option>
          </select></div>
        ${
          v.mode === 'onsite'
            ? this._picker('place')
            : html`<div class="field"><label for="pf-link">${t('perm.publish.link')}</label><input id="pf-link" type="url" .value=${v.link} @input=${this._set('link')} /></div>`
        }
        <div class="field"><label for="pf-start">${t('perm.publish.start')}</label><input id="pf-start" type="datetime-local" required .value=${v.start} @input=${this._set('start')} /></div>
        <div class="field"><label for="pf-end">${t('perm.publish.end')}</label><input id="pf-end" type="datetime-local" required .value=${v.end} @input=${this._set('end')} /></div>
        <div class="field"><label for="pf-repeat">${t('perm.publish.repeat')}</label>
          <select id="pf-repeat" @change=${this._set('repeat')}>
            <option value="none">${t('perm.publish.repeat.none')}</option>
            <option value="weekly">${t('perm.publish.repeat.weekly')}</option>
            <option value="monthly">${t('perm.publish.repeat.monthly')}</option>
          </select></div>
        ${v.repeat !== 'none' ? html`<div class="field"><label for="pf-count">${t('perm.publish.count')}</label><input id="pf-count" type="number" min="2" max="104" .value=${String(v.count)} @input=${this._set('count')} /></div>` : nothing}
      </div>
      <div class="field"><label for="pf-description">${t('perm.publish.description')}</label><textarea id="pf-description" .value=${v.description} @input=${this._set('description')}></textarea></div>
      <fieldset>
        <legend>${t('perm.publish.themes')}</legend>
        <div class="themes">
          ${THEMES.map(
            (th) =>
              html`<label><input type="checkbox" .checked=${this._themes.has(th.slug)} @change=${(
                e: Event,
              ) => {
                const next = new Set(this._themes);
                if ((e.target as HTMLInputElement).checked) next.add(th.slug);
                else next.delete(th.slug);
                this._themes = next;
              }} /> ${themeName(th.slug)}</label>`,
          )}
        </div>
      </fieldset>
      <div class="actions" style="margin-top: 0.8rem"><button class="btn" type="submit">${t('perm.publish.submit')}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-permanence-form': LcPermanenceForm;
  }
}
