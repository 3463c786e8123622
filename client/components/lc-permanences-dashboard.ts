import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t, withColon } from '../i18n/index.js';
import {
  getPermanenceDashboard,
  permanenceDashboardCsvUrl,
  type PermanenceDashboard,
} from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox } from '../format.js';
import { themeColour, themeName } from './switchyard-themes.js';

/**
 * The permanences part of the switchyard dashboard (facilitators): sessions held, places helped,
 * attendance rate, requests resolved after a permanence, places helped per month stacked by theme
 * (inline SVG), CSV export.
 */
@customElement('lc-permanences-dashboard')
export class LcPermanencesDashboard extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; margin-top: 2rem; }
      .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.8rem; margin-bottom: 1rem; }
      .kpi { border: 1px solid #d5dcd8; border-radius: 8px; padding: 0.7rem; background: #fff; }
      .kpi strong { display: block; font-size: 1.8rem; color: #1f5a3d; }
      svg { width: 100%; max-width: 560px; height: auto; font-size: 11px; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; font-size: 0.85rem; }
      .legend span::before { content: ''; display: inline-block; width: 0.7rem; height: 0.7rem; margin-right: 0.3rem; background: var(--c); border-radius: 2px; }
      table { border-collapse: collapse; margin-top: 0.8rem; font-size: 0.9rem; }
      th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e1e6e3; text-align: left; }
      td.n { text-align: right; }
    `,
  ];

  /** First day of the period (ISO date), as the switchyard dashboard's filter. */
  @property() from = '';
  /** Day after the period (ISO date). */
  @property() to = '';

  @state() private _d: PermanenceDashboard | null = null;
  @state() private _error: unknown = null;

  override updated(changed: Map<string, unknown>) {
    if (changed.has('from') || changed.has('to')) void this._load();
  }

  private _filter() {
    return { from: this.from || undefined, to: this.to || undefined };
  }

  private async _load() {
    this._error = null;
    try {
      this._d = await getPermanenceDashboard(this._filter());
    } catch (err) {
      this._error = err;
    }
  }

  private _chart(d: PermanenceDashboard) {
    const W = 560;
    const H = 200;
    const pad = { l: 30, r: 8, t: 10, b: 30 };
    const stacks = d.months.map((m) => d.byThemeMonth.filter((r) => r.month === m));
    const max = Math.max(1, ...stacks.map((s) => s.reduce((n, r) => n + r.placesHelped, 0)));
    const bw = (W - pad.l - pad.r) / Math.max(1, d.months.length);
    const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
    return svg`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('perm.dash.byMonth')}>
      ${[0, max].map((v) => svg`<line x1=${pad.l} x2=${W - pad.r} y1=${y(v)} y2=${y(v)} stroke="#e3e8e5" /><text x=${pad.l - 4} y=${y(v) + 4} text-anchor="end" fill="#555">${v}</text>`)}
      ${d.months.map((m, i) => {
        let acc = 0;
        const x = pad.l + i * bw + bw * 0.15;
        return svg`<g>
          ${stacks[i].map((r) => {
            const y0 = y(acc);
            acc += r.placesHelped;
            return svg`<rect x=${x} y=${y(acc)} width=${bw * 0.7} height=${Math.max(0, y0 - y(acc))} fill=${themeColour(r.theme)}><title>${m} · ${withColon(themeName(r.theme))} ${r.placesHelped}</title></rect>`;
          })}
          <text x=${x + bw * 0.35} y=${H - pad.b + 14} text-anchor="middle" fill="#444">${m}</text>
        </g>`;
      })}
    </svg>`;
  }

  override render() {
    const d = this._d;
    if (this._error) return errorBox(this._error);
    if (!d) return nothing;
    const themes = [...new Set(d.byThemeMonth.map((r) => r.theme))];
    return html`<section aria-labelledby="pd-title">
      <h2 id="pd-title">${t('perm.dash.title')}</h2>
      <div class="kpis">
        <div class="kpi"><strong>${d.totals.sessions}</strong>${t('perm.dash.sessions')}</div>
        <div class="kpi" data-testid="perm-kpi-bookings"><strong>${d.totals.bookings}</strong>${t('perm.dash.bookings')}</div>
        <div class="kpi" data-testid="perm-kpi-upcoming"><strong>${d.totals.upcomingBookings}</strong>${t('perm.dash.upcoming')}</div>
        <div class="kpi" data-testid="perm-kpi-places"><strong>${d.totals.placesHelped}</strong>${t('perm.dash.placesHelped')}</div>
        <div class="kpi"><strong>${d.totals.attendanceRate === null ? '—' : `${Math.round(d.totals.attendanceRate * 100)} %`}</strong>${t('perm.dash.attendance')}</div>
        <div class="kpi"><strong>${d.totals.requestsResolved}/${d.totals.requestsWithPermanence}</strong>${t('perm.dash.resolved')}</div>
      </div>
      <p><a class="btn secondary" href=${permanenceDashboardCsvUrl(this._filter())} download="permanences.csv">${t('perm.dash.csv')}</a></p>
      ${
        d.months.length
          ? html`<h3>${t('perm.dash.byMonth')}</h3>
            ${this._chart(d)}
            <div class="legend">${themes.map((th) => html`<span style="--c:${themeColour(th)}">${themeName(th)}</span>`)}</div>
            <table>
              <thead><tr><th>${t('perm.dash.month')}</th><th>${t('perm.dash.theme')}</th><th>${t('perm.dash.bookings')}</th><th>${t('perm.dash.placesHelped')}</th></tr></thead>
              <tbody>${d.byThemeMonth.map((r) => html`<tr><td>${r.month}</td><td>${themeName(r.theme)}</td><td class="n">${r.bookings}</td><td class="n">${r.placesHelped}</td></tr>`)}</tbody>
            </table>`
          : html`<p class="muted">${t('perm.dash.empty')}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-permanences-dashboard': LcPermanencesDashboard;
  }
}
