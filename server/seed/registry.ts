import type { Database } from '../db/open.js';
import type { WikiServices } from '../../registry/wiki/services.js';
import { registryHooks } from '../registry-wiki.js';
import { importBundle, type Bundle } from '../../registry/bundle.js';
import { addAssessment, listCriteria } from '../../registry/qualification.js';

/**
 * French demo registry. Resources are real projects (names, kinds, licences and addresses as
 * published by them; a licence is left out where it could not be confirmed); every summary and
 * description is written for this demo. Places and people are fictional, in real cities with
 * real coordinates. Some people are not contactable, and so never shown.
 */
export const DEMO_REGISTRY: Bundle = {
  format: 'commons-bundle/1',
  resources: [
    {
      slug: 'paheko', name: 'Paheko', kind: 'software', themes: ['gestion'], license: 'AGPL-3.0', url: 'https://paheko.cloud',
      summary: 'Gestion d’association en ligne : adhérent·es, cotisations, comptabilité associative et petit site web.',
      description: 'Paheko réunit ce dont une petite structure a besoin pour tenir ses membres et ses comptes. La comptabilité suit le plan associatif, les cotisations se relancent en quelques clics, et l’outil s’auto-héberge ou s’utilise chez l’équipe qui le développe.',
      features: ['fichier des membres', 'suivi des cotisations', 'comptabilité en partie double', 'courriels groupés'],
      keywords: ['compta', 'adhésions', 'trésorerie', 'association loi 1901'], languages: ['fr'], developmentStatus: 'stable', maintenance: 'community',
      challenge: 'Tenir les comptes et le fichier des membres sans tableur fragile.', lockIn: 'Export CSV et ODS de toutes les données ; sauvegarde SQLite complète.',
      compliance: { rgpd: 'Données hébergées en France chez l’hébergeur associatif ; registre des traitements fourni.' },
    },
    {
      slug: 'dolibarr', name: 'Dolibarr', kind: 'software', themes: ['gestion'], license: 'GPL-3.0-or-later', url: 'https://www.dolibarr.org',
      summary: 'Progiciel de gestion modulaire : devis, factures, stocks, agenda et relation avec les usager·es.',
      description: 'Dolibarr s’active module par module : on commence par la facturation, on ajoute les stocks ou la gestion des adhérents plus tard. Une communauté francophone nombreuse et des prestataires locaux accompagnent les mises en place.',
      features: ['devis et factures', 'gestion des stocks', 'module adhérents', 'agenda partagé'], keywords: ['ERP', 'facturation', 'devis'],
      languages: ['fr', 'en'], developmentStatus: 'stable', maintenance: 'community', organisation: 'Association Dolibarr',
      providers: [{ name: 'Prestataires référencés sur le site de l’association', url: 'https://www.dolibarr.org' }],
    },
    {
      slug: 'nextcloud', name: 'Nextcloud', kind: 'software', themes: ['numerique'], license: 'AGPL-3.0', url: 'https://nextcloud.com',
      summary: 'Nuage de fichiers partagé avec agendas, contacts et édition de documents, hébergeable chez soi ou chez un CHATON.',
      description: 'Nextcloud remplace les services de stockage des grandes plateformes : partage de dossiers entre bénévoles, agendas communs, formulaires. De nombreux hébergeurs associatifs le proposent clés en main.',
      features: ['partage de fichiers', 'agendas et contacts', 'édition collaborative', 'formulaires'], keywords: ['cloud', 'drive', 'stockage'],
      languages: ['fr', 'en'], developmentStatus: 'stable', maintenance: 'community',
      lockIn: 'Les fichiers restent des fichiers ordinaires ; agendas et contacts en CalDAV / CardDAV standards.',
    },
    {
      slug: 'framadate', name: 'Framadate', kind: 'service', themes: ['numerique', 'animation'], license: 'CeCILL-B', url: 'https://framadate.org',
      summary: 'Sondages de dates et de choix sans inscription, proposés par Framasoft.',
      keywords: ['doodle', 'sondage', 'date de réunion'], languages: ['fr'], organisation: 'Framasoft', maintenance: 'community',
    },
    {
      slug: 'framaforms', name: 'Framaforms', kind: 'service', themes: ['numerique', 'evaluation'], license: 'GPL-2.0-or-later', url: 'https://framaforms.org',
      summary: 'Formulaires en ligne (inscriptions, questionnaires) hébergés par Framasoft, sans publicité ni pistage.',
      keywords: ['formulaire', 'questionnaire', 'inscription'], languages: ['fr'], organisation: 'Framasoft', maintenance: 'community',
    },
    {
      slug: 'openstreetmap', name: 'OpenStreetMap', kind: 'dataset', themes: ['numerique', 'communication'], license: 'ODbL-1.0', url: 'https://www.openstreetmap.org',
      summary: 'Carte du monde libre et contributive : on y inscrit son lieu et on réutilise les données dans ses propres cartes.',
      description: 'Une base géographique tenue par des contributeur·ices du monde entier. Un tiers-lieu peut s’y ajouter lui-même (horaires, accessibilité) et réutiliser les fonds de carte dans ses supports.',
      keywords: ['carte', 'cartographie', 'géodonnées'], maintenance: 'community', organisation: 'Fondation OpenStreetMap',
    },
    {
      slug: 'decidim', name: 'Decidim', kind: 'software', themes: ['gouvernance', 'collectivites'], license: 'AGPL-3.0', url: 'https://decidim.org',
      summary: 'Plateforme de participation : propositions, débats, budgets participatifs et assemblées en ligne.',
      description: 'Née à Barcelone et utilisée par de nombreuses collectivités, Decidim structure la participation d’une communauté : appels à propositions, votes, suivi des décisions. Adaptée aux grands réseaux plus qu’aux petits collectifs.',
      features: ['budgets participatifs', 'propositions et votes', 'assemblées', 'suivi des résultats'], keywords: ['participation citoyenne', 'concertation'],
      languages: ['fr', 'en', 'es', 'ca'], developmentStatus: 'stable', maintenance: 'community', governance: 'Association Decidim ; feuille de route publique et votée.',
    },
    {
      slug: 'mobilizon', name: 'Mobilizon', kind: 'software', themes: ['animation', 'communication'], license: 'AGPL-3.0', url: 'https://joinmobilizon.org',
      summary: 'Publier ses événements et animer ses groupes hors des réseaux sociaux commerciaux, en fédération.',
      keywords: ['agenda', 'événements', 'fédération', 'alternative facebook'], languages: ['fr', 'en'], developmentStatus: 'stable', maintenance: 'community',
    },
    {
      slug: 'communecter', name: 'Communecter', kind: 'software', themes: ['collectivites', 'animation'], url: 'https://www.communecter.org',
      summary: 'Réseau social territorial libre : acteurs, projets et événements d’un territoire sur une même carte.',
      keywords: ['réseau social', 'territoire', 'cartographie des acteurs'], languages: ['fr'], maintenance: 'community',
    },
    {
      slug: 'movilab', name: 'Movilab', kind: 'guide', themes: ['documentation'], url: 'https://movilab.org',
      summary: 'Wiki de référence des tiers-lieux : fiches de lieux, retours d’expérience et outils partagés depuis 2014.',
      keywords: ['wiki', 'tiers-lieux', 'documentation'], languages: ['fr'], maintenance: 'community',
    },
    {
      slug: 'statuts-scic', name: 'Modèle de statuts de SCIC pour tiers-lieu', kind: 'legal-template', themes: ['juridique', 'gouvernance'], license: 'CC-BY-SA-4.0',
      summary: 'Statuts commentés de société coopérative d’intérêt collectif, avec collèges d’associés adaptés à un tiers-lieu.',
      description: 'Un modèle à adapter : collèges (salarié·es, usager·es, collectivités, soutiens), pondération des votes, répartition des excédents. Chaque clause est suivie d’une note qui explique les choix possibles.',
      keywords: ['SCIC', 'coopérative', 'statuts', 'sociétariat'], languages: ['fr'],
    },
    {
      slug: 'statuts-association-collegiale', name: 'Modèle de statuts d’association à direction collégiale', kind: 'legal-template', themes: ['juridique', 'gouvernance'], license: 'CC-BY-SA-4.0',
      summary: 'Statuts d’association loi 1901 sans président·e : un collège solidaire partage la responsabilité.',
      keywords: ['association loi 1901', 'collégiale', 'statuts'], languages: ['fr'],
    },
    {
      slug: 'sociocratie-3-0', name: 'Sociocratie 3.0', kind: 'method', themes: ['gouvernance'], license: 'CC-BY-SA-4.0', url: 'https://sociocracy30.org',
      summary: 'Ensemble de pratiques de gouvernance partagée : décision par consentement, cercles, rôles et rétrospectives.',
      description: 'Des « patterns » à choisir selon les besoins du collectif plutôt qu’un système à adopter d’un bloc. Utile pour répartir les rôles d’un tiers-lieu et décider sans épuiser les réunions.',
      keywords: ['consentement', 'cercles', 'gouvernance partagée', 'holacratie'], languages: ['fr', 'en'],
    },
    {
      slug: 'gogocarto', name: 'GoGoCarto', kind: 'software', themes: ['communication', 'collectivites'], license: 'AGPL-3.0', url: 'https://gogocarto.fr',
      summary: 'Créer une carte collaborative d’acteurs avec catégories, filtres et formulaire de contribution.',
      keywords: ['carte', 'annuaire', 'cartographie'], languages: ['fr'], maintenance: 'community',
    },
    {
      slug: 'discourse', name: 'Discourse', kind: 'software', themes: ['animation', 'numerique'], license: 'GPL-2.0-or-later', url: 'https://www.discourse.org',
      summary: 'Forum moderne pour faire vivre une communauté : fils thématiques, notifications, modération partagée.',
      keywords: ['forum', 'communauté', 'entraide'], languages: ['fr', 'en'], developmentStatus: 'stable', maintenance: 'contract',
    },
    {
      slug: 'matrix-element', name: 'Matrix et Element', kind: 'software', themes: ['numerique'], license: 'AGPL-3.0-only', url: 'https://element.io',
      summary: 'Messagerie instantanée chiffrée et fédérée : salons par projet, appels, ponts vers d’autres messageries.',
      keywords: ['messagerie', 'chat', 'alternative whatsapp', 'slack'], languages: ['fr', 'en'], maintenance: 'contract',
    },
    {
      slug: 'bigbluebutton', name: 'BigBlueButton', kind: 'software', themes: ['numerique', 'formation'], license: 'LGPL-3.0', url: 'https://bigbluebutton.org',
      summary: 'Visioconférence pensée pour la formation : tableau blanc, sondages, salles de sous-groupes, enregistrement.',
      keywords: ['visio', 'webinaire', 'classe virtuelle'], languages: ['fr', 'en'], maintenance: 'community',
    },
    {
      slug: 'kanboard', name: 'Kanboard', kind: 'software', themes: ['gestion', 'numerique'], license: 'MIT', url: 'https://kanboard.org',
      summary: 'Tableau kanban minimaliste pour suivre les tâches d’une équipe, facile à héberger.',
      keywords: ['kanban', 'tâches', 'gestion de projet', 'trello'], languages: ['fr', 'en'], maintenance: 'community',
    },
    {
      slug: 'open-food-network', name: 'Open Food Network', kind: 'software', themes: ['alimentation', 'gestion'], license: 'AGPL-3.0',
      summary: 'Boutique en ligne partagée pour circuits courts : producteur·ices, épiceries et tiers-lieux nourriciers.',
      keywords: ['circuit court', 'épicerie', 'vente en ligne', 'producteurs'], languages: ['fr', 'en'], maintenance: 'community',
    },
    {
      slug: 'yeswiki', name: 'YesWiki', kind: 'software', themes: ['documentation', 'communication'], license: 'AGPL-3.0-or-later', url: 'https://yeswiki.net',
      summary: 'Wiki simple pour monter le site et la documentation partagée d’un collectif, avec bases de données et cartes.',
      keywords: ['wiki', 'site web', 'documentation'], languages: ['fr'], maintenance: 'community',
    },
    {
      slug: 'guide-documenter-en-wiki', name: 'Guide : documenter son tiers-lieu en wiki', kind: 'guide', themes: ['documentation', 'animation'], license: 'CC-BY-SA-4.0',
      summary: 'Pas à pas pour lancer une documentation partagée : premières pages, conventions de nommage, animer les contributions.',
      keywords: ['documentation', 'wiki', 'contribution'], languages: ['fr'],
    },
    {
      slug: 'parcours-animer-communaute', name: 'Parcours « Animer la communauté d’un tiers-lieu »', kind: 'training', themes: ['animation', 'formation'], license: 'CC-BY-4.0',
      summary: 'Cinq séances pour accueillir, impliquer les bénévoles, faciliter les réunions et prévenir l’épuisement.',
      keywords: ['facilitation', 'bénévolat', 'animation'], languages: ['fr'],
    },
    {
      slug: 'helloasso', name: 'HelloAsso', kind: 'service', themes: ['financement', 'gestion'], license: 'proprietary', url: 'https://www.helloasso.com',
      summary: 'Billetterie, adhésions et dons en ligne pour les associations, financés par les contributions volontaires des payeurs.',
      keywords: ['billetterie', 'dons', 'adhésions en ligne'], languages: ['fr'], lockIn: 'Export CSV des paiements ; les formulaires ne sont pas portables.',
    },
  ],
  places: [
    { slug: 'la-fabrique-du-beffroi', name: 'La Fabrique du Beffroi', city: 'Arras', postcode: '62000', region: 'Hauts-de-France', families: ['coworking', 'fablab'], lat: 50.291, lon: 2.7775, management: 'SCIC', networks: ['Compagnie des Tiers-Lieux'], offers: { equipment: ['découpe laser', 'imprimantes 3D'], spaces: ['salle de réunion 20 places'] }, needs: { skills: ['comptabilité'] } },
    { slug: 'le-hangar-solidaire', name: 'Le Hangar Solidaire', city: 'Amiens', postcode: '80000', region: 'Hauts-de-France', families: ['cafe', 'atelier'], lat: 49.8941, lon: 2.2958, management: 'Association', networks: ['Compagnie des Tiers-Lieux'], offers: { skills: ['réparation de vélos'] } },
    { slug: 'la-coop-des-dunes', name: 'La Coop des Dunes', city: 'Dunkerque', postcode: '59140', region: 'Hauts-de-France', families: ['coworking'], lat: 51.0343, lon: 2.3768, management: 'SCIC' },
    { slug: 'le-moulin-partage', name: 'Le Moulin Partagé', city: 'Saint-Quentin', postcode: '02100', region: 'Hauts-de-France', families: ['nourricier', 'cafe'], lat: 49.8465, lon: 3.2876, management: 'Association', needs: { skills: ['vente en ligne'], equipment: ['chambre froide'] } },
    { slug: 'les-ateliers-du-canal', name: 'Les Ateliers du Canal', city: 'Roubaix', postcode: '59100', region: 'Hauts-de-France', families: ['fablab', 'atelier'], lat: 50.6927, lon: 3.1778, management: 'Association', networks: ['Réseau des fablabs'] },
    { slug: 'la-ruche-beauvaisienne', name: 'La Ruche beauvaisienne', city: 'Beauvais', postcode: '60000', region: 'Hauts-de-France', families: ['coworking', 'culturel'], lat: 49.43, lon: 2.0833, management: 'SCIC' },
    { slug: 'le-phare-numerique', name: 'Le Phare numérique', city: 'Boulogne-sur-Mer', postcode: '62200', region: 'Hauts-de-France', families: ['livinglab', 'coworking'], lat: 50.7264, lon: 1.6147, management: 'Collectivité' },
    { slug: 'la-grange-des-possibles', name: 'La Grange des Possibles', city: 'Rennes', postcode: '35000', region: 'Bretagne', families: ['culturel', 'cafe'], lat: 48.1173, lon: -1.6778, management: 'Association' },
    { slug: 'l-etabli-lyonnais', name: 'L’Établi lyonnais', city: 'Lyon', postcode: '69007', region: 'Auvergne-Rhône-Alpes', families: ['fablab'], lat: 45.7485, lon: 4.8467, management: 'Association' },
    { slug: 'le-quai-des-savoirs', name: 'Le Quai des Savoirs partagés', city: 'Nantes', postcode: '44000', region: 'Pays de la Loire', families: ['coworking', 'livinglab'], lat: 47.2184, lon: -1.5536, management: 'SAS de l’ESS' },
    { slug: 'la-ferme-du-causse', name: 'La Ferme du Causse', city: 'Millau', postcode: '12100', region: 'Occitanie', families: ['nourricier'], lat: 44.0986, lon: 3.0783, management: 'SCIC' },
    { slug: 'le-comptoir-numerique', name: 'Le Comptoir numérique', city: 'Besançon', postcode: '25000', region: 'Bourgogne-Franche-Comté', families: ['coworking'], lat: 47.2378, lon: 6.0241, management: 'Association' },
  ],
  people: [
    { slug: 'nadia-benali', name: 'Nadia Benali', place: 'la-fabrique-du-beffroi', region: 'Hauts-de-France', themes: ['gestion'], skills: ['comptabilité associative', 'Paheko', 'budget prévisionnel'], bio: 'Trésorière bénévole, elle a migré la compta de La Fabrique du Beffroi vers Paheko et aide volontiers d’autres lieux à faire de même.', contactable: true },
    { slug: 'julien-carpentier', name: 'Julien Carpentier', place: 'les-ateliers-du-canal', region: 'Hauts-de-France', themes: ['fabrication', 'formation'], skills: ['découpe laser', 'KiCad', 'animation d’ateliers'], bio: 'Fabmanager, il forme les nouveaux membres aux machines et documente les projets.', contactable: true },
    { slug: 'sophie-lemaire', name: 'Sophie Lemaire', place: 'le-hangar-solidaire', region: 'Hauts-de-France', themes: ['animation', 'gouvernance'], skills: ['facilitation', 'sociocratie', 'accueil des bénévoles'], bio: 'Coordinatrice, elle a accompagné le passage du Hangar à une gouvernance par consentement.', contactable: true },
    { slug: 'thomas-vasseur', name: 'Thomas Vasseur', place: 'la-coop-des-dunes', region: 'Hauts-de-France', themes: ['juridique'], skills: ['statuts de SCIC', 'sociétariat', 'pacte d’associés'], bio: 'A rédigé les statuts de La Coop des Dunes et relit ceux des lieux qui se lancent en SCIC.', contactable: true },
    { slug: 'amandine-roussel', name: 'Amandine Roussel', place: 'le-moulin-partage', region: 'Hauts-de-France', themes: ['alimentation', 'gestion'], skills: ['épicerie en circuit court', 'Open Food Network'], bio: 'Anime l’épicerie du Moulin et gère la boutique en ligne avec les producteurs voisins.', contactable: true },
    { slug: 'karim-haddad', name: 'Karim Haddad', place: 'le-phare-numerique', region: 'Hauts-de-France', themes: ['numerique', 'inclusion'], skills: ['Nextcloud', 'médiation numérique', 'hébergement'], bio: 'Médiateur numérique ; administre le Nextcloud du Phare et de deux associations.', contactable: true },
    { slug: 'claire-dufour', name: 'Claire Dufour', place: 'la-ruche-beauvaisienne', region: 'Hauts-de-France', themes: ['communication'], skills: ['Mobilizon', 'réseaux sociaux', 'site web'], bio: 'Chargée de communication, elle a déplacé l’agenda de la Ruche sur Mobilizon.', contactable: true },
    { slug: 'marc-delattre', name: 'Marc Delattre', place: 'la-fabrique-du-beffroi', region: 'Hauts-de-France', themes: ['gestion'], skills: ['Dolibarr', 'facturation'], bio: 'Ancien gérant de TPE, il a paramétré Dolibarr pour la facturation des espaces.', contactable: false },
    { slug: 'elise-morvan', name: 'Élise Morvan', place: 'la-grange-des-possibles', region: 'Bretagne', themes: ['gouvernance', 'collectivites'], skills: ['Decidim', 'budgets participatifs'], bio: 'A conduit la concertation de La Grange avec la ville sur Decidim.', contactable: true },
    { slug: 'paul-girard', name: 'Paul Girard', place: 'l-etabli-lyonnais', region: 'Auvergne-Rhône-Alpes', themes: ['fabrication', 'documentation'], skills: ['documentation de projets', 'YesWiki'], bio: 'Documente les machines et les projets de l’Établi dans un wiki ouvert.', contactable: true },
    { slug: 'lea-marchand', name: 'Léa Marchand', place: 'le-quai-des-savoirs', region: 'Pays de la Loire', themes: ['animation', 'formation'], skills: ['animation de communauté', 'Discourse', 'formation de formateurs'], bio: 'Anime le forum du réseau régional et forme les animateur·ices de lieux.', contactable: true },
    { slug: 'bernard-costes', name: 'Bernard Costes', place: 'la-ferme-du-causse', region: 'Occitanie', themes: ['alimentation'], skills: ['maraîchage', 'vente directe'], bio: 'Maraîcher associé de la Ferme du Causse.', contactable: false },
    { slug: 'ines-fontaine', name: 'Inès Fontaine', place: 'le-comptoir-numerique', region: 'Bourgogne-Franche-Comté', themes: ['numerique', 'gestion'], skills: ['Kanboard', 'Matrix', 'outils collaboratifs'], bio: 'Aide les équipes à quitter les outils propriétaires pour des services libres.', contactable: true },
    { slug: 'hugo-lefebvre', name: 'Hugo Lefebvre', region: 'Hauts-de-France', themes: ['juridique', 'rh'], skills: ['droit associatif', 'contrats de travail'], bio: 'Juriste, permanences mensuelles pour les lieux du réseau régional.', contactable: true },
    { slug: 'anne-petit', name: 'Anne Petit', place: 'le-hangar-solidaire', region: 'Hauts-de-France', themes: ['animation'], skills: ['accueil', 'café associatif'], contactable: false },
  ],
  usages: [
    { resource: 'paheko', place: 'la-fabrique-du-beffroi', status: 'uses', note: 'Adhésions et comptabilité depuis 2022.', since: '2022' },
    { resource: 'paheko', place: 'le-hangar-solidaire', status: 'uses', note: 'Fichier des bénévoles et cotisations.' },
    { resource: 'paheko', place: 'la-grange-des-possibles', status: 'interested' },
    { resource: 'dolibarr', place: 'la-fabrique-du-beffroi', status: 'uses', note: 'Facturation des bureaux et de la salle.' },
    { resource: 'dolibarr', place: 'la-coop-des-dunes', status: 'stopped', note: 'Trop complet pour nos besoins : retour à Paheko envisagé.' },
    { resource: 'nextcloud', place: 'le-phare-numerique', status: 'uses', note: 'Partage de fichiers et agendas de l’équipe.', since: '2021-09' },
    { resource: 'nextcloud', place: 'la-ruche-beauvaisienne', status: 'uses' },
    { resource: 'nextcloud', place: 'le-comptoir-numerique', status: 'uses' },
    { resource: 'nextcloud', place: 'le-quai-des-savoirs', status: 'uses' },
    { resource: 'framadate', place: 'le-hangar-solidaire', status: 'uses', note: 'Dates des réunions de bénévoles.' },
    { resource: 'framaforms', place: 'la-ruche-beauvaisienne', status: 'uses', note: 'Inscriptions aux ateliers.' },
    { resource: 'openstreetmap', place: 'les-ateliers-du-canal', status: 'uses', note: 'Cartopartie annuelle du quartier.' },
    { resource: 'openstreetmap', place: 'l-etabli-lyonnais', status: 'uses' },
    { resource: 'openstreetmap', place: 'le-phare-numerique', status: 'uses' },
    { resource: 'decidim', place: 'la-grange-des-possibles', status: 'uses', note: 'Concertation sur l’aménagement de la halle.' },
    { resource: 'mobilizon', place: 'la-ruche-beauvaisienne', status: 'uses', note: 'Agenda public des événements.' },
    { resource: 'mobilizon', place: 'le-hangar-solidaire', status: 'interested' },
    { resource: 'statuts-scic', place: 'la-coop-des-dunes', status: 'uses', note: 'Base de nos statuts de 2020.' },
    { resource: 'statuts-scic', place: 'la-ferme-du-causse', status: 'uses' },
    { resource: 'sociocratie-3-0', place: 'le-hangar-solidaire', status: 'uses', note: 'Décisions par consentement en cercle d’animation.' },
    { resource: 'gogocarto', place: 'le-quai-des-savoirs', status: 'uses', note: 'Carte des lieux du réseau régional.' },
    { resource: 'discourse', place: 'le-quai-des-savoirs', status: 'uses' },
    { resource: 'matrix-element', place: 'le-comptoir-numerique', status: 'uses' },
    { resource: 'bigbluebutton', place: 'le-phare-numerique', status: 'uses', note: 'Formations à distance.' },
    { resource: 'kanboard', place: 'le-comptoir-numerique', status: 'uses' },
    { resource: 'open-food-network', place: 'le-moulin-partage', status: 'uses', note: 'Commandes groupées hebdomadaires.' },
    { resource: 'open-food-network', place: 'la-ferme-du-causse', status: 'interested' },
    { resource: 'yeswiki', place: 'l-etabli-lyonnais', status: 'uses' },
    { resource: 'movilab', place: 'la-fabrique-du-beffroi', status: 'uses', note: 'Fiche du lieu tenue à jour.' },
    { resource: 'helloasso', place: 'la-ruche-beauvaisienne', status: 'uses', note: 'Billetterie des concerts.' },
  ],
  referents: [
    { resource: 'paheko', person: 'nadia-benali', isExpert: true, note: 'Paramétrage des cotisations et du plan comptable.' },
    { resource: 'dolibarr', person: 'marc-delattre', isExpert: true },
    { resource: 'nextcloud', person: 'karim-haddad', isExpert: true, note: 'Installation et administration.' },
    { resource: 'nextcloud', person: 'ines-fontaine', isExpert: false },
    { resource: 'sociocratie-3-0', person: 'sophie-lemaire', isExpert: true, note: 'Anime des ateliers d’initiation.' },
    { resource: 'statuts-scic', person: 'thomas-vasseur', isExpert: true, note: 'Relecture de statuts.' },
    { resource: 'statuts-association-collegiale', person: 'hugo-lefebvre', isExpert: true },
    { resource: 'open-food-network', person: 'amandine-roussel', isExpert: false, note: 'Utilisatrice quotidienne côté épicerie.' },
    { resource: 'mobilizon', person: 'claire-dufour', isExpert: false },
    { resource: 'decidim', person: 'elise-morvan', isExpert: false },
    { resource: 'yeswiki', person: 'paul-girard', isExpert: true },
    { resource: 'discourse', person: 'lea-marchand', isExpert: true, note: 'Modération et catégories.' },
    { resource: 'kanboard', person: 'ines-fontaine', isExpert: true },
    { resource: 'matrix-element', person: 'ines-fontaine', isExpert: false },
    { resource: 'openstreetmap', person: 'julien-carpentier', isExpert: false, note: 'Organise des cartoparties.' },
    { resource: 'parcours-animer-communaute', person: 'lea-marchand', isExpert: true },
  ],
};

// Resources assessed on every criterion (levels per criterion, in the configured order) — they
// show as "qualifié" — and one assessed only in part ("en cours d'examen").
const DEMO_ASSESSMENTS: { slug: string; levels: number[]; daysAgo: number }[] = [
  { slug: 'nextcloud', levels: [3, 3, 3, 2, 3, 3, 3, 2], daysAgo: 40 },
  { slug: 'paheko', levels: [3, 2, 2, 2, 3, 3, 2, 2], daysAgo: 90 },
  { slug: 'openstreetmap', levels: [3, 3, 3, 3, 3, 3, 2, 2], daysAgo: 20 },
  { slug: 'decidim', levels: [3, 3, 2], daysAgo: 10 },
];

/**
 * Writes the demo registry (resources with their wiki pages, places, people, relations) and a
 * few assessments, in one transaction.
 */
export function seedRegistry(db: Database, wiki: WikiServices): void {
  const hooks = registryHooks(db, wiki, 'seed');
  const criteria = listCriteria(db);
  db.transaction(() => {
    importBundle(db, DEMO_REGISTRY, { hooks });
    for (const a of DEMO_ASSESSMENTS) {
      const at = new Date(Date.now() - a.daysAgo * 86_400_000).toISOString();
      a.levels.forEach((level, i) => {
        const criterion = criteria[i];
        if (!criterion) return;
        addAssessment(db, a.slug, { criterion: criterion.slug, level, evidence: 'Examen de démonstration (équipe d’animation du réseau).', userId: null, at });
      });
    }
  })();
}
