import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The project's root folder (where package.json is): above server/ when the sources run (tsx,
 * tests), three levels further up when the compiled copy in dist/server/server/ runs (`npm start`,
 * see bin/server-build.js). Files that are not code (migrations, the built client) are found
 * from here, so both ways find the same ones.
 */
export const PROJECT_ROOT = /[\\/]dist[\\/]server[\\/]server$/.test(HERE)
  ? join(HERE, '../../..')
  : join(HERE, '..');
