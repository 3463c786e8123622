import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { assertJsonDepth, jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { registryHooks } from '../registry-wiki.js';
import { importBodyLimit } from '../body-limit.js';
import { exportBundle, importBundle } from '../../registry/bundle.js';
import { checkLicense, LICENSES } from '../../registry/licenses.js';
import { listMessages, setMessageStatus } from '../../registry/people.js';
import { importPubliccode } from '../../registry/publiccode.js';
import {
  configureQualification,
  getQualificationSettings,
  listCriteria,
} from '../../registry/qualification.js';
import { SLUG_RE } from '../../registry/schema.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { CriteriaAnswer as Criteria, LicenseCheck } from '../../registry/contracts.js';

const CriteriaBody = z.object({
  criteria: z
    .array(
      z.object({
        slug: z.string().regex(SLUG_RE, 'use lowercase letters, digits and dashes'),
        label: z.string().trim().min(1).max(120),
        description: z.string().trim().max(2000).default(''),
        weight: z.number().min(0).max(100).default(1),
      }),
    )
    .min(1)
    .max(50)
    .optional(),
  maxAgeDays: z.number().int().min(0).max(36500).optional(),
  threshold: z.number().min(0).max(3).optional(),
});
const LicenseQuery = z.object({ id: z.string().max(200).describe('Licence id') });
const MessageBody = z.object({ status: z.enum(['new', 'relayed', 'closed']) });

const denied = { 401: errorAnswer('Not logged in'), 403: errorAnswer('Role too low') };
const DOC = {
  import: describeRoute({
    tags: ['registry-admin'],
    summary:
      'Import a commons-bundle/1 (JSON), or a publiccode.yml (Content-Type: application/yaml, or ?format=publiccode) as a software resource',
    description:
      'Needs: admin. All or nothing, idempotent (upsert by slug). Unknown extra fields are kept. ' +
      'The body may reach importBodyLimit (LC_IMPORT_BODY_LIMIT, 64 MB by default) instead of the 5 MB of every other route.',
    loggedIn: true,
    query: {
      format: {
        description: '"publiccode": the body is a publiccode.yml file',
        schema: z.enum(['bundle', 'publiccode']),
      },
    },
    requestBody: {
      content: {
        'application/json': { schema: z.object({ format: z.literal('commons-bundle/1') }).loose() },
        'application/yaml': { schema: z.string() },
      },
    },
    responses: {
      200: {
        description:
          'Counts: created / updated / unchanged per collection (a publiccode.yml: the resource and its change)',
        schema: z.object({}).loose(),
      },
      201: {
        description: 'A publiccode.yml created its resource',
        schema: z.object({
          resource: z.object({ slug: z.string(), name: z.string() }),
          change: z.string(),
        }),
      },
      400: errorAnswer(
        'bundle_invalid: `record` ("resources[3] (slug x)") and `field` name the problem; nothing was written',
      ),
      413: errorAnswer(
        'payload_too_large: the body is over importBodyLimit (the message names it)',
      ),
      ...denied,
    },
  }),
  export: describeRoute({
    tags: ['registry-admin'],
    summary: 'Everything public as a commons-bundle/1 (hidden people are left out)',
    responses: {
      200: {
        description: 'The bundle',
        schema: z.object({ format: z.literal('commons-bundle/1') }).loose(),
      },
    },
  }),
  criteria: describeRoute({
    tags: ['registry-admin'],
    summary: 'Qualification criteria and rules (maxAgeDays, threshold)',
    responses: { 200: { description: 'OK', schema: Criteria } },
  }),
  setCriteria: describeRoute({
    tags: ['registry-admin'],
    summary: 'Replace the criteria and/or the rules; every status is recomputed',
    description: 'Needs: admin.',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: Criteria },
      400: errorAnswer('Invalid field'),
      ...denied,
    },
  }),
  licenses: describeRoute({
    tags: ['registry-admin'],
    summary: 'Recognised licence ids (SPDX and Creative Commons) with OSI / FSF flags',
    responses: {
      200: { description: 'OK', schema: z.object({ licenses: z.array(z.object({}).loose()) }) },
    },
  }),
  checkLicense: describeRoute({
    tags: ['registry-admin'],
    summary: 'Check a licence id',
    description:
      'Known SPDX / CC ids (case-insensitive) are valid and "open"; "proprietary" is valid and flagged; anything else is not valid and flagged "unknown" (accepted on resources, never qualified).',
    responses: { 200: { description: 'OK', schema: LicenseCheck }, 400: errorAnswer('No id') },
  }),
  messages: describeRoute({
    tags: ['people'],
    summary: 'Every message to relay, newest first',
    description: 'Needs: facilitator.',
    loggedIn: true,
    responses: {
      200: { description: 'OK', schema: z.object({ messages: z.array(z.object({}).loose()) }) },
      ...denied,
    },
  }),
  setMessage: describeRoute({
    tags: ['people'],
    summary: 'Mark a message relayed or closed',
    description: 'Needs: facilitator.',
    loggedIn: true,
    params: { id: { schema: z.number().int() } },
    responses: {
      200: {
        description: 'OK',
        schema: z.object({ id: z.number().int(), status: z.enum(['new', 'relayed', 'closed']) }),
      },
      404: errorAnswer('Unknown message'),
      ...denied,
    },
  }),
};

/** /api: registry administration (import, export, criteria), licence checks, contact messages. */
export const registryAdmin = new Hono<AppEnv>()
  // Bodies up to config.importBodyLimit (the global limit skips this route), read only once the
  // caller is known to be an admin.
  .post(
    '/import',
    DOC.import,
    (c, next) => {
      requireRole(c, 'admin');
      return next();
    },
    importBodyLimit,
    async (c) => {
      const user = requireRole(c, 'admin');
      const hooks = registryHooks(c.get('db'), c.get('services').wiki, 'import', user.id);
      const type = c.req.header('content-type') ?? '';
      if (/yaml|yml/i.test(type) || c.req.query('format') === 'publiccode') {
        const { record, change } = importPubliccode(c.get('db'), await c.req.text(), {
          hooks,
          proposedBy: user.id,
        });
        return c.json(
          { resource: { slug: record.slug, name: record.name }, change },
          change === 'created' ? 201 : 200,
        );
      }
      let data: unknown;
      try {
        data = await c.req.json();
      } catch {
        throw badRequest(
          'body',
          'not valid JSON (send a commons-bundle/1 document, or a publiccode.yml with Content-Type: application/yaml or ?format=publiccode)',
        );
      }
      assertJsonDepth(data);
      return c.json(importBundle(c.get('db'), data, { hooks }));
    },
  )
  .get('/export', DOC.export, readAccess, (c) => {
    c.header('content-disposition', 'attachment; filename="lieux-communs-bundle.json"');
    return c.json(exportBundle(c.get('db')));
  })
  .get('/criteria', DOC.criteria, readAccess, (c) =>
    c.json({ criteria: listCriteria(c.get('db')), ...getQualificationSettings(c.get('db')) }),
  )
  .put('/criteria', DOC.setCriteria, jsonBody(CriteriaBody), (c) => {
    requireRole(c, 'admin');
    const { criteria, ...settings } = c.req.valid('json');
    const out = configureQualification(c.get('db'), {
      ...(criteria ? { criteria } : {}),
      ...(settings.maxAgeDays !== undefined || settings.threshold !== undefined
        ? { settings }
        : {}),
    });
    return c.json({ criteria: out.criteria, ...out.settings });
  })
  .get('/licenses', DOC.licenses, readAccess, (c) => c.json({ licenses: LICENSES }))
  .get('/licenses/check', DOC.checkLicense, readAccess, queryParams(LicenseQuery), (c) =>
    c.json(checkLicense(c.req.valid('query').id) satisfies LicenseCheck),
  )
  .get('/contact-messages', DOC.messages, (c) => {
    requireRole(c, 'facilitator');
    return c.json({ messages: listMessages(c.get('db'), null) });
  })
  .patch('/contact-messages/:id', DOC.setMessage, jsonBody(MessageBody), (c) => {
    requireRole(c, 'facilitator');
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) throw badRequest('id', 'a message number');
    setMessageStatus(c.get('db'), id, c.req.valid('json').status);
    return c.json({ id, status: c.req.valid('json').status });
  });
