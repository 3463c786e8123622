import type { RegistrySnapshot } from '../../registry/types.js';

/**
 * A small, invented registry for switchyard behaviour tests (no link with the benchmark corpus).
 * Gestasso: membership + accounting; Bailtype: lease template; Visiolibre: video calls;
 * Vieilcompte: archived accounting tool; Comptapro: proprietary accounting service.
 */
export function fixtureRegistry(): RegistrySnapshot & { bundle: Record<string, unknown> } {
  const snapshot: RegistrySnapshot = {
    resources: [
      {
        slug: 'gestasso',
        name: 'Gestasso',
        kind: 'software',
        summary:
          'Logiciel libre pour tenir le fichier des adhérents, suivre les adhésions et la comptabilité d\u2019une association.',
        themes: ['gestion'],
        license: 'AGPL-3.0',
      },
      {
        slug: 'bailtype',
        name: 'Bailtype',
        kind: 'legal-template',
        summary:
          'Modèle de bail commenté pour louer un local à une association, avec les clauses à négocier.',
        themes: ['juridique', 'foncier'],
        license: 'CC-BY-SA-4.0',
      },
      {
        slug: 'visiolibre',
        name: 'Visiolibre',
        kind: 'software',
        summary: 'Visioconférence libre dans le navigateur, sans compte ni limite de durée.',
        themes: ['numerique'],
        license: 'Apache-2.0',
      },
      {
        slug: 'vieilcompte',
        name: 'Vieilcompte',
        kind: 'software',
        summary:
          'Ancien logiciel de comptabilité associative, comptabilité en partie double, comptabilité simple.',
        themes: ['gestion'],
        license: 'GPL-2.0',
        status: 'archived',
      },
      {
        slug: 'comptapro',
        name: 'Comptapro',
        kind: 'service',
        summary: 'Service en ligne de comptabilité pour associations.',
        themes: ['gestion'],
        license: 'proprietary',
      },
      {
        slug: 'comptalibre',
        name: 'Comptalibre',
        kind: 'software',
        summary: 'Service en ligne de comptabilité pour associations.',
        themes: ['gestion'],
        license: 'AGPL-3.0',
      },
    ],
    places: [
      {
        slug: 'lieu-nord',
        name: 'Le Lieu du Nord',
        region: 'Hauts-de-France',
        networks: ['cercle-nord'],
        lat: 50.63,
        lon: 3.06,
      },
      {
        slug: 'lieu-ouest',
        name: 'Le Lieu de l\u2019Ouest',
        region: 'Bretagne',
        lat: 48.11,
        lon: -1.68,
      },
      {
        slug: 'lieu-voisin',
        name: 'Le Lieu Voisin',
        region: 'Hauts-de-France',
        networks: ['cercle-nord'],
        lat: 50.69,
        lon: 3.17,
      },
      { slug: 'lieu-sud', name: 'Le Lieu du Sud', region: 'Occitanie' },
    ],
    people: [
      {
        slug: 'alice',
        name: 'Alice Martin',
        place: 'lieu-nord',
        region: 'Hauts-de-France',
        themes: ['gestion'],
        skills: ['comptabilité associative'],
        contactable: true,
      },
      {
        slug: 'bruno',
        name: 'Bruno Le Gall',
        place: 'lieu-ouest',
        region: 'Bretagne',
        themes: ['gestion'],
        skills: ['comptabilité associative'],
        contactable: true,
      },
      {
        slug: 'carole',
        name: 'Carole Secret',
        place: 'lieu-sud',
        region: 'Occitanie',
        themes: ['gestion'],
        skills: ['comptabilité associative', 'Gestasso'],
        contactable: false,
      },
      {
        slug: 'denis',
        name: 'Denis Bail',
        place: 'lieu-voisin',
        region: 'Hauts-de-France',
        themes: ['juridique'],
        skills: ['baux', 'statuts'],
        contactable: true,
      },
      {
        slug: 'emma',
        name: 'Emma Visio',
        place: 'lieu-ouest',
        region: 'Bretagne',
        themes: ['numerique'],
        skills: ['visioconférence', 'Visiolibre'],
        contactable: true,
      },
    ],
    usages: [
      {
        resource: 'gestasso',
        place: 'lieu-nord',
        status: 'uses',
        note: 'Fichier des membres et compta depuis deux ans.',
      },
      { resource: 'gestasso', place: 'lieu-voisin', status: 'uses' },
      { resource: 'gestasso', place: 'lieu-ouest', status: 'uses' },
      {
        resource: 'visiolibre',
        place: 'lieu-ouest',
        status: 'uses',
        note: 'Réunions du conseil à distance.',
      },
    ],
    referents: [
      {
        resource: 'gestasso',
        person: 'alice',
        isExpert: true,
        note: 'Peut paramétrer les adhésions.',
      },
      {
        resource: 'gestasso',
        person: 'bruno',
        isExpert: true,
        note: 'Peut paramétrer les adhésions.',
      },
      { resource: 'gestasso', person: 'carole', isExpert: true, note: 'Développe Gestasso.' },
      { resource: 'bailtype', person: 'denis', isExpert: true },
      { resource: 'visiolibre', person: 'emma', isExpert: false },
    ],
  };
  return { ...snapshot, bundle: { format: 'commons-bundle/1', ...snapshot } };
}

/** A resource the fixture registry lacks, which tests create through the API (a shared garden shredder). */
export const BROYEUR = {
  slug: 'broyeur-commun',
  name: 'Broyeur commun',
  kind: 'hardware',
  summary: 'Un broyeur de végétaux prêté entre jardins partagés.',
  themes: ['transition'],
};
