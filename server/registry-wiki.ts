import type { Database } from './db/open.js';
import type { RegistryHooks, ResourceRecord } from '../registry/resources.js';
import { findDeletion, findPage, findRedirect, savePage } from '../registry/wiki/pages.js';
import { hasPendingCoEdits } from './collab/persistence.js';
import type { SaveOrigin, WikiServices } from '../registry/wiki/services.js';

/** Markdown of the wiki page created with a resource: its summary, then room for free documentation. */
function pageMarkdown(r: ResourceRecord): string {
  return [
    `# ${r.name}`,
    '',
    r.summary,
    '',
    ...(r.description ? [r.description, ''] : []),
    `Fiche du registre : [${r.name}](/communs/${r.slug})`,
    '',
    '## Retours d’expérience',
    '',
    '_Installation, paramétrage, astuces, limites rencontrées : complétez cette page._',
    '',
  ].join('\n');
}

/**
 * The registry's hooks into the wiki: each new resource gets a page of kind "commun" (at the
 * resource slug when free, else at "commun-<slug>"), saved through `savePage` like any page.
 *
 * A slug where someone is creating a page by co-editing (a room on a slug without a page, with
 * text not yet written) is not free: the person typing owns the page they opened, as in Outline or
 * HedgeDoc, where a document being written is never replaced by one a program makes. The
 * resource's page goes to the next candidate, as when the slug holds a page of another kind; the
 * room's next revision creates the person's page at its slug.
 */
export function registryHooks(
  db: Database,
  wiki: WikiServices,
  origin: SaveOrigin = 'rest',
  authorId?: number,
): RegistryHooks {
  return {
    createWikiPage(resource) {
      const candidates = [resource.slug, `commun-${resource.slug}`, `commun-${resource.id}`].map(
        (s) => s.slice(0, 120).replace(/-+$/, ''),
      );
      for (const slug of candidates) {
        const existing = findPage(db, slug);
        if (existing && existing.kind === 'commun') return slug;
        // A deleted page keeps its slug (it may be restored), a moved page's old slug leads to it:
        // take the next candidate.
        if (
          existing ||
          findDeletion(db, slug) ||
          findRedirect(db, slug) ||
          hasPendingCoEdits(db, slug)
        )
          continue;
        savePage(db, wiki, {
          slug,
          title: resource.name,
          markdown: pageMarkdown(resource),
          summary: 'Page créée avec la fiche du registre',
          kind: 'commun',
          categories: ['Communs'],
          authorIds: authorId ? [authorId] : [],
          origin,
        });
        return slug;
      }
      return undefined;
    },
  };
}
