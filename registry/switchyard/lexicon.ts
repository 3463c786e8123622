import type { ThemeSlug } from '../themes.js';

/**
 * Default vocabulary of the switchyard, shipped as configuration data (facilitators edit the
 * thesaurus in the database; these are the defaults it starts from).
 *
 * Written as general vocabulary of French tiers-lieux (associations, coworkings, fablabs,
 * cafés, lieux nourriciers…), never from particular problems: each group gathers words that
 * people use for the same thing, whatever the registry holds.
 */

/** A thesaurus group: expressions that mean (nearly) the same thing; matching one suggests the others. */
export interface ThesaurusGroup {
  /** Stable identifier (used by the editing API). */
  id: string;
  /** Expressions, French first; multi-word expressions match when all their words occur. */
  terms: string[];
}

/** The default champ lexical. */
export const DEFAULT_THESAURUS: ThesaurusGroup[] = [
  // gestion
  { id: 'adhesion', terms: ['adhésion', 'cotisation', 'adhérent', 'membre', 'fichier des membres', 'abonnement'] },
  { id: 'compta', terms: ['comptabilité', 'compta', 'comptable', 'trésorerie', 'trésorier', 'bilan', 'compte de résultat', 'plan comptable'] },
  { id: 'facture', terms: ['facture', 'facturation', 'devis', 'TVA', 'client'] },
  { id: 'reservation', terms: ['réservation', 'réserver', 'créneau', 'planning', 'agenda', 'calendrier'] },
  { id: 'salle', terms: ['salle', 'salle de réunion', 'espace', 'bureau', 'poste de travail'] },
  { id: 'paiement', terms: ['paiement', 'payer', 'encaisser', 'caisse', 'carte bancaire', 'paiement en ligne'] },
  { id: 'cashless', terms: ['cashless', 'sans espèces', 'carte rechargeable', 'monnaie', 'bar'] },
  { id: 'billetterie', terms: ['billetterie', 'billet', 'place de concert', 'entrée', 'vente en ligne'] },
  { id: 'tableur', terms: ['tableur', 'tableau', 'excel', 'feuille de calcul', 'base de données'] },
  { id: 'erp', terms: ['logiciel de gestion', 'ERP', 'progiciel', 'gestion commerciale', 'stock'] },
  { id: 'don', terms: ['don', 'donateur', 'mécénat', 'reçu fiscal', 'collecte'] },
  // juridique
  { id: 'bail', terms: ['bail', 'location', 'loyer', 'louer', 'locataire', 'bailleur', 'propriétaire', 'proprio'] },
  { id: 'statuts', terms: ['statuts', 'statut juridique', 'forme juridique', 'association loi 1901', 'asso', 'association'] },
  { id: 'coop', terms: ['SCIC', 'coopérative', 'SCOP', 'sociétariat', 'capital', 'société coopérative'] },
  { id: 'contrat', terms: ['contrat', 'convention', 'modèle', 'clause', 'accord'] },
  { id: 'assurance', terms: ['assurance', 'responsabilité civile', 'sinistre', 'assureur'] },
  { id: 'rgpd', terms: ['RGPD', 'données personnelles', 'CNIL', 'vie privée', 'consentement', 'conformité'] },
  { id: 'licence', terms: ['licence', 'droit d\'auteur', 'libre', 'open source', 'creative commons', 'réutilisation'] },
  { id: 'loi', terms: ['légal', 'réglementation', 'règles', 'obligation', 'loi', 'juridique', 'droit'] },
  { id: 'erp-securite', terms: ['ERP', 'établissement recevant du public', 'commission de sécurité', 'normes'] },
  // rh
  { id: 'benevole', terms: ['bénévole', 'bénévolat', 'volontaire', 'engagement', 'militant'] },
  { id: 'salarie', terms: ['salarié', 'embauche', 'embaucher', 'emploi', 'recrutement', 'recruter', 'employeur'] },
  { id: 'paie', terms: ['fiche de paie', 'bulletin de salaire', 'paie', 'salaire', 'URSSAF', 'déclaration sociale', 'cotisations sociales'] },
  { id: 'jeune', terms: ['jeune', 'service civique', 'volontariat', 'stagiaire', 'stage', 'apprenti'] },
  { id: 'temps', terms: ['temps', 'heures', 'valoriser', 'comptabiliser', 'chiffrer', 'valorisation'] },
  { id: 'artiste', terms: ['artiste', 'musicien', 'intermittent', 'cachet', 'spectacle'] },
  // formation
  { id: 'formation', terms: ['formation', 'former', 'apprendre', 'compétence', 'montée en compétences', 'cours', 'atelier', 'tutoriel', 'tuto'] },
  { id: 'certif', terms: ['certification', 'diplôme', 'titre professionnel', 'qualifiant', 'reconnu', 'RNCP'] },
  { id: 'mooc', terms: ['MOOC', 'formation en ligne', 'e-learning', 'autoformation'] },
  { id: 'metier', terms: ['coordinateur', 'coordinatrice', 'coordination', 'gestionnaire', 'manager', 'facilitateur', 'concierge'] },
  // animation
  { id: 'evenement', terms: ['événement', 'évènement', 'soirée', 'festival', 'concert', 'rencontre', 'manifestation'] },
  { id: 'animation', terms: ['animation', 'animer', 'faciliter', 'facilitation', 'atelier participatif', 'intelligence collective'] },
  { id: 'reunion', terms: ['réunion', 'assemblée', 'AG', 'assemblée générale', 'séminaire'] },
  { id: 'visio', terms: ['visio', 'visioconférence', 'réunion à distance', 'à distance', 'distanciel', 'conférence en ligne'] },
  { id: 'communaute', terms: ['communauté', 'collectif', 'habitants', 'usagers', 'public', 'participants'] },
  // documentation
  { id: 'doc', terms: ['documentation', 'documenter', 'capitaliser', 'fiche', 'savoir-faire', 'partage de pratiques', 'retour d\'expérience'] },
  { id: 'wiki', terms: ['wiki', 'base de connaissances', 'encyclopédie', 'page'] },
  { id: 'archive', terms: ['archive', 'mémoire', 'conserver', 'patrimoine'] },
  // financement
  { id: 'subvention', terms: ['subvention', 'aide', 'financement', 'financeur', 'appel à projets', 'fonds', 'dotation'] },
  { id: 'budget', terms: ['budget', 'argent', 'dépense', 'recette', 'finances', 'transparence financière'] },
  { id: 'modele-eco', terms: ['modèle économique', 'rentabilité', 'chiffre d\'affaires', 'viabilité', 'hybridation'] },
  { id: 'crowdfunding', terms: ['financement participatif', 'crowdfunding', 'cagnotte', 'souscription'] },
  { id: 'accompagnement', terms: ['accompagnement', 'accompagner', 'conseil', 'diagnostic', 'appui', 'DLA'] },
  // gouvernance
  { id: 'decision', terms: ['décision', 'décider', 'trancher', 'vote', 'voter', 'consentement', 'consensus'] },
  { id: 'gouvernance', terms: ['gouvernance', 'conseil d\'administration', 'CA', 'bureau', 'collégiale', 'sociocratie', 'horizontalité'] },
  { id: 'election', terms: ['élection', 'élire', 'désigner', 'mandat', 'candidat', 'rôle'] },
  { id: 'participation', terms: ['participation', 'participatif', 'concertation', 'démocratie', 'consultation', 'budget participatif'] },
  { id: 'sondage', terms: ['sondage', 'questionnaire', 'formulaire', 'enquête', 'date de réunion'] },
  // communication
  { id: 'site', terms: ['site web', 'site internet', 'site', 'page web', 'blog', 'CMS'] },
  { id: 'reseaux', terms: ['réseaux sociaux', 'Facebook', 'Instagram', 'Insta', 'visibilité', 'publier'] },
  { id: 'newsletter', terms: ['newsletter', 'lettre d\'information', 'infolettre', 'mailing', 'courriel', 'e-mail', 'mail'] },
  { id: 'graphisme', terms: ['graphisme', 'affiche', 'flyer', 'visuel', 'mise en page', 'PAO', 'maquette'] },
  { id: 'video', terms: ['vidéo', 'diffuser', 'diffusion', 'captation', 'streaming', 'YouTube', 'hébergement vidéo'] },
  { id: 'carte', terms: ['carte', 'cartographie', 'cartographier', 'géolocalisation', 'annuaire'] },
  // collectivites
  { id: 'collectivite', terms: ['collectivité', 'mairie', 'commune', 'ville', 'élus', 'intercommunalité', 'département', 'région', 'conseil régional'] },
  { id: 'politique', terms: ['politique publique', 'État', 'service public', 'administration', 'préfecture'] },
  { id: 'chiffres', terms: ['chiffres', 'statistiques', 'données', 'recensement', 'observatoire', 'panorama', 'état des lieux'] },
  // foncier
  { id: 'foncier', terms: ['foncier', 'immobilier', 'bâtiment', 'local', 'locaux', 'terrain', 'terre agricole', 'hectare'] },
  { id: 'occupation', terms: ['occupation temporaire', 'urbanisme transitoire', 'friche', 'bâtiment vacant', 'mise à disposition', 'convention d\'occupation'] },
  { id: 'achat', terms: ['acheter', 'achat', 'acquisition', 'racheter', 'propriété', 'foncière'] },
  { id: 'travaux', terms: ['travaux', 'aménagement', 'aménager', 'rénovation', 'chantier'] },
  // fabrication
  { id: 'fablab', terms: ['fablab', 'makerspace', 'atelier de fabrication', 'hackerspace', 'atelier partagé'] },
  { id: 'machine', terms: ['machine', 'découpeuse laser', 'découpe laser', 'imprimante 3D', 'impression 3D', 'fraiseuse', 'CNC'] },
  { id: 'modelisation', terms: ['modélisation', 'CAO', 'modèle 3D', 'conception', 'dessin technique', 'plan'] },
  { id: 'electronique', terms: ['électronique', 'circuit imprimé', 'PCB', 'Arduino', 'carte électronique', 'soudure'] },
  { id: 'reparation', terms: ['réparation', 'réparer', 'repair café', 'café réparation', 'panne', 'dépannage', 'électroménager'] },
  { id: 'slicer', terms: ['trancheur', 'slicer', 'G-code', 'filament', 'impression'] },
  { id: 'bois', terms: ['bois', 'menuiserie', 'ébénisterie', 'atelier bois', 'outillage'] },
  // alimentation
  { id: 'alimentation', terms: ['alimentation', 'nourriture', 'repas', 'manger', 'restauration', 'cantine'] },
  { id: 'producteur', terms: ['producteur', 'paysan', 'agriculteur', 'maraîcher', 'circuit court', 'vente directe', 'local'] },
  { id: 'panier', terms: ['panier', 'AMAP', 'commande groupée', 'groupement d\'achat', 'épicerie', 'vrac', 'précommande'] },
  { id: 'cuisine', terms: ['cuisine', 'cuisiner', 'transformation', 'conserverie', 'conserve', 'laboratoire'] },
  { id: 'hygiene', terms: ['hygiène', 'sanitaire', 'HACCP', 'DDPP', 'sécurité alimentaire', 'bonnes pratiques'] },
  { id: 'maraichage', terms: ['maraîchage', 'potager', 'jardin', 'jardin partagé', 'agriculture', 'ferme'] },
  // numerique
  { id: 'cloud', terms: ['cloud', 'drive', 'stockage', 'partage de fichiers', 'fichiers partagés', 'synchronisation', 'serveur'] },
  { id: 'collab', terms: ['outil collaboratif', 'collaboratif', 'travail collaboratif', 'coédition', 'document partagé', 'pad'] },
  { id: 'bureautique', terms: ['bureautique', 'traitement de texte', 'suite bureautique', 'Word', 'Office'] },
  { id: 'libre', terms: ['logiciel libre', 'libre', 'open source', 'alternative', 'dégooglisation', 'GAFAM'] },
  { id: 'logiciel', terms: ['logiciel', 'outil', 'application', 'appli', 'plateforme', 'solution'] },
  { id: 'chat', terms: ['messagerie', 'chat', 'tchat', 'discussion', 'WhatsApp', 'messagerie instantanée'] },
  { id: 'inclusion-num', terms: ['inclusion numérique', 'médiation numérique', 'démarches en ligne', 'démarches administratives', 'fracture numérique', 'aidant numérique'] },
  { id: 'competences-num', terms: ['compétences numériques', 'culture numérique', 'débutant', 'initiation', 'seniors'] },
  // inclusion
  { id: 'accessibilite', terms: ['accessibilité', 'accessible', 'handicap', 'fauteuil', 'PMR', 'mobilité réduite'] },
  { id: 'falc', terms: ['facile à lire', 'FALC', 'lecture', 'compréhension', 'langage simple', 'illettrisme'] },
  { id: 'public-eloigne', terms: ['publics éloignés', 'précarité', 'exclusion', 'insertion', 'quartier prioritaire', 'personnes âgées'] },
  // transition
  { id: 'climat', terms: ['climat', 'changement climatique', 'carbone', 'sensibilisation', 'écologie', 'environnement'] },
  { id: 'lowtech', terms: ['low-tech', 'sobriété', 'réemploi', 'recyclage', 'zéro déchet', 'économie circulaire'] },
  { id: 'energie', terms: ['énergie', 'rénovation énergétique', 'isolation', 'chauffage', 'solaire'] },
  { id: 'mobilite', terms: ['vélo', 'mobilité', 'transport', 'covoiturage', 'atelier vélo'] },
  // evaluation
  { id: 'impact', terms: ['impact', 'utilité sociale', 'évaluation', 'évaluer', 'indicateur', 'mesurer', 'mesure'] },
  { id: 'rapport', terms: ['rapport d\'activité', 'bilan d\'activité', 'compte rendu', 'reporting', 'financeur'] },
  // culture
  { id: 'culture', terms: ['culture', 'culturel', 'artistique', 'création', 'résidence', 'spectacle vivant'] },
  { id: 'droits-culturels', terms: ['droits culturels', 'diversité culturelle', 'participation culturelle', 'éducation populaire'] },
  { id: 'musique', terms: ['musique', 'concert', 'musicien', 'son', 'enregistrement', 'studio'] },
  // réseau, tiers-lieux
  { id: 'tiers-lieu', terms: ['tiers-lieu', 'tiers-lieux', 'lieu', 'espace partagé', 'coworking', 'lieu hybride'] },
  { id: 'reseau', terms: ['réseau', 'mutualisation', 'mutualiser', 'inter-lieux', 'coopération', 'partenariat'] },
  { id: 'mobilite-membres', terms: ['pass', 'badge', 'accès', 'itinérance', 'nomade', 'réciprocité'] },
];

/**
 * Characteristic words of each theme (besides its label), used to detect the themes of a problem
 * and, on thin registry entries, to let a resource's themes speak for it.
 */
export const THEME_LEXICON: Record<ThemeSlug, string[]> = {
  gestion: ['gestion', 'comptabilité', 'compta', 'facture', 'facturation', 'adhésion', 'adhérent', 'cotisation', 'réservation', 'trésorier', 'trésorerie', 'caisse', 'devis', 'stock', 'tableur', 'paiement', 'billetterie', 'membre', 'planning', 'logiciel de gestion'],
  juridique: ['juridique', 'statuts', 'bail', 'contrat', 'convention', 'assurance', 'RGPD', 'loi', 'légal', 'réglementation', 'obligation', 'modèle', 'clause', 'déclaration', 'conformité', 'licence', 'SCIC', 'coopérative'],
  rh: ['salarié', 'embauche', 'emploi', 'bénévole', 'bénévolat', 'paie', 'salaire', 'URSSAF', 'recrutement', 'service civique', 'volontaire', 'conditions de travail', 'contrat de travail', 'employeur', 'artiste', 'cachet'],
  formation: ['formation', 'former', 'apprendre', 'compétence', 'cours', 'certification', 'diplôme', 'MOOC', 'tutoriel', 'reconversion', 'métier', 'apprentissage'],
  animation: ['animation', 'animer', 'communauté', 'facilitation', 'événement', 'atelier', 'rencontre', 'réunion', 'soirée', 'festival', 'participants', 'convivialité', 'intelligence collective'],
  documentation: ['documentation', 'documenter', 'wiki', 'fiche', 'partage', 'savoir-faire', 'capitaliser', 'archive', 'tutoriel', 'connaissance', 'pratiques'],
  financement: ['financement', 'subvention', 'aide', 'financeur', 'budget', 'argent', 'fonds', 'modèle économique', 'don', 'mécénat', 'appel à projets', 'crowdfunding', 'prêt', 'investissement'],
  gouvernance: ['gouvernance', 'décision', 'décider', 'vote', 'consentement', 'conseil d\'administration', 'assemblée générale', 'collectif', 'sociocratie', 'élection', 'rôle', 'participation', 'démocratie', 'transparence'],
  communication: ['communication', 'site web', 'visibilité', 'réseaux sociaux', 'newsletter', 'affiche', 'flyer', 'vidéo', 'publier', 'diffuser', 'agenda', 'graphisme', 'presse', 'carte'],
  collectivites: ['collectivité', 'mairie', 'commune', 'ville', 'élus', 'région', 'département', 'politique publique', 'État', 'service public', 'intercommunalité', 'territoire', 'conseil régional'],
  foncier: ['foncier', 'immobilier', 'bâtiment', 'local', 'locaux', 'terrain', 'terre', 'propriétaire', 'loyer', 'bail', 'friche', 'occupation', 'acheter', 'travaux', 'hectare'],
  fabrication: ['fabrication', 'fablab', 'makerspace', 'machine', 'imprimante 3D', 'découpe laser', 'réparation', 'réparer', 'électronique', 'bois', 'atelier', 'prototype', 'CAO', 'modélisation', 'outillage'],
  alimentation: ['alimentation', 'nourricier', 'producteur', 'paysan', 'cuisine', 'repas', 'légumes', 'panier', 'AMAP', 'circuit court', 'épicerie', 'maraîchage', 'agriculture', 'hygiène', 'vrac', 'jardin'],
  numerique: ['numérique', 'logiciel', 'outil collaboratif', 'cloud', 'serveur', 'informatique', 'internet', 'en ligne', 'visio', 'messagerie', 'libre', 'open source', 'fichiers', 'ordinateur', 'démarches en ligne'],
  inclusion: ['inclusion', 'accessibilité', 'handicap', 'précarité', 'publics éloignés', 'fauteuil', 'insertion', 'seniors', 'facile à lire', 'illettrisme', 'exclusion', 'médiation'],
  transition: ['transition', 'écologie', 'climat', 'environnement', 'carbone', 'énergie', 'low-tech', 'réemploi', 'recyclage', 'déchet', 'sobriété', 'biodiversité', 'vélo'],
  evaluation: ['évaluation', 'évaluer', 'impact', 'utilité sociale', 'indicateur', 'mesurer', 'rapport d\'activité', 'bilan', 'effets', 'preuve'],
  culture: ['culture', 'culturel', 'artiste', 'artistique', 'concert', 'spectacle', 'musique', 'résidence', 'création', 'droits culturels', 'exposition', 'théâtre', 'patrimoine'],
};

/**
 * English → French glossary for problems written in English: common words of the tiers-lieux
 * world. Keys are English words (stemmed when used), values French expressions.
 */
export const ENGLISH_GLOSSARY: Record<string, string[]> = {
  accounting: ['comptabilité'], accountant: ['comptable'], bookkeeping: ['comptabilité'], invoice: ['facture'], invoicing: ['facturation'],
  quote: ['devis'], vat: ['TVA'], tax: ['impôt', 'fiscal'], membership: ['adhésion'], member: ['membre', 'adhérent'], fee: ['cotisation'],
  dues: ['cotisation'], subscription: ['abonnement'], booking: ['réservation'], book: ['réserver'], reservation: ['réservation'], room: ['salle'],
  meeting: ['réunion'], schedule: ['planning', 'agenda'], calendar: ['agenda', 'calendrier'], slot: ['créneau'], desk: ['bureau', 'poste de travail'],
  payment: ['paiement'], pay: ['payer'], cash: ['espèces'], ticket: ['billet', 'billetterie'], ticketing: ['billetterie'], donation: ['don'],
  spreadsheet: ['tableur'], database: ['base de données'], inventory: ['stock', 'inventaire'], software: ['logiciel'], tool: ['outil'], app: ['application'],
  platform: ['plateforme'], free: ['libre', 'gratuit'], open: ['libre', 'ouvert'], source: ['source'], hosting: ['hébergement'], host: ['héberger'],
  server: ['serveur'], cloud: ['cloud'], file: ['fichier'], share: ['partager', 'partage'], sharing: ['partage'], storage: ['stockage'],
  document: ['document'], collaborative: ['collaboratif'], chat: ['messagerie'], video: ['vidéo'], videoconference: ['visioconférence'], call: ['visio', 'appel'],
  remote: ['à distance'], website: ['site web'], site: ['site'], newsletter: ['newsletter'], poster: ['affiche'], flyer: ['flyer'], design: ['conception', 'graphisme'],
  layout: ['mise en page'], event: ['événement'], events: ['événements'], map: ['carte'], mapping: ['cartographie'], directory: ['annuaire'],
  lease: ['bail'], rent: ['loyer', 'location'], rental: ['location'], landlord: ['propriétaire', 'bailleur'], tenant: ['locataire'], building: ['bâtiment'],
  land: ['foncier', 'terrain'], farmland: ['terre agricole'], property: ['propriété', 'immobilier'], buy: ['acheter'], purchase: ['achat'],
  statute: ['statuts'], bylaws: ['statuts'], cooperative: ['coopérative', 'SCIC'], contract: ['contrat'], agreement: ['convention', 'accord'],
  insurance: ['assurance'], legal: ['juridique', 'légal'], law: ['loi', 'droit'], licence: ['licence'], license: ['licence'], privacy: ['données personnelles', 'RGPD'],
  gdpr: ['RGPD'], data: ['données'], personal: ['personnel'], compliance: ['conformité'], volunteer: ['bénévole'], volunteering: ['bénévolat'],
  employee: ['salarié'], hire: ['embaucher', 'embauche'], hiring: ['embauche', 'recrutement'], payroll: ['paie', 'fiche de paie'], salary: ['salaire'], job: ['emploi'],
  training: ['formation'], train: ['former', 'formation'], course: ['cours', 'formation'], learn: ['apprendre'], skill: ['compétence'], certificate: ['certification', 'diplôme'],
  coordinator: ['coordinateur', 'coordinatrice'], manager: ['gestionnaire'], community: ['communauté'], facilitation: ['facilitation'], workshop: ['atelier'],
  governance: ['gouvernance'], decision: ['décision'], decide: ['décider'], vote: ['vote', 'voter'], election: ['élection'], board: ['conseil d\'administration'],
  participatory: ['participatif'], citizen: ['habitant', 'citoyen'], resident: ['habitant'], neighbourhood: ['quartier'], neighborhood: ['quartier'],
  funding: ['financement'], fund: ['fonds', 'financer'], grant: ['subvention'], subsidy: ['subvention'], money: ['argent'], budget: ['budget'], finance: ['finances'],
  transparency: ['transparence'], crowdfunding: ['financement participatif'], council: ['conseil', 'collectivité'], regional: ['régional', 'région'], region: ['région'],
  municipality: ['commune', 'mairie'], city: ['ville'], town: ['commune', 'ville'], public: ['public'], policy: ['politique publique'], government: ['État'],
  figures: ['chiffres'], figure: ['chiffre'], statistics: ['statistiques'], number: ['nombre'], count: ['recensement'], survey: ['enquête', 'questionnaire'],
  census: ['recensement'], study: ['étude'], pitch: ['présentation'], third: ['tiers'], place: ['lieu'], places: ['lieux'], space: ['espace', 'lieu'],
  coworking: ['coworking'], makerspace: ['fablab', 'makerspace'], fablab: ['fablab'], hackerspace: ['fablab'], maker: ['fabrication'], printer: ['imprimante'],
  print: ['impression', 'imprimer'], printing: ['impression'], '3d': ['3D'], laser: ['laser'], cutter: ['découpeuse'], machine: ['machine'],
  circuit: ['circuit'], electronics: ['électronique'], enclosure: ['boîtier'], cad: ['CAO', 'modélisation'], model: ['modèle', 'modélisation'],
  repair: ['réparation', 'réparer'], fix: ['réparer'], slicer: ['trancheur'], wood: ['bois'], food: ['alimentation'], farmer: ['producteur', 'paysan'],
  producer: ['producteur'], vegetable: ['légumes'], kitchen: ['cuisine'], hygiene: ['hygiène'], order: ['commande', 'commander'], basket: ['panier'],
  grocery: ['épicerie'], bulk: ['vrac'], accessibility: ['accessibilité'], accessible: ['accessible'], disability: ['handicap'], wheelchair: ['fauteuil'],
  reading: ['lecture'], inclusion: ['inclusion'], digital: ['numérique'], online: ['en ligne'], senior: ['seniors'], elderly: ['personnes âgées'],
  climate: ['climat'], ecological: ['écologique'], environment: ['environnement'], energy: ['énergie'], waste: ['déchet'], bike: ['vélo'],
  impact: ['impact'], evaluation: ['évaluation'], evaluate: ['évaluer'], measure: ['mesurer'], indicator: ['indicateur'], social: ['social', 'sociale'],
  report: ['rapport'], culture: ['culture'], cultural: ['culturel'], artist: ['artiste'], musician: ['musicien'], concert: ['concert'], music: ['musique'],
  documentation: ['documentation'], wiki: ['wiki'], knowledge: ['connaissances', 'savoir-faire'], network: ['réseau'], pass: ['pass', 'badge'], access: ['accès'],
  travel: ['déplacement', 'itinérance'], café: ['café'], cafe: ['café'], bar: ['bar'], association: ['association'], nonprofit: ['association'], charity: ['association'],
  volunteers: ['bénévoles'], recommend: ['recommander', 'conseil'], help: ['aide', 'accompagnement'], support: ['accompagnement', 'appui'], advice: ['conseil'],
};

/**
 * Words problems are full of that say nothing about the need: general French request phrasing,
 * modal verbs, adverbs. They never reach a query (nor the expressions compiled from the vocabulary).
 */
export const FILLER_WORDS: string = 'besoin cherche chercher cherchons voudrait voudrions aimerait aimerions souhaite souhaitons faut falloir comment quel quelle quels quelles existe existe-t-il idée merci bonjour svp truc chose choses gens quelqu qqn peut peuvent pourrait pourrions pouvons pouvez ' +
  'plus moins très trop vraiment souvent toujours jamais encore déjà aussi bien mieux tout tous toute toutes chaque beaucoup fait faire font ' +
  'doit doivent doive devons devez devoir';

/** A choice of a clarifying question: picking it adds its words to the problem. */
export interface ClarifyChoice {
  id: string;
  label: { fr: string; en: string };
  /** Words added to the problem when chosen (French). */
  terms: string;
}

/** A follow-up question asked once a theme is known. */
export interface ClarifyQuestion {
  id: string;
  theme: ThemeSlug;
  label: { fr: string; en: string };
  choices: ClarifyChoice[];
}

const q = (theme: ThemeSlug, fr: string, en: string, choices: [string, string, string, string][]): ClarifyQuestion => ({
  id: `${theme}.need`,
  theme,
  label: { fr, en },
  choices: choices.map(([id, cfr, cen, terms]) => ({ id, label: { fr: cfr, en: cen }, terms })),
});

/** The guided tree: after the theme, one question per theme narrowing the need. */
export const CLARIFY_TREE: ClarifyQuestion[] = [
  q('gestion', 'Que cherchez-vous à gérer ?', 'What do you need to manage?', [
    ['adhesions', 'Adhésions et cotisations', 'Memberships and fees', 'adhésion cotisation adhérents membres'],
    ['compta', 'Comptabilité', 'Accounting', 'comptabilité compta bilan trésorerie'],
    ['factures', 'Factures et devis', 'Invoices and quotes', 'facturation facture devis clients'],
    ['reservations', 'Réservations d\'espaces ou de machines', 'Bookings of rooms or machines', 'réservation créneaux salles machines'],
    ['billetterie', 'Billetterie, caisse, paiements', 'Ticketing, till, payments', 'billetterie caisse paiement en ligne'],
  ]),
  q('juridique', 'Quel sujet juridique ?', 'Which legal matter?', [
    ['statuts', 'Statuts, forme juridique', 'Statutes, legal form', 'statuts forme juridique association coopérative'],
    ['bail', 'Bail, occupation d\'un local', 'Lease, use of premises', 'bail location convention occupation local'],
    ['rgpd', 'Données personnelles (RGPD)', 'Personal data (GDPR)', 'RGPD données personnelles registre'],
    ['contrat', 'Contrats, assurances, licences', 'Contracts, insurance, licences', 'contrat assurance licence'],
  ]),
  q('rh', 'De qui s\'agit-il ?', 'Who is concerned?', [
    ['benevoles', 'Des bénévoles', 'Volunteers', 'bénévoles bénévolat engagement'],
    ['salaries', 'Des salariés (embauche, paie)', 'Employees (hiring, payroll)', 'embauche salarié paie URSSAF'],
    ['jeunes', 'Un jeune volontaire ou stagiaire', 'A young volunteer or intern', 'service civique volontariat jeune'],
    ['artistes', 'Des artistes rémunérés', 'Paid artists', 'artistes musiciens cachet déclaration'],
  ]),
  q('formation', 'Quel type de formation ?', 'What kind of training?', [
    ['metier', 'Un métier (coordination de tiers-lieu…)', 'A profession (running a third place…)', 'formation métier coordination tiers-lieu'],
    ['equipe', 'Former votre équipe ou vos bénévoles', 'Train your team or volunteers', 'former bénévoles équipe atelier'],
    ['numerique', 'Compétences numériques', 'Digital skills', 'compétences numériques initiation'],
  ]),
  q('animation', 'Quel besoin d\'animation ?', 'What kind of facilitation?', [
    ['evenements', 'Organiser des événements', 'Running events', 'événements agenda inscription'],
    ['reunions', 'Animer des réunions, des ateliers', 'Facilitating meetings, workshops', 'animation réunion atelier facilitation'],
    ['communaute', 'Faire vivre une communauté', 'Growing a community', 'communauté membres participation'],
  ]),
  q('documentation', 'Que voulez-vous documenter ?', 'What do you want to document?', [
    ['savoirs', 'Savoir-faire et pratiques', 'Know-how and practices', 'documentation savoir-faire fiches pratiques wiki'],
    ['diffusion', 'Partager et réutiliser (licences)', 'Sharing and reuse (licences)', 'licence partage réutilisation'],
  ]),
  q('financement', 'Quel financement ?', 'What kind of funding?', [
    ['subventions', 'Subventions, aides publiques', 'Grants, public aid', 'subventions aides appel à projets'],
    ['accompagnement', 'Accompagnement, modèle économique', 'Support, business model', 'accompagnement modèle économique DLA'],
    ['transparence', 'Budget, transparence', 'Budget, transparency', 'budget dépenses transparence'],
  ]),
  q('gouvernance', 'Quel besoin de gouvernance ?', 'What governance need?', [
    ['decisions', 'Prendre des décisions à plusieurs', 'Making decisions together', 'décision vote consentement en ligne'],
    ['roles', 'Désigner des rôles, élire', 'Choosing roles, electing', 'élection rôle mandat'],
    ['participation', 'Associer habitants ou usagers', 'Involving residents or users', 'participation habitants concertation'],
  ]),
  q('communication', 'Quel support ?', 'Which medium?', [
    ['site', 'Site web', 'Website', 'site web'],
    ['agenda', 'Agenda d\'événements', 'Event calendar', 'agenda événements publier'],
    ['visuels', 'Affiches et visuels', 'Posters and visuals', 'affiche visuel mise en page graphisme'],
    ['video', 'Vidéo', 'Video', 'vidéo diffusion'],
    ['carte', 'Carte, annuaire', 'Map, directory', 'carte cartographie annuaire'],
  ]),
  q('collectivites', 'Avec quelle collectivité ?', 'Which public body?', [
    ['commune', 'La commune', 'The municipality', 'mairie commune convention'],
    ['region', 'La région, l\'État', 'The region, the State', 'région État politique publique chiffres'],
  ]),
  q('foncier', 'Quelle situation ?', 'What situation?', [
    ['louer', 'Louer un local', 'Renting premises', 'bail location loyer'],
    ['occuper', 'Occuper un lieu temporairement', 'Using a place temporarily', 'occupation temporaire convention'],
    ['acheter', 'Acheter un bâtiment ou des terres', 'Buying a building or land', 'achat foncier terres acquisition'],
  ]),
  q('fabrication', 'Quel besoin en fabrication ?', 'What making need?', [
    ['machines', 'Gérer les machines', 'Managing machines', 'machines réservation habilitation'],
    ['conception', 'Concevoir (CAO, électronique)', 'Designing (CAD, electronics)', 'conception CAO modélisation électronique'],
    ['impression', 'Imprimer en 3D', '3D printing', 'impression 3D imprimante trancheur'],
    ['reparation', 'Réparer', 'Repairing', 'réparation réparer tutoriels'],
  ]),
  q('alimentation', 'Quel projet alimentaire ?', 'What food project?', [
    ['vente', 'Vendre ou commander des produits locaux', 'Selling or ordering local produce', 'producteurs commande en ligne circuit court'],
    ['cuisine', 'Cuisine, transformation, hygiène', 'Kitchen, processing, hygiene', 'cuisine transformation hygiène'],
    ['terres', 'Terres, maraîchage', 'Land, market gardening', 'terres agricoles maraîchage'],
  ]),
  q('numerique', 'Quel outil numérique ?', 'Which digital tool?', [
    ['fichiers', 'Partage de fichiers, agenda', 'File sharing, calendar', 'partage fichiers cloud agenda'],
    ['visio', 'Visioconférence', 'Video calls', 'visioconférence réunion à distance'],
    ['bureautique', 'Bureautique, documents', 'Office, documents', 'bureautique documents'],
    ['mediation', 'Accompagner les usagers', 'Helping users online', 'médiation numérique démarches en ligne'],
  ]),
  q('inclusion', 'Quel public ?', 'Which audience?', [
    ['handicap', 'Personnes en situation de handicap', 'People with disabilities', 'accessibilité handicap fauteuil'],
    ['lecture', 'Personnes qui lisent difficilement', 'People who struggle to read', 'facile à lire comprendre'],
    ['numerique', 'Personnes éloignées du numérique', 'People far from digital', 'inclusion numérique démarches'],
  ]),
  q('transition', 'Quelle démarche ?', 'Which approach?', [
    ['sensibiliser', 'Sensibiliser', 'Raising awareness', 'sensibilisation climat atelier'],
    ['lowtech', 'Low-tech, réemploi', 'Low-tech, reuse', 'low-tech réemploi réparation'],
  ]),
  q('evaluation', 'Que voulez-vous évaluer ?', 'What do you want to evaluate?', [
    ['impact', 'Impact, utilité sociale', 'Impact, social value', 'impact utilité sociale indicateurs'],
    ['culture', 'Droits culturels', 'Cultural rights', 'droits culturels évaluation'],
    ['benevolat', 'Temps bénévole', 'Volunteer time', 'valorisation bénévolat heures'],
  ]),
  q('culture', 'Quel besoin culturel ?', 'What cultural need?', [
    ['artistes', 'Accueillir et payer des artistes', 'Hosting and paying artists', 'artistes cachet déclaration'],
    ['diffusion', 'Diffuser des œuvres', 'Distributing works', 'diffusion vidéo licence'],
    ['droits', 'Droits culturels', 'Cultural rights', 'droits culturels participation'],
  ]),
];
