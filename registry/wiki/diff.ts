/**
 * Line and word diffs for page histories: Myers' O(ND) algorithm with the middle-snake bisection
 * (linear memory), after trimming the common prefix and suffix. Each diff has a budget of steps:
 * when two texts share almost nothing the remaining middle is reported as deleted-then-inserted
 * instead of searching for a minimal script, so a 1 MB rewrite cannot stall the server.
 */

/** One run of a diff script over two sequences. */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  /** Start in the old sequence (for equal/delete) and the new one (for equal/insert). */
  aStart: number;
  bStart: number;
  count: number;
}

/** One word-level piece of a changed line. */
export interface WordPiece {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** One line of a diff hunk. */
export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** 1-based line number in the old text (equal and delete lines). */
  oldNumber?: number;
  /** 1-based line number in the new text (equal and insert lines). */
  newNumber?: number;
  /** For a changed line paired with its counterpart: this line's words, changed ones marked. */
  words?: WordPiece[];
}

/** A run of lines with the same fate: kept, added, removed, or replaced (removed then added). */
export interface DiffHunk {
  op: 'equal' | 'insert' | 'delete' | 'replace';
  lines: DiffLine[];
}

/** Default budget: enough for any edit a person makes, bounded for machine rewrites. */
const DEFAULT_BUDGET = 2_000_000;
/** Word detail is for human-sized edits: past this many characters of paired lines, lines come whole. */
const WORD_DETAIL_CHARS = 256 * 1024;

interface Budget {
  left: number;
}

/**
 * Shortest edit script between two sequences of numbers (tokens mapped to ids).
 * @param budget inner-loop steps allowed before giving up on minimality.
 */
export function diffSequences(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  budget = DEFAULT_BUDGET,
): DiffOp[] {
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], aStart: number, bStart: number, count: number) => {
    if (count <= 0) return;
    const last = ops[ops.length - 1];
    if (
      last &&
      last.op === op &&
      last.aStart + (op === 'insert' ? 0 : last.count) === aStart &&
      last.bStart + (op === 'delete' ? 0 : last.count) === bStart
    ) {
      last.count += count;
    } else {
      ops.push({ op, aStart, bStart, count });
    }
  };
  const b0: Budget = { left: budget };

  const run = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    // Common prefix and suffix.
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      push('equal', aLo, bLo, 1);
      aLo++;
      bLo++;
    }
    let suffix = 0;
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      suffix++;
    }
    if (aLo === aHi) push('insert', aLo, bLo, bHi - bLo);
    else if (bLo === bHi) push('delete', aLo, bLo, aHi - aLo);
    else {
      const split = bisect(a, b, aLo, aHi, bLo, bHi, b0);
      if (split) {
        run(aLo, split[0], bLo, split[1]);
        run(split[0], aHi, split[1], bHi);
      } else {
        push('delete', aLo, bLo, aHi - aLo);
        push('insert', aHi, bLo, bHi - bLo);
      }
    }
    if (suffix) push('equal', aHi, bHi, suffix);
  };
  run(0, a.length, 0, b.length);
  return ops;
}

/**
 * Finds the middle snake of the edit graph between a[aLo..aHi) and b[bLo..bHi), walking forward
 * from the start and backward from the end until the paths overlap.
 * @returns the split point [x, y], or null when the budget ran out.
 */
function bisect(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  budget: Budget,
): [number, number] | null {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD;
  const size = 2 * maxD + 2;
  const v1 = new Int32Array(size).fill(-1);
  const v2 = new Int32Array(size).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  const front = delta % 2 !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < maxD; d++) {
    budget.left -= 2 * d + 1;
    if (budget.left < 0) return null;
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1o = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[k1o - 1] < v1[k1o + 1]) ? v1[k1o + 1] : v1[k1o - 1] + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
        x1++;
        y1++;
      }
      v1[k1o] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < size && v2[k2o] !== -1 && x1 >= n - v2[k2o])
          return [aLo + x1, bLo + y1];
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2o = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[k2o - 1] < v2[k2o + 1]) ? v2[k2o + 1] : v2[k2o - 1] + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) {
        x2++;
        y2++;
      }
      v2[k2o] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < size && v1[k1o] !== -1) {
          const x1 = v1[k1o];
          const y1 = offset + x1 - k1o;
          if (x1 >= n - x2) return [aLo + x1, bLo + y1];
        }
      }
    }
  }
  return null;
}

/** Maps tokens to small integers so comparisons are cheap; equal strings get equal ids. */
function toIds(a: string[], b: string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const map = (xs: string[]) => {
    const out = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      let id = ids.get(xs[i]);
      if (id === undefined) {
        id = ids.size;
        ids.set(xs[i], id);
      }
      out[i] = id;
    }
    return out;
  };
  return [map(a), map(b)];
}

/** Splits text into lines (a final newline does not make an empty last line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Words, runs of spaces and single punctuation marks: what a reader sees as changed. */
export function splitWords(line: string): string[] {
  return line.match(/[\p{L}\p{N}_'’]+|\s+|[^\p{L}\p{N}_'’\s]/gu) ?? [];
}

/**
 * Word-level detail of a changed line pair.
 * @returns the old line's pieces (equal/delete) and the new line's (equal/insert), adjacent
 *   pieces with the same op merged; null when the lines share too little for the detail to help.
 */
export function diffWords(
  oldLine: string,
  newLine: string,
): { old: WordPiece[]; new: WordPiece[] } | null {
  const wa = splitWords(oldLine);
  const wb = splitWords(newLine);
  const [ia, ib] = toIds(wa, wb);
  const ops = diffSequences(ia, ib, 200_000);
  const oldPieces: WordPiece[] = [];
  const newPieces: WordPiece[] = [];
  let same = 0;
  const add = (list: WordPiece[], op: WordPiece['op'], text: string) => {
    const last = list[list.length - 1];
    if (last && last.op === op) last.text += text;
    else list.push({ op, text });
  };
  for (const o of ops) {
    if (o.op === 'equal') {
      const text = wa.slice(o.aStart, o.aStart + o.count).join('');
      same += text.trim().length;
      add(oldPieces, 'equal', text);
      add(newPieces, 'equal', text);
    } else if (o.op === 'delete')
      add(oldPieces, 'delete', wa.slice(o.aStart, o.aStart + o.count).join(''));
    else add(newPieces, 'insert', wb.slice(o.bStart, o.bStart + o.count).join(''));
  }
  const longest = Math.max(oldLine.trim().length, newLine.trim().length);
  // Below a fifth in common, word marks are noise: the line was rewritten, show it whole.
  if (longest > 0 && same / longest < 0.2) return null;
  return { old: oldPieces, new: newPieces };
}

/**
 * Line diff of two texts, grouped into hunks; replaced lines that pair up (the i-th removed line
 * with the i-th added one) carry word-level detail, for the first 256 K characters of such pairs.
 */
export function diffTexts(oldText: string, newText: string): DiffHunk[] {
  const la = splitLines(oldText);
  const lb = splitLines(newText);
  const [ia, ib] = toIds(la, lb);
  const ops = diffSequences(ia, ib);
  const hunks: DiffHunk[] = [];
  let wordChars = WORD_DETAIL_CHARS;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (o.op === 'equal') {
      const lines: DiffLine[] = [];
      for (let k = 0; k < o.count; k++) {
        lines.push({
          op: 'equal',
          text: la[o.aStart + k],
          oldNumber: o.aStart + k + 1,
          newNumber: o.bStart + k + 1,
        });
      }
      hunks.push({ op: 'equal', lines });
      continue;
    }
    // A delete run followed by an insert run (or the reverse) is one replacement.
    let del: DiffOp | undefined;
    let ins: DiffOp | undefined;
    if (o.op === 'delete') del = o;
    else ins = o;
    const next = ops[i + 1];
    if (next && next.op !== 'equal' && next.op !== o.op) {
      if (next.op === 'delete') del = next;
      else ins = next;
      i++;
    }
    const deleted: DiffLine[] = [];
    const inserted: DiffLine[] = [];
    if (del)
      for (let k = 0; k < del.count; k++)
        deleted.push({ op: 'delete', text: la[del.aStart + k], oldNumber: del.aStart + k + 1 });
    if (ins)
      for (let k = 0; k < ins.count; k++)
        inserted.push({ op: 'insert', text: lb[ins.bStart + k], newNumber: ins.bStart + k + 1 });
    if (del && ins) {
      const pairs = Math.min(deleted.length, inserted.length);
      for (let k = 0; k < pairs; k++) {
        wordChars -= deleted[k].text.length + inserted[k].text.length;
        if (wordChars < 0) break;
        const words = diffWords(deleted[k].text, inserted[k].text);
        if (words) {
          deleted[k].words = words.old;
          inserted[k].words = words.new;
        }
      }
    }
    hunks.push({
      op: del && ins ? 'replace' : del ? 'delete' : 'insert',
      lines: [...deleted, ...inserted],
    });
  }
  return hunks;
}
