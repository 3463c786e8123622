import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { createApiToken, createUser } from '../../server/auth/users.js';
import { upsertPerson } from '../../registry/people.js';

const event = (uid: string, title: string, extra = '') =>
  [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20250901T000000Z',
    `SUMMARY:${title}`,
    'DTSTART:20251021T080000Z',
    'DTEND:20251021T090000Z',
    ...(extra ? [extra] : []),
    'END:VEVENT',
  ].join('\r\n');
const calendar = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//FR', ...events, 'END:VCALENDAR', ''].join(
    '\r\n',
  );

/*
 * A calendar import changes or removes the events it imported before (same place, same UID): the
 * same rule as editing them one by one applies (their author, contributors of their place,
 * facilitators). Event UIDs are public (`importUid`).
 */
describe('importing a calendar into a place', () => {
  it('updates or removes its earlier events only for those who may edit them', async () => {
    const t = await testApp();
    await t.tokenFor('admin');
    const contributor = async (email: string) => {
      const u = await createUser(t.db, {
        email,
        name: email,
        password: 'password123',
        role: 'contributor',
      });
      return { id: u.id, token: createApiToken(t.db, u.id, 'test') };
    };
    const member = await contributor('membre@example.org');
    const outsider = await contributor('dehors@example.org');
    expect(
      (
        await t.request('POST', '/api/places', {
          as: 'admin',
          body: { slug: 'la-ruche', name: 'La Ruche', city: 'Lille', postcode: '59000' },
        })
      ).status,
    ).toBe(201);
    upsertPerson(
      t.db,
      { slug: 'membre', name: 'Membre', place: 'la-ruche', contactable: false },
      { mode: 'replace', userId: member.id },
    );
    const importAs = async (token: string, text: string) => {
      const res = await t.app.request('/api/places/la-ruche/events/import?since=2025-10-01', {
        method: 'POST',
        headers: { 'content-type': 'text/calendar', authorization: `Bearer ${token}` },
        body: text,
      });
      return { status: res.status, json: await res.json() };
    };
    const titles = async () =>
      (
        await t.request('GET', '/api/events?place=la-ruche&from=2025-01-01&limit=50')
      ).json.items.map((e: { title: string }) => e.title);

    const first = await importAs(member.token, calendar(event('atelier@ruche', 'Atelier')));
    expect(first.status).toBe(200);
    expect(first.json.created).toHaveLength(1);

    // Someone else cancels or rewrites it through an import: refused, nothing changes.
    const cancel = await importAs(
      outsider.token,
      calendar(event('atelier@ruche', 'Atelier', 'STATUS:CANCELLED')),
    );
    expect(cancel.status).toBe(403);
    const rewrite = await importAs(outsider.token, calendar(event('atelier@ruche', 'Annulé !')));
    expect(rewrite.status).toBe(403);
    expect(await titles()).toEqual(['Atelier']);

    // Adding new events stays open to contributors, as with POST /api/events; the place's own
    // contributors update and cancel theirs.
    const added = await importAs(outsider.token, calendar(event('repas@dehors', 'Repas partagé')));
    expect(added.status).toBe(200);
    expect((await titles()).sort()).toEqual(['Atelier', 'Repas partagé']);
    const update = await importAs(member.token, calendar(event('atelier@ruche', 'Atelier vélo')));
    expect(update.json.updated).toHaveLength(1);
    const gone = await importAs(
      member.token,
      calendar(event('atelier@ruche', 'Atelier vélo', 'STATUS:CANCELLED')),
    );
    expect(gone.json.deleted).toHaveLength(1);
    expect(await titles()).toEqual(['Repas partagé']);
  });
});
