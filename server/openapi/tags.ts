/** The OpenAPI document's tags (groups of operations), in the order the document lists them. */
export const TAGS: { name: string; description: string }[] = [
  { name: 'system', description: 'Health and API description' },
  { name: 'search', description: 'Full-text search over wiki pages (French analysis)' },
  {
    name: 'accessibility',
    description:
      'The accessibility statement (/accessibilite); its test figures are the static file /accessibility/results.json',
  },
  { name: 'registry', description: 'Commons (resources) with qualification, usages and referents' },
  { name: 'places', description: 'Directory and map of tiers-lieux' },
  {
    name: 'people',
    description: 'People who can help (only contactable or public profiles are ever shown)',
  },
  {
    name: 'registry-admin',
    description: 'Bundle import/export, qualification criteria, licence checks',
  },
  { name: 'auth', description: 'Accounts, sessions and API tokens' },
  {
    name: 'accounts',
    description: 'Sign-up policy, invitations, passwords, sessions and API tokens, audit log',
  },
  {
    name: 'mail',
    description:
      'Outgoing mail: queued with the action that caused it, sent through SMTP when LC_SMTP_URL is set',
  },
  {
    name: 'inbox',
    description:
      'Messages left on a person’s page: read, answered and closed by the person (linked account) and the facilitators; answers shown to the sender. Never an address.',
  },
  {
    name: 'permanences',
    description:
      'Expert permanences: sessions held by an expert of the registry and booked by places',
  },
  {
    name: 'switchyard',
    description: "Gare d'aiguillage: from a problem to resources and people who can help",
  },
  { name: 'pages', description: 'Wiki pages and their history' },
  {
    name: 'wiki',
    description:
      'Special lists (pages à créer, à améliorer, orphelines), categories, recent changes',
  },
  {
    name: 'collab',
    description: 'Real-time co-editing of wiki pages (Yjs, y-websocket protocol)',
  },
  { name: 'fields', description: 'Structured fields of pages, declared per page kind by admins' },
  { name: 'files', description: 'Files and images: uploads, versions, where they are used' },
  {
    name: 'events',
    description: 'Events of places (one or more time slots), iCalendar feeds and imports',
  },
  {
    name: 'campaigns',
    description: 'Campaigns of a network (Journées Portes Ouvertes): places, programme, CSV, embed',
  },
  {
    name: 'mediawiki',
    description:
      'Migration from a MediaWiki: imports of XML exports (CLI or upload) and their reports',
  },
];
