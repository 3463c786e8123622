import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { testApp } from '../helpers/app.js';
import {
  daysFromNow,
  EVA_REMOTE_SESSION,
  seedPermanences,
  type PermanenceAccounts,
} from '../helpers/permanences-fixture.js';

type T = Awaited<ReturnType<typeof testApp>>;
type Who = keyof PermanenceAccounts | 'anonymous';

const REMOTE = EVA_REMOTE_SESSION;

describe('permanences API', () => {
  let t: T;
  let who: PermanenceAccounts;
  const call = (as: Who, method: string, path: string, body?: unknown) =>
    t.request(method, path, {
      body,
      headers: as === 'anonymous' ? {} : { authorization: `Bearer ${who[as]}` },
    });
  const publish = async (body: Record<string, unknown>, as: Who = 'facilitator') => {
    const res = await call(as, 'POST', '/api/permanences', {
      ...REMOTE,
      startsAt: daysFromNow(3),
      endsAt: daysFromNow(3, 11),
      ...body,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id as number;
  };

  beforeAll(async () => {
    t = await testApp();
    who = await seedPermanences(t.db);
  });
  afterAll(() => t.services.close?.());

  it('publishes a session and answers bad input with a 400 naming the field', async () => {
    const id = await publish({});
    const got = await call('anonymous', 'GET', `/api/permanences/${id}`);
    expect(got.json).toMatchObject({
      id,
      title: 'Statuts et gouvernance',
      expert: { slug: 'eva-experte', name: 'Éva Experte' },
      capacity: 1,
      booked: 0,
      seatsLeft: 1,
      status: 'scheduled',
    });
    // The visio link is for those holding a seat.
    expect(got.json.link).toBeNull();
    expect(got.json.bookings).toBeUndefined();
    const bad: [Record<string, unknown>, string][] = [
      [{ endsAt: daysFromNow(3, 8) }, 'endsAt'],
      [{ format: 'collective', capacity: 0 }, 'capacity'],
      [{ capacity: 3 }, 'capacity'],
      [{ expert: 'nobody-here' }, 'expert'],
      [{ expert: 'hugo-cache' }, 'expert'],
      [{ mode: 'onsite', link: undefined, place: 'no-such-place' }, 'place'],
      [{ mode: 'onsite', link: undefined }, 'place'],
      [{ startsAt: 'mardi prochain' }, 'startsAt'],
      [{ startsAt: '2026-02-30T10:00:00+01:00' }, 'startsAt'],
      [{ startsAt: '2026-03-03T10:00:00' }, 'startsAt'],
      [{ format: 'group' }, 'format'],
      [{ themes: ['astrologie'] }, 'themes.0'],
      [{ rrule: 'FREQ=WEEKLY' }, 'rrule'],
      [{ rrule: 'NOT A RULE;COUNT=2' }, 'rrule'],
    ];
    for (const [body, field] of bad) {
      const res = await call('facilitator', 'POST', '/api/permanences', {
        ...REMOTE,
        startsAt: daysFromNow(3),
        endsAt: daysFromNow(3, 11),
        ...body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.field, JSON.stringify(body)).toBe(field);
    }
  });

  it('lets an expert publish their own sessions only, and refuses readers and anonymous visitors', async () => {
    expect(
      (
        await call('expert', 'POST', '/api/permanences', {
          ...REMOTE,
          startsAt: daysFromNow(4),
          endsAt: daysFromNow(4, 11),
        })
      ).status,
    ).toBe(201);
    const other = await call('contributor', 'POST', '/api/permanences', {
      ...REMOTE,
      startsAt: daysFromNow(4),
      endsAt: daysFromNow(4, 11),
    });
    expect(other.status).toBe(403);
    expect(
      (
        await call('anonymous', 'POST', '/api/permanences', {
          ...REMOTE,
          startsAt: daysFromNow(4),
          endsAt: daysFromNow(4, 11),
        })
      ).status,
    ).toBe(401);
  });

  it('generates a series from its RRULE and filters the list by theme, expert, mode and dates', async () => {
    const res = await call('facilitator', 'POST', '/api/permanences', {
      ...REMOTE,
      title: 'Financer son lieu',
      themes: ['financement'],
      format: 'collective',
      capacity: 6,
      startsAt: daysFromNow(10),
      endsAt: daysFromNow(10, 11),
      rrule: 'FREQ=WEEKLY;COUNT=4',
    });
    expect(res.status).toBe(201);
    expect(res.json.sessions).toHaveLength(4);
    expect(res.json.permanence.rrule).toBe('FREQ=WEEKLY;COUNT=4');
    const list = await call('anonymous', 'GET', '/api/permanences?theme=financement');
    expect(list.json.items.map((p: { id: number }) => p.id)).toEqual(res.json.sessions);
    const onsite = await call('anonymous', 'GET', '/api/permanences?mode=onsite');
    expect(onsite.json.items).toEqual([]);
    const window = await call(
      'anonymous',
      'GET',
      `/api/permanences?theme=financement&from=${daysFromNow(16).slice(0, 10)}&to=${daysFromNow(25).slice(0, 10)}`,
    );
    expect(window.json.items.map((p: { id: number }) => p.id)).toEqual(
      res.json.sessions.slice(1, 3),
    );
    expect(
      (await call('anonymous', 'GET', '/api/permanences?expert=eva-experte')).json.items.length,
    ).toBeGreaterThanOrEqual(6);
    expect((await call('anonymous', 'GET', '/api/permanences?from=demain')).json.error.field).toBe(
      'from',
    );
  });

  it('books a seat for the caller’s place, refuses a second seat, readers, anonymous and other places', async () => {
    const id = await publish({ format: 'collective', capacity: 3 });
    const body = { place: 'la-fabrique', question: 'Passer en SCIC : par où commencer ?' };
    expect((await call('anonymous', 'POST', `/api/permanences/${id}/bookings`, body)).status).toBe(
      401,
    );
    expect((await call('reader', 'POST', `/api/permanences/${id}/bookings`, body)).status).toBe(
      403,
    );
    expect(
      (await call('otherPlace', 'POST', `/api/permanences/${id}/bookings`, body)).json.error,
    ).toMatchObject({ code: 'forbidden', field: 'place' });
    const booked = await call('place', 'POST', `/api/permanences/${id}/bookings`, body);
    expect(booked.status).toBe(201);
    expect(booked.json).toMatchObject({
      place: { slug: 'la-fabrique' },
      question: body.question,
      status: 'confirmed',
    });
    const again = await call('place', 'POST', `/api/permanences/${id}/bookings`, body);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_booked');
    expect(
      (
        await call('facilitator', 'POST', `/api/permanences/${id}/bookings`, {
          ...body,
          place: 'nowhere',
        })
      ).json.error.field,
    ).toBe('place');
    expect(
      (
        await call('facilitator', 'POST', `/api/permanences/${id}/bookings`, {
          place: 'le-hangar',
          question: '',
        })
      ).json.error.field,
    ).toBe('question');
    expect((await call('place', 'POST', `/api/permanences/999999/bookings`, body)).status).toBe(
      404,
    );

    // Questions: the booking place, the expert and facilitators; seats for everybody else.
    for (const as of ['anonymous', 'reader', 'otherPlace', 'contributor'] as const) {
      const res = await call(as, 'GET', `/api/permanences/${id}`);
      expect(res.status, as).toBe(200);
      expect(res.json.seatsLeft, as).toBe(2);
      expect(res.text, as).not.toContain('SCIC');
      expect(res.json.link, as).toBeNull();
      expect((await call(as, 'GET', `/api/bookings/${booked.json.id}`)).status, as).toBe(
        as === 'anonymous' ? 401 : 404,
      );
      expect(
        (await call(as, 'GET', `/api/bookings/${booked.json.id}/calendar.ics`)).status,
        as,
      ).toBe(as === 'anonymous' ? 401 : 404);
    }
    for (const as of ['place', 'expert', 'facilitator'] as const) {
      const res = await call(as, 'GET', `/api/permanences/${id}`);
      expect(
        res.json.bookings.map((b: { question: string }) => b.question),
        as,
      ).toEqual([body.question]);
      expect(res.json.link, as).toBe(REMOTE.link);
    }
    expect((await call('anonymous', 'GET', '/api/permanences')).text).not.toContain('SCIC');
    expect(
      (await call('anonymous', 'GET', `/api/permanences/${id}/calendar.ics`)).text,
    ).not.toContain('SCIC');
    expect((await call('anonymous', 'GET', '/api/permanences.ics')).text).not.toContain('SCIC');

    // Cancelling frees the seat; the place can book again.
    expect((await call('otherPlace', 'DELETE', `/api/bookings/${booked.json.id}`)).status).toBe(
      404,
    );
    const cancelled = await call('place', 'DELETE', `/api/bookings/${booked.json.id}`);
    expect(cancelled.json.status).toBe('cancelled');
    expect((await call('anonymous', 'GET', `/api/permanences/${id}`)).json.seatsLeft).toBe(3);
    expect((await call('place', 'DELETE', `/api/bookings/${booked.json.id}`)).status).toBe(409);
    expect((await call('place', 'POST', `/api/permanences/${id}/bookings`, body)).status).toBe(201);
  });

  it('refuses a cancelled session; a moved session keeps its bookings', async () => {
    const id = await publish({});
    expect((await call('place', 'DELETE', `/api/permanences/${id}`)).status).toBe(403);
    expect(
      (
        await call('facilitator', 'PATCH', `/api/permanences/${id}`, {
          endsAt: daysFromNow(2, 7),
          startsAt: daysFromNow(2, 8),
        })
      ).json.error.field,
    ).toBe('endsAt');
    const moved = await call('expert', 'PATCH', `/api/permanences/${id}`, {
      startsAt: daysFromNow(5),
      endsAt: daysFromNow(5, 10),
    });
    expect(moved.json).toMatchObject({ startsAt: daysFromNow(5), sequence: 1 });
    const cancelled = await call('expert', 'DELETE', `/api/permanences/${id}`);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', seatsLeft: 0, sequence: 2 });
    const res = await call('place', 'POST', `/api/permanences/${id}/bookings`, {
      place: 'la-fabrique',
      question: 'Encore là ?',
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('not_bookable');
    expect(
      (await call('anonymous', 'GET', '/api/permanences')).json.items.map(
        (p: { id: number }) => p.id,
      ),
    ).not.toContain(id);
  });

  it('books from a switchyard request: the request moves to in-contact, its asker sees the booking, the expert records the follow-up', async () => {
    const made = await call('place', 'POST', '/api/switchyard/requests', {
      problem:
        'Nos statuts associatifs ne collent plus à notre gouvernance, faut-il passer en SCIC ?',
    });
    expect(made.status).toBe(201);
    const requestId = made.json.request.id as number;
    const id = await publish({});
    expect(
      (
        await call('otherPlace', 'POST', `/api/permanences/${id}/bookings`, {
          place: 'le-hangar',
          question: 'x',
          request: requestId,
        })
      ).json.error.field,
    ).toBe('request');
    const booked = await call('place', 'POST', `/api/permanences/${id}/bookings`, {
      place: 'la-fabrique',
      question: made.json.request.problem,
      request: requestId,
    });
    expect(booked.status).toBe(201);
    expect(booked.json.request).toBe(requestId);
    const request = await call('facilitator', 'GET', `/api/switchyard/requests/${requestId}`);
    expect(request.json.status).toBe('in-contact');
    expect(request.json.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['contact', 'status', 'note']),
    );
    const list = await call('place', 'GET', `/api/bookings?request=${requestId}`);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({
      id: booked.json.id,
      permanence: { id, title: REMOTE.title },
    });
    expect((await call('otherPlace', 'GET', `/api/bookings?request=${requestId}`)).status).toBe(
      404,
    );

    // Attendance and follow-up: the expert or a facilitator, not the place.
    expect(
      (await call('place', 'PATCH', `/api/bookings/${booked.json.id}`, { attended: true })).status,
    ).toBe(403);
    expect(
      (await call('expert', 'PATCH', `/api/bookings/${booked.json.id}`, {})).json.error.field,
    ).toBe('attended');
    const followed = await call('expert', 'PATCH', `/api/bookings/${booked.json.id}`, {
      attended: true,
      followup: 'Modèle de statuts SCIC envoyé.',
    });
    expect(followed.json).toMatchObject({
      attended: true,
      followup: 'Modèle de statuts SCIC envoyé.',
    });
    const after = await call('place', 'GET', `/api/switchyard/requests/${requestId}`);
    expect(after.json.events.at(-1).body).toContain('Modèle de statuts SCIC envoyé.');
  });

  it('counts places helped per month and theme, the attendance rate and requests resolved after a permanence (facilitators)', async () => {
    const id = await publish({
      format: 'collective',
      capacity: 4,
      themes: ['juridique', 'gouvernance'],
    });
    const made = await call('otherPlace', 'POST', '/api/switchyard/requests', {
      problem: 'Écrire une charte de gouvernance partagée',
    });
    const a = await call('place', 'POST', `/api/permanences/${id}/bookings`, {
      place: 'la-fabrique',
      question: 'Charte',
    });
    const b = await call('otherPlace', 'POST', `/api/permanences/${id}/bookings`, {
      place: 'le-hangar',
      question: 'Charte aussi',
      request: made.json.request.id,
    });
    // The session took place last month: its expert moves it there, then records who came.
    const held = new Date();
    held.setUTCDate(1);
    held.setUTCMonth(held.getUTCMonth() - 1);
    held.setUTCHours(9, 0, 0, 0);
    const heldEnd = new Date(held.getTime() + 2 * 3600_000);
    expect(
      (
        await call('expert', 'PATCH', `/api/permanences/${id}`, {
          startsAt: held.toISOString(),
          endsAt: heldEnd.toISOString(),
        })
      ).status,
    ).toBe(200);
    await call('expert', 'PATCH', `/api/bookings/${a.json.id}`, { attended: false });
    await call('expert', 'PATCH', `/api/bookings/${b.json.id}`, {
      attended: true,
      followup: 'Charte relue ensemble',
    });
    await call('otherPlace', 'POST', `/api/switchyard/requests/${made.json.request.id}/outcome`, {
      helped: true,
      person: 'eva-experte',
    });
    const month = held.toISOString().slice(0, 7);
    const from = `${month}-01`;
    const next = new Date(Date.UTC(held.getUTCFullYear(), held.getUTCMonth() + 1, 1))
      .toISOString()
      .slice(0, 10);
    expect((await call('place', 'GET', '/api/permanence-dashboard')).status).toBe(403);
    const dash = await call(
      'facilitator',
      'GET',
      `/api/permanence-dashboard?from=${from}&to=${next}`,
    );
    expect(dash.status).toBe(200);
    expect(dash.json.totals).toEqual({
      sessions: 1,
      bookings: 2,
      placesHelped: 1,
      attendanceRate: 0.5,
      requestsWithPermanence: 1,
      requestsResolved: 1,
      upcomingBookings: 0,
    });
    expect(dash.json.byThemeMonth).toEqual([
      { month, theme: 'gouvernance', bookings: 2, placesHelped: 1 },
      { month, theme: 'juridique', bookings: 2, placesHelped: 1 },
    ]);
    const csv = await call(
      'facilitator',
      'GET',
      `/api/permanence-dashboard.csv?from=${from}&to=${next}`,
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // French spreadsheet dialect (the byte-order mark is removed by text decoding): months in words, theme names.
    const words = new Intl.DateTimeFormat('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${month}-01T00:00:00Z`));
    expect(csv.text).toBe(
      `Mois;Thème;Réservations;Lieux aidés\r\n${words};Gouvernance partagée, prise de décision;2;1\r\n${words};Ressources juridiques (statuts, baux, contrats, assurances);2;1\r\n`,
    );
    const en = await call(
      'facilitator',
      'GET',
      `/api/permanence-dashboard.csv?from=${from}&to=${next}&dialect=en`,
    );
    expect(en.text.split('\r\n')[0]).toBe('Month,Theme,Bookings,Places helped');
    expect(
      (await call('facilitator', 'GET', '/api/permanence-dashboard?from=hier')).json.error.field,
    ).toBe('from');
  });
});

describe('seats are never oversold', () => {
  let server: RunningServer;
  let who: PermanenceAccounts;
  const db = openDatabase(':memory:');

  beforeAll(async () => {
    who = await seedPermanences(db);
    server = await startServer(db, { port: 0, clientDir: '/nonexistent' });
  });
  afterAll(async () => {
    await server.close();
    db.close();
  });

  it('gives the last seat to exactly one of 20 concurrent bookings, over HTTP', async () => {
    const { upsertPlace } = await import('../../registry/places.js');
    for (let i = 0; i < 20; i++)
      upsertPlace(db, { slug: `lieu-${i}`, name: `Lieu ${i}` }, { mode: 'replace' });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${who.facilitator}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/api/permanences', {
      ...REMOTE,
      format: 'collective',
      capacity: 3,
      startsAt: daysFromNow(6),
      endsAt: daysFromNow(6, 11),
    });
    const { id } = (await created.json()) as { id: number };
    for (const place of ['la-fabrique', 'le-hangar'])
      expect(
        (await post(`/api/permanences/${id}/bookings`, { place, question: 'Une place' })).status,
      ).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/api/permanences/${id}/bookings`, {
          place: `lieu-${i}`,
          question: 'La dernière place ?',
        }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const codes = await Promise.all(
      answers
        .filter((r) => r.status === 409)
        .map(async (r) => ((await r.json()) as { error: { code: string } }).error.code),
    );
    expect(new Set(codes)).toEqual(new Set(['full']));
    const session = (await (await fetch(`${server.url}/api/permanences/${id}`)).json()) as {
      booked: number;
      seatsLeft: number;
    };
    expect(session).toMatchObject({ booked: 3, seatsLeft: 0 });
  });
});
