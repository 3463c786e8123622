/**
 * Markdown formatting commands of the co-editor's toolbar and shortcuts. They change the editor
 * state only, so y-codemirror carries them to the shared Y.Text like typed text.
 */
import { EditorSelection } from '@codemirror/state';
import type { Command } from '@codemirror/view';

/**
 * Wraps every selection in `mark` (`**` for bold, `_` for italic), or unwraps it when it is
 * already wrapped; an empty selection gets a pair of marks with the cursor between them.
 */
export const wrapSelection =
  (mark: string): Command =>
  (view) => {
    const { state } = view;
    const n = mark.length;
    view.dispatch(
      state.changeByRange((range) => {
        const before = state.sliceDoc(range.from - n, range.from);
        const after = state.sliceDoc(range.to, range.to + n);
        if (!range.empty && before === mark && after === mark) {
          return {
            changes: [
              { from: range.from - n, to: range.from },
              { from: range.to, to: range.to + n },
            ],
            range: EditorSelection.range(range.from - n, range.to - n),
          };
        }
        return {
          changes: [
            { from: range.from, insert: mark },
            { from: range.to, insert: mark },
          ],
          range: EditorSelection.range(range.from + n, range.to + n),
        };
      }),
      { scrollIntoView: true, userEvent: 'input' },
    );
    view.focus();
    return true;
  };

/**
 * Toggles `prefix` (`## ` for a heading, `- ` for a list item) at the start of every line the
 * selection touches: added when one of them lacks it, removed when they all have it.
 */
export const prefixLines =
  (prefix: string): Command =>
  (view) => {
    const { state } = view;
    const starts = new Set<number>();
    for (const r of state.selection.ranges) {
      for (let pos = r.from; pos <= r.to;) {
        const line = state.doc.lineAt(pos);
        starts.add(line.from);
        pos = line.to + 1;
      }
    }
    const lines = [...starts].map((from) => state.doc.lineAt(from));
    const all = lines.every((l) => l.text.startsWith(prefix));
    const changes = lines.map((l) =>
      all ? { from: l.from, to: l.from + prefix.length } : { from: l.from, insert: prefix },
    );
    view.dispatch({ changes, scrollIntoView: true, userEvent: 'input' });
    view.focus();
    return true;
  };

/** Replaces every selection by `open + text + close` and selects the part given by `select`. */
function surround(
  view: Parameters<Command>[0],
  open: string,
  close: string,
  select: (text: string, start: number) => [number, number],
) {
  const { state } = view;
  view.dispatch(
    state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to);
      const [a, b] = select(text, range.from);
      return {
        changes: { from: range.from, to: range.to, insert: open + text + close },
        range: EditorSelection.range(a, b),
      };
    }),
    { scrollIntoView: true, userEvent: 'input' },
  );
  view.focus();
  return true;
}

/** A web link: `[selection](https://)` with the address selected, or `[](https://)` with the cursor in the brackets. */
export const insertLink: Command = (view) =>
  surround(view, '[', '](https://)', (text, start) =>
    text ? [start + text.length + 3, start + text.length + 11] : [start + 1, start + 1],
  );

/** A wiki link: `[[selection]]`, or `[[]]` with the cursor inside. */
export const insertWikiLink: Command = (view) =>
  surround(view, '[[', ']]', (text, start) => [start + 2, start + 2 + text.length]);
