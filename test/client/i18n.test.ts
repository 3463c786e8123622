import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_MESSAGES, type Catalogue } from '../../client/i18n/index.js';

const ROOT = new URL('../../client/', import.meta.url).pathname;
const I18N = join(ROOT, 'i18n');

/** Every catalogue exported by a file of client/i18n (whatever its export name). */
async function catalogues(): Promise<[string, Catalogue][]> {
  const out: [string, Catalogue][] = [];
  for (const file of readdirSync(I18N).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
    const mod = (await import(join(I18N, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (value && typeof value === 'object' && 'fr' in value && 'en' in value)
        out.push([`${file}:${name}`, value as Catalogue]);
    }
  }
  return out;
}

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('message catalogues', () => {
  it('has the same keys in French and English in every catalogue, none empty', async () => {
    const cats = await catalogues();
    expect(cats.length).toBeGreaterThanOrEqual(2);
    for (const [name, cat] of cats) {
      const fr = Object.keys(cat.fr).sort();
      const en = Object.keys(cat.en).sort();
      expect(en, `${name}: keys in French but not in English, or the reverse`).toEqual(fr);
      for (const lang of ['fr', 'en'] as const) {
        for (const [key, value] of Object.entries(cat[lang])) {
          expect(value.trim(), `${name} ${lang} ${key} is empty`).not.toBe('');
        }
      }
    }
  });

  it('uses the same {placeholders} in both languages', async () => {
    for (const [name, cat] of await catalogues()) {
      for (const key of Object.keys(cat.fr)) {
        const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(ph(cat.en[key] ?? ''), `${name} ${key}`).toEqual(ph(cat.fr[key]));
      }
    }
  });

  it('defines every literal key the client passes to t()', () => {
    const missing: string[] = [];
    for (const file of sources(ROOT)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) {
        if (!(m[1] in ALL_MESSAGES.fr)) missing.push(`${file.slice(ROOT.length)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('agrees counts with {n:singular|plural} forms, never with “(s)”, in both languages', async () => {
    for (const [name, cat] of await catalogues()) {
      for (const lang of ['fr', 'en'] as const)
        for (const [key, value] of Object.entries(cat[lang]))
          expect(value, `${name} ${lang} ${key}`).not.toMatch(/\w\((s|x|e|es)\)/);
    }
  });
});
