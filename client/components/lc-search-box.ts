import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';

/** The search field of the header: submitting opens the results page (/search?q=…). */
@customElement('lc-search-box')
export class LcSearchBox extends LitElement {
  static override styles = css`
    :host { display: block; }
    form { display: flex; align-items: stretch; }
    input {
      font: inherit;
      font-size: 0.95rem;
      width: 100%;
      min-width: 0;
      padding: 0.42rem 0.7rem;
      border: 1px solid rgba(255, 255, 255, 0.5);
      border-right: 0;
      border-radius: 6px 0 0 6px;
      background: rgba(255, 255, 255, 0.95);
      color: #1d2a24;
    }
    button {
      font: inherit;
      font-size: 0.95rem;
      padding: 0 0.75rem;
      display: inline-flex;
      align-items: center;
      border: 1px solid rgba(255, 255, 255, 0.5);
      border-radius: 0 6px 6px 0;
      background: #22563c;
      color: #fff;
      cursor: pointer;
    }
    button:hover { background: #1a4430; }
    input:focus-visible, button:focus-visible { outline: 3px solid #f0b400; outline-offset: 1px; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  /** Text shown in the field (the current query on the results page). */
  @property() value = '';

  @state() private _text = '';
  // Re-renders on a language switch.
  private _session = new SessionController(this);

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value')) this._text = this.value;
  }

  private _submit(e: SubmitEvent) {
    e.preventDefault();
    const q = this._text.trim();
    if (q) navigate(`/search?${new URLSearchParams({ q })}`);
  }

  override render() {
    return html`<form role="search" aria-label=${t('wiki.search.label')} @submit=${this._submit}>
      <label class="visually-hidden" for="q">${t('wiki.search.label')}</label>
      <input
        id="q"
        type="search"
        name="q"
        autocomplete="off"
        placeholder=${t('wiki.search.placeholder')}
        .value=${this._text}
        @input=${(e: Event) => (this._text = (e.target as HTMLInputElement).value)}
      />
      <button type="submit" aria-label=${t('nav.search')}>
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
        </svg>
      </button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-search-box': LcSearchBox;
  }
}
