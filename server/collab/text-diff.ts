import { diffSequences } from '../../registry/wiki/diff.js';

/**
 * A small, dependency-free text diff used to turn "the page is now this markdown" into the
 * minimal Y.Text deletions and insertions (so co-editors see a forward change, not a replacement).
 *
 * Strategy: trim the common prefix and suffix, diff the middle line by line (the wiki's Myers diff,
 * `diffSequences` in registry/wiki/diff.ts, O((N+M)·D)), then shrink each changed block to its
 * differing characters. Past `maxLineEdits` changed lines the
 * middle is replaced as one block, which is still correct, only less minimal.
 */

/** One edit in the coordinates of the original text. Edits are sorted and do not overlap. */
export interface TextEdit {
  /** Offset (UTF-16 code units, as Y.Text counts them) in the original text. */
  index: number;
  deleteCount: number;
  insert: string;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Length of the common prefix and suffix of `a` and `b`, never splitting a surrogate pair. */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && prefix < a.length && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  const maxSuffix = max - prefix;
  while (
    suffix < maxSuffix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  )
    suffix++;
  if (suffix > 0 && suffix < a.length && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;
  return { prefix, suffix };
}

/** Splits into lines, each keeping its trailing newline. */
const splitLines = (s: string): string[] => s.split(/(?<=\n)/);

/** Work budget of the line diff, in steps of the Myers search (about edits²): a few tens of milliseconds at worst. */
const MAX_WORK = 20_000_000;

/**
 * The edits that turn `a` into `b`.
 * @param maxLineEdits beyond this many changed lines, the changed middle is one replacement.
 */
export function diffText(a: string, b: string, maxLineEdits = 1000): TextEdit[] {
  if (a === b) return [];
  const { prefix, suffix } = commonEnds(a, b);
  const am = a.slice(prefix, a.length - suffix);
  const bm = b.slice(prefix, b.length - suffix);
  if (am === '' || bm === '') return [{ index: prefix, deleteCount: am.length, insert: bm }];

  const la = splitLines(am);
  const lb = splitLines(bm);
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const [ia, ib] = [Int32Array.from(la, idOf), Int32Array.from(lb, idOf)];
  // Past the budget, diffSequences gives the rest of a region as one deletion and one insertion.
  const ops = diffSequences(ia, ib, Math.min(MAX_WORK, maxLineEdits * maxLineEdits));

  const edits: TextEdit[] = [];
  let pos = prefix; // char offset in a
  for (let i = 0; i < ops.length;) {
    const op = ops[i];
    if (op.op === 'equal') {
      for (let k = op.aStart; k < op.aStart + op.count; k++) pos += la[k].length;
      i++;
      continue;
    }
    let del = '';
    let ins = '';
    while (i < ops.length && ops[i].op !== 'equal') {
      const o = ops[i++];
      if (o.op === 'delete') del += la.slice(o.aStart, o.aStart + o.count).join('');
      else ins += lb.slice(o.bStart, o.bStart + o.count).join('');
    }
    const ends = commonEnds(del, ins);
    edits.push({
      index: pos + ends.prefix,
      deleteCount: del.length - ends.prefix - ends.suffix,
      insert: ins.slice(ends.prefix, ins.length - ends.suffix),
    });
    pos += del.length;
  }
  return edits;
}

/** Applies edits (from `diffText`) to a string: for tests and checks. */
export function applyEdits(a: string, edits: TextEdit[]): string {
  let out = a;
  for (let i = edits.length - 1; i >= 0; i--) {
    const e = edits[i];
    out = out.slice(0, e.index) + e.insert + out.slice(e.index + e.deleteCount);
  }
  return out;
}
