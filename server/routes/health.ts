import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

/** /api/health: liveness and database reachability. */
export const health = new Hono<AppEnv>().get('/', (c) => {
  const row = c.get('db').prepare('PRAGMA user_version').get() as { user_version: number };
  return c.json({ status: 'ok', schemaVersion: row.user_version });
});
