import { diffSequences } from '../../registry/wiki/diff.js';
import { applyEdits, diffText, type TextEdit } from './text-diff.js';

/**
 * Three-way merge of a co-edited text with a save made elsewhere (another process's import, a
 * hook), so that neither side's change is lost.
 *
 * `base` is the page text both started from, `ours` the live text (base plus the co-edits not yet
 * written), `theirs` the page as saved since. Each side's changes are diffed against the base line
 * by line; lines changed on one side only take that side's version. Lines changed on both sides
 * (or text inserted at the same place by both) are merged character by character when the two
 * changes touch different characters (two people editing different words of one paragraph);
 * otherwise they conflict: the co-editors' lines are kept as they are and the other save's version
 * of those lines follows them, so both are there for people to sort out. Nothing is lost.
 */

/** The merge, as edits to apply to `ours`. */
export interface TextMerge {
  /** Edits in the coordinates of `ours` (sorted, not overlapping): apply them with `applyEdits` or as one Yjs transaction. */
  edits: TextEdit[];
  /** The merged text (`ours` with `edits` applied). */
  text: string;
  /** How many spans were changed on both sides (kept twice). */
  conflicts: number;
}

interface Tagged extends TextEdit {
  end: number;
  ours: boolean;
}

interface Span {
  start: number;
  end: number;
  members: Tagged[];
  conflict: boolean;
}

/** Splits into lines, each keeping its trailing newline. */
const splitLines = (s: string): string[] => (s === '' ? [] : s.split(/(?<=\n)/));

/** Work budget of a line diff (steps of the Myers search), as in text-diff.ts. */
const MAX_WORK = 20_000_000;

/** The edits that turn `a` into `b`, each a run of whole lines (offsets in characters). */
function lineEdits(a: string, b: string): TextEdit[] {
  const la = splitLines(a);
  const lb = splitLines(b);
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const ops = diffSequences(Int32Array.from(la, idOf), Int32Array.from(lb, idOf), MAX_WORK);
  const edits: TextEdit[] = [];
  let pos = 0;
  for (let i = 0; i < ops.length;) {
    if (ops[i].op === 'equal') {
      const op = ops[i++];
      for (let k = op.aStart; k < op.aStart + op.count; k++) pos += la[k].length;
      continue;
    }
    let del = 0;
    let ins = '';
    while (i < ops.length && ops[i].op !== 'equal') {
      const o = ops[i++];
      if (o.op === 'delete')
        for (let k = o.aStart; k < o.aStart + o.count; k++) del += la[k].length;
      else ins += lb.slice(o.bStart, o.bStart + o.count).join('');
    }
    edits.push({ index: pos, deleteCount: del, insert: ins });
    pos += del;
  }
  return edits;
}

/**
 * Groups both sides' edits (in base coordinates) into spans of edits that overlap: an edit
 * overlapping an edit of the other side, or two insertions at the same place, share a span.
 */
function spansOf(mine: TextEdit[], theirs: TextEdit[]): Span[] {
  const tag = (edits: TextEdit[], side: boolean): Tagged[] =>
    edits.map((e) => ({ ...e, end: e.index + e.deleteCount, ours: side }));
  // By start, insertions before a change starting at the same place (they do not overlap it).
  const all = [...tag(mine, true), ...tag(theirs, false)].sort(
    (a, b) => a.index - b.index || a.end - b.end,
  );
  const spans: Span[] = [];
  for (const e of all) {
    const last = spans[spans.length - 1];
    const joins =
      last &&
      (e.index < last.end ||
        (last.start === last.end && e.index === last.start && e.deleteCount === 0));
    if (joins) {
      last.members.push(e);
      last.end = Math.max(last.end, e.end);
    } else spans.push({ start: e.index, end: e.end, members: [e], conflict: false });
  }
  for (const s of spans)
    s.conflict = s.members.some((m) => m.ours) && s.members.some((m) => !m.ours);
  return spans;
}

/** A side's version of `base[span]`: its edits in the span applied. */
function sideOf(base: string, span: Span, ours: boolean): string {
  const edits = span.members
    .filter((m) => m.ours === ours)
    .map((m) => ({ index: m.index - span.start, deleteCount: m.deleteCount, insert: m.insert }));
  return applyEdits(base.slice(span.start, span.end), edits);
}

/** Both versions of lines changed on both sides merged by characters, or null when they overlap. */
function mergeCharacters(base: string, ours: string, theirs: string): string | null {
  const spans = spansOf(diffText(base, ours), diffText(base, theirs));
  if (spans.some((s) => s.conflict)) return null;
  const edits = spans.flatMap((s) => s.members);
  return applyEdits(base, edits);
}

/**
 * Merges `theirs` into `ours`, both derived from `base` (see the module comment).
 * @returns the edits that bring `ours` to the merged text, that text, and the number of conflicts.
 */
export function mergeText(base: string, ours: string, theirs: string): TextMerge {
  if (theirs === base || theirs === ours) return { edits: [], text: ours, conflicts: 0 };
  if (ours === base) {
    const edits = diffText(ours, theirs);
    return { edits, text: theirs, conflicts: 0 };
  }
  const edits: TextEdit[] = [];
  let shift = 0; // offset in ours minus offset in base, past the spans done
  let conflicts = 0;
  for (const s of spansOf(lineEdits(base, ours), lineEdits(base, theirs))) {
    if (!s.conflict) {
      for (const m of s.members) {
        if (m.ours) shift += m.insert.length - m.deleteCount;
        else edits.push({ index: m.index + shift, deleteCount: m.deleteCount, insert: m.insert });
      }
      continue;
    }
    const at = s.start + shift;
    const mine = sideOf(base, s, true);
    const other = sideOf(base, s, false);
    shift += mine.length - (s.end - s.start);
    if (mine === other) continue;
    const merged = mergeCharacters(base.slice(s.start, s.end), mine, other);
    if (merged !== null) {
      // Only the other side's characters change: the co-editors' own stay where they are.
      for (const e of diffText(mine, merged)) edits.push({ ...e, index: e.index + at });
      continue;
    }
    conflicts++;
    if (other === '') continue; // they deleted lines we changed: ours stay
    const sep = mine !== '' && !mine.endsWith('\n') ? '\n' : '';
    edits.push({ index: at + mine.length, deleteCount: 0, insert: sep + other });
  }
  return { edits, text: applyEdits(ours, edits), conflicts };
}
