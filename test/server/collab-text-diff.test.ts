import { describe, expect, it } from 'vitest';
import { applyEdits, diffText } from '../../server/collab/text-diff.js';

/** A small deterministic pseudo-random generator (tests must be reproducible). */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('text diff for forward changes', () => {
  it('finds small edits in the middle of a long text', () => {
    const a = 'Un.\nDeux.\nTrois.\nQuatre.\n';
    const b = 'Un.\nDeux, modifié.\nTrois.\nQuatre.\nCinq.\n';
    const edits = diffText(a, b);
    expect(applyEdits(a, edits)).toBe(b);
    expect(edits).toHaveLength(2);
    expect(edits[0]).toEqual({ index: 8, deleteCount: 0, insert: ', modifié' });
    expect(edits[1].deleteCount).toBe(0);
    expect(edits[1].insert).toHaveLength('Cinq.\n'.length);
  });

  it('never splits a surrogate pair', () => {
    const a = 'a😀b';
    const b = 'a😃b';
    const edits = diffText(a, b);
    expect(applyEdits(a, edits)).toBe(b);
    expect(edits[0].deleteCount).toBe(2);
    expect(edits[0].insert).toBe('😃');
  });

  it('turns any text into any other (random cases, including the whole-block fallback)', () => {
    const next = rng(42);
    const words = ['lieu', 'commun', '\n', 'tiers', 'é', '😀', ' ', '# titre\n', 'atelier'];
    const text = (n: number) =>
      Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const a = text(Math.floor(next() * 60));
      let b = a;
      const changes = Math.floor(next() * 5);
      for (let k = 0; k < changes; k++) {
        const at = Math.floor(next() * (b.length + 1));
        b = b.slice(0, at) + text(Math.floor(next() * 4)) + b.slice(at + Math.floor(next() * 6));
      }
      expect(applyEdits(a, diffText(a, b))).toBe(b);
      expect(applyEdits(a, diffText(a, b, 1))).toBe(b);
    }
  });
});
