import { css } from 'lit';

/**
 * The app's look for the switchyard's back-office screens, whose markup uses plain `button`,
 * `select`, `input` and links: included after `sharedStyles`, before the screen's own rules.
 * Submit buttons are filled, the others outlined, as `.btn` and `.btn.secondary` elsewhere.
 */
export const backofficeStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    padding: 0.4rem 0.85rem;
    border-radius: 6px;
    border: 1px solid var(--lc-green);
    background: var(--lc-surface);
    color: var(--lc-green-dark);
    cursor: pointer;
  }
  button:hover { background: var(--lc-green-light); }
  button[type='submit'] { background: var(--lc-green); color: #fff; }
  button[type='submit']:hover { background: var(--lc-green-dark); }
  button[disabled] { opacity: 0.6; cursor: default; }
  input:not([type='radio']):not([type='checkbox']), select, textarea {
    font: inherit;
    color: inherit;
    padding: 0.4rem 0.55rem;
    border: 1px solid #b9b3a4;
    border-radius: 6px;
    background: #fff;
  }
  table { border-collapse: collapse; }
  th { font-size: 0.85rem; color: var(--lc-muted); text-align: left; }
  a.btn, a.btn:hover { text-decoration: none; }
`;
