import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { badRequest } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { registryHooks } from '../registry-wiki.js';
import { importBodyLimit } from '../body-limit.js';
import { exportBundle, importBundle } from '../../registry/bundle.js';
import { checkLicense, LICENSES } from '../../registry/licenses.js';
import { listMessages, setMessageStatus } from '../../registry/people.js';
import { importPubliccode } from '../../registry/publiccode.js';
import { configureQualification, getQualificationSettings, listCriteria } from '../../registry/qualification.js';
import { SLUG_RE } from '../../registry/schema.js';

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
const LicenseQuery = z.object({ id: z.string().max(200) });
const MessageBody = z.object({ status: z.enum(['new', 'relayed', 'closed']) });

/** /api: registry administration (import, export, criteria), licence checks, contact messages. */
export const registryAdmin = new Hono<AppEnv>()
  // Bodies up to config.importBodyLimit (the global limit skips this route), read only once the
  // caller is known to be an admin.
  .post('/import', (c, next) => {
    requireRole(c, 'admin');
    return next();
  }, importBodyLimit, async (c) => {
    const user = requireRole(c, 'admin');
    const hooks = registryHooks(c.get('db'), c.get('services').wiki, 'import', user.id);
    const type = c.req.header('content-type') ?? '';
    if (/yaml|yml/i.test(type) || c.req.query('format') === 'publiccode') {
      const { record, change } = importPubliccode(c.get('db'), await c.req.text(), { hooks, proposedBy: user.id });
      return c.json({ resource: { slug: record.slug, name: record.name }, change }, change === 'created' ? 201 : 200);
    }
    let data: unknown;
    try {
      data = await c.req.json();
    } catch {
      throw badRequest('body', 'not valid JSON (send a commons-bundle/1 document, or a publiccode.yml with Content-Type: application/yaml or ?format=publiccode)');
    }
    return c.json(importBundle(c.get('db'), data, { hooks }));
  })
  .get('/export', readAccess, (c) => {
    c.header('content-disposition', 'attachment; filename="lieux-communs-bundle.json"');
    return c.json(exportBundle(c.get('db')));
  })
  .get('/criteria', readAccess, (c) => c.json({ criteria: listCriteria(c.get('db')), ...getQualificationSettings(c.get('db')) }))
  .put('/criteria', jsonBody(CriteriaBody), (c) => {
    requireRole(c, 'admin');
    const { criteria, ...settings } = c.req.valid('json');
    const out = configureQualification(c.get('db'), {
      ...(criteria ? { criteria } : {}),
      ...(settings.maxAgeDays !== undefined || settings.threshold !== undefined ? { settings } : {}),
    });
    return c.json({ criteria: out.criteria, ...out.settings });
  })
  .get('/licenses', readAccess, (c) => c.json({ licenses: LICENSES }))
  .get('/licenses/check', readAccess, queryParams(LicenseQuery), (c) => c.json(checkLicense(c.req.valid('query').id)))
  .get('/contact-messages', (c) => {
    requireRole(c, 'facilitator');
    return c.json({ messages: listMessages(c.get('db'), null) });
  })
  .patch('/contact-messages/:id', jsonBody(MessageBody), (c) => {
    requireRole(c, 'facilitator');
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) throw badRequest('id', 'a message number');
    setMessageStatus(c.get('db'), id, c.req.valid('json').status);
    return c.json({ id, status: c.req.valid('json').status });
  });
