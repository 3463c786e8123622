/** The shared theme list (resources, people, requests), from the commons-bundle format. */
export const THEMES = [
  {
    slug: 'gestion',
    fr: 'Outils de gestion (compta, facturation, adhésions, réservations)',
    en: 'Management tools (accounting, invoicing, memberships, bookings)',
  },
  {
    slug: 'juridique',
    fr: 'Ressources juridiques (statuts, baux, contrats, assurances)',
    en: 'Legal resources (statutes, leases, contracts, insurance)',
  },
  {
    slug: 'rh',
    fr: 'Ressources humaines, bénévolat, conditions de travail',
    en: 'Human resources, volunteering, working conditions',
  },
  { slug: 'formation', fr: 'Formation, montée en compétences', en: 'Training, skills development' },
  {
    slug: 'animation',
    fr: 'Animation de communautés, facilitation, événements',
    en: 'Community management, facilitation, events',
  },
  {
    slug: 'documentation',
    fr: 'Documentation, partage de pratiques',
    en: 'Documentation, sharing practices',
  },
  {
    slug: 'financement',
    fr: 'Financement, subventions, modèle économique',
    en: 'Funding, grants, business model',
  },
  {
    slug: 'gouvernance',
    fr: 'Gouvernance partagée, prise de décision',
    en: 'Shared governance, decision making',
  },
  {
    slug: 'communication',
    fr: 'Communication, visibilité, site web',
    en: 'Communication, visibility, website',
  },
  {
    slug: 'collectivites',
    fr: 'Relations aux collectivités, politiques publiques',
    en: 'Relations with local authorities, public policy',
  },
  { slug: 'foncier', fr: 'Foncier et immobilier', en: 'Land and real estate' },
  {
    slug: 'fabrication',
    fr: 'Fabrication numérique, fablab, réparation',
    en: 'Digital fabrication, fablab, repair',
  },
  {
    slug: 'alimentation',
    fr: 'Alimentation, tiers-lieux nourriciers',
    en: 'Food, food-focused third places',
  },
  {
    slug: 'numerique',
    fr: 'Numérique, outils collaboratifs, inclusion numérique',
    en: 'Digital, collaborative tools, digital inclusion',
  },
  {
    slug: 'inclusion',
    fr: 'Inclusion, accessibilité, publics éloignés',
    en: 'Inclusion, accessibility, hard-to-reach audiences',
  },
  { slug: 'transition', fr: 'Transition écologique', en: 'Ecological transition' },
  {
    slug: 'evaluation',
    fr: 'Évaluation, utilité sociale, impact',
    en: 'Evaluation, social utility, impact',
  },
  { slug: 'culture', fr: 'Culture, pratiques artistiques', en: 'Culture, artistic practices' },
] as const;

export type ThemeSlug = (typeof THEMES)[number]['slug'];
export const THEME_SLUGS = THEMES.map((t) => t.slug) as unknown as readonly [
  ThemeSlug,
  ...ThemeSlug[],
];
