import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { parisWallTime } from '../lib/event-format.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import { ApiError } from '../api/http.js';
import {
  EVENT_TYPES,
  createEvent,
  getEvent,
  listCampaigns,
  updateEvent,
  type Campaign,
  type EventInput,
  type EventType,
} from '../api/events.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

interface SlotDraft {
  startsAt: string;
  endsAt: string;
}

/**
 * The guided form of an event (/evenements/nouveau, /evenements/:id/modifier): title, type,
 * place, one or more slots (Europe/Paris wall time), description in markdown, audience,
 * accessibility, price and registration. Errors from the server show next to their field.
 */
@customElement('lc-event-form')
export class LcEventForm extends LitElement {
  static override styles = [
    registryStyles,
    css`
      form { max-width: 46rem; }
      .slot { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.5rem; }
      .slot label { display: flex; flex-direction: column; font-size: 0.9rem; gap: 0.2rem; }
      fieldset { border: 1px solid #dfe5e1; border-radius: 8px; padding: 0.6rem 0.8rem; margin: 0.8rem 0; }
      legend { font-weight: 600; padding: 0 0.3rem; }
      .radios { display: flex; gap: 1rem; flex-wrap: wrap; }
      .radios label { display: flex; gap: 0.3rem; align-items: center; font-weight: normal; }
    `,
  ];

  /** Id of the event to edit (0: a new event). */
  @property({ type: Number }) eventId = 0;
  /** Place slug to start a new event with. */
  @property() place = '';
  /** Campaign slug to start a new event with (the campaign's guided form). */
  @property() campaign = '';

  private _session = new SessionController(this);
  @state() private _title = '';
  @state() private _type: EventType = 'visite';
  @state() private _placeSlug = '';
  @state() private _placeName = '';
  @state() private _slots: SlotDraft[] = [{ startsAt: '', endsAt: '' }];
  @state() private _description = '';
  @state() private _audience = '';
  @state() private _accessibility = '';
  @state() private _free = true;
  @state() private _price = '';
  @state() private _regKind: 'none' | 'link' | 'seats' = 'none';
  @state() private _regUrl = '';
  @state() private _seats = 20;
  @state() private _campaign = '';
  @state() private _campaigns: Campaign[] = [];
  @state() private _error = '';
  @state() private _field = '';
  @state() private _saving = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t(this.eventId ? 'eventForm.editTitle' : 'eventForm.newTitle')} · ${t('app.name')}`;
    this._placeSlug = this.place;
    this._campaign = this.campaign;
    listCampaigns().then(
      (r) => (this._campaigns = r.items),
      () => undefined,
    );
    if (this.eventId)
      this._loadEvent().catch(
        (err: unknown) => (this._error = t('error.generic', { message: (err as Error).message })),
      );
  }

  private async _loadEvent() {
    const e = await getEvent(this.eventId);
    this._title = e.title;
    this._type = e.type;
    this._placeSlug = e.place.slug;
    this._placeName = e.place.name;
    this._slots = e.slots.map((s) => ({
      startsAt: parisWallTime(s.startsAt),
      endsAt: parisWallTime(s.endsAt),
    }));
    this._description = e.description;
    this._audience = e.audience;
    this._accessibility = e.accessibility;
    this._free = e.free;
    this._price = e.price;
    this._regKind = e.registration.kind;
    if (e.registration.kind === 'link') this._regUrl = e.registration.url;
    if (e.registration.kind === 'seats') this._seats = e.registration.seats;
    this._campaign = e.campaign?.slug ?? '';
  }

  private _input(): EventInput {
    return {
      title: this._title,
      type: this._type,
      place: this._placeSlug,
      // Wall time without offset: the server reads it in Europe/Paris.
      slots: this._slots.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })),
      description: this._description,
      audience: this._audience,
      accessibility: this._accessibility,
      free: this._free,
      price: this._free ? '' : this._price,
      campaign: this._campaign || null,
      registration:
        this._regKind === 'link'
          ? { kind: 'link', url: this._regUrl }
          : this._regKind === 'seats'
            ? { kind: 'seats', seats: this._seats }
            : { kind: 'none' },
    };
  }

  private async _submit(e: Event) {
    e.preventDefault();
    this._saving = true;
    try {
      const saved = this.eventId
        ? await updateEvent(this.eventId, this._input())
        : await createEvent(this._input());
      navigate(`/evenements/${saved.id}`);
    } catch (err) {
      this._error = (err as Error).message;
      this._field = err instanceof ApiError ? String(err.details.field ?? '') : '';
    } finally {
      this._saving = false;
    }
  }

  private _setSlot(i: number, key: keyof SlotDraft, value: string) {
    this._slots = this._slots.map((s, j) => (j === i ? { ...s, [key]: value } : s));
  }

  private _err(field: string) {
    return this._field === field || this._field.startsWith(`${field}.`)
      ? html`<p class="field-error" role="alert">${this._error}</p>`
      : nothing;
  }

  override render() {
    if (this._session.known && !this._session.canEdit)
      return html`<p class="notice">${t('eventForm.needContributor')}</p>`;
    const val = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <h1>${t(this.eventId ? 'eventForm.editTitle' : 'eventForm.newTitle')}</h1>
      <form @submit=${this._submit} novalidate>
        <div class="field">
          <label for="title">${t('eventForm.title')}</label>
          <input id="title" name="title" required maxlength="200" .value=${this._title} @input=${(e: Event) => (this._title = val(e))} />
          ${this._err('title')}
        </div>
        <div class="field">
          <label for="type">${t('eventForm.type')}</label>
          <select id="type" name="type" @change=${(e: Event) => (this._type = val(e) as EventType)}>
            ${EVENT_TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === this._type}>${t(`eventType.${ty}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label>${t('eventForm.place')}</label>
          <lc-record-picker
            kind="place"
            label=${t('eventForm.place')}
            .value=${this._placeName || this._placeSlug}
            @lc-pick=${(e: CustomEvent<PickedRecord>) => {
              this._placeSlug = e.detail.slug;
              this._placeName = e.detail.name;
            }}
          ></lc-record-picker>
          ${this._placeSlug ? html`<p class="hint">${t('eventForm.placeChosen', { slug: this._placeSlug })}</p>` : nothing}
          ${this._err('place')}
        </div>
        <fieldset>
          <legend>${t('eventForm.slots')}</legend>
          <p class="hint small">${t('eventForm.slotsHint')}</p>
          ${this._slots.map(
            (s, i) => html`<div class="slot" data-testid="slot">
              <label>${t('eventForm.startsAt', { n: i + 1 })}<input type="datetime-local" name=${`slot-${i}-start`} .value=${s.startsAt} @input=${(e: Event) => this._setSlot(i, 'startsAt', val(e))} /></label>
              <label>${t('eventForm.endsAt', { n: i + 1 })}<input type="datetime-local" name=${`slot-${i}-end`} .value=${s.endsAt} @input=${(e: Event) => this._setSlot(i, 'endsAt', val(e))} /></label>
              ${
                this._slots.length > 1
                  ? html`<button type="button" class="btn secondary" @click=${() => (this._slots = this._slots.filter((_, j) => j !== i))}>${t('eventForm.removeSlot', { n: i + 1 })}</button>`
                  : nothing
              }
            </div>`,
          )}
          <button type="button" class="btn secondary" @click=${() => (this._slots = [...this._slots, { startsAt: this._slots.at(-1)?.startsAt.slice(0, 11) ?? '', endsAt: this._slots.at(-1)?.endsAt.slice(0, 11) ?? '' }])}>
            ${t('eventForm.addSlot')}
          </button>
          ${this._err('slots')}
        </fieldset>
        <div class="field">
          <label for="campaign">${t('eventForm.campaign')}</label>
          <select id="campaign" name="campaign" @change=${(e: Event) => (this._campaign = val(e))}>
            <option value="">${t('eventForm.noCampaign')}</option>
            ${this._campaigns.map((c) => html`<option value=${c.slug} ?selected=${c.slug === this._campaign}>${c.title}</option>`)}
          </select>
          ${this._err('campaign')}
        </div>
        <div class="field">
          <label for="description">${t('eventForm.description')}</label>
          <textarea id="description" name="description" rows="6" .value=${this._description} @input=${(e: Event) => (this._description = val(e))}></textarea>
          <p class="hint">${t('eventForm.markdownHint')}</p>
        </div>
        <div class="field">
          <label for="audience">${t('eventForm.audience')}</label>
          <input id="audience" name="audience" .value=${this._audience} @input=${(e: Event) => (this._audience = val(e))} />
        </div>
        <div class="field">
          <label for="accessibility">${t('eventForm.accessibility')}</label>
          <input id="accessibility" name="accessibility" .value=${this._accessibility} @input=${(e: Event) => (this._accessibility = val(e))} />
        </div>
        <fieldset>
          <legend>${t('eventForm.price')}</legend>
          <div class="radios">
            <label><input type="radio" name="free" .checked=${this._free} @change=${() => (this._free = true)} />${t('event.free')}</label>
            <label><input type="radio" name="free" .checked=${!this._free} @change=${() => (this._free = false)} />${t('event.paid')}</label>
          </div>
          ${this._free ? nothing : html`<div class="field"><label for="price">${t('eventForm.priceText')}</label><input id="price" name="price" .value=${this._price} @input=${(e: Event) => (this._price = val(e))} /></div>`}
        </fieldset>
        <fieldset>
          <legend>${t('event.registration')}</legend>
          <div class="radios">
            ${(['none', 'link', 'seats'] as const).map(
              (k) =>
                html`<label><input type="radio" name="registration" value=${k} .checked=${this._regKind === k} @change=${() => (this._regKind = k)} />${t(`eventForm.reg.${k}`)}</label>`,
            )}
          </div>
          ${
            this._regKind === 'link'
              ? html`<div class="field"><label for="regurl">${t('eventForm.regUrl')}</label><input id="regurl" type="url" name="registration-url" .value=${this._regUrl} @input=${(e: Event) => (this._regUrl = val(e))} /></div>`
              : nothing
          }
          ${
            this._regKind === 'seats'
              ? html`<div class="field"><label for="seats">${t('eventForm.seatCount')}</label><input id="seats" type="number" min="1" name="seats" .value=${String(this._seats)} @input=${(e: Event) => (this._seats = Number(val(e)))} /></div>`
              : nothing
          }
          ${this._err('registration')}
        </fieldset>
        ${this._error && !this._field ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
        ${
          this._error &&
          this._field &&
          !['title', 'place', 'slots', 'campaign', 'registration'].some(
            (f) => this._field === f || this._field.startsWith(`${f}.`),
          )
            ? html`<p class="notice error" role="alert">${this._error}</p>`
            : nothing
        }
        <p class="actions"><button class="btn" type="submit" ?disabled=${this._saving}>${t(this.eventId ? 'eventForm.save' : 'eventForm.publish')}</button></p>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-event-form': LcEventForm;
  }
}
