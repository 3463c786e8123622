import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { locale, t, withColon } from '../i18n/index.js';
import { sharedStyles } from '../styles.js';
import { backofficeStyles } from '../lib/backoffice-styles.js';
import { monthLabel } from '../lib/month-label.js';
import { ApiError } from '../api/http.js';
import { dashboardCsvUrl, getDashboard, type Dashboard } from '../api/switchyard.js';
import { themeColour, themeName } from './switchyard-themes.js';
import './lc-permanences-dashboard.js';

/**
 * The network's switchyard dashboard, readable at a glance: key figures, requests per month
 * stacked by theme, requests per theme with the resolved share, top missing needs. Charts are
 * inline SVG (no chart library); everything exports as CSV.
 */
@customElement('lc-switchyard-dashboard')
export class LcSwitchyardDashboard extends LitElement {
  static override styles = [
    sharedStyles,
    backofficeStyles,
    css`
    :host { display: block; }
    form { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: end; margin-bottom: 1rem; }
    label { display: grid; font-size: 0.85rem; color: #555; }
    .exports { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: -0.4rem 0 1.2rem; }
    .hint { flex-basis: 100%; font-size: 0.85rem; color: var(--lc-muted); margin: 0; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.8rem; margin-bottom: 1.2rem; }
    .kpi { border: 1px solid #d5dcd8; border-radius: 8px; padding: 0.7rem; background: #fff; }
    .kpi strong { display: block; font-size: 1.8rem; color: #1f5a3d; }
    .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
    @media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
    svg { width: 100%; height: auto; font-size: 11px; }
    .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; font-size: 0.85rem; }
    .legend span::before { content: ''; display: inline-block; width: 0.7rem; height: 0.7rem; margin-right: 0.3rem; background: var(--c); border-radius: 2px; }
    .missing li { margin: 0.4rem 0; }
    .missing q { color: #444; }
    .error { color: #a33; }
    table.months { border-collapse: collapse; margin-top: 0.8rem; font-size: 0.9rem; }
    table.months th, table.months td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e1e6e3; text-align: right; }
    table.months th:first-child, table.months td:first-child { text-align: left; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `,
  ];

  @state() private _d: (Dashboard & { networks: string[] }) | null = null;
  @state() private _error = '';
  @state() private _from = '';
  @state() private _to = '';
  @state() private _network = '';

  /** Whether the caller may see the dashboard: unknown until the first answer, then the filters show. */
  @state() private _allowed = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('sy.dash.title')} · ${t('app.name')}`;
    window.addEventListener('lc-locale-changed', this._onLocale);
    window.addEventListener('lc-session-changed', this._onSession);
    void this._load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lc-locale-changed', this._onLocale);
    window.removeEventListener('lc-session-changed', this._onSession);
  }

  private _onLocale = () => this.requestUpdate();
  private _onSession = () => void this._load();

  private _filter() {
    return {
      from: this._from || undefined,
      to: this._to || undefined,
      network: this._network || undefined,
    };
  }

  private async _load(e?: Event) {
    e?.preventDefault();
    this._error = '';
    try {
      this._d = await getDashboard(this._filter());
      this._allowed = true;
    } catch (err) {
      const refused = err instanceof ApiError && (err.status === 403 || err.status === 401);
      if (refused) {
        this._allowed = false;
        this._d = null;
      }
      this._error = refused
        ? t('sy.dash.forbidden')
        : err instanceof Error
          ? err.message
          : String(err);
    }
  }

  private _monthChart(d: Dashboard) {
    const W = 560;
    const H = 230;
    const pad = { l: 30, r: 8, t: 10, b: 34 };
    const max = Math.max(1, ...d.byMonth.map((m) => m.requests));
    const n = Math.max(1, d.months.length);
    const bw = (W - pad.l - pad.r) / n;
    const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
    const ticks = [0, Math.ceil(max / 2), max];
    return svg`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('sy.dash.perMonth')}>
      ${ticks.map((v) => svg`<line x1=${pad.l} x2=${W - pad.r} y1=${y(v)} y2=${y(v)} stroke="#e3e8e5" /><text x=${pad.l - 4} y=${y(v) + 4} text-anchor="end" fill="#666">${v}</text>`)}
      ${d.months.map((m, i) => {
        let acc = 0;
        const x = pad.l + i * bw + bw * 0.15;
        return svg`<g>
          ${d.byThemeMonth
            .filter((r) => r.month === m)
            .map((r) => {
              const y0 = y(acc);
              acc += r.requests;
              const y1 = y(acc);
              return svg`<rect x=${x} y=${y1} width=${bw * 0.7} height=${Math.max(0, y0 - y1)} fill=${themeColour(r.theme)}><title>${monthLabel(m, locale())} · ${withColon(themeName(r.theme))} ${r.requests}</title></rect>`;
            })}
          <text x=${x + bw * 0.35} y=${H - pad.b + 14} text-anchor="middle" fill="#444">${monthLabel(m, locale(), true)}</text>
        </g>`;
      })}
    </svg>`;
  }

  private _themeChart(d: Dashboard) {
    const rows = d.byTheme.slice(0, 10);
    const W = 560;
    const rowH = 22;
    const labelW = 190;
    const H = rows.length * rowH + 8;
    const max = Math.max(1, ...rows.map((r) => r.requests));
    const x = (v: number) => ((W - labelW - 40) * v) / max;
    return svg`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('sy.dash.perTheme')}>
      ${rows.map((r, i) => {
        const yy = 4 + i * rowH;
        const name = themeName(r.theme);
        return svg`<g>
          <text x=${labelW - 6} y=${yy + 14} text-anchor="end" fill="#333">${name.length > 30 ? `${name.slice(0, 29)}…` : name}</text>
          <rect x=${labelW} y=${yy + 2} width=${x(r.requests)} height=${rowH - 6} fill=${themeColour(r.theme)} opacity="0.35" />
          <rect x=${labelW} y=${yy + 2} width=${x(r.resolved)} height=${rowH - 6} fill=${themeColour(r.theme)} />
          <text x=${labelW + x(r.requests) + 4} y=${yy + 14} fill="#333">${r.resolved}/${r.requests}</text>
        </g>`;
      })}
    </svg>`;
  }

  override render() {
    const d = this._d;
    return html`
      <h1>${t('sy.dash.title')}</h1>
      ${
        this._allowed
          ? html`<form @submit=${this._load} aria-label=${t('syb.filters')}>
            <label>${t('sy.dash.from')}<input type="date" .value=${this._from} @input=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} /></label>
            <label>${t('sy.dash.to')}<input type="date" .value=${this._to} @input=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} /></label>
            <label
              >${t('sy.dash.network')}<input
                list="sy-networks"
                aria-describedby="sy-network-hint"
                .value=${this._network}
                @input=${(e: Event) => (this._network = (e.target as HTMLInputElement).value)}
            /></label>
            <datalist id="sy-networks">${(d?.networks ?? []).map((n) => html`<option value=${n}></option>`)}</datalist>
            <button type="submit">${t('sy.dash.apply')}</button>
            <p class="hint" id="sy-network-hint">${t('syb.networkHint')}${d?.networks.length ? ` (${d.networks.slice(0, 6).join(', ')}${d.networks.length > 6 ? '…' : ''})` : ''}</p>
          </form>
          <div class="exports" role="group" aria-label=${t('syb.exports')}>
            <a class="btn secondary" href=${dashboardCsvUrl({ ...this._filter(), dialect: 'fr' })} download="aiguillage.csv" data-testid="sy-csv-fr">${t('syb.csvFr')}</a>
            <a class="btn secondary" href=${dashboardCsvUrl({ ...this._filter(), dialect: 'en' })} download="switchyard.csv">${t('syb.csvEn')}</a>
          </div>`
          : nothing
      }
      ${this._error ? html`<p class="message error" role="alert">${this._error}</p>` : nothing}
      ${
        d
          ? html`
            <div class="kpis">
              <div class="kpi" data-testid="sy-kpi-requests"><strong>${d.totals.requests}</strong>${t('sy.dash.requests')}</div>
              <div class="kpi"><strong>${Math.round(d.totals.shareResolved * 100)} %</strong>${t('sy.dash.resolved')}</div>
              <div class="kpi">
                <strong>${d.totals.medianHoursToFirstContact === null ? '—' : t('sy.dash.hours', { n: d.totals.medianHoursToFirstContact })}</strong>${t('sy.dash.firstContact')}
              </div>
              <div class="kpi"><strong>${d.totals.missing}</strong>${t('sy.dash.missing')}</div>
            </div>
            ${
              d.totals.requests === 0
                ? html`<p>${t('sy.dash.empty')}</p>`
                : html`<div class="charts">
                    <section>
                      <h2>${t('sy.dash.perMonth')}</h2>
                      ${this._monthChart(d)}
                      <div class="legend">${d.byTheme.map((r) => html`<span style="--c:${themeColour(r.theme)}">${themeName(r.theme)}</span>`)}</div>
                      <table class="months">
                        <thead>
                          <tr><th>${t('sy.dash.month')}</th><th>${t('sy.dash.requests')}</th><th>${t('sy.dash.resolvedCount')}</th><th>${t('sy.dash.firstContact')}</th></tr>
                        </thead>
                        <tbody>
                          ${d.byMonth.map(
                            (m) => html`<tr>
                              <td>${monthLabel(m.month, locale())}</td><td>${m.requests}</td><td>${m.resolved}</td>
                              <td>${m.medianHoursToFirstContact === null ? '—' : t('sy.dash.hours', { n: m.medianHoursToFirstContact })}</td>
                            </tr>`,
                          )}
                        </tbody>
                      </table>
                    </section>
                    <section>
                      <h2>${t('sy.dash.perTheme')}</h2>
                      ${this._themeChart(d)}
                      <table class="months" data-testid="sy-theme-table">
                        <caption class="visually-hidden">${t('sy.dash.perTheme')}</caption>
                        <thead><tr><th scope="col">${t('sy.dash.theme')}</th><th scope="col">${t('sy.dash.requests')}</th><th scope="col">${t('sy.dash.resolvedCount')}</th></tr></thead>
                        <tbody>
                          ${d.byTheme.map((r) => html`<tr><th scope="row">${themeName(r.theme)}</th><td>${r.requests}</td><td>${r.resolved}</td></tr>`)}
                        </tbody>
                      </table>
                    </section>
                  </div>
                  <section class="missing">
                    <h2>${t('sy.dash.topMissing')}</h2>
                    ${d.missing.length === 0 ? html`<p data-testid="sy-missing-empty">${t('syb.missingEmpty')}</p>` : nothing}
                    <ol>
                      ${d.missing.map(
                        (m) => html`<li>
                          <strong>${themeName(m.theme)}</strong> (${m.count})
                          <ul>${m.examples.map((x) => html`<li><a href="/aiguillage/demandes/${x.id}"><q>${x.problem.slice(0, 140)}</q></a></li>`)}</ul>
                        </li>`,
                      )}
                    </ol>
                  </section>`
            }
            <lc-permanences-dashboard .from=${this._from} .to=${this._to}></lc-permanences-dashboard>
          `
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-switchyard-dashboard': LcSwitchyardDashboard;
  }
}
