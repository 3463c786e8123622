import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { hasRole } from '../auth/users.js';
import { SLUG_RE } from '../../registry/wiki/pages.js';

/**
 * Before a write to a page through the REST API (PUT, revert), the co-edits not yet written as a
 * revision are written first. So no edit is ever lost: a save based on an older revision gets the
 * usual 409 conflict, and a save without `baseRevision` comes after the co-edits in the history
 * (then reaches the live document as a forward change).
 *
 * Place it after the body is read and validated (`jsonBody`), right before the handler: nothing
 * must be awaited between the flush and the save, or co-edits arriving meanwhile would be erased
 * by the save's forward change without ever being written.
 */
export const flushCoEditsBeforeWrite: MiddlewareHandler<AppEnv> = (c, next) => {
  const user = c.get('user');
  const slug = c.req.param('slug');
  if (user && hasRole(user.role, 'contributor') && slug && SLUG_RE.test(slug))
    c.get('services').collab.flush(slug);
  return next();
};
