import { html } from 'lit';
import './lc-switchyard-nav.js';

/** The links between the switchyard's pages, each shown to who may use it (lc-switchyard-nav). */
export const switchyardNav = () => html`<lc-switchyard-nav></lc-switchyard-nav>`;
