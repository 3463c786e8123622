import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { RegistryActionForm } from '../lib/registry-action-form.js';
import { listCriteria, recordAssessment, type Criterion } from '../api/registry.js';
import { describeError } from '../lib/registry-format.js';

/** Facilitators record an assessment: a criterion, a level 0–3 and its evidence. Fires `lc-saved` or `lc-cancel`. */
@customElement('lc-assessment-form')
export class LcAssessmentForm extends RegistryActionForm {
  protected readonly _fields = ['criterion', 'level', 'evidence'];

  @state() private _criteria: Criterion[] = [];

  override connectedCallback() {
    super.connectedCallback();
    listCriteria()
      .then((r) => (this._criteria = r.criteria))
      .catch((err) => (this._message = describeError(err).message));
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const evidence = String(data.get('evidence') ?? '').trim();
    if (!evidence) {
      this._errors = { evidence: t('assessForm.evidenceRequired') };
      return;
    }
    await this._save(() =>
      recordAssessment(this.slug, {
        criterion: String(data.get('criterion')),
        level: Number(data.get('level')),
        evidence,
      }),
    );
  }

  override render() {
    return html`<form class="card" @submit=${this._submit} novalidate data-testid="assessment-form">
      <h3>${t('assessForm.title')}</h3>
      <div class="field ${this._errors.criterion ? 'invalid' : ''}">
        <label for="criterion">${t('assessForm.criterion')}</label>
        <select id="criterion" name="criterion">
          ${this._criteria.map((c) => html`<option value=${c.slug} title=${c.description ?? ''}>${c.label}</option>`)}
        </select>
        ${this._err('criterion')}
      </div>
      <fieldset class="field ${this._errors.level ? 'invalid' : ''}">
        <legend>${t('assessForm.level')}</legend>
        ${[0, 1, 2, 3].map(
          (l) =>
            html`<label><input type="radio" name="level" value=${l} ?checked=${l === 2} /> ${l} — ${t(`qualif.level${l}`)}</label>`,
        )}
        ${this._err('level')}
      </fieldset>
      <div class="field ${this._errors.evidence ? 'invalid' : ''}">
        <label for="evidence">${t('assessForm.evidence')}</label>
        <textarea id="evidence" name="evidence"></textarea>
        ${this._err('evidence')}
      </div>
      ${this._footer(!this._criteria.length)}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-assessment-form': LcAssessmentForm;
  }
}
