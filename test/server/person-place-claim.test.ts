import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { evaSessionIn, seedPermanences } from '../helpers/permanences-fixture.js';

/*
 * The place a registry profile names is the place its account books for: it sees and cancels that
 * place's permanence bookings (questions, visio links) and edits its events. An account may name a
 * place on its own profile, and a contributor may edit a public profile, but the place's rights
 * wait until a facilitator sets or confirms it.
 */
describe('the place of a profile linked to an account', () => {
  it('gives its rights only once a facilitator confirms it', async () => {
    const t = await testApp();
    const who = await seedPermanences(t.db);
    const call = (token: string, method: string, path: string, body?: unknown) =>
      t.request(method, path, { body, headers: { authorization: `Bearer ${token}` } });
    const session = await call(who.facilitator, 'POST', '/api/permanences', evaSessionIn(3));
    expect(session.status).toBe(201);
    const booked = await call(who.place, 'POST', `/api/permanences/${session.json.id}/bookings`, {
      place: 'la-fabrique',
      question: 'Question confidentielle de La Fabrique',
    });
    expect(booked.status).toBe(201);
    const event = await call(who.facilitator, 'POST', '/api/events', {
      title: 'Portes ouvertes',
      type: 'visite',
      place: 'la-fabrique',
      slots: [{ startsAt: '2027-03-02T10:00', endsAt: '2027-03-02T12:00' }],
    });
    expect(event.status).toBe(201);
    const rename = (token: string, title: string) =>
      call(token, 'PUT', `/api/events/${event.json.id}`, { title });
    // La Fabrique's own account (its place set by the registry) edits the place's events.
    expect((await rename(who.place, 'Portes ouvertes de La Fabrique')).status).toBe(200);

    // A contributor with no profile names La Fabrique on their own new profile: it is shown, as awaiting confirmation…
    const claim = await call(who.contributor, 'POST', '/api/people', {
      self: true,
      slug: 'intrus',
      name: 'Intrus',
      place: 'la-fabrique',
      contactable: false,
    });
    expect(claim.status).toBe(201);
    expect(claim.json.place.slug).toBe('la-fabrique');
    expect(claim.json.placeConfirmed).toBe(false);
    // …and gives none of the place's rights: its bookings stay unseen and uncancellable, its events
    // uneditable, and the permanences do not offer it as the account's booking place.
    const refused = async () => {
      expect((await call(who.contributor, 'GET', `/api/bookings/${booked.json.id}`)).status).toBe(
        404,
      );
      expect(
        (await call(who.contributor, 'DELETE', `/api/bookings/${booked.json.id}`)).status,
      ).toBe(404);
      expect((await rename(who.contributor, 'Pris')).status).toBe(403);
    };
    await refused();
    // Editing the profile (by its account, or a contributor moving someone else's account) keeps it pending.
    const own = await call(who.contributor, 'PUT', '/api/people/intrus', {
      name: 'Intrus Renommé',
      place: 'la-fabrique',
      contactable: false,
    });
    expect(own.status).toBe(200);
    expect(own.json.placeConfirmed).toBe(false);
    await refused();
    const moved = await call(who.contributor, 'PUT', '/api/people/eva-experte', {
      name: 'Éva Experte',
      place: 'la-fabrique',
      contactable: true,
    });
    expect(moved.status).toBe(200);
    // (Éva sees the booking anyway, as the session's expert: her profile says the place is pending.)
    expect(
      (await call(who.facilitator, 'GET', '/api/people/eva-experte')).json.placeConfirmed,
    ).toBe(false);
    expect((await call(who.place, 'GET', `/api/bookings/${booked.json.id}`)).json.status).toBe(
      'confirmed',
    );

    // A facilitator confirms it (saving the profile with its place): the rights follow.
    const confirmed = await call(who.facilitator, 'PUT', '/api/people/intrus', {
      name: 'Intrus Renommé',
      place: 'la-fabrique',
      contactable: false,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.placeConfirmed).toBe(true);
    expect((await call(who.contributor, 'GET', `/api/bookings/${booked.json.id}`)).status).toBe(
      200,
    );
    expect((await rename(who.contributor, 'Portes ouvertes, entrée libre')).status).toBe(200);
    // Their own later edits that keep the place keep it confirmed; a new place waits again.
    const kept = await call(who.contributor, 'PUT', '/api/people/intrus', {
      name: 'Intrus Renommé',
      bio: 'Menuisier.',
      contactable: false,
    });
    expect(kept.status).toBe(200);
    expect(kept.json.placeConfirmed).toBe(true);
    const elsewhere = await call(who.contributor, 'PUT', '/api/people/intrus', {
      name: 'Intrus Renommé',
      place: 'le-hangar',
      contactable: false,
    });
    expect(elsewhere.json.placeConfirmed).toBe(false);
    expect((await call(who.contributor, 'GET', `/api/bookings/${booked.json.id}`)).status).toBe(
      404,
    );
  });
});
