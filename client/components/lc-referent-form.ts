import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { offerHelp } from '../api/registry.js';
import { describeError } from '../lib/registry-format.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

/** "Je peux aider": offers help with a resource as a referent. Fires `lc-saved` then, or `lc-cancel`. */
@customElement('lc-referent-form')
export class LcReferentForm extends LitElement {
  static override styles = registryStyles;

  /** Slug of the resource. */
  @property() slug = '';

  @state() private _person: { slug: string; name: string } | null = null;
  @state() private _errors: Record<string, string> = {};
  @state() private _message = '';
  @state() private _saving = false;

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    if (!this._person) {
      this._errors = { person: t('referentForm.unknownPerson') };
      return;
    }
    const note = String(data.get('note') ?? '').trim();
    this._saving = true;
    this._errors = {};
    this._message = '';
    try {
      await offerHelp(this.slug, { person: this._person.slug, isExpert: data.get('isExpert') === 'on', ...(note ? { note } : {}) });
      this.dispatchEvent(new CustomEvent('lc-saved', { bubbles: true, composed: true }));
    } catch (err) {
      const { message, field } = describeError(err);
      if (field && ['person', 'isExpert', 'note'].includes(field)) this._errors = { [field]: message };
      else this._message = message;
    } finally {
      this._saving = false;
    }
  }

  private _err(field: string) {
    const m = this._errors[field];
    return m ? html`<span class="field-error" role="alert">${m}</span>` : null;
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
    'lc-referent-form': LcReferentForm;
  }
}
