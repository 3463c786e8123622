import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ROUTES } from '../routes.js';
import { interceptLinks, matchPath, navigate } from '../router.js';
import { locale, setLocale, t } from '../i18n/index.js';
import { logout, me } from '../api/auth.js';
import { hasRole, SessionController, setCurrentUser } from '../session.js';
import './lc-search-box.js';
import './lc-unread-link.js';
import './lc-site-footer.js';

/** The application shell: header, navigation, search, language switch, and the routed view. */
@customElement('lc-app')
export class LcApp extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; color: #1d2a24; padding: 0.5rem 1rem; z-index: 10; }
    .skip:focus { left: 0.5rem; top: 0.5rem; }
    header { background: #2f6f4f; color: #fff; }
    .bar, .sections { max-width: 72rem; margin: 0 auto; display: flex; gap: 0.5rem 1rem; align-items: center; padding: 0.55rem 1.2rem; flex-wrap: wrap; }
    .sections { padding-top: 0; padding-bottom: 0; gap: 0.2rem; }
    .subnav { background: #276042; border-top: 1px solid rgba(255, 255, 255, 0.1); }
    header a, header button { color: #fff; text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; padding: 0.3rem 0.5rem; border-radius: 5px; }
    header a:hover, header button:hover { background: rgba(255, 255, 255, 0.12); }
    header a:focus-visible, header button:focus-visible { outline: 3px solid #f0b400; outline-offset: 1px; }
    .sections a { padding: 0.5rem 0.7rem; border-radius: 0; border-bottom: 3px solid transparent; font-size: 0.95rem; }
    .sections a:hover { background: rgba(255, 255, 255, 0.08); }
    .sections a[aria-current='page'] { border-bottom-color: #f0c85a; background: none; }
    .sections .new { margin-left: auto; }
    .menu { display: none; }
    .brand { font-weight: 700; font-size: 1.15rem; display: inline-flex; align-items: center; gap: 0.45rem; white-space: nowrap; }
    .brand svg { width: 1.5rem; height: 1.5rem; }
    lc-search-box { flex: 1 1 14rem; max-width: 28rem; }
    .account { display: flex; flex-wrap: wrap; gap: 0.1rem 0.3rem; align-items: center; margin-left: auto; font-size: 0.95rem; }
    .user { font-weight: 600; padding: 0 0.45rem; }
    .lang { font-size: 0.85rem; border: 1px solid rgba(255, 255, 255, 0.45) !important; }
    main { max-width: 72rem; margin: 0 auto; padding: 1.4rem 1.2rem 3rem; outline: none; }
    @media (max-width: 40rem) {
      .bar { padding: 0.5rem 0.8rem; }
      .menu { display: flex; width: 100%; justify-content: space-between; align-items: center; padding: 0.45rem 0.8rem !important; border-radius: 0 !important; font-size: 0.95rem; }
      .sections { display: none; padding: 0 0 0.4rem; flex-direction: column; align-items: stretch; gap: 0; }
      .sections.open { display: flex; }
      .sections a { padding: 0.55rem 0.8rem; border-bottom: 0; border-left: 3px solid transparent; }
      .sections a[aria-current='page'] { border-left-color: #f0c85a; }
      .sections .new { margin-left: 0; }
      lc-search-box { order: 3; flex-basis: 100%; max-width: none; }
      .account { font-size: 0.9rem; }
      main { padding: 1rem 0.8rem 2.5rem; }
    }
  `;

  @state() private _path = location.pathname;
  @state() private _search = location.search;
  /** On narrow screens, whether the section menu is unfolded. */
  @state() private _menuOpen = false;
  private _session = new SessionController(this);

  override connectedCallback() {
    super.connectedCallback();
    interceptLinks();
    window.addEventListener('popstate', this._onNav);
    window.addEventListener('lc-navigate', this._onNav);
    document.documentElement.lang = locale();
    me()
      .then((u) => setCurrentUser(u))
      .catch(() => setCurrentUser(null));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onNav);
    window.removeEventListener('lc-navigate', this._onNav);
  }

  private _onNav = () => {
    this._menuOpen = false;
    this._path = location.pathname;
    this._search = location.search;
    window.scrollTo(0, 0);
    // Move the focus to the new content, so keyboard and screen-reader users start there.
    // (updateComplete rejects only when rendering throws, which Lit reports itself.)
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true }),
    );
  };

  private async _logout() {
    await logout();
    setCurrentUser(null);
    navigate('/');
  }

  private _view() {
    const query = new URLSearchParams(this._search);
    for (const r of ROUTES) {
      const params = matchPath(r.pattern, this._path);
      if (params) return r.render(params, query);
    }
    return html`<h1>${t('notFound.title')}</h1>`;
  }

  private _link(href: string, label: string, cls = '') {
    const current = this._path === href || (href !== '/' && this._path.startsWith(`${href}/`));
    return html`<a class=${cls} href=${href} aria-current=${current ? 'page' : 'false'}>${label}</a>`;
  }

  override render() {
    const user = this._session.user;
    const q = this._path === '/search' ? (new URLSearchParams(this._search).get('q') ?? '') : '';
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>('main')?.focus();
      }}>${t('nav.skip')}</a>
      <header>
        <div class="bar">
          <a class="brand" href="/">
            <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#fff" opacity="0.18" /><path d="M8 24V13l8-6 8 6v11h-5.5v-6.5h-5V24z" fill="#fff" /></svg>
            ${t('app.name')}
          </a>
          <lc-search-box .value=${q}></lc-search-box>
          <div class="account">
            ${
              user
                ? html`<lc-unread-link></lc-unread-link>
                  <span class="user" data-testid="current-user">${user.name}</span>
                  ${this._link('/securite', t('nav.security'))}
                  ${hasRole(user, 'facilitator') ? this._link('/admin/comptes', t('nav.admin')) : nothing}
                  <button @click=${this._logout}>${t('nav.logout')}</button>`
                : html`${this._link('/login', t('nav.login'))} ${this._link('/register', t('nav.register'))}`
            }
            <button class="lang" lang=${locale() === 'fr' ? 'en' : 'fr'} @click=${() => setLocale(locale() === 'fr' ? 'en' : 'fr')}>
              ${t('nav.language')}
            </button>
          </div>
        </div>
        <div class="subnav">
          <button class="menu" aria-expanded=${this._menuOpen} aria-controls="sections" @click=${() => (this._menuOpen = !this._menuOpen)}>
            <span>${t('nav.menu')}</span><span aria-hidden="true">${this._menuOpen ? '▴' : '▾'}</span>
          </button>
          <nav id="sections" class="sections ${this._menuOpen ? 'open' : ''}" aria-label=${t('nav.main')}>
            ${this._link('/', t('nav.home'))} ${this._link('/aiguillage', t('nav.aiguillage'))} ${this._link('/communs', t('nav.communs'))}
            ${this._link('/lieux', t('nav.lieux'))} ${this._link('/evenements', t('nav.evenements'))} ${this._link('/permanences', t('nav.permanences'))}
            ${this._link('/personnes', t('nav.personnes'))} ${this._link('/recent', t('nav.recent'))} ${this._link('/special', t('nav.special'))}
            ${this._link('/fichiers', t('nav.files'))}
            ${hasRole(user, 'admin') ? this._link('/admin/mediawiki', t('nav.mediawiki')) : nothing}
            ${hasRole(user, 'admin') ? this._link('/admin/courriels', t('nav.outbox')) : nothing}
            ${!user || hasRole(user, 'contributor') ? this._link('/new', `+ ${t('nav.newPage')}`, 'new') : nothing}
          </nav>
        </div>
      </header>
      <main id="main" tabindex="-1">${this._view()}</main>
      <lc-site-footer></lc-site-footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-app': LcApp;
  }
}
