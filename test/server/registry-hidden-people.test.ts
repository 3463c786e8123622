import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser, type Role } from '../../server/auth/users.js';
import { personOfUser } from '../../registry/people.js';
import { testApp } from '../helpers/app.js';

type Who = Role | 'anonymous' | 'self' | 'other-reader';
const OUTSIDERS: Who[] = ['anonymous', 'reader', 'contributor', 'other-reader'];
const MANAGERS: Who[] = ['facilitator', 'admin', 'self'];

const PLACE = {
  slug: 'la-fabrique',
  name: 'La Fabrique',
  city: 'Arras',
  region: 'Hauts-de-France',
};
/** Neither contactable nor public: hidden. */
const HIDDEN = {
  slug: 'henri-discret',
  name: 'Henri Discret',
  place: 'la-fabrique',
  themes: ['gouvernance'],
  skills: ['sociocratie'],
  bio: 'Préfère rester discret.',
  contactable: false,
  public: false,
  email: 'henri@example.org',
};
const VISIBLE = {
  slug: 'vera-visible',
  name: 'Véra Visible',
  place: 'la-fabrique',
  themes: ['gouvernance'],
  skills: ['sociocratie'],
  contactable: true,
};

describe('hidden people: facilitators, admins and the person themself only', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const tokens = new Map<Who, string>();
  let selfId = 0;

  beforeAll(async () => {
    t = await testApp();
    for (const role of ['admin', 'reader', 'contributor', 'facilitator'] as const)
      tokens.set(role, await t.tokenFor(role));
    // The person's own account (a reader) and another reader.
    const self = await createUser(t.db, {
      email: 'henri@example.org',
      name: 'Henri',
      password: 'password123',
      role: 'reader',
    });
    selfId = self.id;
    tokens.set('self', createApiToken(t.db, self.id, 'test'));
    const other = await createUser(t.db, {
      email: 'autre@example.org',
      name: 'Autre',
      password: 'password123',
      role: 'reader',
    });
    tokens.set('other-reader', createApiToken(t.db, other.id, 'test'));
    expect((await t.request('POST', '/api/places', { as: 'admin', body: PLACE })).status).toBe(201);
    // The person creates their own hidden profile; a contributor adds a visible one.
    const own = await call('self', 'POST', '/api/people', { ...HIDDEN, self: true });
    expect(own.status).toBe(201);
    expect(own.json).toMatchObject({
      slug: HIDDEN.slug,
      hidden: true,
      public: false,
      contactable: false,
    });
    expect((await call('contributor', 'POST', '/api/people', VISIBLE)).status).toBe(201);
  });

  const call = (who: Who, method: string, path: string, body?: unknown) =>
    t.request(method, path, {
      body,
      headers: who === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(who)}` },
    });

  it('lists hidden people for facilitators and admins with visibility=all, marked hidden', async () => {
    for (const who of ['facilitator', 'admin'] as const) {
      const res = await call(who, 'GET', '/api/people?visibility=all');
      expect(res.status, who).toBe(200);
      const bySlug = new Map(
        res.json.items.map((p: { slug: string; hidden: boolean }) => [p.slug, p]),
      );
      expect(bySlug.get(HIDDEN.slug)).toMatchObject({ name: HIDDEN.name, hidden: true });
      expect(bySlug.get(VISIBLE.slug)).toMatchObject({ hidden: false });
      expect(res.json.total).toBe(2);
      // Filters and search work on hidden people as on the others; private fields never leave.
      const found = await call(
        who,
        'GET',
        '/api/people?visibility=all&q=discret&theme=gouvernance',
      );
      expect(found.json.items.map((p: { slug: string }) => p.slug)).toEqual([HIDDEN.slug]);
      expect(found.text).not.toContain('henri@example.org');
    }
  });

  it('keeps the default directory public only, for every role, and refuses visibility=all below facilitator', async () => {
    for (const who of [...OUTSIDERS, ...MANAGERS]) {
      const res = await call(who, 'GET', '/api/people');
      expect(res.status, who).toBe(200);
      expect(
        res.json.items.map((p: { slug: string }) => p.slug),
        who,
      ).toEqual([VISIBLE.slug]);
      expect(res.json.items[0].hidden, who).toBeUndefined();
    }
    const statuses: Record<string, number> = {};
    for (const who of [...OUTSIDERS, 'self'] as Who[])
      statuses[who] = (await call(who, 'GET', '/api/people?visibility=all')).status;
    expect(statuses).toEqual({
      anonymous: 401,
      reader: 403,
      contributor: 403,
      'other-reader': 403,
      self: 403,
    });
    const bad = await call('admin', 'GET', '/api/people?visibility=everyone');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('visibility');
  });

  it('shows a hidden person to facilitators, admins and themself; 404 like an unknown slug for everyone else', async () => {
    for (const who of MANAGERS) {
      const res = await call(who, 'GET', `/api/people/${HIDDEN.slug}`);
      expect(res.status, who).toBe(200);
      expect(res.json).toMatchObject({
        slug: HIDDEN.slug,
        name: HIDDEN.name,
        hidden: true,
        public: false,
        contactable: false,
        skills: ['sociocratie'],
      });
      expect(res.text, 'fields outside the schema stay private').not.toContain('henri@example.org');
    }
    for (const who of OUTSIDERS) {
      const hidden = await call(who, 'GET', `/api/people/${HIDDEN.slug}`);
      const unknown = await call(who, 'GET', '/api/people/personne-inconnue');
      expect(hidden.status, who).toBe(404);
      expect(hidden.json.error.code).toBe(unknown.json.error.code);
      expect(hidden.text).not.toContain(HIDDEN.name);
    }
    // Visible people look the same as before to outsiders; managers also get the settings.
    expect(
      (await call('anonymous', 'GET', `/api/people/${VISIBLE.slug}`)).json.hidden,
    ).toBeUndefined();
    expect((await call('facilitator', 'GET', `/api/people/${VISIBLE.slug}`)).json).toMatchObject({
      hidden: false,
      public: true,
    });
  });

  it('lets facilitators, admins and the person edit a hidden person; 404 for everyone else', async () => {
    for (const who of MANAGERS) {
      const res = await call(who, 'PUT', `/api/people/${HIDDEN.slug}`, {
        ...HIDDEN,
        email: undefined,
        bio: `bio par ${who}`,
      });
      expect(res.status, who).toBe(200);
      expect(res.json).toMatchObject({ bio: `bio par ${who}`, hidden: true });
    }
    for (const who of OUTSIDERS) {
      const res = await call(who, 'PUT', `/api/people/${HIDDEN.slug}`, {
        ...HIDDEN,
        bio: `bio par ${who}`,
      });
      const unknown = await call(who, 'PUT', '/api/people/personne-inconnue', {
        ...HIDDEN,
        slug: undefined,
        bio: 'x',
      });
      expect(res.status, who).toBe(who === 'anonymous' ? 401 : 404);
      expect(unknown.status, who).toBe(res.status);
    }
    const after = await call('facilitator', 'GET', `/api/people/${HIDDEN.slug}`);
    expect(after.json.bio).toBe('bio par self');
    // The private field sent at creation survived the edits (merge), still unseen.
    const extra = t.db.prepare(`SELECT extra FROM people WHERE slug = ?`).get(HIDDEN.slug) as {
      extra: string;
    };
    expect(JSON.parse(extra.extra)).toMatchObject({ email: 'henri@example.org' });
  });

  it('keeps the rules for visible people: readers 403, contributors may edit', async () => {
    expect(
      (await call('reader', 'PUT', `/api/people/${VISIBLE.slug}`, { ...VISIBLE, bio: 'x' })).status,
    ).toBe(403);
    const edit = await call('contributor', 'PUT', `/api/people/${VISIBLE.slug}`, {
      ...VISIBLE,
      bio: 'modifiée',
    });
    expect(edit.status).toBe(200);
    expect(edit.json).toMatchObject({ bio: 'modifiée' });
    expect(edit.json.hidden).toBeUndefined();
  });

  it('a person made public by a facilitator shows up for everyone; hidden again, it disappears', async () => {
    const shown = await call('facilitator', 'PUT', `/api/people/${HIDDEN.slug}`, {
      ...HIDDEN,
      public: true,
    });
    expect(shown.json).toMatchObject({ hidden: false, public: true });
    expect((await call('anonymous', 'GET', `/api/people/${HIDDEN.slug}`)).status).toBe(200);
    expect((await call('anonymous', 'GET', '/api/people')).json.total).toBe(2);
    // A contributor who hides someone no longer sees them (the answer only says so).
    const hidden = await call('contributor', 'PUT', `/api/people/${HIDDEN.slug}`, {
      ...HIDDEN,
      public: false,
    });
    expect(hidden.status).toBe(200);
    expect(hidden.json).toEqual({ slug: HIDDEN.slug, hidden: true });
    expect((await call('contributor', 'GET', `/api/people/${HIDDEN.slug}`)).status).toBe(404);
    expect((await call('anonymous', 'GET', '/api/people')).json.total).toBe(1);
  });

  it('personOfUser finds the profile linked to an account, hidden or not', () => {
    expect(personOfUser(t.db, selfId)).toMatchObject({
      slug: HIDDEN.slug,
      userId: selfId,
      contactable: false,
      public: false,
    });
    expect(personOfUser(t.db, selfId + 1000)).toBeUndefined();
  });
});
