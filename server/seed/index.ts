import type { Database } from '../db/open.js';
import { WikiServices } from '../wiki/services.js';
import { savePage } from '../wiki/pages.js';
import { DEMO_PAGES } from './pages.js';

/**
 * Writes the French demo content into an empty database (no pages yet).
 * @returns true when it seeded something.
 */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const n = (db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n;
  if (n > 0) return false;
  const wiki = new WikiServices();
  db.transaction(() => {
    for (const p of DEMO_PAGES) savePage(db, wiki, { ...p, summary: 'Page de démonstration', authorIds: [], origin: 'seed' });
  })();
  return true;
}
