import type { Database } from '../db/open.js';
import { WikiServices } from '../wiki/services.js';
import { savePage, setNeedsWork } from '../wiki/pages.js';
import { DEMO_PAGES } from './pages.js';

/**
 * Writes the French demo content into an empty database (no pages yet), in one transaction.
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
  return true;
}
