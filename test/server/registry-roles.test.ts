import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth/users.js';
import { testApp } from '../helpers/app.js';

const BUNDLE = JSON.parse(readFileSync('/work/shared/data/switchyard-dev/bundle.json', 'utf8'));
type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', 'reader', 'contributor', 'facilitator', 'admin'];

const resource = (slug: string) => ({
  slug,
  name: `Essai ${slug}`,
  kind: 'software',
  summary: 'Un outil pour essayer.',
  themes: ['numerique'],
  license: 'MIT',
});
const place = (slug: string) => ({
  slug,
  name: `Lieu ${slug}`,
  city: 'Arras',
  region: 'Hauts-de-France',
  lat: 50.29,
  lon: 2.78,
});

describe('registry role rules on every write', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    const r = await t.request('POST', '/api/import', { as: 'admin', body: BUNDLE });
    expect(r.status).toBe(200);
  });
  const call = (who: Who, method: string, path: string, body?: unknown) =>
    t.request(method, path, { body, ...(who === 'anonymous' ? {} : { as: who }) });

  /** Expected status per caller, for one write. */
  const cases: {
    name: string;
    expect: Record<Who, number>;
    run: (who: Who) => ReturnType<typeof call>;
  }[] = [
    {
      name: 'POST /api/resources (propose)',
      expect: { anonymous: 401, reader: 201, contributor: 201, facilitator: 201, admin: 201 },
      run: (who) => call(who, 'POST', '/api/resources', resource(`propose-${who}`)),
    },
    {
      name: 'PUT /api/resources/:slug',
      expect: { anonymous: 401, reader: 403, contributor: 200, facilitator: 200, admin: 200 },
      run: (who) =>
        call(who, 'PUT', '/api/resources/paheko', {
          ...BUNDLE.resources[0],
          keywords: [`kw-${who}`],
        }),
    },
    {
      name: 'DELETE /api/resources/:slug (archive)',
      expect: { anonymous: 401, reader: 403, contributor: 403, facilitator: 200, admin: 200 },
      run: (who) =>
        call(who, 'DELETE', `/api/resources/${BUNDLE.resources[10 + WHO.indexOf(who)].slug}`),
    },
    {
      name: 'POST /api/resources/:slug/usages',
      expect: { anonymous: 401, reader: 403, contributor: 201, facilitator: 201, admin: 201 },
      run: (who) =>
        call(who, 'POST', `/api/resources/${BUNDLE.resources[20 + WHO.indexOf(who)].slug}/usages`, {
          place: BUNDLE.places[25].slug,
          status: 'uses',
        }),
    },
    {
      name: 'POST /api/resources/:slug/referents',
      expect: { anonymous: 401, reader: 403, contributor: 201, facilitator: 201, admin: 201 },
      run: (who) =>
        call(
          who,
          'POST',
          `/api/resources/${BUNDLE.resources[30 + WHO.indexOf(who)].slug}/referents`,
          { person: BUNDLE.people[0].slug, isExpert: false },
        ),
    },
    {
      name: 'POST /api/resources/:slug/assessments',
      expect: { anonymous: 401, reader: 403, contributor: 403, facilitator: 201, admin: 201 },
      run: (who) =>
        call(who, 'POST', '/api/resources/paheko/assessments', {
          criterion: 'documentation',
          level: 2,
          evidence: 'https://paheko.cloud/aide',
        }),
    },
    {
      name: 'PUT /api/criteria',
      expect: { anonymous: 401, reader: 403, contributor: 403, facilitator: 403, admin: 200 },
      run: (who) => call(who, 'PUT', '/api/criteria', { maxAgeDays: 730 }),
    },
    {
      name: 'POST /api/import',
      expect: { anonymous: 401, reader: 403, contributor: 403, facilitator: 403, admin: 200 },
      run: (who) =>
        call(who, 'POST', '/api/import', {
          format: 'commons-bundle/1',
          places: [place(`import-${who}`)],
        }),
    },
    {
      name: 'POST /api/places',
      expect: { anonymous: 401, reader: 403, contributor: 201, facilitator: 201, admin: 201 },
      run: (who) => call(who, 'POST', '/api/places', place(`new-${who}`)),
    },
    {
      name: 'PUT /api/places/:slug',
      expect: { anonymous: 401, reader: 403, contributor: 200, facilitator: 200, admin: 200 },
      run: (who) =>
        call(who, 'PUT', `/api/places/${BUNDLE.places[1].slug}`, {
          ...BUNDLE.places[1],
          networks: [`net-${who}`],
        }),
    },
    {
      name: 'POST /api/people (someone else)',
      expect: { anonymous: 401, reader: 403, contributor: 201, facilitator: 201, admin: 201 },
      run: (who) =>
        call(who, 'POST', '/api/people', {
          slug: `other-${who}`,
          name: 'Autre',
          contactable: true,
        }),
    },
    {
      name: 'POST /api/people (own profile, self: true)',
      expect: { anonymous: 401, reader: 201, contributor: 201, facilitator: 201, admin: 201 },
      run: (who) =>
        call(who, 'POST', '/api/people', {
          slug: `self-${who}`,
          name: 'Moi',
          contactable: true,
          self: true,
        }),
    },
    {
      name: 'PUT /api/people/:slug (someone else)',
      expect: { anonymous: 401, reader: 403, contributor: 200, facilitator: 200, admin: 200 },
      run: (who) =>
        call(who, 'PUT', `/api/people/${BUNDLE.people[2].slug}`, {
          ...BUNDLE.people[2],
          bio: `bio ${who}`,
        }),
    },
    {
      name: 'GET /api/contact-messages (read the inbox)',
      expect: { anonymous: 401, reader: 403, contributor: 403, facilitator: 200, admin: 200 },
      run: (who) => call(who, 'GET', '/api/contact-messages'),
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) got[who] = (await c.run(who)).status;
      expect(got).toEqual(c.expect);
    });
  }

  it('lets a reader edit their own profile, not others', async () => {
    const own = await call('reader', 'PUT', '/api/people/self-reader', {
      name: 'Moi',
      contactable: true,
      bio: 'nouvelle bio',
    });
    expect(own.status).toBe(200);
    expect(own.json.bio).toBe('nouvelle bio');
  });

  it('answers 400 naming the field for bad input, never 500', async () => {
    const bad = await call('admin', 'POST', '/api/resources', {
      ...resource('bad-one'),
      themes: ['cuisine'],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('themes.0');
    const url = await call('admin', 'POST', '/api/resources', {
      ...resource('bad-two'),
      url: 'javascript:alert(1)',
    });
    expect(url.status).toBe(400);
    expect(url.json.error.field).toBe('url');
    const level = await call('admin', 'POST', '/api/resources/paheko/assessments', {
      criterion: 'documentation',
      level: 7,
    });
    expect(level.status).toBe(400);
    expect(level.json.error.field).toBe('level');
    const crit = await call('admin', 'POST', '/api/resources/paheko/assessments', {
      criterion: 'nope',
      level: 1,
    });
    expect(crit.status).toBe(400);
    expect(crit.json.error.field).toBe('criterion');
    const dup = await call('admin', 'POST', '/api/resources', resource('propose-admin'));
    expect(dup.status).toBe(409);
    const near = await call('anonymous', 'GET', '/api/resources?near=north');
    expect(near.status).toBe(400);
    expect(near.json.error.field).toBe('near');
    const missing = await call('contributor', 'POST', '/api/resources/paheko/usages', {
      place: 'nulle-part',
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.field).toBe('place');
    const none = await call('anonymous', 'GET', '/api/resources/does-not-exist');
    expect(none.status).toBe(404);
  });
});
