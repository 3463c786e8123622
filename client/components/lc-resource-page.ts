import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { createBaseMarkdown } from '../../registry/text/markdown-base.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { SessionController } from '../session.js';
import {
  archiveResource,
  getResource,
  listAssessments,
  type Assessment,
  type GeoPoint,
  type ResourceDetail,
  type ResourceUsage,
} from '../api/registry.js';
import {
  MY_PLACE_EVENT,
  distanceKm,
  formatDay,
  formatKm,
  getMyPlace,
  hasRole,
  label,
  themeShort,
  type MyPlace,
} from '../lib/registry-format.js';
import './lc-qualification-badge.js';
import './lc-license-flag.js';
import { loadPlaceMap } from '../lib/load-place-map.js';
import './lc-my-place.js';
import './lc-contact-person.js';
import './lc-usage-form.js';
import './lc-referent-form.js';
import './lc-assessment-form.js';
import './lc-criterion-table.js';

// Descriptions are markdown written by members: raw HTML is off and markdown-it refuses
// javascript:/vbscript:/file: links by default.
const md = createBaseMarkdown();

type Panel = 'usage' | 'referent' | 'assess' | null;

/** A usage with its distance from the visitor's place (when known). */
interface PlacedUsage extends ResourceUsage {
  km: number | null;
}

/**
 * The page of one commons (/communs/:slug): what it is, its qualification (badge, criteria
 * with evidence, history), its licence, the places that use it (map and list, nearest first),
 * the people who can help (with a contact button), providers and its wiki page.
 */
@customElement('lc-resource-page')
export class LcResourcePage extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .badges { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.3rem 0 0.6rem; }
      .lead { font-size: 1.12rem; margin: 0.4rem 0 0.8rem; max-width: 48rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.8rem 0; }
      .cols { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1.6rem; }
      @media (max-width: 860px) { .cols { grid-template-columns: 1fr; } }
      .description :first-child { margin-top: 0; }
      .places { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
      @media (max-width: 860px) { .places { grid-template-columns: 1fr; } }
      lc-place-map { height: 22rem; }
      ul.plain { list-style: none; margin: 0; padding: 0; }
      ul.plain > li { padding: 0.55rem 0; border-bottom: 1px solid #e6ebe8; }
      ul.plain > li:last-child { border-bottom: 0; }
      .place-line { display: flex; flex-wrap: wrap; gap: 0.2rem 0.6rem; align-items: baseline; }
      .km { margin-left: auto; font-variant-numeric: tabular-nums; color: #1f4f86; font-size: 0.9rem; white-space: nowrap; }
      .usage-status { font-size: 0.78rem; padding: 0 0.45rem; border-radius: 999px; background: #e6efe9; }
      .usage-status.interested { background: #e7f0fb; }
      .usage-status.stopped { background: #f1e6e6; }
      .people { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.8rem; }
      .person h3 { margin-bottom: 0.1rem; }
      .expert { display: inline-block; font-size: 0.78rem; font-weight: 700; padding: 0 0.5rem; border-radius: 999px; background: #fff1dc; color: #8a4b00; }
      .experienced { display: inline-block; font-size: 0.78rem; padding: 0 0.5rem; border-radius: 999px; background: #eef0f2; color: #3c4d44; }
      .person p { margin: 0.35rem 0; }
      .panel { margin: 0.8rem 0; max-width: 40rem; }
      details summary { cursor: pointer; color: #22613f; margin-top: 0.6rem; }
      .side .card + .card { margin-top: 0.8rem; }
      .side h2 { margin-top: 0; font-size: 1.05rem; }
    `,
  ];

  /** Slug of the resource to show. */
  @property() slug = '';

  @state() private _r: ResourceDetail | null = null;
  @state() private _error = '';
  @state() private _notFound = false;
  @state() private _history: Assessment[] | null = null;
  private _session = new SessionController(this);
  @state() private _panel: Panel = null;
  @state() private _saved = false;
  @state() private _home: MyPlace | null = getMyPlace();
  @state() private _confirmArchive = false;
  @state() private _actionError = '';

  override connectedCallback() {
    super.connectedCallback();
    loadPlaceMap();
    window.addEventListener(MY_PLACE_EVENT, this._onMyPlace);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(MY_PLACE_EVENT, this._onMyPlace);
  }

  private _onMyPlace = () => (this._home = getMyPlace());

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('slug')) void this._load(); // shows its own failure
  }

  private async _load() {
    const slug = this.slug;
    this._error = '';
    this._notFound = false;
    try {
      const [r, h] = await Promise.all([
        getResource(slug),
        listAssessments(slug).catch(() => ({ assessments: [] as Assessment[] })),
      ]);
      if (slug !== this.slug) return;
      this._r = r;
      this._history = h.assessments;
      document.title = `${r.name} · ${t('app.name')}`;
    } catch (err) {
      if ((err as { status?: number }).status === 404) this._notFound = true;
      else this._error = t('error.generic', { message: (err as Error).message });
    }
  }

  private _archive = async () => {
    this._actionError = '';
    try {
      this._r = await archiveResource(this.slug);
      this._confirmArchive = false;
    } catch (err) {
      this._actionError = (err as Error).message;
    }
  };

  private _onSaved() {
    this._panel = null;
    this._saved = true;
    void this._load();
  }

  /** Usages sorted nearest first when the visitor's place is known, else active uses first then by name. */
  private _usages(r: ResourceDetail): PlacedUsage[] {
    const home = this._home;
    const rank = { uses: 0, interested: 1, stopped: 2 } as Record<string, number>;
    const list = r.usages.map((u) => ({
      ...u,
      km:
        home?.lat != null && home?.lon != null && u.place.lat != null && u.place.lon != null
          ? distanceKm(home.lat, home.lon, u.place.lat, u.place.lon)
          : null,
    }));
    return list.sort((a, b) => {
      if (a.km != null || b.km != null) return (a.km ?? Infinity) - (b.km ?? Infinity);
      return (
        (rank[a.status] ?? 9) - (rank[b.status] ?? 9) ||
        a.place.name.localeCompare(b.place.name, 'fr')
      );
    });
  }

  override render() {
    if (this._notFound) {
      return html`<p><a href="/communs">${t('resource.back')}</a></p>
        <h1>${t('notFound.title')}</h1>
        <p>${t('resource.notFound')}</p>`;
    }
    if (this._error) return html`<p class="notice error" role="alert">${this._error}</p>`;
    const r = this._r;
    if (!r) return html`<p class="muted">${t('loading')}</p>`;
    return html`
      <p class="small"><a href="/communs">${t('resource.back')}</a></p>
      <h1>${r.name}</h1>
      <div class="badges">
        <span class="chip kind">${label('kind', r.kind)}</span>
        <lc-qualification-badge data-testid="qualification" status=${r.qualification.status}></lc-qualification-badge>
        <lc-license-flag .license=${r.license} flag=${r.licenseFlag}></lc-license-flag>
        ${r.themes.map((th) => html`<a class="chip" href=${`/communs?theme=${encodeURIComponent(th)}`}>${themeShort(th)}</a>`)}
      </div>
      <p class="lead">${r.summary}</p>
      ${r.status === 'archived' ? html`<p class="notice warn" role="note">${t('resource.archived')}</p>` : nothing}
      ${r.status === 'dormant' ? html`<p class="notice warn" role="note">${t('resource.dormant')}</p>` : nothing}
      ${this._actions(r)}
      <div class="cols">
        <div>
          ${r.challenge ? html`<h2>${t('resource.challenge')}</h2><p>${r.challenge}</p>` : nothing}
          ${r.description ? html`<div class="description">${unsafeHTML(md.render(r.description))}</div>` : nothing}
          ${
            r.features?.length
              ? html`<h2>${t('resource.features')}</h2>
                <ul>
                  ${r.features.map((f) => html`<li>${f}</li>`)}
                </ul>`
              : nothing
          }
          ${this._qualification(r)}
        </div>
        <div class="side">${this._aside(r)}</div>
      </div>
      ${this._places(r)} ${this._people(r)}
    `;
  }

  private _actions(r: ResourceDetail) {
    const u = this._session.user;
    if (!this._session.known) return nothing;
    if (!u) {
      return html`<p class="notice small">${t('resource.loginToAct')} <a href=${`/login?next=${encodeURIComponent(location.pathname)}`}>${t('nav.login')}</a></p>`;
    }
    const contributor = hasRole(u, 'contributor');
    const facilitator = hasRole(u, 'facilitator');
    const toggle = (p: Panel) => () => {
      this._saved = false;
      this._panel = this._panel === p ? null : p;
    };
    return html`<div class="actions">
        ${
          contributor
            ? html`<button class="btn" @click=${toggle('usage')} aria-expanded=${this._panel === 'usage'}>${t('resource.weUse')}</button>
              <button class="btn" @click=${toggle('referent')} aria-expanded=${this._panel === 'referent'}>${t('resource.iCanHelp')}</button>`
            : nothing
        }
        ${
          facilitator
            ? html`<button class="btn secondary" @click=${toggle('assess')} aria-expanded=${this._panel === 'assess'}>✓ ${t('resource.assess')}</button>`
            : nothing
        }
        ${contributor ? html`<a class="btn secondary" href=${`/communs/${encodeURIComponent(r.slug)}/modifier`}>✎ ${t('resource.edit')}</a>` : nothing}
        ${
          facilitator && r.status !== 'archived'
            ? this._confirmArchive
              ? html`<button class="btn danger" @click=${this._archive}>${t('resource.archiveConfirm')}</button>
                <button class="btn link" @click=${() => (this._confirmArchive = false)}>${t('form.cancel')}</button>`
              : html`<button class="btn secondary" @click=${() => (this._confirmArchive = true)}>${t('resource.archive')}</button>`
            : nothing
        }
      </div>
      ${this._actionError ? html`<p class="notice error" role="alert">${this._actionError}</p>` : nothing}
      ${this._saved ? html`<p class="notice" role="status">${t('form.saved')}</p>` : nothing}
      <div class="panel" @lc-saved=${this._onSaved} @lc-cancel=${() => (this._panel = null)}>
        ${this._panel === 'usage' ? html`<lc-usage-form slug=${r.slug}></lc-usage-form>` : nothing}
        ${this._panel === 'referent' ? html`<lc-referent-form slug=${r.slug}></lc-referent-form>` : nothing}
        ${this._panel === 'assess' ? html`<lc-assessment-form slug=${r.slug}></lc-assessment-form>` : nothing}
      </div>`;
  }

  private _qualification(r: ResourceDetail) {
    const q = r.qualification;
    const history = this._history ?? [];
    return html`<section data-testid="qualification-section">
      <h2>${t('qualif.title')}</h2>
      <lc-qualification-badge status=${q.status} explain></lc-qualification-badge>
      ${q.expiresAt ? html`<p class="small muted">${t('qualif.expires', { date: formatDay(q.expiresAt) })}</p>` : nothing}
      ${q.criteria.some((c) => c.level != null) ? nothing : html`<p class="empty">${t('qualif.none')}</p>`}
      ${q.criteria.length ? html`<lc-criterion-table .rows=${q.criteria}></lc-criterion-table>` : nothing}
      <details>
        <summary>${t('qualif.history', { count: history.length })}</summary>
        ${
          history.length
            ? html`<lc-criterion-table .rows=${history}></lc-criterion-table>`
            : html`<p class="empty">${t('qualif.historyEmpty')}</p>`
        }
      </details>
    </section>`;
  }

  private _aside(r: ResourceDetail) {
    const meta: [string, unknown][] = [
      ['resource.devStatus', r.developmentStatus ? label('devStatus', r.developmentStatus) : null],
      ['resource.maintenance', r.maintenance ? label('maintenance', r.maintenance) : null],
      ['resource.languages', r.languages?.length ? r.languages.join(', ') : null],
      ['resource.organisation', r.organisation],
      ['resource.governance', r.governance],
      ['resource.lockIn', r.lockIn],
      ['resource.rgpd', r.compliance?.rgpd],
      ['resource.accessibility', r.compliance?.accessibility],
      ['resource.needs', r.needs],
      ['resource.developmentSteps', r.developmentSteps],
      ['resource.lastReviewed', r.lastReviewedAt ? formatDay(r.lastReviewedAt) : null],
    ];
    const links: [string, string | null | undefined][] = [
      ['resource.website', r.url],
      ['resource.documentation', r.documentationUrl],
      ['resource.source', r.sourceUrl],
    ];
    const wiki = r.wikiPage || r.slug;
    return html`
      <section class="card" data-testid="license">
        <h2>${t('license.title')}</h2>
        <lc-license-flag .license=${r.license} flag=${r.licenseFlag}></lc-license-flag>
        ${r.licenseName ? html`<p class="small">${r.licenseName}</p>` : nothing}
        ${(r.licenseRestrictions ?? []).map((x) => html`<p class="notice warn small">${t(`license.restriction.${x}`)}</p>`)}
        ${
          r.licenseFlag === 'proprietary'
            ? html`<p class="notice warn small" role="note">${t('license.proprietaryWarning')}</p>`
            : r.licenseFlag === 'unknown'
              ? html`<p class="notice warn small">${t('license.unknownWarning')}</p>`
              : html`<p class="small muted">${t('license.openNote', { license: r.license ?? '' })}</p>`
        }
      </section>
      <section class="card">
        <h2>${t('resource.about')}</h2>
        <dl class="meta">
          ${meta.filter(([, v]) => v).map(([k, v]) => html`<dt>${t(k)}</dt><dd>${v}</dd>`)}
          ${links
            .filter(([, v]) => v && /^https?:\/\//i.test(v))
            .map(
              ([k, v]) =>
                html`<dt>${t(k)}</dt><dd><a href=${v!} target="_blank" rel="noopener noreferrer">${new URL(v!).host}</a></dd>`,
            )}
        </dl>
        ${
          r.keywords?.length
            ? html`<p class="small"><strong>${t('resource.keywords')}</strong> · ${r.keywords.join(' · ')}</p>`
            : nothing
        }
        <p class="small"><a href=${`/wiki/${encodeURIComponent(wiki)}`} data-testid="wiki-link">${t('resource.wikiLink', { name: r.name })}</a></p>
      </section>
      <section class="card">
        <h2>${t('resource.providers')}</h2>
        ${
          r.providers?.length
            ? html`<ul class="plain">
              ${r.providers.map(
                (p) => html`<li>
                  ${p.url && /^https?:\/\//i.test(p.url) ? html`<a href=${p.url} target="_blank" rel="noopener noreferrer">${p.name}</a>` : p.name}
                  ${p.note ? html`<div class="small muted">${p.note}</div>` : nothing}
                </li>`,
              )}
            </ul>`
            : html`<p class="empty small">${t('resource.providersNone')}</p>`
        }
      </section>
    `;
  }

  private _places(r: ResourceDetail) {
    const usages = this._usages(r);
    const points: GeoPoint[] = usages
      .filter((u) => u.place.lat != null && u.place.lon != null)
      .map((u) => [u.place.lat!, u.place.lon!, u.place.slug, u.place.name]);
    const details = Object.fromEntries(
      usages.map((u) => [
        u.place.slug,
        [u.place.city, t(`usage.${u.status}`)].filter(Boolean).join(' · '),
      ]),
    );
    return html`<section data-testid="places">
      <h2>${t('resource.places', { count: usages.length })}</h2>
      <lc-my-place></lc-my-place>
      ${
        usages.length === 0
          ? html`<p class="empty">${t('resource.placesNone')}</p>`
          : html`<div class="places">
            <lc-place-map .points=${points} .details=${details} .home=${this._home} label=${t('resource.places', { count: usages.length })}></lc-place-map>
            <ul class="plain" data-testid="places-list">
              ${usages.map(
                (u) => html`<li data-slug=${u.place.slug}>
                  <div class="place-line">
                    <a href=${`/lieux/${encodeURIComponent(u.place.slug)}`}><strong>${u.place.name}</strong></a>
                    <span class="muted small">${[u.place.city, u.place.region].filter(Boolean).join(', ')}</span>
                    <span class="usage-status ${u.status}">${t(`usage.${u.status}`)}</span>
                    ${u.km != null ? html`<span class="km">${t('card.distance', { km: formatKm(u.km) })}</span>` : nothing}
                  </div>
                  ${u.note ? html`<div class="small">${u.note}</div>` : nothing}
                  ${u.since ? html`<div class="small muted">${t('resource.since', { date: formatDay(u.since) })}</div>` : nothing}
                </li>`,
              )}
            </ul>
          </div>`
      }
    </section>`;
  }

  private _people(r: ResourceDetail) {
    const home = this._home;
    // Only people who agreed to be contacted are proposed as helpers (the server filters too).
    const referents = r.referents
      .filter((x) => x.person && x.person.contactable)
      .sort((a, b) => {
        const local = (x: typeof a) => (home?.region && x.person.region === home.region ? 0 : 1);
        return (
          Number(b.isExpert) - Number(a.isExpert) ||
          local(a) - local(b) ||
          a.person.name.localeCompare(b.person.name, 'fr')
        );
      });
    return html`<section data-testid="people">
      <h2>${t('resource.people')}</h2>
      ${
        referents.length === 0
          ? html`<p class="empty">${t('resource.peopleNone')}</p>`
          : html`<div class="people">
            ${referents.map(
              ({
                person: p,
                isExpert,
                note,
              }) => html`<article class="card person" data-slug=${p.slug}>
                <h3><a href=${`/personnes/${encodeURIComponent(p.slug)}`}>${p.name}</a></h3>
                <div class="small muted">${[p.place?.name, p.region].filter(Boolean).join(' · ')}</div>
                <p>
                  ${
                    isExpert
                      ? html`<span class="expert" title=${t('resource.expertHelp')}>★ ${t('resource.expert')}</span>`
                      : html`<span class="experienced">${t('resource.experienced')}</span>`
                  }
                </p>
                ${note ? html`<p class="small">${note}</p>` : nothing}
                <lc-contact-person slug=${p.slug} name=${p.name}></lc-contact-person>
              </article>`,
            )}
          </div>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-resource-page': LcResourcePage;
  }
}
