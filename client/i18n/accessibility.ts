import type { Catalogue } from './index.js';

/** The accessibility statement (déclaration d'accessibilité, RGAA 4.1 model) and the site footer. */
export const accessibility: Catalogue = {
  fr: {
    'footer.label': 'Pied de page',
    'footer.a11y': 'Accessibilité : non conforme',
    'footer.api': 'API',
    'footer.source': 'Logiciel libre (AGPL)',
    'a11y.title': 'Déclaration d’accessibilité',
    'a11y.intro':
      'Le réseau qui publie ce site s’engage à le rendre accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.',
    'a11y.scope':
      'Cette déclaration d’accessibilité s’applique à {site}, instance du logiciel Lieux Communs.',
    'a11y.state': 'État de conformité',
    'a11y.state.text':
      '{site} est non conforme avec le RGAA version 4.1 (référentiel général d’amélioration de l’accessibilité) : aucun audit complet de ses 106 critères n’a encore été réalisé, ce qui, selon le RGAA, ne permet pas de déclarer une conformité même partielle.',
    'a11y.state.ongoing':
      'En attendant cet audit, chaque version du logiciel est vérifiée par les tests automatiques et le parcours au clavier décrits ci-dessous : une anomalie grave ou critique empêche la version d’être publiée.',
    'a11y.results': 'Résultats des tests',
    'a11y.results.summary':
      'Tests automatiques du {date} : {screens} écrans vérifiés avec {tool}, soit {rules} règles couvrant les critères WCAG 2.1 de niveaux A et AA (ceux auxquels renvoie le RGAA 4.1), en thème clair et en thème sombre.',
    'a11y.results.clean': '{clean} écrans sur {screens} sans aucune anomalie détectée.',
    'a11y.results.levels': 'Anomalies par niveau de gravité',
    'a11y.results.level': 'Gravité',
    'a11y.results.count': 'Règles en échec (écran par écran)',
    'a11y.impact.critical': 'Critique',
    'a11y.impact.serious': 'Grave',
    'a11y.impact.moderate': 'Modérée',
    'a11y.impact.minor': 'Mineure',
    'a11y.results.screens': 'Écrans vérifiés',
    'a11y.results.screen': 'Écran',
    'a11y.results.path': 'Adresse',
    'a11y.results.viewer': 'Vu par',
    'a11y.results.passed': 'Règles respectées',
    'a11y.results.review': 'À vérifier à la main',
    'a11y.results.violations': 'Anomalies',
    'a11y.results.none': 'aucune',
    'a11y.results.loading': 'Chargement des résultats…',
    'a11y.results.error': 'Les résultats des tests n’ont pas pu être chargés : {message}',
    'a11y.viewer.anonymous': 'visiteur',
    'a11y.viewer.reader': 'lecteur',
    'a11y.viewer.contributor': 'contributeur',
    'a11y.viewer.facilitator': 'animateur',
    'a11y.viewer.admin': 'administrateur',
    'a11y.manual': 'Critères vérifiés par le parcours au clavier',
    'a11y.manual.intro':
      'Un test rejoué à chaque version parcourt l’application au clavier seul, comme le ferait une personne qui ne peut pas utiliser de souris. Il vérifie les critères suivants :',
    'a11y.manual.1.6':
      'Critère 1.6 : les graphiques du tableau de bord ont une description détaillée (un tableau des mêmes chiffres) et chaque lieu de la carte est joignable par une liste.',
    'a11y.manual.7.3':
      'Critère 7.3 : les composants scriptés (barre d’outils et panneau des propriétés du co-éditeur, fenêtre « Contacter », liste des lieux de la carte) se manipulent au clavier.',
    'a11y.manual.10.7': 'Critère 10.7 : la prise de focus est visible sur chaque élément atteint.',
    'a11y.manual.12.7': 'Critère 12.7 : un lien d’évitement mène au contenu principal.',
    'a11y.manual.12.8': 'Critère 12.8 : l’ordre de tabulation suit l’ordre de lecture.',
    'a11y.manual.12.9':
      'Critère 12.9 : aucun piège au clavier ; les fenêtres modales gardent le focus tant qu’elles sont ouvertes et le rendent à leur fermeture.',
    'a11y.manual.rest':
      'Les autres critères n’ont pas été vérifiés par une personne. Ceux qui demandent un jugement humain (pertinence des textes alternatifs, des titres et des intitulés de liens, restitution par un lecteur d’écran) ne sont couverts qu’en partie par les règles automatiques.',
    'a11y.nonAccessible': 'Contenus non accessibles',
    'a11y.nonConform': 'Non-conformités',
    'a11y.nonConform.none':
      'Les tests automatiques n’ont relevé aucune anomalie. Les critères qui n’ont pas été audités peuvent en cacher.',
    'a11y.nonConform.rule': '{rule} ({impact}) : {screens}',
    'a11y.derogations': 'Dérogations pour charge disproportionnée',
    'a11y.derogations.none': 'Aucune.',
    'a11y.exempt': 'Contenus non soumis à l’obligation d’accessibilité',
    'a11y.exempt.tiles':
      'Les fonds de carte d’OpenStreetMap, contenus de tiers. La carte n’est jamais le seul accès à un lieu : chaque carte est accompagnée de la liste des mêmes lieux.',
    'a11y.exempt.wiki':
      'Les textes rédigés par les membres dans le wiki et les fiches : leur accessibilité dépend de leurs auteurs (titres, textes des liens).',
    'a11y.made': 'Établissement de cette déclaration',
    'a11y.made.date':
      'Cette déclaration a été établie le {date}, date de la dernière exécution des tests automatiques.',
    'a11y.made.tech': 'Technologies utilisées pour la réalisation du site',
    'a11y.made.techList': 'HTML5, CSS, JavaScript (composants web Lit), WAI-ARIA, SVG',
    'a11y.made.env': 'Environnement de test',
    'a11y.made.envText':
      '{browser}, piloté par Playwright, sur Linux. Aucun test n’a encore été fait avec un lecteur d’écran (NVDA, JAWS, VoiceOver, Orca).',
    'a11y.made.tools': 'Outils pour évaluer l’accessibilité',
    'a11y.made.toolsText':
      '{tool} (règles WCAG 2.1 A et AA) ; test automatisé de parcours au clavier ; émulation des thèmes clair et sombre du système.',
    'a11y.made.pages': 'Pages du site ayant fait l’objet de la vérification de conformité',
    'a11y.made.pagesText': 'Les {screens} écrans du tableau « Écrans vérifiés » ci-dessus.',
    'a11y.contact': 'Retour d’information et contact',
    'a11y.contact.text':
      'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable de ce site pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.',
    'a11y.contact.email': 'Écrire à {value}',
    'a11y.contact.url': 'Formulaire de contact',
    'a11y.contact.none':
      'Le responsable de ce site n’a pas encore indiqué d’adresse de contact (réglage LC_A11Y_CONTACT). Vous pouvez signaler le problème aux animateurs de votre réseau.',
    'a11y.recourse': 'Voies de recours',
    'a11y.recourse.text':
      'Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services et vous n’avez pas obtenu de réponse satisfaisante.',
    'a11y.recourse.form': 'Écrire un message au Défenseur des droits',
    'a11y.recourse.delegate': 'Contacter le délégué du Défenseur des droits dans votre région',
    'a11y.recourse.post':
      'Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07',
  },
  en: {
    'footer.label': 'Footer',
    'footer.a11y': 'Accessibility: not compliant',
    'footer.api': 'API',
    'footer.source': 'Free software (AGPL)',
    'a11y.title': 'Accessibility statement',
    'a11y.intro':
      'The network publishing this site is committed to making it accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005.',
    'a11y.scope':
      'This accessibility statement applies to {site}, an instance of the Lieux Communs software.',
    'a11y.state': 'Compliance status',
    'a11y.state.text':
      '{site} is not compliant with RGAA version 4.1 (the French accessibility framework): no full audit of its 106 criteria has been carried out yet, and without one the RGAA does not allow declaring even partial compliance.',
    'a11y.state.ongoing':
      'Until that audit, every version of the software is checked by the automated tests and the keyboard walkthrough described below: a serious or critical issue stops the version from being released.',
    'a11y.results': 'Test results',
    'a11y.results.summary':
      'Automated tests of {date}: {screens} screens checked with {tool}, {rules} rules covering the WCAG 2.1 level A and AA criteria (those RGAA 4.1 refers to), with the light and the dark theme.',
    'a11y.results.clean': '{clean} of {screens} screens without any detected issue.',
    'a11y.results.levels': 'Issues by severity',
    'a11y.results.level': 'Severity',
    'a11y.results.count': 'Failed rules (screen by screen)',
    'a11y.impact.critical': 'Critical',
    'a11y.impact.serious': 'Serious',
    'a11y.impact.moderate': 'Moderate',
    'a11y.impact.minor': 'Minor',
    'a11y.results.screens': 'Screens checked',
    'a11y.results.screen': 'Screen',
    'a11y.results.path': 'Address',
    'a11y.results.viewer': 'Seen by',
    'a11y.results.passed': 'Rules passed',
    'a11y.results.review': 'To check by hand',
    'a11y.results.violations': 'Issues',
    'a11y.results.none': 'none',
    'a11y.results.loading': 'Loading the results…',
    'a11y.results.error': 'The test results could not be loaded: {message}',
    'a11y.viewer.anonymous': 'visitor',
    'a11y.viewer.reader': 'reader',
    'a11y.viewer.contributor': 'contributor',
    'a11y.viewer.facilitator': 'facilitator',
    'a11y.viewer.admin': 'administrator',
    'a11y.manual': 'Criteria checked by the keyboard walkthrough',
    'a11y.manual.intro':
      'A test replayed with every version goes through the application with the keyboard only, as someone who cannot use a mouse would. It checks these criteria:',
    'a11y.manual.1.6':
      'Criterion 1.6: the dashboard’s charts have a detailed description (a table of the same figures) and every place on the map can be reached through a list.',
    'a11y.manual.7.3':
      'Criterion 7.3: scripted components (the co-editor’s toolbar and properties panel, the “Contact” dialog, the map’s list of places) can be operated with the keyboard.',
    'a11y.manual.10.7': 'Criterion 10.7: focus is visible on every element reached.',
    'a11y.manual.12.7': 'Criterion 12.7: a skip link leads to the main content.',
    'a11y.manual.12.8': 'Criterion 12.8: the tab order follows the reading order.',
    'a11y.manual.12.9':
      'Criterion 12.9: no keyboard trap; modal dialogs keep the focus while open and give it back when closed.',
    'a11y.manual.rest':
      'The other criteria have not been checked by a person. Those that need human judgement (relevance of text alternatives, headings and link texts, screen reader output) are only partly covered by the automated rules.',
    'a11y.nonAccessible': 'Non-accessible content',
    'a11y.nonConform': 'Non-compliance',
    'a11y.nonConform.none':
      'The automated tests found no issue. The criteria that were not audited may hide some.',
    'a11y.nonConform.rule': '{rule} ({impact}): {screens}',
    'a11y.derogations': 'Exemptions for disproportionate burden',
    'a11y.derogations.none': 'None.',
    'a11y.exempt': 'Content not subject to the accessibility obligation',
    'a11y.exempt.tiles':
      'OpenStreetMap’s map tiles, third-party content. The map is never the only way to reach a place: every map comes with the list of the same places.',
    'a11y.exempt.wiki':
      'Texts written by members in the wiki and the records: their accessibility depends on their authors (headings, link texts).',
    'a11y.made': 'Preparation of this statement',
    'a11y.made.date':
      'This statement was prepared on {date}, the date of the last run of the automated tests.',
    'a11y.made.tech': 'Technologies the site relies on',
    'a11y.made.techList': 'HTML5, CSS, JavaScript (Lit web components), WAI-ARIA, SVG',
    'a11y.made.env': 'Test environment',
    'a11y.made.envText':
      '{browser}, driven by Playwright, on Linux. No test has been made with a screen reader yet (NVDA, JAWS, VoiceOver, Orca).',
    'a11y.made.tools': 'Tools used to evaluate accessibility',
    'a11y.made.toolsText':
      '{tool} (WCAG 2.1 A and AA rules); automated keyboard walkthrough; emulation of the system’s light and dark themes.',
    'a11y.made.pages': 'Pages checked for compliance',
    'a11y.made.pagesText': 'The {screens} screens of the “Screens checked” table above.',
    'a11y.contact': 'Feedback and contact',
    'a11y.contact.text':
      'If you cannot access some content or a service, you can contact the person in charge of this site to be directed to an accessible alternative or to get the content in another form.',
    'a11y.contact.email': 'Write to {value}',
    'a11y.contact.url': 'Contact form',
    'a11y.contact.none':
      'The person in charge of this site has not given a contact address yet (setting LC_A11Y_CONTACT). You can report the problem to your network’s facilitators.',
    'a11y.recourse': 'Remedies',
    'a11y.recourse.text':
      'Use this procedure if you have reported an accessibility problem to the person in charge of the site that keeps you from reaching some content or a service, and have not received a satisfactory answer.',
    'a11y.recourse.form': 'Write to the Défenseur des droits (French rights ombudsman)',
    'a11y.recourse.delegate': 'Contact the Défenseur des droits’ delegate in your region',
    'a11y.recourse.post':
      'Send a letter by post (free of charge, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07',
  },
};
