import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { relative } from 'node:path';
import type { AppEnv } from './env.js';

/**
 * Serves the built browser application from `clientDir`: hashed assets as files, and
 * index.html for every other GET so that client-side routes survive a reload.
 */
export function clientApp(clientDir: string) {
  const app = new Hono<AppEnv>();
  const indexPath = `${clientDir}/index.html`;
  const root = relative(process.cwd(), clientDir) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('/favicon.svg', serveStatic({ root }));
  app.get('*', (c) => {
    if (!existsSync(indexPath)) {
      return c.text('The browser application is not built: run `npm run build` (npm start does it).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexPath, 'utf8'));
  });
  return app;
}
