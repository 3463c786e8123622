import { html } from 'lit';
import { t } from '../i18n/index.js';

/** The links between the switchyard's pages (the server decides what each role may see). */
export const switchyardNav = () => html`<nav aria-label=${t('sy.title')} style="display:flex;gap:1rem;flex-wrap:wrap;margin-bottom:1rem;font-size:0.95rem">
  <a href="/aiguillage">${t('sy.nav.ask')}</a>
  <a href="/aiguillage/demandes">${t('sy.nav.requests')}</a>
  <a href="/aiguillage/file">${t('sy.nav.queue')}</a>
  <a href="/aiguillage/manquants">${t('sy.nav.missing')}</a>
  <a href="/aiguillage/tableau-de-bord">${t('sy.nav.dashboard')}</a>
  <a href="/aiguillage/champ-lexical">${t('sy.nav.thesaurus')}</a>
</nav>`;
