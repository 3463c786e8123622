import { css } from 'lit';

/**
 * Styles shared by the views: colours (as custom properties set on the document), headings,
 * buttons, form fields, cards, badges and messages. Include them first in `static styles`.
 */
export const sharedStyles = css`
  :host {
    --lc-green: #2f6f4f;
    --lc-green-dark: #22563c;
    --lc-green-light: #e5f0e9;
    --lc-ink: #1d2a24;
    --lc-muted: #5b6862;
    --lc-line: #dcd7ca;
    --lc-surface: #fff;
    --lc-bg: #f7f5ef;
    --lc-red: #b3261e;
    --lc-red-light: #fdeceb;
    --lc-amber-light: #fff5db;
    --lc-amber: #8a5a00;
    --lc-radius: 8px;
    color: var(--lc-ink);
    line-height: 1.5;
  }
  *, *::before, *::after { box-sizing: border-box; }
  h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.4rem 0 0.6rem; }
  h2 { font-size: 1.3rem; margin: 1.6rem 0 0.6rem; }
  a { color: var(--lc-green-dark); }
  a:hover { color: var(--lc-green); }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 3px solid #1f4f9c;
    outline-offset: 2px;
  }
  .muted { color: var(--lc-muted); }
  .small { font-size: 0.875rem; }
  .card {
    background: var(--lc-surface);
    border: 1px solid var(--lc-line);
    border-radius: var(--lc-radius);
    padding: 1rem 1.2rem;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    padding: 0.5rem 0.95rem;
    border-radius: 6px;
    border: 1px solid var(--lc-green);
    background: var(--lc-green);
    color: #fff;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
  }
  .btn:hover { background: var(--lc-green-dark); color: #fff; }
  .btn[disabled] { opacity: 0.6; cursor: default; }
  .btn.secondary { background: var(--lc-surface); color: var(--lc-green-dark); }
  .btn.secondary:hover { background: var(--lc-green-light); }
  .btn.danger { background: var(--lc-surface); color: var(--lc-red); border-color: var(--lc-red); }
  .btn.danger:hover { background: var(--lc-red-light); }
  .btn.small { padding: 0.25rem 0.6rem; font-size: 0.85rem; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 1rem; }
  .field label { font-weight: 600; }
  .field .hint { font-size: 0.85rem; color: var(--lc-muted); }
  input[type='text'], input[type='email'], input[type='password'], input[type='search'], select, textarea {
    font: inherit;
    color: inherit;
    padding: 0.5rem 0.6rem;
    border: 1px solid #b9b3a4;
    border-radius: 6px;
    background: #fff;
    width: 100%;
  }
  textarea { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.92rem; }
  [aria-invalid='true'] { border-color: var(--lc-red); box-shadow: 0 0 0 1px var(--lc-red); }
  .field-error { color: var(--lc-red); font-size: 0.9rem; font-weight: 600; }
  .field-error::before { content: '⚠ '; }
  .message {
    border-radius: var(--lc-radius);
    padding: 0.75rem 1rem;
    margin: 0.8rem 0;
    border: 1px solid;
  }
  .message.error { background: var(--lc-red-light); border-color: #efb8b4; color: #7c1a14; }
  .message.warning { background: var(--lc-amber-light); border-color: #ecd28f; color: #5c3c00; }
  .message.info { background: var(--lc-green-light); border-color: #b9d6c4; color: #173d2a; }
  .badge {
    display: inline-block;
    font-size: 0.78rem;
    font-weight: 600;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--lc-green-light);
    color: var(--lc-green-dark);
    text-decoration: none;
    white-space: nowrap;
  }
  .badge.new { background: #e3ecfb; color: #1f4f9c; }
  .badge.warn { background: var(--lc-amber-light); color: var(--lc-amber); }
  .delta { font-variant-numeric: tabular-nums; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
  .delta.plus { color: #17672f; }
  .delta.minus { color: var(--lc-red); }
  .delta.zero { color: var(--lc-muted); }
  .plain { list-style: none; padding: 0; margin: 0; }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * A list of dated entries grouped by day (recent changes, the journal): day headings, then rows
 * of a time column and the entry's line. The list is `ul.timeline`.
 */
export const timelineStyles = css`
  h3 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--lc-muted); margin: 1.2rem 0 0.4rem; }
  ul.timeline { list-style: none; margin: 0; padding: 0; }
  ul.timeline > li { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr); gap: 0 0.4rem; padding: 0.5rem 0; border-bottom: 1px solid #ece8dd; }
  ul.timeline > li:last-child { border-bottom: 0; }
  .time { font-variant-numeric: tabular-nums; color: var(--lc-muted); font-size: 0.88rem; padding-top: 0.1rem; }
  .line { display: flex; flex-wrap: wrap; gap: 0.1rem 0.55rem; align-items: baseline; }
  .title { font-weight: 600; }
  .meta { font-size: 0.9rem; color: var(--lc-muted); }
  .links { font-size: 0.85rem; }
`;
