import { beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { testApp } from '../helpers/app.js';
import { startSmtpServer } from '../helpers/smtp.js';

type App = Awaited<ReturnType<typeof testApp>>;

const PLACES = [
  {
    slug: 'la-ruche',
    name: 'La Ruche',
    address: '12 rue des Arts',
    city: 'Lille',
    postcode: '59000',
    lat: 50.63,
    lon: 3.06,
  },
  { slug: 'le-hangar', name: 'Le Hangar', city: 'Amiens', postcode: '80000', lat: 49.89, lon: 2.3 },
  {
    slug: 'la-fabrique',
    name: 'La Fabrique',
    city: 'Rennes',
    postcode: '35000',
    lat: 48.11,
    lon: -1.68,
  },
];

async function withPlaces(app: App) {
  for (const p of PLACES)
    expect((await app.request('POST', '/api/places', { body: p, as: 'contributor' })).status).toBe(
      201,
    );
}

const event = (over: Record<string, unknown> = {}) => ({
  title: 'Visite de l’atelier',
  type: 'visite',
  place: 'la-ruche',
  slots: [
    { startsAt: '2025-10-02T10:00', endsAt: '2025-10-02T12:30' },
    { startsAt: '2025-10-02T13:30', endsAt: '2025-10-02T19:00' },
  ],
  description: 'On **fabrique** ensemble. <script>alert(1)</script>',
  ...over,
});

let app: App;
beforeEach(async () => {
  app = await testApp();
  await withPlaces(app);
});

describe('POST /api/events', () => {
  it('creates an event with two slots read in Europe/Paris, description rendered without raw HTML', async () => {
    const res = await app.request('POST', '/api/events', { body: event(), as: 'contributor' });
    expect(res.status).toBe(201);
    expect(
      res.json.slots.map((s: { startsAt: string; endsAt: string }) => [s.startsAt, s.endsAt]),
    ).toEqual([
      ['2025-10-02T08:00:00Z', '2025-10-02T10:30:00Z'],
      ['2025-10-02T11:30:00Z', '2025-10-02T17:00:00Z'],
    ]);
    expect(res.json.place).toMatchObject({ slug: 'la-ruche', region: 'Hauts-de-France' });
    expect(res.json.descriptionHtml).toContain('<strong>fabrique</strong>');
    expect(res.json.descriptionHtml).not.toContain('<script>');
    expect(res.json.registration).toEqual({ kind: 'none' });
  });

  it('keeps wall time right across the daylight-saving changes', async () => {
    const res = await app.request('POST', '/api/events', {
      body: event({
        slots: [
          { startsAt: '2025-10-25T10:00', endsAt: '2025-10-25T11:00' }, // CEST, UTC+2
          { startsAt: '2025-10-26T10:00', endsAt: '2025-10-26T11:00' }, // CET, UTC+1
          { startsAt: '2026-03-29T01:30', endsAt: '2026-03-29T03:30' }, // across the spring change: 1 h long
          { startsAt: '2025-10-26T12:00:00+02:00', endsAt: '2025-10-26T13:00:00Z' }, // explicit offsets win
        ],
      }),
      as: 'contributor',
    });
    expect(res.status).toBe(201);
    expect(
      res.json.slots.map((s: { startsAt: string; endsAt: string }) => [s.startsAt, s.endsAt]),
    ).toEqual([
      ['2025-10-25T08:00:00Z', '2025-10-25T09:00:00Z'],
      ['2025-10-26T09:00:00Z', '2025-10-26T10:00:00Z'],
      ['2025-10-26T10:00:00Z', '2025-10-26T13:00:00Z'],
      ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'],
    ]);
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        event({ slots: [{ startsAt: '2025-10-02T12:00', endsAt: '2025-10-02T10:00' }] }),
        'slots.0.endsAt',
      ],
      [event({ slots: [] }), 'slots'],
      [event({ slots: [{ startsAt: 'demain', endsAt: '2025-10-02T10:00' }] }), 'slots.0.startsAt'],
      [
        event({ slots: [{ startsAt: '2025-02-30T10:00', endsAt: '2025-10-02T10:00' }] }),
        'slots.0.startsAt',
      ],
      [event({ place: 'nulle-part' }), 'place'],
      [event({ campaign: 'inconnue' }), 'campaign'],
      [event({ type: 'fete' }), 'type'],
      [event({ title: '' }), 'title'],
      [event({ registration: { kind: 'link', url: 'javascript:alert(1)' } }), 'registration.url'],
      [event({ registration: { kind: 'seats', seats: 0 } }), 'registration.seats'],
    ];
    for (const [body, field] of cases) {
      const res = await app.request('POST', '/api/events', { body, as: 'contributor' });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.field).toBe(field);
    }
    expect((await app.request('GET', '/api/events?from=2000-01-01')).json.total).toBe(0);
  });

  it('lets anonymous visitors read, never write', async () => {
    expect((await app.request('POST', '/api/events', { body: event() })).status).toBe(401);
    expect((await app.request('POST', '/api/events', { body: event(), as: 'reader' })).status).toBe(
      403,
    );
    const id = (await app.request('POST', '/api/events', { body: event(), as: 'contributor' })).json
      .id;
    expect((await app.request('GET', `/api/events/${id}`)).status).toBe(200);
    expect((await app.request('PUT', `/api/events/${id}`, { body: { title: 'x' } })).status).toBe(
      401,
    );
    expect((await app.request('DELETE', `/api/events/${id}`)).status).toBe(401);
  });
});

describe('GET /api/events', () => {
  beforeEach(async () => {
    await app.request('POST', '/api/events', { body: event(), as: 'contributor' });
    await app.request('POST', '/api/events', {
      body: event({
        title: 'Atelier soudure',
        type: 'atelier',
        place: 'la-fabrique',
        slots: [{ startsAt: '2025-10-03T23:30', endsAt: '2025-10-04T01:00' }],
      }),
      as: 'contributor',
    });
    await app.request('POST', '/api/events', {
      body: event({
        title: 'Conférence',
        type: 'conference',
        place: 'le-hangar',
        slots: [{ startsAt: '2025-11-15T18:00', endsAt: '2025-11-15T20:00' }],
      }),
      as: 'contributor',
    });
  });
  const titles = async (qs: string) => {
    const res = await app.request('GET', `/api/events?${qs}`);
    expect(res.status, res.text).toBe(200);
    return res.json.items.map((e: { title: string }) => e.title);
  };

  it('filters by a range of plain dates read in Europe/Paris, by region, type and place', async () => {
    expect(await titles('from=2025-10-02&to=2025-10-02')).toEqual(['Visite de l’atelier']);
    // 23:30-01:00 Paris meets both the 3rd and the 4th, though it is 21:30-23:00 UTC on the 3rd.
    expect(await titles('from=2025-10-04&to=2025-10-04')).toEqual(['Atelier soudure']);
    expect(await titles('from=2025-10-01&to=2025-12-31')).toEqual([
      'Visite de l’atelier',
      'Atelier soudure',
      'Conférence',
    ]);
    expect(await titles('from=2025-10-01&to=2025-12-31&region=Hauts-de-France')).toEqual([
      'Visite de l’atelier',
      'Conférence',
    ]);
    expect(await titles('from=2025-10-01&to=2025-12-31&type=atelier,conference')).toEqual([
      'Atelier soudure',
      'Conférence',
    ]);
    expect(await titles('from=2025-10-01&to=2025-12-31&place=le-hangar')).toEqual(['Conférence']);
    // A range inside the gap between the two slots of the visit does not meet it.
    expect(await titles('from=2025-10-02T12:45&to=2025-10-02T13:15')).toEqual([]);
  });

  it('refuses a filter that is not a date, a range ending before it starts, an unknown campaign or place', async () => {
    for (const [qs, field] of [
      ['from=hier', 'from'],
      ['from=2025-13-01', 'from'],
      ['from=2025-10-05&to=2025-10-01', 'to'],
      ['campaign=inconnue', 'campaign'],
      ['place=nulle-part', 'place'],
      ['type=fete', 'type'],
    ]) {
      const res = await app.request('GET', `/api/events?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.json.error.field).toBe(field);
    }
  });

  it('filters the map by date, type and campaign, with the count of events per place', async () => {
    const all = await app.request('GET', '/api/map/places');
    expect(all.json.points).toHaveLength(3);
    const day = await app.request('GET', '/api/map/places?from=2025-10-02&to=2025-10-02');
    expect(day.json.points).toEqual([[50.63, 3.06, 'la-ruche', 'La Ruche', 1]]);
    const type = await app.request('GET', '/api/map/places?from=2025-01-01&type=conference');
    expect(type.json.points.map((p: unknown[]) => p[2])).toEqual(['le-hangar']);
    expect((await app.request('GET', '/api/map/places?from=nope')).json.error.field).toBe('from');
  });

  it('answers an iCalendar feed that ical.js reads back: one VEVENT per slot, stable UIDs, TZID Europe/Paris', async () => {
    const res = await app.request('GET', '/api/events.ics?from=2025-10-01&to=2025-10-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(res.text) as unknown[]);
    const tz = cal.getFirstSubcomponent('vtimezone');
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(3);
    const visit = vevents.filter(
      (v) => v.getFirstPropertyValue('summary') === 'Visite de l’atelier',
    );
    expect(visit).toHaveLength(2);
    expect(visit[0].getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    expect(visit[0].getFirstProperty('dtstamp')!.toICALString()).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    const start = new ICAL.Event(visit[0]).startDate;
    expect(start.toUnixTime()).toBe(Date.parse('2025-10-02T08:00:00Z') / 1000);
    expect(String(visit[0].getFirstPropertyValue('location'))).toBe(
      'La Ruche, 12 rue des Arts, 59000 Lille',
    );
    const uids = vevents.map((v) => v.getFirstPropertyValue('uid'));
    expect(new Set(uids).size).toBe(3);
    // Same UIDs on the next read, and after the event's times change.
    const id = (await app.request('GET', '/api/events?from=2025-10-02&to=2025-10-02')).json.items[0]
      .id;
    await app.request('PUT', `/api/events/${id}`, {
      body: {
        slots: [
          { startsAt: '2025-10-02T09:00', endsAt: '2025-10-02T12:00' },
          { startsAt: '2025-10-02T14:00', endsAt: '2025-10-02T18:00' },
        ],
      },
      as: 'facilitator',
    });
    const again = new ICAL.Component(
      ICAL.parse(
        (await app.request('GET', '/api/events.ics?from=2025-10-01&to=2025-10-31')).text,
      ) as unknown[],
    );
    expect(again.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toEqual(
      uids,
    );
  });
});

describe('editing rights', () => {
  it('lets the author, a contributor of the place and facilitators edit; other contributors get 403', async () => {
    const id = (await app.request('POST', '/api/events', { body: event(), as: 'contributor' })).json
      .id;
    expect(
      (
        await app.request('PUT', `/api/events/${id}`, {
          body: { title: 'Visite guidée' },
          as: 'contributor',
        })
      ).json.title,
    ).toBe('Visite guidée');
    // Another contributor, first unrelated, then listed as a person of the place.
    const { createUser, createApiToken } = await import('../../server/auth/users.js');
    const other = await createUser(app.db, {
      email: 'other@example.org',
      name: 'Other',
      password: 'password123',
      role: 'contributor',
    });
    const token = createApiToken(app.db, other.id);
    const put = (body: unknown) =>
      app.app.request(`/api/events/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put({ title: 'Volé' })).status).toBe(403);
    app.db
      .prepare(
        `INSERT INTO people (slug, name, place_id, user_id) VALUES ('other', 'Other', (SELECT id FROM places WHERE slug = 'la-ruche'), ?)`,
      )
      .run(other.id);
    expect((await put({ title: 'Visite du lieu' })).status).toBe(200);
    expect((await app.request('GET', `/api/events/${id}`)).json.title).toBe('Visite du lieu');
    expect((await app.request('DELETE', `/api/events/${id}`, { as: 'facilitator' })).status).toBe(
      204,
    );
    expect((await app.request('GET', `/api/events/${id}`)).status).toBe(404);
  });

  it('answers the event page data with schema.org Event JSON-LD', async () => {
    const id = (
      await app.request('POST', '/api/events', {
        body: event({ registration: { kind: 'link', url: 'https://example.org/inscription' } }),
        as: 'contributor',
      })
    ).json.id;
    const res = await app.request('GET', `/api/events/${id}`);
    expect(res.json.jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Visite de l’atelier',
      startDate: '2025-10-02T10:00:00+02:00',
      endDate: '2025-10-02T19:00:00+02:00',
      location: {
        '@type': 'Place',
        name: 'La Ruche',
        address: { postalCode: '59000', addressLocality: 'Lille' },
      },
      offers: { url: 'https://example.org/inscription' },
    });
    expect(res.json.jsonLd.subEvent).toHaveLength(2);
  });
});

describe('campaigns', () => {
  const jpo = {
    slug: 'jpo-2025',
    title: 'Journées Portes Toujours Ouvertes',
    startsOn: '2025-10-02',
    endsOn: '2025-10-04',
    regions: ['hauts de france'],
  };

  it('only facilitators create them; bad dates and unknown regions name their field', async () => {
    expect(
      (await app.request('POST', '/api/campaigns', { body: jpo, as: 'contributor' })).status,
    ).toBe(403);
    const created = await app.request('POST', '/api/campaigns', { body: jpo, as: 'facilitator' });
    expect(created.status).toBe(201);
    expect(created.json.regions).toEqual(['Hauts-de-France']);
    expect(
      (await app.request('POST', '/api/campaigns', { body: jpo, as: 'facilitator' })).status,
    ).toBe(409);
    for (const [body, field] of [
      [{ ...jpo, slug: 'a', startsOn: '2025-10-32' }, 'startsOn'],
      [{ ...jpo, slug: 'b', endsOn: '2025-09-01' }, 'endsOn'],
      [{ ...jpo, slug: 'c', regions: ['Atlantide'] }, 'regions.0'],
    ] as const) {
      const res = await app.request('POST', '/api/campaigns', { body, as: 'facilitator' });
      expect(res.status).toBe(400);
      expect(res.json.error.field).toBe(field);
    }
  });

  it('counts places by region and events by type, exports the programme as CSV and embeds it', async () => {
    await app.request('POST', '/api/campaigns', { body: jpo, as: 'facilitator' });
    expect(
      (
        await app.request('POST', '/api/campaigns/jpo-2025/places', {
          body: { place: 'le-hangar' },
          as: 'contributor',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await app.request('POST', '/api/events', {
          body: event({ campaign: 'jpo-2025' }),
          as: 'contributor',
        })
      ).status,
    ).toBe(201);
    await app.request('POST', '/api/events', {
      body: event({
        title: 'Atelier vélo',
        type: 'atelier',
        place: 'la-fabrique',
        campaign: 'jpo-2025',
        slots: [{ startsAt: '2025-10-03T14:00', endsAt: '2025-10-03T17:00' }],
      }),
      as: 'contributor',
    });
    const outside = await app.request('POST', '/api/events', {
      body: event({
        campaign: 'jpo-2025',
        slots: [{ startsAt: '2025-10-06T10:00', endsAt: '2025-10-06T11:00' }],
      }),
      as: 'contributor',
    });
    expect(outside.status).toBe(400);
    expect(outside.json.error.field).toBe('slots.0.startsAt');

    const res = await app.request('GET', '/api/campaigns/jpo-2025');
    expect(res.json.places.total).toBe(3);
    expect(res.json.places.byRegion).toEqual([
      { region: 'Hauts-de-France', places: 2, events: 1 },
      { region: 'Bretagne', places: 1, events: 1 },
    ]);
    expect(res.json.events.byType).toEqual([
      { type: 'atelier', count: 1 },
      { type: 'visite', count: 1 },
    ]);
    expect(res.json.events.items.map((e: { title: string }) => e.title)).toEqual([
      'Visite de l’atelier',
      'Atelier vélo',
    ]);
    expect((await app.request('GET', '/api/campaigns/inconnue')).status).toBe(404);

    const csv = await app.request('GET', '/api/campaigns/jpo-2025/programme.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    // French spreadsheet dialect by default (`;`), like the dashboards' CSV; `?dialect=en` for `,`.
    expect(lines[0]).toBe(
      'date;début;fin;titre;type;lieu;adresse;code postal;ville;région;gratuit;tarif;inscription;public;accessibilité',
    );
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 4).join(','))).toEqual([
      '02/10/2025,10:00,12:30,Visite de l’atelier',
      '02/10/2025,13:30,19:00,Visite de l’atelier',
      '03/10/2025,14:00,17:00,Atelier vélo',
    ]);
    const en = (await app.request('GET', '/api/campaigns/jpo-2025/programme.csv?dialect=en')).text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(en[0]).toBe(
      'date,start,end,title,type,place,address,postcode,city,region,free,price,registration,audience,accessibility',
    );
    expect(en.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '02/10/2025,10:00,12:30,Visite de l’atelier',
      '02/10/2025,13:30,19:00,Visite de l’atelier',
      '03/10/2025,14:00,17:00,Atelier vélo',
    ]);
    expect(
      (await app.request('GET', '/api/campaigns/jpo-2025/programme.csv?dialect=de')).status,
    ).toBe(400);

    const feed = new ICAL.Component(
      ICAL.parse(
        (await app.request('GET', '/api/events.ics?campaign=jpo-2025&from=2025-01-01')).text,
      ) as unknown[],
    );
    expect(feed.getAllSubcomponents('vevent')).toHaveLength(3);

    const page = await app.app.request('/embed/campaigns/jpo-2025');
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const html = await page.text();
    expect(html).toContain('jeudi 2 octobre 2025');
    expect(html).toContain('10:00–12:30');
    expect(html).toContain('Atelier vélo');
    expect((await app.app.request('/embed/campaigns/inconnue')).status).toBe(404);
  });
});

describe('seats booked here', () => {
  it('books seats up to the count, mails a confirmation and refuses more with 409', async () => {
    const smtp = await startSmtpServer();
    try {
      const booking = await testApp({ smtpUrl: smtp.url });
      await withPlaces(booking);
      const id = (
        await booking.request('POST', '/api/events', {
          body: event({ registration: { kind: 'seats', seats: 3 } }),
          as: 'contributor',
        })
      ).json.id;
      expect(
        (await booking.request('POST', `/api/events/${id}/bookings`, { body: { seats: 2 } }))
          .status,
      ).toBe(401);
      const ok = await booking.request('POST', `/api/events/${id}/bookings`, {
        body: { seats: 2 },
        as: 'reader',
      });
      expect(ok.status).toBe(201);
      expect(ok.json.registration).toEqual({ kind: 'seats', seats: 3, booked: 2, remaining: 1 });
      const full = await booking.request('POST', `/api/events/${id}/bookings`, {
        body: { seats: 2 },
        as: 'facilitator',
      });
      expect(full.status).toBe(409);
      expect(full.json.error.field).toBe('seats');
      await booking.services.mail.flush();
      const mail = smtp.mails.find((m) => m.subject?.includes('Visite de l’atelier'));
      expect(mail?.text).toContain('jeudi 2 octobre 2025, 10:00 – 12:30');
      expect(
        (
          await booking.request('PUT', `/api/events/${id}`, {
            body: { registration: { kind: 'seats', seats: 1 } },
            as: 'contributor',
          })
        ).json.error.field,
      ).toBe('registration.seats');
      expect(
        (await booking.request('DELETE', `/api/events/${id}/bookings`, { as: 'reader' })).status,
      ).toBe(204);
      expect((await booking.request('GET', `/api/events/${id}`)).json.registration.remaining).toBe(
        3,
      );
      booking.services.close?.();
    } finally {
      await smtp.close();
    }
  });
});
