import type { Database } from '../db/open.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { savePage, setNeedsWork } from '../../registry/wiki/pages.js';
import { DEMO_PAGES } from './pages.js';
import { seedRegistry } from './registry.js';
import { seedAgenda } from './agenda.js';

/**
 * Writes the French demo content into an empty database (no pages yet): wiki pages, the registry,
 * and an agenda (events, an open-days campaign, expert permanences) dated from today.
 * @returns true when it seeded something.
 */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const n = (db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n;
  if (n > 0) return false;
  const wiki = new WikiServices();
  db.transaction(() => {
    for (const { needsWork, ...p } of DEMO_PAGES) {
      savePage(db, wiki, { ...p, summary: 'Page de démonstration', authorIds: [], origin: 'seed' });
      if (needsWork) setNeedsWork(db, p.slug, needsWork);
    }
  })();
  // The registry comes after the pages: a resource whose slug is already a page gets "commun-<slug>".
  seedRegistry(db, wiki);
  // The agenda uses the registry's places and people; its dates count from today.
  seedAgenda(db);
  return true;
}
