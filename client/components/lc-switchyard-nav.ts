import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { hasRole, SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';

/** The switchyard's pages, and who may use each (null: everyone). */
const LINKS: { href: string; key: string; role: 'reader' | 'facilitator' | null }[] = [
  { href: '/aiguillage', key: 'sy.nav.ask', role: null },
  { href: '/aiguillage/demandes', key: 'sy.nav.requests', role: 'reader' },
  { href: '/aiguillage/file', key: 'sy.nav.queue', role: 'facilitator' },
  { href: '/aiguillage/manquants', key: 'sy.nav.missing', role: 'facilitator' },
  { href: '/aiguillage/tableau-de-bord', key: 'sy.nav.dashboard', role: 'facilitator' },
  { href: '/aiguillage/champ-lexical', key: 'sy.nav.thesaurus', role: 'facilitator' },
];

/**
 * The switchyard's sub-menu, as tabs: each tool is shown only to who may use it (asking to
 * everyone, "Mes demandes" to logged-in users, the facilitation tools to facilitators and
 * admins; the server checks again).
 */
@customElement('lc-switchyard-nav')
export class LcSwitchyardNav extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; margin: 0 0 1.2rem; }
      ul { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none; margin: 0; padding: 0; border-bottom: 1px solid var(--lc-line); }
      a { display: inline-block; padding: 0.45rem 0.8rem; text-decoration: none; font-weight: 600; color: var(--lc-green-dark); border-bottom: 3px solid transparent; }
      a:hover { background: var(--lc-green-light); }
      a[aria-current='page'] { border-bottom-color: var(--lc-green); color: var(--lc-ink); }
    `,
  ];

  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('lc-navigate', this._onNav);
    window.addEventListener('popstate', this._onNav);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('lc-navigate', this._onNav);
    window.removeEventListener('popstate', this._onNav);
  }

  private _onNav = () => this.requestUpdate();

  override render() {
    const user = this._session.user;
    const links = LINKS.filter((l) => l.role === null || hasRole(user, l.role));
    const path = location.pathname;
    return html`<nav aria-label=${t('syb.nav.label')} data-testid="sy-nav">
      <ul>
        ${links.map(
          (l) =>
            html`<li><a href=${l.href} aria-current=${path === l.href ? 'page' : nothing}>${t(l.key)}</a></li>`,
        )}
      </ul>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-switchyard-nav': LcSwitchyardNav;
  }
}
