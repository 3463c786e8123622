import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { collab } from '../../client/i18n/collab.js';

describe('co-editor strings', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(collab.en).sort()).toEqual(Object.keys(collab.fr).sort());
    for (const lang of [collab.fr, collab.en])
      for (const v of Object.values(lang)) expect(v.trim()).not.toBe('');
  });

  it('defines every key the editor uses', () => {
    // The editor and the parts it is made of (set-up and toolbar, properties panel, presence).
    const source = [
      'lc-collab-editor.ts',
      'collab-editor-setup.ts',
      'collab-editor-props.ts',
      'collab-editor-presence.ts',
    ]
      .map((f) => readFileSync(new URL(`../../client/components/${f}`, import.meta.url), 'utf8'))
      .join('\n');
    const used = [...source.matchAll(/t\(\s*[`'](collab\.[\w.]+)/g)].map((m) => m[1]);
    const statuses = ['connecting', 'connected', 'offline', 'refused'].map(
      (s) => `collab.status.${s}`,
    );
    expect(used.length).toBeGreaterThan(5);
    for (const key of [...used.filter((k) => !k.endsWith('.')), ...statuses])
      expect(collab.fr[key], key).toBeTruthy();
  });
});
