import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { createApiToken, createUser } from '../../server/auth/users.js';

/*
 * Whether someone with an account may be contacted, or shown publicly, is theirs to say (or a
 * facilitator's): a contributor who edits their public profile may make it less exposed, never
 * more.
 */
describe('consent on a profile linked to an account', () => {
  it('is changed towards more exposure only by its account or a facilitator', async () => {
    const t = await testApp();
    await t.tokenFor('contributor');
    await t.tokenFor('facilitator');
    const owner = await createUser(t.db, {
      email: 'lea@example.org',
      name: 'Léa',
      password: 'password123',
      role: 'reader',
    });
    const own = createApiToken(t.db, owner.id, 'test');
    const asOwner = (method: string, body: unknown) =>
      t.request(method, method === 'POST' ? '/api/people' : '/api/people/lea-publique', {
        body,
        headers: { authorization: `Bearer ${own}` },
      });
    const profile = { name: 'Léa Publique', bio: 'Menuisière.', public: true, contactable: false };
    expect((await asOwner('POST', { ...profile, self: true, slug: 'lea-publique' })).status).toBe(
      201,
    );
    const put = (as: 'contributor' | 'facilitator', body: Record<string, unknown>) =>
      t.request('PUT', '/api/people/lea-publique', {
        as,
        body: { name: 'Léa Publique', contactable: false, ...body },
      });

    // A contributor edits her public profile, but may not make her contactable.
    expect(
      (await put('contributor', { bio: 'Menuisière et ébéniste.', public: true })).status,
    ).toBe(200);
    const refused = await put('contributor', { contactable: true, public: true });
    expect(refused.status).toBe(403);
    expect(refused.json.error.field).toBe('contactable');
    const person = await t.request('GET', '/api/people/lea-publique', { as: 'facilitator' });
    expect(person.json).toMatchObject({
      contactable: false,
      public: true,
      bio: 'Menuisière et ébéniste.',
    });

    // Less exposure is allowed: the profile becomes hidden; making it public again is refused.
    expect((await put('contributor', { public: false })).status).toBe(200);
    const again = await put('facilitator', {}); // (a facilitator's plain save changes nothing)
    expect(again.json).toMatchObject({ contactable: false, public: false });
    // Hidden now: the contributor no longer sees it (404), the facilitator may expose it.
    expect((await put('contributor', { public: true })).status).toBe(404);
    expect((await put('facilitator', { public: true })).status).toBe(200);
    // Her own account says yes to contact.
    const yes = await asOwner('PUT', { ...profile, contactable: true });
    expect(yes.status).toBe(200);
    expect(yes.json).toMatchObject({ contactable: true, public: true });

    // A profile without an account is the contributors' to keep, consent included.
    expect(
      (
        await t.request('POST', '/api/people', {
          as: 'contributor',
          body: { slug: 'sans-compte', name: 'Sans Compte', public: true, contactable: false },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('PUT', '/api/people/sans-compte', {
          as: 'contributor',
          body: { name: 'Sans Compte', contactable: true },
        })
      ).status,
    ).toBe(200);
  });
});
