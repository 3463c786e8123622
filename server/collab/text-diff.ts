/**
 * A small, dependency-free text diff used to turn "the page is now this markdown" into the
 * minimal Y.Text deletions and insertions (so co-editors see a forward change, not a replacement).
 *
 * Strategy: trim the common prefix and suffix, diff the middle line by line (Myers, O((N+M)·D)),
 * then shrink each changed block to its differing characters. Past `maxLineEdits` changed lines the
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
  while (suffix < maxSuffix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  if (suffix > 0 && suffix < a.length && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;
  return { prefix, suffix };
}

/** Splits into lines, each keeping its trailing newline. */
const splitLines = (s: string): string[] => s.split(/(?<=\n)/);

type Op = 0 | 1 | 2; // 0 equal, 1 delete (from a), 2 insert (from b)

/** Myers' diff of two integer sequences; null when more than `maxD` edits are needed. */
function myers(x: Int32Array, y: Int32Array, maxD: number): Op[] | null {
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let xx = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let yy = xx - k;
      while (xx < n && yy < m && x[xx] === y[yy]) {
        xx++;
        yy++;
      }
      v[off + k] = xx;
      if (xx >= n && yy >= m) return backtrack(trace, d, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], dEnd: number, n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const prev = trace[d];
    const at = (k: number) => prev[k + d];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    for (let i = x; i > midX; i--) ops.push(0);
    ops.push(down ? 2 : 1);
    x = prevX;
    y = prevY;
  }
  for (let i = x; i > 0; i--) ops.push(0);
  return ops.reverse();
}

/** Work budget of the line diff (lines × edits): keeps the worst case to a few tens of milliseconds. */
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
  const budget = Math.min(maxLineEdits, Math.floor(MAX_WORK / (la.length + lb.length)));
  const ops = myers(Int32Array.from(la, idOf), Int32Array.from(lb, idOf), budget);
  if (!ops) return [{ index: prefix, deleteCount: am.length, insert: bm }];

  const edits: TextEdit[] = [];
  let ia = 0; // line index in la
  let ib = 0;
  let pos = prefix; // char offset in a
  for (let i = 0; i < ops.length; ) {
    if (ops[i] === 0) {
      pos += la[ia++].length;
      ib++;
      i++;
      continue;
    }
    let del = '';
    let ins = '';
    while (i < ops.length && ops[i] !== 0) {
      if (ops[i] === 1) del += la[ia++];
      else ins += lb[ib++];
      i++;
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
