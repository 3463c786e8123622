import { css, html } from 'lit';
import type { WikiPage } from '../api/wiki.js';
import { formatDate, t } from '../i18n/index.js';
import { pageUrl, userName } from '../format.js';

/*
 * The form editor's conflict: someone saved the page while this user was editing it. Both texts
 * are shown; the user keeps theirs over the new revision, or takes the current version and gets
 * their text aside to copy from.
 */

export const conflictStyles = css`
  .conflict h2 { margin-top: 0; font-size: 1.1rem; }
  .versions { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: 0.8rem 0; }
  @media (max-width: 48rem) { .versions { grid-template-columns: 1fr; } }
  .versions textarea { min-height: 12rem; background: #fbfaf7; font-size: 0.85rem; }
  .versions h3 { font-size: 0.95rem; margin: 0 0 0.3rem; }
`;

export interface ConflictChoice {
  /** The page did not exist when the form was opened (someone created it meanwhile). */
  existed: boolean;
  /** The user's text. */
  mine: string;
  takeCurrent: () => void;
  keepMine: () => void;
}

/** Both versions side by side, and the two ways out. */
export function renderConflict(c: WikiPage, choice: ConflictChoice) {
  const { existed } = choice;
  return html`<section class="message warning conflict" role="alert" tabindex="-1" data-testid="conflict">
      <h2>${existed ? t('wiki.conflict.existsTitle') : t('wiki.conflict.title')}</h2>
      <p>
        ${
          existed
            ? html`${t('wiki.conflict.existsText')} <a href=${pageUrl(c.slug)}>${c.title}</a>`
            : t('wiki.conflict.text', {
                n: c.revision,
                name: userName(c.updatedBy),
                date: formatDate(c.updatedAt),
              })
        }
      </p>
      <div class="versions">
        <div>
          <h3>${t('wiki.conflict.yours')}</h3>
          <textarea readonly aria-label=${t('wiki.conflict.yours')} .value=${choice.mine}></textarea>
        </div>
        <div>
          <h3>${t('wiki.conflict.theirs', { n: c.revision })}</h3>
          <textarea readonly aria-label=${t('wiki.conflict.theirs', { n: c.revision })} .value=${c.markdown}></textarea>
        </div>
      </div>
      <div class="actions">
        <button class="btn" type="button" @click=${choice.takeCurrent} data-testid="take-current">${t('wiki.conflict.takeCurrent')}</button>
        <button class="btn secondary" type="button" @click=${choice.keepMine}>${t('wiki.conflict.keepMine')}</button>
      </div>
      <p class="small">${t('wiki.conflict.hint')}</p>
    </section>`;
}

/** The user's own text, kept aside after they took the current version. */
export function renderKept(text: string, dismiss: () => void) {
  return html`<section class="message info" data-testid="kept-text">
      <p><strong>${t('wiki.conflict.keptTitle')}</strong> ${t('wiki.conflict.keptText')}</p>
      <textarea readonly rows="6" aria-label=${t('wiki.conflict.yours')} .value=${text}></textarea>
      <p><button class="btn small secondary" type="button" @click=${dismiss}>${t('wiki.conflict.dismiss')}</button></p>
    </section>`;
}
