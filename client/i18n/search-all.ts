import type { Catalogue } from './index.js';

/** Strings of the search results grouped by kind. */
export const searchAllMessages: Catalogue = {
  fr: {
    'searchAll.pages': 'Pages du wiki',
    'searchAll.communs': 'Communs',
    'searchAll.places': 'Lieux',
    'searchAll.people': 'Personnes',
    'searchAll.more': '{shown} premiers sur {total}',
    'searchAll.none': 'Rien ne correspond à cette recherche, ni dans le wiki, ni dans les communs, les lieux ou les personnes.',
    'searchAll.seeAll': 'Voir tous les résultats',
  },
  en: {
    'searchAll.pages': 'Wiki pages',
    'searchAll.communs': 'Commons',
    'searchAll.places': 'Places',
    'searchAll.people': 'People',
    'searchAll.more': 'first {shown} of {total}',
    'searchAll.none': 'Nothing matches this search, in the wiki, the commons, the places or the people.',
    'searchAll.seeAll': 'See every result',
  },
};
