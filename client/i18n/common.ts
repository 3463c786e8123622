import type { Catalogue } from './index.js';

/** Strings of the application shell. */
export const common: Catalogue = {
  fr: {
    'app.name': 'Lieux Communs',
    'nav.home': 'Accueil',
    'nav.search': 'Rechercher',
    'nav.login': 'Se connecter',
    'nav.logout': 'Se déconnecter',
    'nav.register': 'Créer un compte',
    'nav.language': 'English',
    'error.generic': 'Une erreur est survenue : {message}',
    loading: 'Chargement…',
    'notFound.title': 'Page introuvable',
  },
  en: {
    'app.name': 'Lieux Communs',
    'nav.home': 'Home',
    'nav.search': 'Search',
    'nav.login': 'Log in',
    'nav.logout': 'Log out',
    'nav.register': 'Create an account',
    'nav.language': 'Français',
    'error.generic': 'Something went wrong: {message}',
    loading: 'Loading…',
    'notFound.title': 'Page not found',
  },
};
