import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedIfEmpty } from '../../server/seed/index.js';
import { operationContracts, type OperationContract } from '../../server/openapi/index.js';
import { jsonSchemaOf } from '../../server/openapi/describe.js';
import { UrlBody } from '../../server/routes/place-events.js';
import { testApp, type AnswerJson } from '../helpers/app.js';

/*
 * The OpenAPI document is generated from the zod schemas the routes validate with: these tests
 * fail when a documented request schema is not the validator's, when a route reads its input
 * with a schema the document does not know, and when a real answer does not match its
 * documented schema.
 */

type Doc = {
  paths: Record<string, Record<string, AnswerJson>>;
  components: { schemas: Record<string, unknown> };
};
type App = Awaited<ReturnType<typeof testApp>>;

/**
 * Routes that read a JSON body themselves, because they also accept another media type: the
 * schema they parse it with, which the document must show for application/json.
 */
const OWN_JSON_BODIES: Record<string, z.ZodType> = {
  'post /api/places/{slug}/events/import': UrlBody,
};
/** Routes whose body is not one JSON schema (uploads, bundles, raw text): no validator to compare. */
const NON_JSON_BODIES = new Set([
  'post /api/import',
  'post /api/files',
  'post /api/admin/mediawiki/imports',
]);

const MEDIAWIKI_EXPORT = readFileSync(
  new URL('../fixtures/mediawiki/movilab.xml', import.meta.url).pathname,
);

/** Replaces every local `$ref` by what it points to (the document has no recursive schema). */
function inline(value: unknown, doc: Doc, depth = 0): unknown {
  if (depth > 40) throw new Error('recursive schema');
  if (Array.isArray(value)) return value.map((v) => inline(v, doc, depth + 1));
  if (!value || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<AnswerJson>((node, part) => node?.[part], doc);
    return inline(target, doc, depth + 1);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v, doc, depth + 1)]));
}

describe('OpenAPI contracts', () => {
  let t: App;
  let doc: Doc;
  let ops: OperationContract[];

  beforeAll(async () => {
    t = await testApp();
    await seedIfEmpty(t.db);
    doc = (await t.request('GET', '/api/openapi.json')).json;
    ops = operationContracts(t.app.routes);
  });

  it('documents the JSON body of every validated route with its validator schema', () => {
    const validated = ops.filter((o) => o.body);
    expect(validated.length).toBeGreaterThan(40);
    for (const op of validated) {
      const documented =
        doc.paths[op.path]?.[op.method]?.requestBody?.content?.['application/json']?.schema;
      expect(documented, `${op.method} ${op.path}`).toEqual(jsonSchemaOf(op.body!, 'input'));
    }
  });

  it('documents the query parameters of every validated route with its validator schema, and no others', () => {
    const validated = ops.filter((o) => o.query);
    expect(validated.length).toBeGreaterThan(20);
    for (const op of validated) {
      const where = `${op.method} ${op.path}`;
      const schema = jsonSchemaOf(op.query!, 'input') as {
        properties?: Record<string, Record<string, unknown>>;
        required?: string[];
      };
      const params: AnswerJson[] = (doc.paths[op.path][op.method].parameters ?? []).filter(
        (p: AnswerJson) => p.in === 'query',
      );
      expect(params.map((p) => p.name).sort(), where).toEqual(
        Object.keys(schema.properties ?? {}).sort(),
      );
      for (const p of params) {
        const { description: _d, ...expected } = schema.properties![p.name];
        expect(p.schema, `${where} ?${p.name}`).toEqual(expected);
        expect(p.required, `${where} ?${p.name} required`).toBe(
          (schema.required ?? []).includes(p.name),
        );
      }
    }
  });

  it('documents every route of the app with describeRoute (an undescribed route would be missing)', () => {
    expect(ops.length).toBeGreaterThan(120);
    expect(ops.filter((o) => !o.doc).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    for (const op of ops)
      expect(doc.paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeDefined();
  });

  it('documents no JSON body that no validator checks', () => {
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      const content = doc.paths[op.path]?.[op.method]?.requestBody?.content;
      if (!content?.['application/json'] || op.body || NON_JSON_BODIES.has(key)) continue;
      const own = OWN_JSON_BODIES[key];
      expect(own, `${key}: a documented JSON body without a validator`).toBeDefined();
      expect(content['application/json'].schema, key).toEqual(jsonSchemaOf(own, 'input'));
    }
  });

  it('leaves no inline parsing of the request in the routes: the validators (documented) read it', () => {
    const dir = join(import.meta.dirname, '../../server/routes');
    const inlineParse =
      /\.(safeParse|parse|parseAsync|safeParseAsync)\(\s*(await\s+)?c\.req\.(json|query|queries|parseBody|text|formData)\(/;
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (inlineParse.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    // The calendar import reads JSON or text/calendar: its JSON schema is checked above instead.
    expect(offenders.filter((o) => !o.startsWith('place-events.ts:'))).toEqual([]);
    expect(offenders.filter((o) => o.startsWith('place-events.ts:'))).toHaveLength(1);
  });

  /** Sends a body that is not JSON (a multipart upload, a calendar), as `as`, and reads the JSON answer. */
  async function sendRaw(
    method: string,
    path: string,
    body: FormData | string,
    as?: 'admin' | 'reader',
    contentType?: string,
  ) {
    const headers: Record<string, string> = as
      ? { authorization: `Bearer ${await t.tokenFor(as)}` }
      : {};
    if (contentType) headers['content-type'] = contentType;
    const res = await t.app.request(path, { method, headers, body });
    return { status: res.status, json: (await res.json()) as AnswerJson };
  }

  /**
   * Reads `path` as `as` and checks the answer against the document's schema for its status;
   * what does not match is added to `problems`.
   */
  async function matchesDocumented(
    problems: string[],
    method: string,
    path: string,
    template: string,
    opts: {
      as?: 'admin' | 'reader';
      body?: unknown;
      form?: FormData;
      calendar?: string;
      failing?: boolean;
    } = {},
  ) {
    const res = opts.form
      ? await sendRaw(method, path, opts.form, opts.as)
      : opts.calendar !== undefined
        ? await sendRaw(method, path, opts.calendar, opts.as, 'text/calendar')
        : await t.request(method, path, opts);
    const where = `${method} ${path} → ${res.status}`;
    // A check meant for a success must not pass on an error envelope.
    if (res.status >= 400 !== !!opts.failing) problems.push(`${where}: unexpected status`);
    const response = doc.paths[template]?.[method.toLowerCase()]?.responses?.[res.status];
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) problems.push(`${where}: no documented JSON schema for this status`);
    else {
      const check = z.fromJSONSchema(inline(schema, doc) as Parameters<typeof z.fromJSONSchema>[0]);
      const parsed = check.safeParse(res.json);
      if (!parsed.success)
        problems.push(`${where}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
    }
    return res.json;
  }

  it('answers as documented, one route per resource family', async () => {
    const problems: string[] = [];
    await matchesDocumented(problems, 'GET', '/api/health', '/api/health');
    await matchesDocumented(problems, 'GET', '/api/auth/me', '/api/auth/me', { as: 'reader' });
    await matchesDocumented(problems, 'GET', '/api/auth/me', '/api/auth/me');
    await matchesDocumented(problems, 'GET', '/api/auth/sessions', '/api/auth/sessions', {
      as: 'reader',
    });
    await matchesDocumented(problems, 'GET', '/api/auth/tokens', '/api/auth/tokens', {
      as: 'reader',
    });
    await matchesDocumented(problems, 'GET', '/api/admin/users', '/api/admin/users', {
      as: 'admin',
    });
    await matchesDocumented(problems, 'GET', '/api/admin/audit', '/api/admin/audit', {
      as: 'admin',
    });
    await matchesDocumented(problems, 'POST', '/api/auth/login', '/api/auth/login', {
      body: { email: 'reader@example.org', password: 'password123' },
    });
    const pages = await matchesDocumented(problems, 'GET', '/api/pages', '/api/pages');
    await matchesDocumented(
      problems,
      'GET',
      `/api/pages/${pages.pages[0].slug}`,
      '/api/pages/{slug}',
    );
    await matchesDocumented(problems, 'GET', '/api/recent-changes', '/api/recent-changes');
    await matchesDocumented(
      problems,
      'POST',
      `/api/pages/${pages.pages[0].slug}/collab-save`,
      '/api/pages/{slug}/collab-save',
      { as: 'admin', body: { summary: 'Rien à écrire' } },
    );
    const gone = pages.pages[1].slug;
    expect(
      (
        await t.request('DELETE', `/api/pages/${gone}`, {
          as: 'admin',
          body: { reason: 'Doublon' },
        })
      ).status,
    ).toBe(200);
    const log = await matchesDocumented(problems, 'GET', '/api/wiki/log', '/api/wiki/log');
    expect(log.entries.length).toBeGreaterThan(0);
    const deleted = await matchesDocumented(
      problems,
      'GET',
      '/api/wiki/deleted',
      '/api/wiki/deleted',
      { as: 'admin' },
    );
    expect(deleted.pages.length).toBeGreaterThan(0);
    await matchesDocumented(problems, 'GET', `/api/pages/${gone}`, '/api/pages/{slug}', {
      failing: true,
    });
    await matchesDocumented(problems, 'DELETE', `/api/pages/${gone}`, '/api/pages/{slug}', {
      as: 'admin',
      body: { reason: 'Encore' },
      failing: true,
    });
    await matchesDocumented(
      problems,
      'POST',
      `/api/pages/${gone}/restore`,
      '/api/pages/{slug}/restore',
      { as: 'admin', body: { reason: 'Finalement utile' } },
    );
    const draft = { title: 'Essai de contrat', markdown: 'Voir [[Page à écrire]].' };
    const created = await matchesDocumented(
      problems,
      'PUT',
      '/api/pages/essai',
      '/api/pages/{slug}',
      {
        as: 'admin',
        body: { ...draft, baseRevision: 0 },
      },
    );
    expect(created.revision).toBe(1);
    await matchesDocumented(problems, 'PUT', '/api/pages/essai', '/api/pages/{slug}', {
      as: 'admin',
      body: { ...draft, markdown: 'Voir [[Page à écrire]] et [[Autre page]].', baseRevision: 1 },
    });
    await matchesDocumented(problems, 'PUT', '/api/pages/essai', '/api/pages/{slug}', {
      as: 'admin',
      body: { ...draft, markdown: 'Trop tard', baseRevision: 1 },
      failing: true,
    });
    for (const [path, template] of [
      ['/api/pages/essai/revisions', '/api/pages/{slug}/revisions'],
      ['/api/pages/essai/revisions/1', '/api/pages/{slug}/revisions/{n}'],
      ['/api/pages/essai/diff', '/api/pages/{slug}/diff'],
    ])
      await matchesDocumented(problems, 'GET', path, template);
    await matchesDocumented(
      problems,
      'PATCH',
      '/api/pages/essai/properties',
      '/api/pages/{slug}/properties',
      { as: 'admin', body: { categories: ['Essais'] } },
    );
    await matchesDocumented(
      problems,
      'PUT',
      '/api/pages/essai/needs-work',
      '/api/pages/{slug}/needs-work',
      { as: 'admin', body: { reason: 'Trop court' } },
    );
    await matchesDocumented(
      problems,
      'DELETE',
      '/api/pages/essai/needs-work',
      '/api/pages/{slug}/needs-work',
      { as: 'admin' },
    );
    await matchesDocumented(
      problems,
      'POST',
      '/api/pages/essai/revert',
      '/api/pages/{slug}/revert',
      { as: 'admin', body: { revision: 1 } },
    );
    await matchesDocumented(problems, 'POST', '/api/pages/essai/move', '/api/pages/{slug}/move', {
      as: 'admin',
      body: { slug: 'essai-deplace', reason: 'Meilleur nom' },
    });
    await matchesDocumented(problems, 'GET', '/api/pages/essai', '/api/pages/{slug}');
    await matchesDocumented(
      problems,
      'GET',
      '/api/pages/essai/revisions',
      '/api/pages/{slug}/revisions',
    );
    await matchesDocumented(
      problems,
      'GET',
      '/api/pages/essai-deplace/backlinks',
      '/api/pages/{slug}/backlinks',
    );
    for (const path of [
      '/api/wiki/wanted',
      '/api/wiki/to-improve',
      '/api/wiki/orphans',
      '/api/wiki/categories',
    ])
      await matchesDocumented(problems, 'GET', path, path);
    await matchesDocumented(
      problems,
      'GET',
      '/api/wiki/categories/Essais',
      '/api/wiki/categories/{name}',
    );
    await matchesDocumented(problems, 'POST', '/api/wiki/preview', '/api/wiki/preview', {
      as: 'admin',
      body: { markdown: '# Titre\n\nVoir [[Tiers-lieu]].' },
    });
    const changes = await matchesDocumented(
      problems,
      'GET',
      '/api/recent-changes?limit=500',
      '/api/recent-changes',
    );
    expect(new Set(changes.changes.map((change: { kind: string }) => change.kind))).toEqual(
      new Set(['edit', 'delete', 'restore', 'move']),
    );
    await matchesDocumented(problems, 'GET', '/api/search?q=tiers-lieu', '/api/search');
    await matchesDocumented(problems, 'GET', '/api/search/all?q=tiers', '/api/search/all');
    await matchesDocumented(problems, 'GET', '/api/resources', '/api/resources');
    await matchesDocumented(problems, 'GET', '/api/resources/paheko', '/api/resources/{slug}');
    await matchesDocumented(
      problems,
      'GET',
      '/api/resources/paheko/assessments',
      '/api/resources/{slug}/assessments',
    );
    await matchesDocumented(problems, 'GET', '/api/criteria', '/api/criteria');
    await matchesDocumented(
      problems,
      'GET',
      '/api/licenses/check?id=agpl-3.0',
      '/api/licenses/check',
    );
    const placeList = await matchesDocumented(
      problems,
      'GET',
      '/api/places?limit=5',
      '/api/places',
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/places/${placeList.items[0].slug}`,
      '/api/places/{slug}',
    );
    await matchesDocumented(problems, 'GET', '/api/map/places', '/api/map/places');
    const peopleList = await matchesDocumented(
      problems,
      'GET',
      '/api/people?limit=5',
      '/api/people',
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/people/${peopleList.items[0].slug}`,
      '/api/people/{slug}',
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/people/${peopleList.items[0].slug}`,
      '/api/people/{slug}',
      { as: 'admin' },
    );
    await matchesDocumented(problems, 'GET', '/api/people?visibility=all', '/api/people', {
      as: 'admin',
    });
    await matchesDocumented(problems, 'POST', '/api/switchyard', '/api/switchyard', {
      body: { problem: 'gérer la comptabilité de l’association' },
    });
    const tracked = await matchesDocumented(
      problems,
      'POST',
      '/api/switchyard/requests',
      '/api/switchyard/requests',
      {
        as: 'reader',
        body: { problem: 'organiser un atelier de réparation de vélos' },
      },
    );
    await matchesDocumented(
      problems,
      'POST',
      `/api/switchyard/requests/${tracked.request.id}/notes`,
      '/api/switchyard/requests/{id}/notes',
      { as: 'reader', body: { body: 'Appelé le fablab.' } },
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/switchyard/requests/${tracked.request.id}`,
      '/api/switchyard/requests/{id}',
      { as: 'admin' },
    );
    await matchesDocumented(
      problems,
      'GET',
      '/api/switchyard/requests',
      '/api/switchyard/requests',
      { as: 'admin' },
    );
    await matchesDocumented(
      problems,
      'PUT',
      '/api/switchyard/thesaurus/velo-essai',
      '/api/switchyard/thesaurus/{id}',
      { as: 'admin', body: { terms: ['vélo', 'bicyclette'] } },
    );
    await matchesDocumented(
      problems,
      'GET',
      '/api/switchyard/thesaurus',
      '/api/switchyard/thesaurus',
    );
    await matchesDocumented(
      problems,
      'GET',
      '/api/switchyard/dashboard',
      '/api/switchyard/dashboard',
      { as: 'admin' },
    );
    const eventList = await matchesDocumented(problems, 'GET', '/api/events', '/api/events');
    expect(eventList.items.length).toBeGreaterThan(0);
    const firstPlace = placeList.items[0].slug;
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const published_event = await matchesDocumented(
      problems,
      'POST',
      '/api/events',
      '/api/events',
      {
        as: 'admin',
        body: {
          title: 'Atelier vélo',
          type: 'atelier',
          place: firstPlace,
          slots: [{ startsAt: `${day(5)}T10:00`, endsAt: `${day(5)}T12:00` }],
          registration: { kind: 'seats', seats: 10 },
        },
      },
    );
    await matchesDocumented(
      problems,
      'PUT',
      `/api/events/${published_event.id}`,
      '/api/events/{id}',
      { as: 'admin', body: { price: 'Prix libre' } },
    );
    await matchesDocumented(
      problems,
      'POST',
      `/api/events/${published_event.id}/bookings`,
      '/api/events/{id}/bookings',
      { as: 'reader', body: { seats: 2 } },
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/events/${published_event.id}`,
      '/api/events/{id}',
      { as: 'reader' },
    );
    const campaignList = await matchesDocumented(
      problems,
      'GET',
      '/api/campaigns',
      '/api/campaigns',
    );
    expect(campaignList.items.length).toBeGreaterThan(0);
    await matchesDocumented(
      problems,
      'GET',
      `/api/campaigns/${campaignList.items[0].slug}`,
      '/api/campaigns/{slug}',
    );
    await matchesDocumented(problems, 'POST', '/api/campaigns', '/api/campaigns', {
      as: 'admin',
      body: { slug: 'jpo-test', title: 'JPO test', startsOn: day(30), endsOn: day(31) },
    });
    await matchesDocumented(
      problems,
      'POST',
      '/api/campaigns/jpo-test/places',
      '/api/campaigns/{slug}/places',
      { as: 'admin', body: { place: firstPlace } },
    );
    const stamp = (n: number) => day(n).replaceAll('-', '');
    await matchesDocumented(
      problems,
      'POST',
      `/api/places/${firstPlace}/events/import`,
      '/api/places/{slug}/events/import',
      {
        as: 'admin',
        calendar: [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//test//FR',
          'BEGIN:VEVENT',
          'UID:soon@example.org',
          'DTSTAMP:20250901T000000Z',
          'SUMMARY:Repair café',
          `DTSTART:${stamp(9)}T170000Z`,
          `DTEND:${stamp(9)}T190000Z`,
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:long-ago@example.org',
          'DTSTAMP:20200901T000000Z',
          'SUMMARY:Vieille rencontre',
          'DTSTART:20200101T170000Z',
          'DTEND:20200101T190000Z',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      },
    );
    const contactable = peopleList.items.find((p: { contactable: boolean }) => p.contactable).slug;
    const starts = new Date(Date.now() + 7 * 86_400_000);
    const session = {
      expert: contactable,
      title: 'Permanence comptabilité',
      format: 'collective',
      mode: 'remote',
      link: 'https://visio.example.org/compta',
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 3_600_000).toISOString(),
      capacity: 4,
    };
    const published = await matchesDocumented(
      problems,
      'POST',
      '/api/permanences',
      '/api/permanences',
      { as: 'admin', body: session },
    );
    const booked = await matchesDocumented(
      problems,
      'POST',
      `/api/permanences/${published.id}/bookings`,
      '/api/permanences/{id}/bookings',
      {
        as: 'admin',
        body: {
          place: placeList.items[0].slug,
          question: 'Tenir la comptabilité de l’association',
        },
      },
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/permanences/${published.id}`,
      '/api/permanences/{id}',
      { as: 'admin' },
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/permanences/${published.id}`,
      '/api/permanences/{id}',
    );
    await matchesDocumented(problems, 'GET', `/api/bookings/${booked.id}`, '/api/bookings/{id}', {
      as: 'admin',
    });
    await matchesDocumented(problems, 'GET', '/api/permanences', '/api/permanences');
    const contact = { message: 'Bonjour, pouvez-vous nous aider ?', from: 'Un tiers-lieu' };
    await matchesDocumented(
      problems,
      'POST',
      `/api/people/${contactable}/contact`,
      '/api/people/{slug}/contact',
      { as: 'reader', body: contact },
    );
    const inboxList = await matchesDocumented(problems, 'GET', '/api/inbox', '/api/inbox', {
      as: 'admin',
    });
    expect(inboxList.messages.length).toBeGreaterThan(0);
    const messageId = inboxList.messages[0].id;
    await matchesDocumented(
      problems,
      'POST',
      `/api/inbox/${messageId}/replies`,
      '/api/inbox/{id}/replies',
      { as: 'admin', body: { body: 'Avec plaisir.' } },
    );
    await matchesDocumented(problems, 'GET', '/api/my-messages', '/api/my-messages', {
      as: 'reader',
    });
    await matchesDocumented(problems, 'GET', '/api/unread', '/api/unread', { as: 'reader' });
    const outbox = await matchesDocumented(
      problems,
      'GET',
      '/api/admin/outbox',
      '/api/admin/outbox',
      { as: 'admin' },
    );
    expect(outbox.mails.length).toBeGreaterThan(0);
    await matchesDocumented(
      problems,
      'GET',
      `/api/admin/outbox/${outbox.mails[0].id}`,
      '/api/admin/outbox/{id}',
      { as: 'admin' },
    );
    const exportForm = new FormData();
    exportForm.append('file', new Blob([MEDIAWIKI_EXPORT]), 'movilab.xml');
    const uploaded = await matchesDocumented(
      problems,
      'POST',
      '/api/admin/mediawiki/imports',
      '/api/admin/mediawiki/imports',
      { as: 'admin', form: exportForm },
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/admin/mediawiki/imports/${uploaded.import.id}`,
      '/api/admin/mediawiki/imports/{id}',
      { as: 'admin' },
    );
    const imports = await matchesDocumented(
      problems,
      'GET',
      '/api/admin/mediawiki/imports',
      '/api/admin/mediawiki/imports',
      { as: 'admin' },
    );
    expect(imports.imports.length).toBeGreaterThan(0);
    const withFields = pages.pages[0].slug;
    const kind = (await t.request('GET', `/api/pages/${withFields}`)).json.kind;
    await matchesDocumented(
      problems,
      'PUT',
      `/api/page-fields/${kind}`,
      '/api/page-fields/{kind}',
      {
        as: 'admin',
        body: {
          fields: [{ name: 'horaires', label: { fr: 'Horaires', en: 'Hours' }, type: 'text' }],
        },
      },
    );
    await matchesDocumented(problems, 'GET', '/api/page-fields', '/api/page-fields');
    await matchesDocumented(
      problems,
      'PUT',
      `/api/pages/${withFields}/fields`,
      '/api/pages/{slug}/fields',
      { as: 'admin', body: { fields: { horaires: 'Du lundi au vendredi' } } },
    );
    await matchesDocumented(
      problems,
      'GET',
      `/api/pages/${withFields}/fields`,
      '/api/pages/{slug}/fields',
    );
    const upload = (text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
      form.append('page', withFields);
      return form;
    };
    const stored = await matchesDocumented(problems, 'POST', '/api/files', '/api/files', {
      as: 'admin',
      form: upload('Premières notes'),
    });
    expect(stored.created).toBe(true);
    const again = await matchesDocumented(problems, 'POST', '/api/files', '/api/files', {
      as: 'admin',
      form: upload('Secondes notes'),
    });
    expect(again.file.version).toBe(2);
    const fileName = stored.file.name;
    await matchesDocumented(problems, 'GET', `/api/files/${fileName}`, '/api/files/{name}');
    await matchesDocumented(
      problems,
      'GET',
      `/api/pages/${withFields}/files`,
      '/api/pages/{slug}/files',
    );
    await matchesDocumented(
      problems,
      'DELETE',
      `/api/pages/${withFields}/files/${fileName}`,
      '/api/pages/{slug}/files/{name}',
      { as: 'admin' },
    );
    await matchesDocumented(
      problems,
      'POST',
      `/api/pages/${withFields}/files`,
      '/api/pages/{slug}/files',
      { as: 'admin', body: { name: fileName } },
    );
    await matchesDocumented(
      problems,
      'DELETE',
      `/api/files/${fileName}/versions/1`,
      '/api/files/{name}/versions/{n}',
      { as: 'admin', body: { reason: 'Première version erronée' } },
    );
    await matchesDocumented(problems, 'GET', '/api/files', '/api/files', { as: 'admin' });
    await matchesDocumented(problems, 'DELETE', `/api/files/${fileName}`, '/api/files/{name}', {
      as: 'admin',
      body: { reason: 'Plus utile' },
    });
    const fileLog = await matchesDocumented(problems, 'GET', '/api/file-log', '/api/file-log');
    expect(fileLog.entries.length).toBe(2);
    await matchesDocumented(problems, 'GET', '/api/accessibility', '/api/accessibility');
    await matchesDocumented(problems, 'GET', '/api/search?limit=0', '/api/search', {
      failing: true,
    });
    expect(problems).toEqual([]);
  });
});
