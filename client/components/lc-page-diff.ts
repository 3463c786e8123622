import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  deletionOf,
  getDiff,
  getPage,
  type DiffHunk,
  type DiffLine,
  type PageDiff,
} from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl } from '../format.js';
import { sharedStyles } from '../styles.js';

type Layout = 'unified' | 'split';
const LAYOUT_KEY = 'lc-diff-layout';
/** Unchanged lines kept around a change; longer unchanged runs are folded. */
const CONTEXT = 3;

/** One row of the side-by-side table: an old line, a new line, or both. */
interface SplitRow {
  left?: DiffLine;
  right?: DiffLine;
}

/** A folded run of unchanged lines. */
interface Fold {
  fold: number;
  lines: DiffLine[];
}

/**
 * The difference between two revisions: unified or side by side, with changed words marked
 * inside changed lines. Changes carry a colour and a +/− marker (not colour alone), and
 * insertions and deletions are `<ins>`/`<del>` elements.
 */
@customElement('lc-page-diff')
export class LcPageDiff extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: center; justify-content: space-between; margin: 0.4rem 0 1rem; }
      .switch { display: inline-flex; border: 1px solid var(--lc-green); border-radius: 6px; overflow: hidden; }
      .switch button { font: inherit; font-size: 0.9rem; padding: 0.35rem 0.8rem; border: 0; background: #fff; color: var(--lc-green-dark); cursor: pointer; }
      .switch button[aria-pressed='true'] { background: var(--lc-green); color: #fff; }
      .legend { display: flex; gap: 1rem; font-size: 0.85rem; flex-wrap: wrap; }
      .legend span { padding: 0.1rem 0.5rem; border-radius: 4px; }
      .wrap { overflow-x: auto; border: 1px solid var(--lc-line); border-radius: var(--lc-radius); background: #fff; }
      table { border-collapse: collapse; width: 100%; font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.84rem; line-height: 1.45; table-layout: fixed; }
      th.h { text-align: left; font-family: system-ui, sans-serif; font-size: 0.85rem; background: #f3f1ea; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--lc-line); }
      td { vertical-align: top; padding: 0 0.5rem; }
      col.no { width: 3.2rem; }
      col.mk { width: 1.6rem; }
      td.no { text-align: right; color: #5b6862; user-select: none; font-variant-numeric: tabular-nums; }
      td.mk { text-align: center; font-weight: 700; user-select: none; }
      td.tx { white-space: pre-wrap; overflow-wrap: anywhere; }
      tr.ins td, td.ins { background: #e6f4ea; }
      tr.del td, td.del { background: #fdeceb; }
      td.ins.mk, tr.ins td.mk { color: #17672f; }
      td.del.mk, tr.del td.mk { color: #a1261d; }
      td.empty { background: #f6f5f1; }
      ins { background: #a9dcb7; color: #0d3d1b; text-decoration: none; border-radius: 2px; }
      del { background: #f5b6b0; color: #5e100b; text-decoration: line-through; text-decoration-thickness: 1px; border-radius: 2px; }
      tr.fold td { background: #f3f6fa; color: #3d5a80; text-align: center; font-family: system-ui, sans-serif; padding: 0.25rem; }
      tr.fold button { font: inherit; font-size: 0.85rem; background: none; border: 0; color: inherit; cursor: pointer; text-decoration: underline; }
      .title-change { margin: 0 0 1rem; }
      .same { padding: 1rem; }
    `,
  ];

  /** Slug of the page. */
  @property() slug = '';
  /** Older revision number (default: the one before `to`; 0 is the empty page). */
  @property({ type: Number }) from?: number;
  /** Newer revision number (default: the current one). */
  @property({ type: Number }) to?: number;

  @state() private _diff: PageDiff | null = null;
  @state() private _error: unknown = null;
  @state() private _layout: Layout = this._initialLayout();
  @state() private _unfolded = new Set<number>();
  /** The page's current revision (to know whether a newer change exists). */
  @state() private _latest = 0;

  private _initialLayout(): Layout {
    const saved = globalThis.localStorage?.getItem(LAYOUT_KEY);
    if (saved === 'unified' || saved === 'split') return saved;
    return globalThis.matchMedia?.('(min-width: 60rem)').matches ? 'split' : 'unified';
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('slug') || changed.has('from') || changed.has('to')) void this._load();
  }

  private async _load() {
    const key = `${this.slug}/${this.from}/${this.to}`;
    this._diff = null;
    this._error = null;
    this._unfolded = new Set();
    try {
      // The diffs of a deleted page are for facilitators: its revision comes with the deletion.
      const current = getPage(this.slug).catch((err: unknown) => {
        const deletion = deletionOf(err);
        if (!deletion) throw err;
        return deletion;
      });
      const [d, page] = await Promise.all([getDiff(this.slug, this.from, this.to), current]);
      if (key !== `${this.slug}/${this.from}/${this.to}`) return;
      this._diff = d;
      this._latest = page.revision;
      document.title = `${t('wiki.diff.heading', { from: d.from, to: d.to })} · ${d.title.to} · ${t('app.name')}`;
    } catch (err) {
      this._error = err;
    }
  }

  private _setLayout(l: Layout) {
    this._layout = l;
    globalThis.localStorage?.setItem(LAYOUT_KEY, l);
  }

  override render() {
    const d = this._diff;
    return html`
      <p class="small">
        <a href=${pageUrl(this.slug)}>← ${d?.title.to ?? this.slug}</a> ·
        <a href="/wiki/${this.slug}/history">${t('wiki.page.history')}</a>
      </p>
      <h1>${t('wiki.diff.heading', { from: d?.from ?? this.from ?? '…', to: d?.to ?? this.to ?? '…' })}</h1>
      ${this._error ? errorBox(this._error) : d ? this._renderDiff(d) : loadingLine()}
    `;
  }

  private _renderDiff(d: PageDiff) {
    const changed = d.hunks.some((h) => h.op !== 'equal');
    return html`
      ${
        d.title.from !== d.title.to
          ? html`<p class="title-change">${t('wiki.diff.titleChanged')} <del>${d.title.from}</del> → <ins>${d.title.to}</ins></p>`
          : nothing
      }
      <div class="toolbar">
        <div class="legend" aria-hidden="true">
          <span style="background:#fdeceb">− ${t('wiki.diff.legendOld', { n: d.from })}</span>
          <span style="background:#e6f4ea">+ ${t('wiki.diff.legendNew', { n: d.to })}</span>
        </div>
        <div class="actions">
          ${
            d.from > 1
              ? html`<a class="btn small secondary" href="/wiki/${this.slug}/diff?from=${d.from - 1}&to=${d.from}">← ${t('wiki.diff.older')}</a>`
              : nothing
          }
          ${
            d.to < this._latest
              ? html`<a class="btn small secondary" href="/wiki/${this.slug}/diff?from=${d.to}&to=${d.to + 1}">${t('wiki.diff.newer')} →</a>`
              : nothing
          }
          <div class="switch" role="group" aria-label=${t('wiki.diff.layout')}>
            <button type="button" aria-pressed=${this._layout === 'unified'} @click=${() => this._setLayout('unified')}>
              ${t('wiki.diff.unified')}
            </button>
            <button type="button" aria-pressed=${this._layout === 'split'} @click=${() => this._setLayout('split')}>
              ${t('wiki.diff.split')}
            </button>
          </div>
        </div>
      </div>
      ${
        changed
          ? html`<div class="wrap" data-testid="diff">
            ${this._layout === 'split' ? this._renderSplit(d) : this._renderUnified(d)}
          </div>`
          : html`<p class="card same">${t('wiki.diff.same')}</p>`
      }
    `;
  }

  /** Folds long runs of unchanged lines, keeping CONTEXT lines next to each change. */
  private _segments(d: PageDiff): (DiffHunk | Fold)[] {
    const out: (DiffHunk | Fold)[] = [];
    d.hunks.forEach((h, i) => {
      if (h.op !== 'equal' || h.lines.length <= CONTEXT * 2 + 1 || this._unfolded.has(i)) {
        out.push(h);
        return;
      }
      const first = i === 0;
      const last = i === d.hunks.length - 1;
      const head = first ? 0 : CONTEXT;
      const tail = last ? 0 : CONTEXT;
      if (h.lines.length - head - tail <= 1) {
        out.push(h);
        return;
      }
      if (head) out.push({ op: 'equal', lines: h.lines.slice(0, head) });
      out.push({ fold: i, lines: h.lines.slice(head, h.lines.length - tail) });
      if (tail) out.push({ op: 'equal', lines: h.lines.slice(h.lines.length - tail) });
    });
    return out;
  }

  private _foldRow(f: Fold, cols: number) {
    return html`<tr class="fold">
      <td colspan=${cols}>
        <button type="button" @click=${() => (this._unfolded = new Set([...this._unfolded, f.fold]))}>
          ${t('wiki.diff.unchanged', { n: f.lines.length })}
        </button>
      </td>
    </tr>`;
  }

  /** A line's text, with its changed words wrapped in ins/del (only the side the line belongs to). */
  private _text(line: DiffLine): TemplateResult | string {
    if (!line.words?.length || line.op === 'equal') return line.text || '\u200b';
    return html`${line.words.map((w) => {
      if (w.op === 'equal') return w.text;
      if (w.op === 'insert') return line.op === 'insert' ? html`<ins>${w.text}</ins>` : nothing;
      return line.op === 'delete' ? html`<del>${w.text}</del>` : nothing;
    })}`;
  }

  private _marker(op: DiffLine['op']) {
    if (op === 'insert') return html`+<span class="visually-hidden">${t('wiki.diff.added')}</span>`;
    if (op === 'delete')
      return html`−<span class="visually-hidden">${t('wiki.diff.removed')}</span>`;
    return '';
  }

  private _renderUnified(d: PageDiff) {
    return html`<table class="unified">
      <colgroup><col class="no" /><col class="no" /><col class="mk" /><col /></colgroup>
      <thead>
        <tr>
          <th class="h" scope="col">${d.from}</th>
          <th class="h" scope="col">${d.to}</th>
          <th class="h" scope="col"><span class="visually-hidden">±</span></th>
          <th class="h" scope="col">${t('wiki.diff.text')}</th>
        </tr>
      </thead>
      <tbody>
        ${this._segments(d).map((s) =>
          'fold' in s
            ? this._foldRow(s, 4)
            : s.lines.map((l) => {
                const cls = l.op === 'insert' ? 'ins' : l.op === 'delete' ? 'del' : '';
                return html`<tr class=${cls}>
                  <td class="no">${l.oldNumber ?? ''}</td>
                  <td class="no">${l.newNumber ?? ''}</td>
                  <td class="mk">${this._marker(l.op)}</td>
                  <td class="tx">${this._text(l)}</td>
                </tr>`;
              }),
        )}
      </tbody>
    </table>`;
  }

  /** Pairs deleted and inserted lines of a hunk side by side, in order; unchanged lines face themselves. */
  private _rows(h: DiffHunk): SplitRow[] {
    const rows: SplitRow[] = [];
    let dels: DiffLine[] = [];
    let ins: DiffLine[] = [];
    const flush = () => {
      for (let i = 0; i < Math.max(dels.length, ins.length); i++)
        rows.push({ left: dels[i], right: ins[i] });
      dels = [];
      ins = [];
    };
    for (const l of h.lines) {
      if (l.op === 'delete') dels.push(l);
      else if (l.op === 'insert') ins.push(l);
      else {
        flush();
        rows.push({ left: l, right: l });
      }
    }
    flush();
    return rows;
  }

  private _side(l: DiffLine | undefined, side: 'old' | 'new') {
    if (!l)
      return html`<td class="no empty"></td><td class="mk empty"></td><td class="tx empty"></td>`;
    const cls = l.op === 'insert' ? 'ins' : l.op === 'delete' ? 'del' : '';
    return html`<td class="no ${cls}">${(side === 'old' ? l.oldNumber : l.newNumber) ?? ''}</td>
      <td class="mk ${cls}">${this._marker(l.op)}</td>
      <td class="tx ${cls}">${this._text(l)}</td>`;
  }

  private _renderSplit(d: PageDiff) {
    return html`<table class="split">
      <colgroup><col class="no" /><col class="mk" /><col /><col class="no" /><col class="mk" /><col /></colgroup>
      <thead>
        <tr>
          <th class="h" scope="colgroup" colspan="3">${t('wiki.diff.legendOld', { n: d.from })}</th>
          <th class="h" scope="colgroup" colspan="3">${t('wiki.diff.legendNew', { n: d.to })}</th>
        </tr>
      </thead>
      <tbody>
        ${this._segments(d).map((s) =>
          'fold' in s
            ? this._foldRow(s, 6)
            : this._rows(s).map(
                (r) => html`<tr>${this._side(r.left, 'old')}${this._side(r.right, 'new')}</tr>`,
              ),
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-page-diff': LcPageDiff;
  }
}
