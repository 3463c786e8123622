import { css, html } from 'lit';
import { t } from '../i18n/index.js';

export const helpStyles = css`
  details.help { font-size: 0.9rem; margin: -0.5rem 0 1rem; }
  details.help summary { cursor: pointer; color: var(--lc-green-dark); }
  details.help table { border-collapse: collapse; margin-top: 0.5rem; }
  details.help td { padding: 0.15rem 0.8rem 0.15rem 0; vertical-align: top; }
  details.help code { background: #efece4; padding: 0.05rem 0.3rem; border-radius: 4px; }
`;

/** The form editor's reminder of the wiki's markdown (folded). */
export function renderMarkdownHelp() {
  const rows: [string, string][] = [
    ['[[Titre de page]]', t('wiki.help.wikilink')],
    ['[[slug|texte]]', t('wiki.help.wikilinkLabel')],
    ['## Titre', t('wiki.help.heading')],
    ['**gras** _italique_', t('wiki.help.emphasis')],
    ['- [ ] tâche', t('wiki.help.task')],
    ['| a | b |', t('wiki.help.table')],
    ['[texte](https://…)', t('wiki.help.link')],
  ];
  return html`<details class="help">
      <summary>${t('wiki.help.title')}</summary>
      <table>
        ${rows.map(([code, what]) => html`<tr><td><code>${code}</code></td><td>${what}</td></tr>`)}
      </table>
    </details>`;
}
