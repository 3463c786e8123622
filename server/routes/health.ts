import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { describeRoute } from '../openapi/describe.js';
import { Health } from '../contracts/system.js';

const describeHealth = describeRoute({
  tags: ['system'],
  summary: 'Liveness and schema version',
  responses: { 200: { description: 'OK', schema: Health } },
});

/** /api/health: liveness and database reachability. */
export const health = new Hono<AppEnv>().get('/', describeHealth, (c) => {
  const row = c.get('db').prepare('PRAGMA user_version').get() as { user_version: number };
  return c.json({ status: 'ok', schemaVersion: row.user_version } satisfies Health);
});
