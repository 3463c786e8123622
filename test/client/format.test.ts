import { describe, expect, it } from 'vitest';
import { titleForMissingLink, titleFromSlug } from '../../client/format.js';
import { slugify } from '../../registry/text/slug.js';
import { fieldErrors, safeNext } from '../../client/components/auth-form.js';
import { ApiError } from '../../client/api/http.js';

describe('titles proposed for pages not written yet', () => {
  it('takes the link text when it names the page, with a capital', () => {
    expect(titleForMissingLink('compost-collectif', 'Compost collectif', slugify)).toBe(
      'Compost collectif',
    );
    expect(titleForMissingLink('gouvernance-partagee', 'gouvernance partagée', slugify)).toBe(
      'Gouvernance partagée',
    );
  });

  it('guesses from the slug when the link shows another text', () => {
    expect(titleForMissingLink('statuts-d-une-scic', 'nos statuts', slugify)).toBe(
      'Statuts d une scic',
    );
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

describe('form errors from the API', () => {
  it('names every invalid field of a registration, in French', () => {
    const err = new ApiError(400, 'validation_failed', 'email: Invalid email address', {
      field: 'email',
      issues: [
        { field: 'email', message: 'Invalid email address' },
        { field: 'password', message: 'Too small: expected string to have >=8 characters' },
      ],
    });
    expect(fieldErrors(err)).toEqual({
      email: 'Cette adresse e-mail n’est pas valide.',
      password: 'Le mot de passe doit compter au moins 8 caractères.',
    });
  });

  it('tells that an e-mail is taken', () => {
    const err = new ApiError(409, 'conflict', 'email: an account already exists for this e-mail', {
      field: 'email',
    });
    expect(fieldErrors(err)).toEqual({ email: 'Un compte existe déjà pour cette adresse e-mail.' });
  });
});
