import { Hono } from 'hono';
import { z } from 'zod';
import { decodeStateVector } from 'yjs';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { jsonBody } from '../validate.js';
import { requireRole } from '../auth/middleware.js';
import { assertNotDeleted, SLUG_RE } from '../../registry/wiki/pages.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { CollabSaveResult } from '../contracts/collab.js';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const SaveBody = z.object({
  /** The revision's summary (optional: "Co-édition" otherwise). */
  summary: z
    .string()
    .trim()
    .max(500)
    .regex(NO_CONTROL, 'no line breaks or control characters')
    .optional(),
  /** The editor's Yjs state vector, base64: the server waits for the edits it names before writing. */
  stateVector: z
    .string()
    .max(100_000)
    .regex(BASE64, 'base64 of Y.encodeStateVector(doc)')
    .optional(),
});

/**
 * POST /api/pages/:slug/collab-save: the co-editor's *Enregistrer maintenant*. Writes the pending
 * co-edits of the page as a revision now, with the summary given, for writers (contributors and
 * above) only, like every other write.
 */
export const collabSave = new Hono<AppEnv>().post(
  '/:slug/collab-save',
  describeRoute({
    tags: ['collab'],
    summary:
      'Write the pending co-edits of a page as a revision now (the editor’s “Enregistrer maintenant”)',
    description:
      'Contributors and above. `summary` becomes the revision’s summary (default “Co-édition”). `stateVector` (base64 of ' +
      'the editor’s `Y.encodeStateVector(doc)`) makes the server wait, up to 3 s, until the live document holds every edit ' +
      'the editor had sent, so the last keystrokes are in the revision. Answers `{ revision, saved, complete }`: the page ' +
      'revision the live text matches (0 while the page does not exist), whether a revision was written, and whether the ' +
      'document held all of the editor’s edits. Nothing pending: `saved: false` with the current revision.',
    responses: {
      200: { description: '`{ revision, saved, complete }`', schema: CollabSaveResult },
      400: errorAnswer('Invalid slug, summary or state vector (names the field)'),
      401: errorAnswer('Not logged in'),
      403: errorAnswer('Role below contributor'),
      409: errorAnswer('The page is deleted (`page_deleted`)'),
    },
  }),
  jsonBody(SaveBody),
  async (c) => {
    requireRole(c, 'contributor');
    const slug = c.req.param('slug');
    if (!SLUG_RE.test(slug))
      throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
    assertNotDeleted(c.get('db'), slug);
    const { summary, stateVector } = c.req.valid('json');
    let vector: Uint8Array | undefined;
    if (stateVector) {
      vector = new Uint8Array(Buffer.from(stateVector, 'base64'));
      try {
        // Decoded once here so that a malformed vector is the client's 400, not a 500 later.
        decodeStateVector(vector);
      } catch {
        throw badRequest('stateVector', 'not a Yjs state vector');
      }
    }
    const result = await c
      .get('services')
      .collab.saveNow(slug, { summary: summary || undefined, stateVector: vector });
    return c.json(result satisfies CollabSaveResult);
  },
);
