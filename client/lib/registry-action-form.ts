import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { t } from '../i18n/index.js';
import { describeError } from './registry-format.js';
import { registryStyles } from './registry-styles.js';

/**
 * What the small forms acting on one resource (usage, referent, assessment) share: the
 * per-field errors of a 400, the general message, the saving flag, the `lc-saved` /
 * `lc-cancel` events and the form's footer. Subclasses render their own fields and call
 * {@link RegistryActionForm._save} with the request to send.
 */
export abstract class RegistryActionForm extends LitElement {
  static override styles = registryStyles;

  /** Slug of the resource. */
  @property() slug = '';

  @state() protected _errors: Record<string, string> = {};
  @state() protected _message = '';
  @state() protected _saving = false;

  /** Fields a 400 may name; an error naming another field is shown as the general message. */
  protected abstract readonly _fields: readonly string[];

  /** When true, each field error carries the id `<field>-err`. */
  protected readonly _errorIds: boolean = false;

  /** Sends `request`, then fires `lc-saved`; a failure is shown next to its field or as the message. */
  protected async _save(request: () => Promise<unknown>): Promise<void> {
    this._saving = true;
    this._errors = {};
    this._message = '';
    try {
      await request();
      this.dispatchEvent(new CustomEvent('lc-saved', { bubbles: true, composed: true }));
    } catch (err) {
      const { message, field } = describeError(err);
      if (field && this._fields.includes(field)) this._errors = { [field]: message };
      else this._message = message;
    } finally {
      this._saving = false;
    }
  }

  /** The error message of `field`, if any. */
  protected _err(field: string): TemplateResult | null {
    const m = this._errors[field];
    return m
      ? html`<span class="field-error" id=${ifDefined(this._errorIds ? `${field}-err` : undefined)} role="alert">${m}</span>`
      : null;
  }

  /** The general message and the save / cancel buttons; `disabled` also keeps saving off. */
  protected _footer(disabled = false): TemplateResult {
    return html`${this._message ? html`<p class="notice error" role="alert">${this._message}</p>` : null}
      <button class="btn" type="submit" ?disabled=${this._saving || disabled}>${this._saving ? t('form.saving') : t('form.save')}</button>
      <button class="btn secondary" type="button" @click=${() => this.dispatchEvent(new CustomEvent('lc-cancel', { bubbles: true, composed: true }))}>
        ${t('form.cancel')}
      </button>`;
  }
}
