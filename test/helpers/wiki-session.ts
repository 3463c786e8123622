import { createUser } from '../../server/auth/users.js';
import { savePage, type SavePageInput } from '../../registry/wiki/pages.js';
import { startBrowserSession, TEST_PASSWORD, type BrowserSession } from './browser.js';

/**
 * The accounts of the wiki's browser tests, created in this order, each with {@link TEST_PASSWORD}:
 * Alice Admin, Fanny Animatrice (facilitator) and Camille (contributor).
 */
export const WIKI_ACCOUNTS = [
  { email: 'admin@example.org', name: 'Alice Admin', role: 'admin' },
  { email: 'fanny@example.org', name: 'Fanny Animatrice', role: 'facilitator' },
  { email: 'camille@example.org', name: 'Camille', role: 'contributor' },
] as const;

/** A page the fixture writes, as its first revision by Alice Admin. */
export type WikiFixturePage = Omit<SavePageInput, 'authorIds'>;

/**
 * Two pages: "Accueil" (slug `accueil`), whose text links to "Compost collectif" (slug
 * `compost-collectif`, text "Des lombrics au jardin.").
 */
export const COMPOST_PAGES: readonly WikiFixturePage[] = [
  { slug: 'accueil', title: 'Accueil', markdown: 'Voir [[Compost collectif]].\n' },
  { slug: 'compost-collectif', title: 'Compost collectif', markdown: 'Des lombrics au jardin.\n' },
];

/**
 * A browser session (real server, temporary database, browser: {@link startBrowserSession}, with
 * `opts`) on a wiki holding the {@link WIKI_ACCOUNTS} and `pages`, saved in the order given.
 */
export async function startWikiSession(
  pages: readonly WikiFixturePage[],
  opts: Parameters<typeof startBrowserSession>[0] = {},
): Promise<BrowserSession> {
  const s = await startBrowserSession(opts);
  const ids: number[] = [];
  for (const account of WIKI_ACCOUNTS)
    ids.push((await createUser(s.db, { ...account, password: TEST_PASSWORD })).id);
  const wiki = s.server.app.services.wiki;
  for (const page of pages) savePage(s.db, wiki, { ...page, authorIds: [ids[0]] });
  return s;
}
