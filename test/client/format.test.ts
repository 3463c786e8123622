import { describe, expect, it } from 'vitest';
import { titleForMissingLink, titleFromSlug } from '../../client/format.js';
import { slugify } from '../../server/wiki/slug.js';
import { safeNext } from '../../client/components/auth-form.js';

describe('titles proposed for pages not written yet', () => {
  it('takes the link text when it names the page, with a capital', () => {
    expect(titleForMissingLink('compost-collectif', 'Compost collectif', slugify)).toBe('Compost collectif');
    expect(titleForMissingLink('gouvernance-partagee', 'gouvernance partagée', slugify)).toBe('Gouvernance partagée');
  });

  it('guesses from the slug when the link shows another text', () => {
    expect(titleForMissingLink('statuts-d-une-scic', 'nos statuts', slugify)).toBe('Statuts d une scic');
    expect(titleFromSlug('compost-collectif')).toBe('Compost collectif');
  });
});

describe('where to go after logging in', () => {
  it('keeps paths of this site and refuses anything else', () => {
    expect(safeNext('/wiki/accueil/edit')).toBe('/wiki/accueil/edit');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
