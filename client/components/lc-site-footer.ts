import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../i18n/index.js';

/** The footer of every page: the accessibility statement (as the RGAA asks), the API, the licence. */
@customElement('lc-site-footer')
export class LcSiteFooter extends LitElement {
  static override styles = css`
    :host { display: block; border-top: 1px solid #dcd7ca; background: #efece3; color: #1d2a24; }
    footer { max-width: 72rem; margin: 0 auto; padding: 0.9rem 1.2rem; font-size: 0.9rem; }
    ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; margin: 0; padding: 0; }
    a { color: #22563c; }
    a:focus-visible { outline: 3px solid #1f4f9c; outline-offset: 2px; }
  `;

  override render() {
    return html`<footer aria-label=${t('footer.label')}>
      <ul>
        <li><a href="/accessibilite" data-testid="footer-a11y">${t('footer.a11y')}</a></li>
        <li><a href="/api/openapi.json">${t('footer.api')}</a></li>
        <li><a href="https://www.gnu.org/licenses/agpl-3.0.html">${t('footer.source')}</a></li>
      </ul>
    </footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-site-footer': LcSiteFooter;
  }
}
