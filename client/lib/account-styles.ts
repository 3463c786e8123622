import { css } from 'lit';

/** Styles shared by the account pages ("Sécurité", accounts administration, security log): sections and tables. */
export const accountStyles = css`
  :host { display: block; max-width: 62rem; }
  section { margin-bottom: 1.6rem; }
  table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
  th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--lc-line); vertical-align: top; }
  th { font-weight: 600; color: var(--lc-muted); font-size: 0.85rem; }
  .table-wrap { overflow-x: auto; }
  form.inline { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: flex-end; }
  form.inline .field { margin-bottom: 0; flex: 1 1 12rem; }
  fieldset { border: 1px solid var(--lc-line); border-radius: var(--lc-radius); padding: 0.6rem 1rem; margin: 0 0 0.8rem; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  fieldset label { display: block; margin: 0.25rem 0; }
  .spaced { margin-top: 0.8rem; }
  code.secret { display: block; word-break: break-all; padding: 0.5rem; background: var(--lc-bg); border-radius: 6px; margin-top: 0.3rem; }
`;
