import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import type { Database } from '../db/open.js';
import { badRequest } from '../errors.js';
import { requireRole } from '../auth/middleware.js';
import { slugParam } from './registry-params.js';

/** Writes shared by the registry routes (places, resources, people). */

/** A body's slug, when given, must be the URL's: slugs cannot be changed (400 naming `slug`). */
export function assertSameSlug(bodySlug: string | undefined, slug: string): void {
  if (bodySlug !== undefined && bodySlug !== slug)
    throw badRequest('slug', 'does not match the URL (slugs cannot be changed)');
}

/** How one kind of registry record is read, merged and shown. */
export interface MergeableRecord<B, D> {
  /** The record, or a 404 naming it. */
  get(db: Database, slug: string): unknown;
  upsert(db: Database, input: B & { slug: string }, opts: { mode: 'merge' }): unknown;
  /** What the PUT answers. */
  detail(db: Database, slug: string): D;
}

/**
 * `PUT /:slug` of a place or resource: a contributor updates the record; fields sent replace the
 * stored ones, fields left out are kept, a field sent as null is cleared. Checks in this order: the
 * role (401/403), the URL's slug (400), the body's slug if any (400), the record exists (404).
 * Returns the record's detail after the write.
 */
export function mergeUpdate<B extends { slug?: string }, D>(
  c: Context<AppEnv>,
  body: B,
  record: MergeableRecord<B, D>,
): D {
  requireRole(c, 'contributor');
  const slug = slugParam(c.req.param('slug') ?? '');
  assertSameSlug(body.slug, slug);
  const db = c.get('db');
  record.get(db, slug);
  record.upsert(db, { ...body, slug }, { mode: 'merge' });
  return record.detail(db, slug);
}
