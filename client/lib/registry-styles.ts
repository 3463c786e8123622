import { css } from 'lit';

/** Styles shared by the registry pages: cards, chips, buttons, forms, layout. */
export const registryStyles = css`
  :host { display: block; color: #1d2a24; }
  h1 { font-size: 1.7rem; margin: 0.4rem 0 0.3rem; }
  h2 { font-size: 1.2rem; margin: 1.6rem 0 0.6rem; }
  a { color: #22613f; }
  .muted { color: #5b6b63; }
  .small { font-size: 0.88rem; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.3rem 0; padding: 0; list-style: none; }
  .chip { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 999px; background: #e6efe9; color: #22513a; font-size: 0.82rem; line-height: 1.5; }
  .chip.kind { background: #ece7f7; color: #47337a; }
  .card { background: #fff; border: 1px solid #dfe5e1; border-radius: 10px; padding: 0.9rem 1rem; }
  .card h3 { margin: 0 0 0.2rem; font-size: 1.08rem; }
  .card h3 a { text-decoration: none; }
  form.card > h3 { margin-bottom: 0.8rem; }
  form.card > .btn + .btn { margin-left: 0.4rem; }
  .card h3 a:hover { text-decoration: underline; }
  .btn { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.42rem 0.9rem; border-radius: 8px; border: 1px solid #2f6f4f; background: #2f6f4f; color: #fff; font: inherit; cursor: pointer; text-decoration: none; }
  .btn:hover { background: #245a3f; }
  .btn.secondary { background: #fff; color: #2f6f4f; }
  .btn.secondary:hover { background: #eef5f0; }
  .btn.danger { background: #a61b1b; border-color: #a61b1b; }
  .btn.danger:hover { background: #861414; }
  .btn.link { background: none; border: 0; color: #22613f; padding: 0.2rem; text-decoration: underline; }
  .btn[disabled] { opacity: 0.6; cursor: default; }
  .searchbar { display: flex; gap: 0.5rem; margin: 0.8rem 0; flex-wrap: wrap; }
  .searchbar input[type='search'] { flex: 1 1 18rem; }
  input, select, textarea { font: inherit; padding: 0.4rem 0.55rem; border: 1px solid #b9c5be; border-radius: 7px; background: #fff; color: inherit; box-sizing: border-box; }
  textarea { width: 100%; min-height: 5rem; }
  label { font-weight: 600; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; margin: 0 0 0.9rem; }
  .field input, .field select, .field textarea { width: 100%; }
  .field input[type='checkbox'], .field input[type='radio'] { width: auto; margin: 0; }
  fieldset.field { border: 1px solid #dfe5e1; border-radius: 8px; padding: 0.5rem 0.8rem; }
  fieldset.field label { font-weight: normal; display: flex; gap: 0.4rem; align-items: center; }
  .field .hint { font-weight: normal; color: #5b6b63; font-size: 0.85rem; }
  .field-error { color: #a61b1b; font-size: 0.88rem; }
  .field.invalid input, .field.invalid select, .field.invalid textarea, .field.invalid fieldset { border-color: #a61b1b; }
  .notice { padding: 0.6rem 0.8rem; border-radius: 8px; background: #eef5f0; border-left: 4px solid #2f6f4f; margin: 0.6rem 0; }
  .notice.warn { background: #fff4e0; border-color: #c77700; }
  .notice.error { background: #fdecec; border-color: #a61b1b; }
  .empty { color: #5b6b63; font-style: italic; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .stack > * + * { margin-top: 0.6rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.8rem; }
  .facets { display: flex; flex-direction: column; gap: 0.9rem; }
  .facet h2, .facet h3 { font-size: 0.95rem; margin: 0 0 0.3rem; }
  .facet ul { list-style: none; margin: 0; padding: 0; max-height: 15rem; overflow: auto; }
  .facet li button { all: unset; cursor: pointer; display: flex; justify-content: space-between; gap: 0.5rem; width: 100%; box-sizing: border-box; padding: 0.15rem 0.4rem; border-radius: 6px; font-size: 0.92rem; }
  .facet li button:hover { background: #e6efe9; }
  .facet li button:focus-visible { outline: 2px solid #2f6f4f; }
  .facet li button[aria-pressed='true'] { background: #2f6f4f; color: #fff; }
  .facet .count { color: inherit; opacity: 0.7; font-variant-numeric: tabular-nums; }
  dl.meta { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.3rem 1rem; margin: 0; }
  dl.meta dt { font-weight: 600; color: #3c4d44; max-width: 11rem; }
  dl.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
`;
