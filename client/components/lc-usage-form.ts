import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { declareUsage, type UsageStatus } from '../api/registry.js';
import { describeError, getMyPlace } from '../lib/registry-format.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

const STATUSES: UsageStatus[] = ['uses', 'interested', 'stopped'];

/** "Nous l'utilisons": declares that a place uses a resource. Fires `lc-saved` then, or `lc-cancel`. */
@customElement('lc-usage-form')
export class LcUsageForm extends LitElement {
  static override styles = registryStyles;

  /** Slug of the resource. */
  @property() slug = '';

  @state() private _place: { slug: string; name: string } | null = getMyPlace();
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _saving = false;

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    if (!this._place) {
      this._errors = { place: t('usageForm.unknownPlace') };
      return;
    }
    const note = String(data.get('note') ?? '').trim();
    const since = String(data.get('since') ?? '').trim();
    this._saving = true;
    this._errors = {};
    this._message = '';
    try {
      await declareUsage(this.slug, {
        place: this._place.slug,
        status: String(data.get('status')) as UsageStatus,
        ...(note ? { note } : {}),
        ...(since ? { since } : {}),
      });
      this.dispatchEvent(new CustomEvent('lc-saved', { bubbles: true, composed: true }));
    } catch (err) {
      const { message, field } = describeError(err);
      if (field && ['place', 'status', 'note', 'since'].includes(field)) this._errors = { [field]: message };
      else this._message = message;
    } finally {
      this._saving = false;
    }
  }

  private _err(field: string) {
    const m = this._errors[field];
    return m ? html`<span class="field-error" id=${`${field}-err`} role="alert">${m}</span>` : null;
  }

  override render() {
    return html`<form class="card" @submit=${this._submit} novalidate data-testid="usage-form">
      <h3>${t('usageForm.title')}</h3>
      <div class="field ${this._errors.place ? 'invalid' : ''}">
        <label>${t('usageForm.place')}</label>
        <lc-record-picker
          kind="place"
          label=${t('usageForm.place')}
          placeholder=${t('usageForm.placePlaceholder')}
          .value=${this._place?.name ?? ''}
          ?invalid=${!!this._errors.place}
          @lc-pick=${(e: CustomEvent<PickedRecord>) => (this._place = { slug: e.detail.slug, name: e.detail.name })}
          @input=${() => (this._place = null)}
        ></lc-record-picker>
        ${this._err('place')}
      </div>
      <div class="field ${this._errors.status ? 'invalid' : ''}">
        <label for="status">${t('usageForm.status')}</label>
        <select id="status" name="status">
          ${STATUSES.map((s) => html`<option value=${s}>${t(`usage.${s}`)}</option>`)}
        </select>
        ${this._err('status')}
      </div>
      <div class="field ${this._errors.since ? 'invalid' : ''}">
        <label for="since">${t('usageForm.since')}</label>
        <input id="since" name="since" type="date" />
        ${this._err('since')}
      </div>
      <div class="field ${this._errors.note ? 'invalid' : ''}">
        <label for="note">${t('usageForm.note')}</label>
        <textarea id="note" name="note"></textarea>
        ${this._err('note')}
      </div>
      ${this._message ? html`<p class="notice error" role="alert">${this._message}</p>` : null}
      <button class="btn" type="submit" ?disabled=${this._saving}>${this._saving ? t('form.saving') : t('form.save')}</button>
      <button class="btn secondary" type="button" @click=${() => this.dispatchEvent(new CustomEvent('lc-cancel', { bubbles: true, composed: true }))}>
        ${t('form.cancel')}
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-usage-form': LcUsageForm;
  }
}
