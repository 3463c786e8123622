import { describe, expect, it } from 'vitest';
import { registry } from '../../client/i18n/registry.js';
import {
  distanceKm,
  facetLabel,
  fieldRoot,
  formatKm,
  hasRole,
  themeShort,
} from '../../client/lib/registry-format.js';

describe('registry client helpers', () => {
  it('has the same message keys in French and English, none empty', () => {
    expect(Object.keys(registry.en).sort()).toEqual(Object.keys(registry.fr).sort());
    for (const lang of ['fr', 'en'] as const)
      for (const [k, v] of Object.entries(registry[lang]))
        expect(v.trim(), `${lang} ${k}`).not.toBe('');
  });

  it('measures great-circle distances (Paris–Lyon ≈ 392 km) and formats them', () => {
    expect(distanceKm(48.8566, 2.3522, 45.764, 4.8357)).toBeGreaterThan(385);
    expect(distanceKm(48.8566, 2.3522, 45.764, 4.8357)).toBeLessThan(400);
    expect(distanceKm(50.69, 3.17, 50.69, 3.17)).toBe(0);
    expect(formatKm(0.4)).toBe('< 1');
  });

  it('reads the form field named by an API error', () => {
    expect(fieldRoot('themes.0')).toBe('themes');
    expect(fieldRoot('body.summary')).toBe('summary');
    expect(fieldRoot('license')).toBe('license');
    expect(fieldRoot(undefined)).toBeNull();
  });

  it('labels facet values in French and keeps unknown values readable', () => {
    expect(facetLabel('kind', 'legal-template')).toBe('Modèle juridique');
    expect(facetLabel('qualification', 'under-review')).toBe("En cours d'examen");
    expect(facetLabel('license', 'proprietary')).toBe('Propriétaire');
    expect(facetLabel('kind', 'spaceship')).toBe('spaceship');
    expect(facetLabel('region', 'Bretagne')).toBe('Bretagne');
    expect(themeShort('gestion')).toBe('Outils de gestion');
  });

  it('compares roles like the server does', () => {
    expect(hasRole({ role: 'facilitator' }, 'contributor')).toBe(true);
    expect(hasRole({ role: 'contributor' }, 'facilitator')).toBe(false);
    expect(hasRole(null, 'reader')).toBe(false);
  });
});
