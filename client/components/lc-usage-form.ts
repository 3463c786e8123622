import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { RegistryActionForm } from '../lib/registry-action-form.js';
import { declareUsage, type UsageStatus } from '../api/registry.js';
import { getMyPlace } from '../lib/registry-format.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

const STATUSES: UsageStatus[] = ['uses', 'interested', 'stopped'];

/** "Nous l'utilisons": declares that a place uses a resource. Fires `lc-saved` then, or `lc-cancel`. */
@customElement('lc-usage-form')
export class LcUsageForm extends RegistryActionForm {
  protected readonly _fields = ['place', 'status', 'note', 'since'];
  protected override readonly _errorIds = true;

  @state() private _place: { slug: string; name: string } | null = getMyPlace();

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    if (!this._place) {
      this._errors = { place: t('usageForm.unknownPlace') };
      return;
    }
    const note = String(data.get('note') ?? '').trim();
    const since = String(data.get('since') ?? '').trim();
    const place = this._place.slug;
    await this._save(() =>
      declareUsage(this.slug, {
        place,
        status: String(data.get('status')) as UsageStatus,
        ...(note ? { note } : {}),
        ...(since ? { since } : {}),
      }),
    );
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
      ${this._footer()}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-usage-form': LcUsageForm;
  }
}
