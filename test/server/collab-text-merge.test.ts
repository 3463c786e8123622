import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/collab/text-diff.js';
import { mergeText } from '../../server/collab/text-merge.js';

/*
 * The three-way merge a co-editing room uses when its page was saved elsewhere while co-edits
 * were pending (base: the revision the room started from, ours: the live text, theirs: the save).
 */

/** A small deterministic pseudo-random generator (tests must be reproducible). */
function rng(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

describe('three-way merge of a co-edited text with a save made elsewhere', () => {
  it('takes each side’s changes to different lines or different words of a line', () => {
    expect(mergeText('a\nb\nc\n', 'a\nB\nc\n', 'a\nb\nC\n').text).toBe('a\nB\nC\n');
    expect(mergeText('hello world\n', 'hi world\n', 'hello there\n')).toMatchObject({
      text: 'hi there\n',
      conflicts: 0,
    });
    expect(mergeText('Début.', 'Début. Tapé juste avant.', 'Texte importé.').text).toBe(
      'Texte importé. Tapé juste avant.',
    );
  });

  it('keeps both versions of lines changed on both sides, the co-editors’ first', () => {
    expect(mergeText('a\nb\nc\n', 'a\nbX\nc\n', 'a\nbY\nc\n')).toMatchObject({
      text: 'a\nbX\nbY\nc\n',
      conflicts: 1,
    });
    // A page created elsewhere while a room was writing it: both texts, nothing lost.
    expect(mergeText('', '# Titre\n\nmon texte', '# Commun\n\nrésumé\n').text).toBe(
      '# Titre\n\nmon texte\n# Commun\n\nrésumé\n',
    );
    // Deleted on one side, changed on the other: the change is kept.
    expect(mergeText('one\ntwo\nthree\n', 'one\nthree\n', 'one\ntwo!\nthree\n').text).toBe(
      'one\ntwo!\nthree\n',
    );
    expect(mergeText('one\ntwo\nthree\n', 'one\ntwo!\nthree\n', 'one\nthree\n').text).toBe(
      'one\ntwo!\nthree\n',
    );
  });

  it('gives edits in the live text’s coordinates, sorted, that produce the merged text', () => {
    const next = rng(42);
    const words = ['a', 'b', 'dd', 'e e', '\n', '\n', 'x\n'];
    const gen = (n: number) => Array.from({ length: n }, () => words[next(words.length)]).join('');
    const mutate = (s: string) => {
      let out = s;
      for (let k = 1 + next(3); k > 0; k--) {
        const at = next(out.length + 1);
        out = out.slice(0, at) + gen(next(3)) + out.slice(at + next(4));
      }
      return out;
    };
    for (let i = 0; i < 1000; i++) {
      const base = gen(next(12));
      const [ours, theirs] = [mutate(base), mutate(base)];
      const m = mergeText(base, ours, theirs);
      expect(applyEdits(ours, m.edits)).toBe(m.text);
      let end = 0;
      for (const e of m.edits) {
        expect(e.index).toBeGreaterThanOrEqual(end);
        end = e.index + e.deleteCount;
      }
      expect(end).toBeLessThanOrEqual(ours.length);
      expect(mergeText(base, ours, base).text).toBe(ours);
      expect(mergeText(base, base, theirs).text).toBe(theirs);
    }
  });
});
