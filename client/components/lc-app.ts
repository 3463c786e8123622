import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ROUTES } from '../routes.js';
import { interceptLinks, matchPath, navigate } from '../router.js';
import { locale, setLocale, t } from '../i18n/index.js';
import { logout, me, type SessionUser } from '../api/auth.js';

/** The application shell: header, navigation, language switch, and the routed view. */
@customElement('lc-app')
export class LcApp extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; }
    header { display: flex; gap: 1rem; align-items: center; padding: 0.6rem 1.2rem; background: #2f6f4f; color: #fff; flex-wrap: wrap; }
    header a, header button { color: #fff; text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; padding: 0.2rem 0.4rem; }
    header a:hover, header button:hover { text-decoration: underline; }
    .brand { font-weight: 700; font-size: 1.15rem; margin-right: auto; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
  `;

  @state() private _path = location.pathname;
  @state() private _user: SessionUser | null = null;

  override connectedCallback() {
    super.connectedCallback();
    interceptLinks();
    window.addEventListener('popstate', this._onNav);
    window.addEventListener('lc-navigate', this._onNav);
    window.addEventListener('lc-locale-changed', this._onLocale);
    window.addEventListener('lc-session-changed', this._onSession as EventListener);
    document.documentElement.lang = locale();
    me().then((u) => (this._user = u)).catch(() => (this._user = null));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onNav);
    window.removeEventListener('lc-navigate', this._onNav);
    window.removeEventListener('lc-locale-changed', this._onLocale);
    window.removeEventListener('lc-session-changed', this._onSession as EventListener);
  }

  private _onNav = () => {
    this._path = location.pathname;
    window.scrollTo(0, 0);
  };
  private _onLocale = () => this.requestUpdate();
  private _onSession = (e: CustomEvent<SessionUser | null>) => {
    this._user = e.detail;
  };

  private async _logout() {
    await logout();
    this._user = null;
    navigate('/');
  }

  private _view() {
    const query = new URLSearchParams(location.search);
    for (const r of ROUTES) {
      const params = matchPath(r.pattern, this._path);
      if (params) return r.render(params, query);
    }
    return html`<h1>${t('notFound.title')}</h1>`;
  }

  override render() {
    return html`
      <header>
        <a class="brand" href="/">${t('app.name')}</a>
        <nav>
          <a href="/communs">${t('nav.communs')}</a> <a href="/lieux">${t('nav.lieux')}</a> <a href="/personnes">${t('nav.personnes')}</a>
          ${this._user
            ? html`<span data-testid="current-user">${this._user.name}</span>
                <button @click=${this._logout}>${t('nav.logout')}</button>`
            : html`<a href="/login">${t('nav.login')}</a> <a href="/register">${t('nav.register')}</a>`}
          <button @click=${() => setLocale(locale() === 'fr' ? 'en' : 'fr')}>${t('nav.language')}</button>
        </nav>
      </header>
      <main>${this._view()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-app': LcApp;
  }
}
