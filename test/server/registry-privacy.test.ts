import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const BUNDLE = JSON.parse(readFileSync('/work/shared/data/switchyard-dev/bundle.json', 'utf8'));
type P = { slug: string; name: string; place?: string; contactable: boolean };
const HIDDEN: P[] = BUNDLE.people.filter((p: P) => !p.contactable);

describe('privacy of people who are neither contactable nor public', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    expect((await t.request('POST', '/api/import', { as: 'admin', body: BUNDLE })).status).toBe(
      200,
    );
    expect(HIDDEN.length).toBe(5);
  });

  const leaks = (text: string) =>
    HIDDEN.filter((h) => text.includes(h.slug) || text.includes(h.name));

  it('never lists them, not even when searched by name', async () => {
    const all = await t.request('GET', '/api/people?limit=100');
    expect(all.json.total).toBe(41);
    expect(leaks(all.text)).toEqual([]);
    for (const h of HIDDEN) {
      const found = await t.request('GET', `/api/people?q=${encodeURIComponent(h.name)}`);
      expect(found.status).toBe(200);
      expect(leaks(found.text)).toEqual([]);
    }
  });

  it('answers 404 on their page and refuses messages to them', async () => {
    for (const h of HIDDEN) {
      expect((await t.request('GET', `/api/people/${h.slug}`)).status).toBe(404);
      expect((await t.request('GET', `/api/people/${h.slug}`, { as: 'contributor' })).status).toBe(
        404,
      );
      expect(
        (await t.request('POST', `/api/people/${h.slug}/contact`, { body: { message: 'Bonjour' } }))
          .status,
      ).toBe(404);
    }
  });

  it('leaves them out of resource referents, place pages and counts', async () => {
    const referentLinks = BUNDLE.referents.filter((r: { person: string }) =>
      HIDDEN.some((h) => h.slug === r.person),
    );
    expect(referentLinks.length).toBeGreaterThan(0);
    for (const link of referentLinks) {
      const page = await t.request('GET', `/api/resources/${link.resource}`);
      expect(page.status).toBe(200);
      expect(leaks(page.text)).toEqual([]);
      const visible = BUNDLE.referents.filter(
        (r: { resource: string; person: string }) =>
          r.resource === link.resource && !HIDDEN.some((h) => h.slug === r.person),
      );
      expect(page.json.referents).toHaveLength(visible.length);
      const list = await t.request(
        'GET',
        `/api/resources?q=${encodeURIComponent(page.json.name)}&limit=100`,
      );
      expect(
        list.json.items.find((i: { slug: string }) => i.slug === link.resource).referentCount,
      ).toBe(visible.length);
    }
    for (const h of HIDDEN.filter((x) => x.place)) {
      const place = await t.request('GET', `/api/places/${h.place}`);
      expect(place.status).toBe(200);
      expect(leaks(place.text)).toEqual([]);
    }
  });

  it('leaves them out of the export', async () => {
    const out = await t.request('GET', '/api/export');
    expect(out.status).toBe(200);
    expect(out.json.people).toHaveLength(41);
    expect(leaks(out.text)).toEqual([]);
  });

  it('shows a public but not contactable profile, without a contact route, and never an e-mail', async () => {
    const create = await t.request('POST', '/api/people', {
      as: 'contributor',
      body: {
        slug: 'alix-public',
        name: 'Alix Public',
        contactable: false,
        public: true,
        email: 'alix@example.org',
        skills: ['menuiserie'],
      },
    });
    expect(create.status).toBe(201);
    const page = await t.request('GET', '/api/people/alix-public');
    expect(page.status).toBe(200);
    expect(page.json.contactable).toBe(false);
    expect(page.text).not.toContain('alix@example.org');
    const contact = await t.request('POST', '/api/people/alix-public/contact', {
      body: { message: 'Bonjour' },
    });
    expect(contact.status).toBe(409);
    expect((await t.request('GET', '/api/export')).text).not.toContain('alix@example.org');
  });

  it('stores messages for facilitators and the person, without giving the address to the sender', async () => {
    const target = BUNDLE.people.find((p: P) => p.contactable);
    const sent = await t.request('POST', `/api/people/${target.slug}/contact`, {
      as: 'reader',
      body: { message: 'Pouvez-vous nous aider ?', from: 'Lieu X' },
    });
    expect(sent.status).toBe(202);
    expect(Object.keys(sent.json).sort()).toEqual(['id', 'message', 'status']);
    const inbox = await t.request('GET', '/api/contact-messages', { as: 'facilitator' });
    expect(inbox.json.messages[0]).toMatchObject({
      person: { slug: target.slug },
      message: 'Pouvez-vous nous aider ?',
      from: 'Lieu X',
    });
    expect(
      (await t.request('GET', `/api/people/${target.slug}/messages`, { as: 'reader' })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/people/${target.slug}/messages`, { as: 'facilitator' })).json
        .messages,
    ).toHaveLength(1);
    expect(
      (
        await t.request('PATCH', `/api/contact-messages/${sent.json.id}`, {
          as: 'contributor',
          body: { status: 'relayed' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('PATCH', `/api/contact-messages/${sent.json.id}`, {
          as: 'facilitator',
          body: { status: 'relayed' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.request('GET', '/api/contact-messages', { as: 'facilitator' })).json.messages[0]
        .status,
    ).toBe('relayed');
    expect(
      (
        await t.request('PATCH', '/api/contact-messages/9999', {
          as: 'facilitator',
          body: { status: 'closed' },
        })
      ).status,
    ).toBe(404);
  });
});
