import type { Catalogue } from './index.js';

/** Strings of the search results grouped by kind. */
export const searchAllMessages: Catalogue = {
  fr: {
    'searchAll.pages': 'Pages du wiki',
    'searchAll.communs': 'Communs',
    'searchAll.places': 'Lieux',
    'searchAll.people': 'Personnes',
    'searchAll.events': 'Événements',
    'searchAll.eventPast': 'passé',
    'searchAll.more': '{shown} premiers sur {total}',
    'searchAll.none':
      'Rien ne correspond à cette recherche, ni dans le wiki, ni dans les communs, les lieux, les personnes ou les événements.',
    'searchAll.seeAll': 'Voir tous les résultats',
  },
  en: {
    'searchAll.pages': 'Wiki pages',
    'searchAll.communs': 'Commons',
    'searchAll.places': 'Places',
    'searchAll.people': 'People',
    'searchAll.events': 'Events',
    'searchAll.eventPast': 'past',
    'searchAll.more': 'first {shown} of {total}',
    'searchAll.none':
      'Nothing matches this search, in the wiki, the commons, the places, the people or the events.',
    'searchAll.seeAll': 'See every result',
  },
};
