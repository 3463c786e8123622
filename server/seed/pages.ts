/** French demo pages: practices of tiers-lieux, linking to each other. */
export const DEMO_PAGES: { slug: string; title: string; kind: string; categories: string[]; markdown: string }[] = [
  {
    slug: 'accueil',
    title: 'Accueil',
    kind: 'guide',
    categories: ['Guides'],
    markdown: `# Bienvenue sur le wiki des tiers-lieux\n\nCe wiki rassemble les pratiques des tiers-lieux du réseau.\n`,
  },
];
