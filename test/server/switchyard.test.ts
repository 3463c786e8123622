import { beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';
import { importBundle } from '../../registry/bundle.js';

type T = Awaited<ReturnType<typeof testApp>>;

async function appWithRegistry(): Promise<T> {
  const t = await testApp();
  // The registry comes from the database, imported the way an instance imports a bundle.
  importBundle(t.db, fixtureRegistry().bundle);
  return t;
}

describe('POST /api/switchyard', () => {
  let t: T;
  beforeEach(async () => {
    t = await appWithRegistry();
  });

  it('answers themes, resources and people with reasons, anonymously on a public instance', async () => {
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: "Gérer l'adhésion et la compta de l'asso", place: 'lieu-voisin' },
    });
    expect(res.status).toBe(200);
    expect(res.json.themes[0].slug).toBe('gestion');
    expect(res.json.resources[0]).toMatchObject({ slug: 'gestasso', name: 'Gestasso' });
    expect(res.json.resources[0].reasons.length).toBeGreaterThan(0);
    expect(res.json.people[0].slug).toBe('alice');
    expect(res.json.people.map((p: { slug: string }) => p.slug)).not.toContain('carole');
    expect(res.json.people.map((p: { slug: string }) => p.slug)).not.toContain('denis'); // the asking place's own person
    expect(Array.isArray(res.json.questions)).toBe(true);
    expect(Array.isArray(res.json.pages)).toBe(true);
  });

  it("knows who asks from the caller's registry profile: their own place's people are not proposed", async () => {
    await t.tokenFor('reader');
    t.db
      .prepare(
        `UPDATE people SET user_id = (SELECT id FROM users WHERE email = 'reader@example.org') WHERE slug = 'alice'`,
      )
      .run();
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: 'gérer les adhésions' },
      as: 'reader',
    });
    expect(res.json.people.map((p: { slug: string }) => p.slug)).not.toContain('alice');
    expect(res.json.people.map((p: { slug: string }) => p.slug)).toContain('bruno');
    const tracked = await t.request('POST', '/api/switchyard/requests', {
      body: { problem: 'gérer les adhésions' },
      as: 'reader',
    });
    expect(tracked.json.request).toMatchObject({
      place: 'lieu-nord',
      person: 'alice',
      region: 'Hauts-de-France',
    });
  });

  it('answers in English when asked', async () => {
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: 'membership fees and accounting software', lang: 'en' },
    });
    expect(res.json.resources[0].slug).toBe('gestasso');
    expect(res.json.themes[0].label).toMatch(/Management/);
  });

  it('never breaks on special characters', async () => {
    for (const problem of ['compta: "adhésion" ^2 ~1 -bail', '🚀', "l'''", '\\ / * ? [ ] ( )']) {
      const res = await t.request('POST', '/api/switchyard', { body: { problem } });
      expect(res.status, problem).toBe(200);
    }
  });

  it('rejects a bad body with the field named', async () => {
    const empty = await t.request('POST', '/api/switchyard', { body: { problem: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.json.error.field).toBe('problem');
    const lang = await t.request('POST', '/api/switchyard', {
      body: { problem: 'compta', lang: 'de' },
    });
    expect(lang.status).toBe(400);
    expect(lang.json.error.field).toBe('lang');
    const notJson = await t.request('POST', '/api/switchyard', {
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });

  it("reads a resource's wiki page: words only its page holds find it", async () => {
    const t2 = await testApp();
    const insertPage = t2.db.prepare(
      `INSERT INTO pages (slug, title, markdown) VALUES (@slug, @title, @markdown)`,
    );
    importBundle(t2.db, fixtureRegistry().bundle, {
      hooks: {
        createWikiPage: (r) => {
          const slug = `commun-${r.slug}`;
          const markdown =
            r.slug === 'bailtype'
              ? 'Retours : le dépôt de garantie a été négocié à la baisse.'
              : 'Page du commun.';
          insertPage.run({ slug, title: r.name, markdown });
          return slug;
        },
      },
    });
    const res = await t2.request('POST', '/api/switchyard', {
      body: { problem: 'le dépôt de garantie' },
    });
    expect(res.json.resources[0].slug).toBe('bailtype');
    expect(res.json.pages[0].slug).toBe('commun-bailtype');
  });

  it('links related wiki pages', async () => {
    t.db
      .prepare(
        `INSERT INTO pages (slug, title, markdown) VALUES ('tenir-sa-compta', 'Tenir la comptabilité de l''association', 'Plan comptable, bilan et adhésions.')`,
      )
      .run();
    const res = await t.request('POST', '/api/switchyard', {
      body: { problem: 'la comptabilité de notre association' },
    });
    expect(res.json.pages[0]).toMatchObject({ slug: 'tenir-sa-compta' });
  });
});

describe('the switchyard follows the registry', () => {
  it('answers from a bundle imported over HTTP and sees a resource added afterwards', async () => {
    const t = await testApp();
    const imported = await t.request('POST', '/api/import', {
      body: fixtureRegistry().bundle,
      as: 'admin',
    });
    expect(imported.status).toBe(200);
    expect(
      (await t.request('POST', '/api/switchyard', { body: { problem: 'gérer les adhésions' } }))
        .json.resources[0].slug,
    ).toBe('gestasso');
    const before = await t.request('POST', '/api/switchyard', {
      body: { problem: 'un broyeur de végétaux partagé' },
    });
    expect(before.json.resources).toEqual([]);
    const created = await t.request('POST', '/api/resources', {
      as: 'contributor',
      body: {
        slug: 'broyeur-commun',
        name: 'Broyeur commun',
        kind: 'hardware',
        summary: 'Un broyeur de végétaux prêté entre jardins partagés.',
        themes: ['transition'],
      },
    });
    expect(created.status).toBe(201);
    const after = await t.request('POST', '/api/switchyard', {
      body: { problem: 'un broyeur de végétaux partagé' },
    });
    expect(after.json.resources[0].slug).toBe('broyeur-commun');
  });
});

describe('/api/switchyard/thesaurus', () => {
  let t: T;
  beforeEach(async () => {
    t = await appWithRegistry();
  });

  it('lists the shipped groups and lets facilitators edit them, which changes matching', async () => {
    const list = await t.request('GET', '/api/switchyard/thesaurus');
    expect(list.status).toBe(200);
    const bail = list.json.groups.find((g: { id: string }) => g.id === 'bail');
    expect(bail.terms).toContain('location');
    expect(bail.source).toBe('default');

    const before = await t.request('POST', '/api/switchyard', {
      body: { problem: 'une zoomette' },
    });
    expect(before.json.resources.map((r: { slug: string }) => r.slug)).not.toContain('visiolibre');

    const denied = await t.request('PUT', '/api/switchyard/thesaurus/jargon', {
      body: { terms: ['zoomette', 'visioconférence'] },
      as: 'contributor',
    });
    expect(denied.status).toBe(403);
    const anonymous = await t.request('PUT', '/api/switchyard/thesaurus/jargon', {
      body: { terms: ['zoomette', 'visioconférence'] },
    });
    expect(anonymous.status).toBe(401);
    const put = await t.request('PUT', '/api/switchyard/thesaurus/jargon', {
      body: { terms: ['zoomette', 'visioconférence'] },
      as: 'facilitator',
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ id: 'jargon', source: 'added' });

    const after = await t.request('POST', '/api/switchyard', { body: { problem: 'une zoomette' } });
    expect(after.json.resources[0].slug).toBe('visiolibre');

    const del = await t.request('DELETE', '/api/switchyard/thesaurus/jargon', {
      as: 'facilitator',
    });
    expect(del.status).toBe(204);
    const gone = await t.request('POST', '/api/switchyard', { body: { problem: 'une zoomette' } });
    expect(gone.json.resources.map((r: { slug: string }) => r.slug)).not.toContain('visiolibre');
  });

  it('hides a default group when deleted and validates edits', async () => {
    expect(
      (await t.request('DELETE', '/api/switchyard/thesaurus/bail', { as: 'facilitator' })).status,
    ).toBe(204);
    const list = await t.request('GET', '/api/switchyard/thesaurus');
    expect(list.json.groups.map((g: { id: string }) => g.id)).not.toContain('bail');
    expect(
      (await t.request('DELETE', '/api/switchyard/thesaurus/bail', { as: 'facilitator' })).status,
    ).toBe(404);
    const one = await t.request('PUT', '/api/switchyard/thesaurus/x', {
      body: { terms: ['seul'] },
      as: 'facilitator',
    });
    expect(one.status).toBe(400);
    expect(one.json.error.field).toBe('terms');
    const badId = await t.request('PUT', '/api/switchyard/thesaurus/Bad%20Id', {
      body: { terms: ['a', 'b'] },
      as: 'facilitator',
    });
    expect(badId.status).toBe(400);
    expect(badId.json.error.field).toBe('id');
  });
});

describe('requests (sollicitations)', () => {
  let t: T;
  beforeEach(async () => {
    t = await appWithRegistry();
  });

  const create = (as: 'reader' | 'contributor', problem = 'gérer les adhésions et la compta') =>
    t.request('POST', '/api/switchyard/requests', { body: { problem, place: 'lieu-sud' }, as });

  it('turns an answer into a tracked request with what was proposed', async () => {
    const res = await create('reader');
    expect(res.status).toBe(201);
    expect(res.json.request).toMatchObject({
      status: 'new',
      place: 'lieu-sud',
      mainTheme: 'gestion',
      missing: false,
    });
    expect(res.json.request.proposal.resources[0].slug).toBe('gestasso');
    expect(res.json.request.asker.name).toBe('Test reader');
    expect(res.json.answer.resources[0].slug).toBe('gestasso');
    expect(
      (await t.request('POST', '/api/switchyard/requests', { body: { problem: 'x' } })).status,
    ).toBe(401);
  });

  it('an asker sees only their own requests; facilitators see the queue', async () => {
    const mine = (await create('reader')).json.request;
    const other = (await create('contributor', 'une visioconférence')).json.request;
    const readerList = await t.request('GET', '/api/switchyard/requests', { as: 'reader' });
    expect(readerList.json.items.map((r: { id: number }) => r.id)).toEqual([mine.id]);
    expect(
      (await t.request('GET', `/api/switchyard/requests/${other.id}`, { as: 'reader' })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/switchyard/requests/${mine.id}`, { as: 'reader' })).status,
    ).toBe(200);
    expect((await t.request('GET', '/api/switchyard/requests')).status).toBe(401);
    const queue = await t.request('GET', '/api/switchyard/requests', { as: 'facilitator' });
    expect(queue.json.total).toBe(2);
    const own = await t.request('GET', '/api/switchyard/requests?mine=1', { as: 'facilitator' });
    expect(own.json.total).toBe(0);
    const byTheme = await t.request('GET', '/api/switchyard/requests?theme=numerique', {
      as: 'facilitator',
    });
    expect(byTheme.json.items.map((r: { id: number }) => r.id)).toEqual([other.id]);
    expect(
      (await t.request('GET', '/api/switchyard/requests?status=bogus', { as: 'facilitator' }))
        .status,
    ).toBe(400);
  });

  it('follows the lifecycle: oriented → in contact → resolved, with dated notes and outcome', async () => {
    const id = (await create('reader')).json.request.id;
    // Readers, contributors and anonymous visitors cannot change the status.
    expect(
      (
        await t.request('PATCH', `/api/switchyard/requests/${id}`, {
          body: { status: 'oriented' },
          as: 'reader',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('PATCH', `/api/switchyard/requests/${id}`, {
          body: { status: 'oriented' },
          as: 'contributor',
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('PATCH', `/api/switchyard/requests/${id}`, { body: { status: 'oriented' } }))
        .status,
    ).toBe(401);

    const oriented = await t.request('PATCH', `/api/switchyard/requests/${id}`, {
      body: { status: 'oriented', facilitator: 'me' },
      as: 'facilitator',
    });
    expect(oriented.status).toBe(200);
    expect(oriented.json.status).toBe('oriented');
    expect(oriented.json.facilitator.name).toBe('Test facilitator');
    const bad = await t.request('PATCH', `/api/switchyard/requests/${id}`, {
      body: { status: 'done' },
      as: 'facilitator',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('status');
    expect(
      (
        await t.request('PATCH', `/api/switchyard/requests/999`, {
          body: { status: 'closed' },
          as: 'facilitator',
        })
      ).status,
    ).toBe(404);

    const note = await t.request('POST', `/api/switchyard/requests/${id}/notes`, {
      body: { body: 'Appel prévu avec Bruno jeudi.' },
      as: 'facilitator',
    });
    expect(note.status).toBe(201);
    const askerNote = await t.request('POST', `/api/switchyard/requests/${id}/notes`, {
      body: { body: 'Merci !' },
      as: 'reader',
    });
    expect(askerNote.status).toBe(201);
    expect(
      (
        await t.request('POST', `/api/switchyard/requests/${id}/notes`, {
          body: { body: 'intrus' },
          as: 'contributor',
        })
      ).status,
    ).toBe(404);

    const contacted = await t.request('POST', `/api/switchyard/requests/${id}/contact`, {
      body: { person: 'bruno' },
      as: 'reader',
    });
    expect(contacted.json.status).toBe('in-contact');
    expect(contacted.json.firstContactAt).toBeTruthy();

    const outcome = await t.request('POST', `/api/switchyard/requests/${id}/outcome`, {
      body: { helped: true, resource: 'gestasso', person: 'bruno' },
      as: 'reader',
    });
    expect(outcome.json.status).toBe('resolved');
    expect(outcome.json.outcome).toMatchObject({
      helped: true,
      resource: 'gestasso',
      person: 'bruno',
    });
    const kinds = outcome.json.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'status',
      'assign',
      'note',
      'note',
      'contact',
      'status',
      'outcome',
      'status',
    ]);
    expect(outcome.json.events[2]).toMatchObject({
      kind: 'note',
      body: 'Appel prévu avec Bruno jeudi.',
      author: { name: 'Test facilitator' },
    });
    expect(outcome.json.events[2].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('a request that did not help becomes a missing commun', async () => {
    const id = (await create('reader', 'un robot pour traire les chèvres')).json.request.id;
    const res = await t.request('POST', `/api/switchyard/requests/${id}/outcome`, {
      body: { helped: false, note: 'rien trouvé' },
      as: 'reader',
    });
    expect(res.json.missing).toBe(true);
    const missing = await t.request('GET', '/api/switchyard/requests?missing=1', {
      as: 'facilitator',
    });
    expect(missing.json.items.map((r: { id: number }) => r.id)).toContain(id);
  });
});

describe('dashboard', () => {
  it('counts per theme and month, time to first contact, share resolved; exports CSV for facilitators', async () => {
    const t = await appWithRegistry();
    const a = (
      await t.request('POST', '/api/switchyard/requests', {
        body: { problem: 'les adhésions et la compta' },
        as: 'reader',
      })
    ).json.request.id;
    await t.request('POST', '/api/switchyard/requests', {
      body: { problem: 'une visioconférence libre' },
      as: 'reader',
    });
    await t.request('POST', `/api/switchyard/requests/${a}/contact`, {
      body: { person: 'alice' },
      as: 'reader',
    });
    await t.request('POST', `/api/switchyard/requests/${a}/outcome`, {
      body: { helped: true, resource: 'gestasso' },
      as: 'reader',
    });

    expect(
      (await t.request('GET', '/api/switchyard/dashboard', { as: 'contributor' })).status,
    ).toBe(403);
    const d = await t.request('GET', '/api/switchyard/dashboard', { as: 'facilitator' });
    expect(d.status).toBe(200);
    expect(d.json.totals).toMatchObject({
      requests: 2,
      resolved: 1,
      shareResolved: 0.5,
      contacted: 1,
    });
    expect(d.json.totals.medianHoursToFirstContact).toBeGreaterThanOrEqual(0);
    expect(d.json.byTheme.map((x: { theme: string }) => x.theme).sort()).toEqual([
      'gestion',
      'numerique',
    ]);

    // French Excel by default: byte-order mark, ";", French headers, months and themes in words.
    const csv = await t.request('GET', '/api/switchyard/dashboard.csv', { as: 'facilitator' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    // Response.text() drops a byte-order mark: the bytes say whether it is there.
    const raw = await t.app.request('/api/switchyard/dashboard.csv', {
      headers: { authorization: `Bearer ${await t.tokenFor('facilitator')}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Mois;Thème;Demandes;Résolues;Part résolue;Délai médian avant le premier contact (heures)',
    );
    expect(lines).toHaveLength(3);
    const month = new Date().toLocaleDateString('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(
      lines.some((l) =>
        l.startsWith(
          `${month};Outils de gestion (compta, facturation, adhésions, réservations);1;1;1;`,
        ),
      ),
    ).toBe(true);
    expect(csv.text).not.toMatch(/;gestion;|\d{4}-\d{2};/);
    // The English dialect: "," and English words.
    const en = (
      await t.request('GET', '/api/switchyard/dashboard.csv?dialect=en', { as: 'facilitator' })
    ).text
      .trim()
      .split('\r\n');
    expect(en[0]).toBe(
      'Month,Theme,Requests,Resolved,Share resolved,Median time to first contact (hours)',
    );
    const enMonth = new Date().toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(
      en.some((l) =>
        l.startsWith(
          `${enMonth},"Management tools (accounting, invoicing, memberships, bookings)",1,1,1,`,
        ),
      ),
    ).toBe(true);
    const bad = await t.request('GET', '/api/switchyard/dashboard.csv?dialect=xlsx', {
      as: 'facilitator',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('dialect');
    expect(d.json.networks).toEqual(expect.any(Array));

    const none = await t.request('GET', '/api/switchyard/dashboard?network=cercle-nord', {
      as: 'facilitator',
    });
    expect(none.json.totals.requests).toBe(0);
    expect(
      (await t.request('GET', '/api/switchyard/dashboard?from=yesterday', { as: 'facilitator' }))
        .status,
    ).toBe(400);
  });
});
