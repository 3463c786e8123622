import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { locale, t, withColon } from '../i18n/index.js';
import { ApiError } from '../api/http.js';
import { label } from '../lib/registry-format.js';
import type { PickedRecord } from './lc-record-picker.js';
import './lc-record-picker.js';
import {
  askSwitchyard,
  contactPerson,
  followProblem,
  recordContact,
  type Answer,
  type PersonProposal,
  type Problem,
} from '../api/switchyard.js';
import './lc-permanence-book.js';
import { sharedStyles } from '../styles.js';

/**
 * The switchyard box: "Décrivez votre problème". Shows the people and the resources side by
 * side with their reasons, clarifying questions inline, a button to contact a person through
 * the platform and one to follow the request.
 */
@customElement('lc-switchyard')
export class LcSwitchyard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
    :host { display: block; }
    form { display: grid; gap: 0.5rem; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.4rem 0 0.8rem; }
    h2 { margin: 0 0 0.3rem; font-size: 1.3rem; }
    .row lc-record-picker { flex: 1 1 16rem; max-width: 24rem; }
    .help { margin: 0; color: #555; }
    textarea { font: inherit; padding: 0.6rem; min-height: 5.5rem; border: 1px solid #9aa; border-radius: 6px; resize: vertical; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
    .row input { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #9aa; border-radius: 4px; }
    button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 4px; border: 1px solid #2f6f4f; background: #2f6f4f; color: #fff; cursor: pointer; }
    button.secondary { background: #fff; color: #2f6f4f; }
    button:disabled { opacity: 0.6; cursor: default; }
    .themes { display: flex; gap: 0.4rem; flex-wrap: wrap; margin: 0.8rem 0 0.4rem; align-items: center; }
    .chip { background: #e6f0ea; border-radius: 999px; padding: 0.1rem 0.6rem; font-size: 0.9rem; }
    .questions { background: #fff8e6; border: 1px solid #f0d9a0; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
    .questions fieldset { border: 0; margin: 0; padding: 0.2rem 0; }
    .questions legend { font-weight: 600; padding: 0; }
    .questions button { margin: 0.2rem 0.3rem 0 0; }
    .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: 0.6rem; }
    @media (max-width: 720px) { .columns { grid-template-columns: 1fr; } }
    section h3 { font-size: 1.05rem; margin: 0.4rem 0; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
    li.card { border: 1px solid #d5dcd8; border-radius: 6px; padding: 0.55rem 0.7rem; background: #fff; }
    .card header { display: flex; justify-content: space-between; gap: 0.5rem; align-items: baseline; }
    .card a { font-weight: 600; color: #1f5a3d; }
    .meta { color: #666; font-size: 0.85rem; }
    .reasons { margin: 0.3rem 0 0; padding-left: 1.1rem; list-style: disc; display: block; font-size: 0.9rem; color: #333; }
    .summary { margin: 0.2rem 0 0; font-size: 0.92rem; }
    .contact { display: grid; gap: 0.3rem; margin-top: 0.4rem; }
    .contact textarea { min-height: 4rem; }
    .notice { margin: 0.6rem 0; padding: 0.5rem 0.7rem; border-radius: 6px; background: #eef6ff; }
    .error { background: #fdecea; }
    .actions { display: flex; gap: 0.5rem; margin-top: 0.8rem; flex-wrap: wrap; align-items: center; }
  `,
  ];

  /** Slug of the asking place, when known (its own people are not proposed to it). */
  @property() place = '';
  /** Region of the asker, when known. */
  @property() region = '';
  /** Show the place/region fields (on the full /aiguillage page). */
  @property({ type: Boolean }) detailed = false;

  @state() private _problem = '';
  @state() private _answers: Record<string, string> = {};
  @state() private _answer: Answer | null = null;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _notice = '';
  @state() private _contacting: string | null = null;
  @state() private _message = '';
  @state() private _requestId: number | null = null;
  /** The name shown in the place picker (the slug given in the address, until one is chosen). */
  @state() private _placeName: string | null = null;

  override connectedCallback() {
    super.connectedCallback();
    // The language switch re-renders the box (it used to stay in French on the home page).
    window.addEventListener('lc-locale-changed', this._onLocale);
    if (this.detailed) document.title = `${t('sy.title')} · ${t('app.name')}`;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lc-locale-changed', this._onLocale);
  }

  private _onLocale = () => {
    if (this.detailed) document.title = `${t('sy.title')} · ${t('app.name')}`;
    this.requestUpdate();
  };

  /** The place chosen by name in the picker (its slug is what the server needs). */
  private _pickPlace(e: CustomEvent<PickedRecord>) {
    this.place = e.detail.slug;
    this._placeName = e.detail.name;
    if (!this.region.trim() && e.detail.region) this.region = e.detail.region;
  }

  private _query(): Problem {
    const p: Problem = { problem: this._problem, lang: locale(), answers: this._answers };
    if (this.place.trim()) p.place = this.place.trim();
    if (this.region.trim()) p.region = this.region.trim();
    return p;
  }

  private async _ask(e?: Event) {
    e?.preventDefault();
    if (!this._problem.trim()) return;
    this._busy = true;
    this._error = '';
    this._notice = '';
    try {
      this._answer = await askSwitchyard(this._query());
    } catch (err) {
      this._error = err instanceof Error ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }

  private _choose(questionId: string, choiceId: string) {
    this._answers = { ...this._answers, [questionId]: choiceId };
    void this._ask();
  }

  private _newProblem(e: Event) {
    this._problem = (e.target as HTMLTextAreaElement).value;
    // A new problem starts a new dialogue: earlier answers and follow-up no longer apply.
    this._answers = {};
    this._requestId = null;
  }

  private async _follow() {
    this._error = '';
    try {
      const r = await followProblem(this._query());
      this._requestId = r.request.id;
      this._answer = r.answer;
      this._notice = t('sy.follow.done');
      this.dispatchEvent(
        new CustomEvent('lc-request-created', { detail: r.request, bubbles: true, composed: true }),
      );
    } catch (err) {
      this._error =
        err instanceof ApiError && err.status === 401
          ? t('sy.follow.login')
          : err instanceof Error
            ? err.message
            : String(err);
    }
  }

  /** Booking a permanence from an answer attaches it to the request, followed first when it is not yet. */
  private _ensureRequest = async (): Promise<number | null> => {
    if (this._requestId === null) await this._follow();
    return this._requestId;
  };

  private _openContact(p: PersonProposal) {
    this._contacting = p.slug;
    this._message = t('sy.contact.default', { problem: this._problem.trim().slice(0, 500) });
  }

  private async _sendContact(slug: string) {
    this._error = '';
    try {
      await contactPerson(slug, this._message);
      if (this._requestId !== null) await recordContact(this._requestId, slug);
      this._contacting = null;
      this._notice = t('sy.contact.sent');
    } catch (err) {
      this._error = err instanceof Error ? err.message : String(err);
    }
  }

  private _reasons(reasons: string[]) {
    return reasons.length
      ? html`<ul class="reasons">${reasons.map((r) => html`<li>${r}</li>`)}</ul>`
      : nothing;
  }

  private _person(p: PersonProposal) {
    return html`<li class="card" data-testid="sy-person">
      <header>
        <a href="/personnes/${encodeURIComponent(p.slug)}">${p.name}</a>
        <span class="meta">${[p.place?.name, p.region].filter(Boolean).join(' · ')}</span>
      </header>
      ${this._reasons(p.reasons)}
      ${
        this._contacting === p.slug
          ? html`<div class="contact">
            <label>${t('sy.contact.message')}
              <textarea .value=${this._message} @input=${(e: Event) => (this._message = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <div class="row">
              <button @click=${() => this._sendContact(p.slug)} ?disabled=${!this._message.trim()}>${t('sy.contact.send')}</button>
              <button class="secondary" @click=${() => (this._contacting = null)}>${t('sy.contact.cancel')}</button>
            </div>
          </div>`
          : html`<div class="actions"><button class="secondary" @click=${() => this._openContact(p)}>${t('sy.contact')}</button></div>`
      }
      <lc-permanence-book expert=${p.slug} question=${this._problem.trim()} .ensureRequest=${this._ensureRequest}></lc-permanence-book>
    </li>`;
  }

  private _renderAnswer(a: Answer) {
    return html`
      ${
        a.themes.length
          ? html`<div class="themes"><span>${withColon(t('sy.answer.themes'))}</span>${a.themes
              .slice(0, 3)
              .map((th) =>
                // Answers saved before probabilities existed have none: the label alone then.
                typeof th.probability === 'number'
                  ? html`<span class="chip" title=${t('sy.answer.themeProbabilityTitle')}>${t('sy.answer.themeProbability', { theme: th.label, p: Math.round(th.probability * 100) })}</span>`
                  : html`<span class="chip">${th.label}</span>`,
              )}</div>`
          : nothing
      }
      ${
        a.questions.length
          ? html`<div class="questions" data-testid="sy-questions">
            <div>${t('sy.question.hint')}</div>
            ${a.questions.map(
              (q) => html`<fieldset>
                <legend>${q.label}</legend>
                ${q.choices.map((c) => html`<button class="secondary" @click=${() => this._choose(q.id, c.id)}>${c.label}</button>`)}
              </fieldset>`,
            )}
          </div>`
          : nothing
      }
      ${
        a.resources.length === 0 && a.people.length === 0
          ? html`<p class="notice">${t('sy.answer.none')}</p>`
          : html`<div class="columns">
            <section>
              <h3>${t('sy.answer.people')}</h3>
              ${a.people.length ? html`<ul>${a.people.map((p) => this._person(p))}</ul>` : html`<p class="meta">${t('sy.answer.noPeople')}</p>`}
            </section>
            <section>
              <h3>${t('sy.answer.resources')}</h3>
              <ul>
                ${a.resources.slice(0, 6).map(
                  (r) => html`<li class="card" data-testid="sy-resource">
                    <header><a href="/communs/${encodeURIComponent(r.slug)}">${r.name}</a><span class="meta">${label('kind', r.kind)}</span></header>
                    <p class="summary">${r.summary}</p>
                    ${this._reasons(r.reasons)}
                  </li>`,
                )}
              </ul>
            </section>
          </div>`
      }
      ${
        a.pages.length
          ? html`<section><h3>${t('sy.answer.pages')}</h3><ul>${a.pages.map((p) => html`<li><a href="/wiki/${encodeURIComponent(p.slug)}">${p.title}</a></li>`)}</ul></section>`
          : nothing
      }
      <div class="actions">
        ${
          this._requestId === null
            ? html`<button @click=${this._follow} data-testid="sy-follow">${t('sy.follow')}</button>`
            : html`<a href="/aiguillage/demandes/${this._requestId}">${t('sy.request.title', { id: this._requestId })}</a>`
        }
      </div>
    `;
  }

  override render() {
    return html`
      ${this.detailed ? html`<h1>${t('sy.title')}</h1>` : nothing}
      <form @submit=${this._ask}>
        <h2>${t('sy.box.title')}</h2>
        <p class="help">${t('sy.box.help')}</p>
        <textarea
          aria-label=${t('sy.box.title')}
          placeholder=${t('sy.box.placeholder')}
          maxlength="5000"
          .value=${this._problem}
          @input=${this._newProblem}
        ></textarea>
        ${
          this.detailed
            ? html`<div class="row">
              <lc-record-picker
                class="place"
                kind="place"
                data-testid="sy-place"
                .label=${t('syb.placeByName')}
                .placeholder=${t('syb.placeByName')}
                .value=${this._placeName ?? this.place}
                @lc-pick=${this._pickPlace}
                @input=${(e: Event) => {
                  this.place = '';
                  this._placeName = (e.composedPath()[0] as HTMLInputElement).value;
                }}
              ></lc-record-picker>
              <input aria-label=${t('sy.box.region')} placeholder=${t('sy.box.region')} .value=${this.region} @input=${(e: Event) => (this.region = (e.target as HTMLInputElement).value)} />
            </div>`
            : nothing
        }
        <div class="row"><button type="submit" ?disabled=${this._busy || !this._problem.trim()}>${this._busy ? t('sy.box.searching') : t('sy.box.submit')}</button></div>
      </form>
      ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
      ${this._notice ? html`<p class="notice" role="status">${this._notice}</p>` : nothing}
      ${this._answer ? this._renderAnswer(this._answer) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-switchyard': LcSwitchyard;
  }
}
