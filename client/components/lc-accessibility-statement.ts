import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  getA11yContact,
  getA11yResults,
  type A11yContact,
  type A11yResults,
  type Impact,
} from '../api/accessibility.js';
import { locale, t } from '../i18n/index.js';
import { errorBox, loadingLine } from '../format.js';
import { sharedStyles } from '../styles.js';

const IMPACTS: Impact[] = ['critical', 'serious', 'moderate', 'minor'];

/** The Défenseur des droits' addresses, as the RGAA statement model gives them. */
const RECOURSE_FORM = 'https://formulaire.defenseurdesdroits.fr/';
const RECOURSE_DELEGATES = 'https://www.defenseurdesdroits.fr/saisir/delegues';

/**
 * The accessibility statement (déclaration d'accessibilité) in the RGAA 4.1 model's order:
 * conformity state, test results, non-accessible content, how the statement was made, contact,
 * remedies. Its figures are the test suite's, read from /accessibility/results.json.
 */
@customElement('lc-accessibility-statement')
export class LcAccessibilityStatement extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; max-width: 60rem; }
      table { border-collapse: collapse; margin: 0.6rem 0 1rem; background: var(--lc-surface); }
      caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
      th, td { border: 1px solid var(--lc-line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .scroll { overflow-x: auto; }
      h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
    `,
  ];

  @state() private _results: A11yResults | null = null;
  @state() private _contact: A11yContact = null;
  @state() private _error: unknown = null;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('a11y.title')} · ${t('app.name')}`;
    getA11yResults().then(
      (r) => (this._results = r),
      (err) => (this._error = err),
    );
    getA11yContact().then(
      (c) => (this._contact = c),
      () => (this._contact = null),
    );
  }

  private _date(day: string) {
    return new Date(`${day}T12:00:00Z`).toLocaleDateString(locale() === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
    });
  }

  private _resultsPart() {
    const r = this._results;
    if (this._error) return errorBox(this._error);
    if (!r) return loadingLine();
    const failed = new Map<string, { impact: Impact; screens: string[] }>();
    for (const s of r.screens) {
      for (const v of [...s.violations, ...s.darkContrast]) {
        const entry = failed.get(v.rule) ?? { impact: v.impact, screens: [] };
        if (!entry.screens.includes(s.label)) entry.screens.push(s.label);
        failed.set(v.rule, entry);
      }
    }
    return html`<div data-testid="a11y-results">
      <p data-testid="a11y-summary">${t('a11y.results.summary', { date: this._date(r.generatedOn), screens: r.totals.screens, tool: r.tool, rules: r.rules })}</p>
      <p>${t('a11y.results.clean', { clean: r.totals.clean, screens: r.totals.screens })}</p>
      <table data-testid="a11y-levels">
        <caption>${t('a11y.results.levels')}</caption>
        <thead><tr><th scope="col">${t('a11y.results.level')}</th><th scope="col">${t('a11y.results.count')}</th></tr></thead>
        <tbody>
          ${IMPACTS.map((i) => html`<tr><th scope="row">${t(`a11y.impact.${i}`)}</th><td class="n" data-impact=${i}>${r.totals[i]}</td></tr>`)}
        </tbody>
      </table>
      <h3>${t('a11y.manual')}</h3>
      <p>${t('a11y.manual.intro')}</p>
      <ul>
        ${['1.6', '7.3', '10.7', '12.7', '12.8', '12.9'].map((c) => html`<li>${t(`a11y.manual.${c}`)}</li>`)}
      </ul>
      <p>${t('a11y.manual.rest')}</p>

      <h2>${t('a11y.nonAccessible')}</h2>
      <h3>${t('a11y.nonConform')}</h3>
      ${
        failed.size === 0
          ? html`<p>${t('a11y.nonConform.none')}</p>`
          : html`<ul data-testid="a11y-failures">
            ${[...failed].map(([rule, f]) => html`<li>${t('a11y.nonConform.rule', { rule, impact: t(`a11y.impact.${f.impact}`), screens: f.screens.join(', ') })}</li>`)}
          </ul>`
      }
      <h3>${t('a11y.derogations')}</h3>
      <p>${t('a11y.derogations.none')}</p>
      <h3>${t('a11y.exempt')}</h3>
      <ul>
        <li>${t('a11y.exempt.tiles')}</li>
        <li>${t('a11y.exempt.wiki')}</li>
      </ul>

      <h2>${t('a11y.made')}</h2>
      <p>${t('a11y.made.date', { date: this._date(r.generatedOn) })}</p>
      <h3>${t('a11y.made.tech')}</h3>
      <p>${t('a11y.made.techList')}</p>
      <h3>${t('a11y.made.env')}</h3>
      <p>${t('a11y.made.envText', { browser: r.browser })}</p>
      <h3>${t('a11y.made.tools')}</h3>
      <p>${t('a11y.made.toolsText', { tool: r.tool })}</p>
      <h3>${t('a11y.made.pages')}</h3>
      <p>${t('a11y.made.pagesText', { screens: r.totals.screens })}</p>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="screens-caption">
        <table data-testid="a11y-screens">
          <caption id="screens-caption">${t('a11y.results.screens')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('a11y.results.screen')}</th>
              <th scope="col">${t('a11y.results.path')}</th>
              <th scope="col">${t('a11y.results.viewer')}</th>
              <th scope="col">${t('a11y.results.passed')}</th>
              <th scope="col">${t('a11y.results.review')}</th>
              <th scope="col">${t('a11y.results.violations')}</th>
            </tr>
          </thead>
          <tbody>
            ${r.screens.map((s) => {
              const issues = [...s.violations, ...s.darkContrast];
              return html`<tr data-screen=${`${s.id} ${s.viewer}`}>
                <th scope="row">${s.label}</th>
                <td><code>${s.path}</code></td>
                <td>${t(`a11y.viewer.${s.viewer}`)}</td>
                <td class="n">${s.passed}</td>
                <td class="n">${s.review}</td>
                <td>${issues.length === 0 ? t('a11y.results.none') : issues.map((v) => `${v.rule} (${t(`a11y.impact.${v.impact}`)})`).join(', ')}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  private _contactLine() {
    const c = this._contact;
    if (!c) return html`<p data-testid="a11y-contact">${t('a11y.contact.none')}</p>`;
    return html`<p data-testid="a11y-contact">
      ${
        c.kind === 'email'
          ? html`<a href=${`mailto:${c.value}`}>${t('a11y.contact.email', { value: c.value })}</a>`
          : html`<a href=${c.value} rel="noopener">${t('a11y.contact.url')}</a>`
      }
    </p>`;
  }

  override render() {
    const site = location.host;
    return html`<h1>${t('a11y.title')}</h1>
      <p>${t('a11y.intro')}</p>
      <p>${t('a11y.scope', { site })}</p>
      <h2>${t('a11y.state')}</h2>
      <p data-testid="a11y-state">${t('a11y.state.text', { site })}</p>
      <p>${t('a11y.state.ongoing')}</p>
      <h2>${t('a11y.results')}</h2>
      ${this._resultsPart()}
      <h2>${t('a11y.contact')}</h2>
      <p>${t('a11y.contact.text')}</p>
      ${this._contactLine()}
      <h2>${t('a11y.recourse')}</h2>
      <p>${t('a11y.recourse.text')}</p>
      <ul>
        <li><a href=${RECOURSE_FORM}>${t('a11y.recourse.form')}</a></li>
        <li><a href=${RECOURSE_DELEGATES}>${t('a11y.recourse.delegate')}</a></li>
        <li>${t('a11y.recourse.post')}</li>
      </ul>
`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-accessibility-statement': LcAccessibilityStatement;
  }
}
