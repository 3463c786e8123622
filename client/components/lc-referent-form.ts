import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { RegistryActionForm } from '../lib/registry-action-form.js';
import { offerHelp } from '../api/registry.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

/** "Je peux aider": offers help with a resource as a referent. Fires `lc-saved` then, or `lc-cancel`. */
@customElement('lc-referent-form')
export class LcReferentForm extends RegistryActionForm {
  protected readonly _fields = ['person', 'isExpert', 'note'];

  @state() private _person: { slug: string; name: string } | null = null;

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    if (!this._person) {
      this._errors = { person: t('referentForm.unknownPerson') };
      return;
    }
    const note = String(data.get('note') ?? '').trim();
    const person = this._person.slug;
    await this._save(() =>
      offerHelp(this.slug, {
        person,
        isExpert: data.get('isExpert') === 'on',
        ...(note ? { note } : {}),
      }),
    );
  }

  override render() {
    return html`<form class="card" @submit=${this._submit} novalidate data-testid="referent-form">
      <h3>${t('referentForm.title')}</h3>
      <div class="field ${this._errors.person ? 'invalid' : ''}">
        <label>${t('referentForm.person')}</label>
        <lc-record-picker
          kind="person"
          label=${t('referentForm.person')}
          placeholder=${t('referentForm.personPlaceholder')}
          ?invalid=${!!this._errors.person}
          @lc-pick=${(e: CustomEvent<PickedRecord>) => (this._person = { slug: e.detail.slug, name: e.detail.name })}
          @input=${() => (this._person = null)}
        ></lc-record-picker>
        ${this._err('person')}
      </div>
      <div class="field">
        <label><input type="checkbox" name="isExpert" /> ${t('referentForm.expert')}</label>
        ${this._err('isExpert')}
      </div>
      <div class="field ${this._errors.note ? 'invalid' : ''}">
        <label for="note">${t('referentForm.note')}</label>
        <textarea id="note" name="note"></textarea>
        ${this._err('note')}
      </div>
      ${this._footer()}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-referent-form': LcReferentForm;
  }
}
