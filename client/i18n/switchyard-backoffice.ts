import type { Catalogue } from './index.js';

/** Strings of the switchyard's back-office screens (queue, dashboard, sub-menu) and the place picker. */
export const switchyardBackoffice: Catalogue = {
  fr: {
    'syb.placeByName': 'Votre lieu (tapez son nom, facultatif)',
    'syb.nav.label': 'Aiguillage',
    'syb.problem': 'Problème',
    'syb.unassigned': 'non attribuée',
    'syb.queueReserved':
      'La file des demandes est réservée à l’équipe d’animation. Vos propres demandes sont dans « Mes demandes ».',
    'syb.missingReserved':
      'Les communs manquants sont suivis par l’équipe d’animation. Vos propres demandes sont dans « Mes demandes ».',
    'syb.loginFirst': 'Connectez-vous pour suivre vos demandes.',
    'syb.missingEmpty':
      'Aucun commun manquant sur cette période : chaque demande marquée « commun manquant » apparaîtra ici, regroupée par thème.',
    'syb.missingNone': 'Aucune demande n’est marquée « commun manquant » pour l’instant.',
    'syb.csvFr': 'Exporter en CSV (Excel en français)',
    'syb.csvEn': 'CSV international (virgules)',
    'syb.networkHint': 'Choisissez un réseau connu ou tapez son nom.',
    'syb.filters': 'Filtres du tableau de bord',
    'syb.exports': 'Exporter les chiffres',
    'syb.statusFilter': 'Filtrer par statut',
    'syb.statusColumn': 'Statut',
    'syb.historyEmpty':
      'Rien encore : les notes, changements de statut et réponses de l’équipe s’afficheront ici.',
    'syb.thesaurusReadOnly':
      'Consultation seule : le champ lexical est modifié par l’équipe d’animation (facilitateur·rices et administrateur·rices).',
    'syb.thesaurusReserved':
      'Seule l’équipe d’animation (facilitateur·rices et administrateur·rices) peut modifier le champ lexical.',
  },
  en: {
    'syb.placeByName': 'Your place (type its name, optional)',
    'syb.nav.label': 'Switchyard',
    'syb.problem': 'Problem',
    'syb.unassigned': 'unassigned',
    'syb.queueReserved':
      'The request queue is for the facilitation team. Your own requests are in “My requests”.',
    'syb.missingReserved':
      'Missing commons are followed by the facilitation team. Your own requests are in “My requests”.',
    'syb.loginFirst': 'Log in to follow your requests.',
    'syb.missingEmpty':
      'No missing commons in this period: every request marked “missing commons” will show here, grouped by theme.',
    'syb.missingNone': 'No request is marked “missing commons” yet.',
    'syb.csvFr': 'Export as CSV (French Excel)',
    'syb.csvEn': 'International CSV (commas)',
    'syb.networkHint': 'Pick a known network or type its name.',
    'syb.filters': 'Dashboard filters',
    'syb.exports': 'Export the figures',
    'syb.statusFilter': 'Filter by status',
    'syb.statusColumn': 'Status',
    'syb.historyEmpty': 'Nothing yet: the team’s notes, status changes and answers will show here.',
    'syb.thesaurusReadOnly':
      'Read only: the vocabulary is edited by the facilitation team (facilitators and admins).',
    'syb.thesaurusReserved':
      'Only the facilitation team (facilitators and admins) may change the vocabulary.',
  },
};
