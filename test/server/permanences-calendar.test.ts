import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { testApp } from '../helpers/app.js';
import {
  daysFromNow,
  seedPermanences,
  type PermanenceAccounts,
} from '../helpers/permanences-fixture.js';

type Who = keyof PermanenceAccounts | 'anonymous';

/** Parses an iCalendar text with a stock parser (ical.js) and returns its events, times resolved. */
function parseCalendar(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const zones = cal.getAllSubcomponents('vtimezone');
  for (const z of zones) ICAL.TimezoneService.register(new ICAL.Timezone(z));
  const events = cal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description ?? '',
      location: e.location ?? '',
      tzid: e.startDate.zone?.tzid,
      local: e.startDate.toString(),
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      status: String(c.getFirstPropertyValue('status') ?? ''),
      sequence: e.sequence,
    };
  });
  for (const z of zones) ICAL.TimezoneService.remove(String(z.getFirstPropertyValue('tzid')));
  return { zones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))), events };
}

describe('permanence calendars (.ics)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let who: PermanenceAccounts;
  const call = (as: Who, method: string, path: string, body?: unknown) =>
    t.request(method, path, {
      body,
      headers: as === 'anonymous' ? {} : { authorization: `Bearer ${who[as]}` },
    });

  beforeAll(async () => {
    t = await testApp({ publicUrl: 'https://communs.example.org' });
    who = await seedPermanences(t.db);
  });
  afterAll(() => t.services.close?.());

  it('keeps Paris time across the October change: 08:30 on the last Sunday of October is 07:30 UTC', async () => {
    const res = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Permanence du dimanche',
      format: 'collective',
      capacity: 4,
      mode: 'onsite',
      place: 'maison-commune',
      startsAt: '2027-10-31T08:30:00+01:00',
      endsAt: '2027-10-31T10:00:00+01:00',
    });
    expect(res.status).toBe(201);
    expect(res.json.permanence).toMatchObject({
      startsAt: '2027-10-31T07:30:00.000Z',
      endsAt: '2027-10-31T09:00:00.000Z',
    });
    const ics = await call('anonymous', 'GET', `/api/permanences/${res.json.id}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VTIMEZONE');
    expect(ics.text).toContain('DTSTART;TZID=Europe/Paris:20271031T083000');
    const parsed = parseCalendar(ics.text);
    expect(parsed.zones).toEqual(['Europe/Paris']);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({
      tzid: 'Europe/Paris',
      local: '2027-10-31T08:30:00',
      start: '2027-10-31T07:30:00.000Z',
      end: '2027-10-31T09:00:00.000Z',
      location: 'Maison Commune',
      summary: 'Permanence du dimanche',
    });
    // The place is named, its street address never written.
    expect(ics.text).not.toContain('Secrète');
  });

  it('repeats a series at the same Paris hour on both sides of a change', async () => {
    const res = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Mardis du foncier',
      themes: ['foncier'],
      format: 'collective',
      capacity: 5,
      mode: 'remote',
      link: 'https://visio.example.org/foncier',
      startsAt: '2027-10-19T10:00:00+02:00',
      endsAt: '2027-10-19T12:00:00+02:00',
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3',
    });
    expect(res.status).toBe(201);
    const sessions = await Promise.all(
      res.json.sessions.map((id: number) => call('anonymous', 'GET', `/api/permanences/${id}`)),
    );
    expect(sessions.map((s) => s.json.startsAt)).toEqual([
      '2027-10-19T08:00:00.000Z',
      '2027-10-26T08:00:00.000Z',
      '2027-11-02T09:00:00.000Z',
    ]);
    const last = parseCalendar(
      (await call('anonymous', 'GET', `/api/permanences/${res.json.sessions[2]}/calendar.ics`))
        .text,
    );
    expect(last.events[0]).toMatchObject({
      local: '2027-11-02T10:00:00',
      start: '2027-11-02T09:00:00.000Z',
      end: '2027-11-02T11:00:00.000Z',
    });
    // Every first Tuesday of the month, 10:00–12:00, as in the issue.
    const monthly = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Premier mardi',
      format: 'collective',
      capacity: 5,
      mode: 'remote',
      startsAt: '2027-01-05T10:00:00+01:00',
      endsAt: '2027-01-05T12:00:00+01:00',
      rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=4',
    });
    const starts = await Promise.all(
      monthly.json.sessions.map(
        async (id: number) =>
          (await call('anonymous', 'GET', `/api/permanences/${id}`)).json.startsAt,
      ),
    );
    expect(starts).toEqual([
      '2027-01-05T09:00:00.000Z',
      '2027-02-02T09:00:00.000Z',
      '2027-03-02T09:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
    ]);
  });

  it('serves a booking’s file with its question, and a cancelled booking as CANCELLED with a higher SEQUENCE', async () => {
    const created = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Baux et conventions',
      format: 'individual',
      mode: 'remote',
      link: 'https://visio.example.org/baux',
      startsAt: daysFromNow(8),
      endsAt: daysFromNow(8, 10),
    });
    const booked = await call('place', 'POST', `/api/permanences/${created.json.id}/bookings`, {
      place: 'la-fabrique',
      question: 'Notre bail précaire arrive à échéance',
    });
    const file = await call('place', 'GET', `/api/bookings/${booked.json.id}/calendar.ics`);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const event = parseCalendar(file.text).events[0];
    expect(event).toMatchObject({
      summary: 'Baux et conventions — La Fabrique',
      status: 'CONFIRMED',
      sequence: 0,
      location: 'Visio : https://visio.example.org/baux',
      start: daysFromNow(8),
    });
    expect(event.description).toContain('Notre bail précaire arrive à échéance');
    expect(event.uid).toBe(`booking-${booked.json.id}@communs.example.org`);
    await call('place', 'DELETE', `/api/bookings/${booked.json.id}`);
    const cancelled = parseCalendar(
      (await call('expert', 'GET', `/api/bookings/${booked.json.id}/calendar.ics`)).text,
    ).events[0];
    expect(cancelled).toMatchObject({ uid: event.uid, status: 'CANCELLED', sequence: 1 });
  });

  it('publishes upcoming collective sessions in the public feed, without questions or links', async () => {
    const collective = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Atelier gouvernance partagée',
      format: 'collective',
      capacity: 8,
      mode: 'remote',
      link: 'https://visio.example.org/secret-room',
      startsAt: daysFromNow(12),
      endsAt: daysFromNow(12, 11),
    });
    await call('place', 'POST', `/api/permanences/${collective.json.id}/bookings`, {
      place: 'la-fabrique',
      question: 'Question confidentielle sur nos conflits',
    });
    const individual = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Rendez-vous individuel',
      format: 'individual',
      mode: 'remote',
      startsAt: daysFromNow(12),
      endsAt: daysFromNow(12, 11),
    });
    const feed = await call('anonymous', 'GET', '/api/permanences.ics');
    expect(feed.status).toBe(200);
    const summaries = parseCalendar(feed.text).events.map((e) => e.summary);
    expect(summaries).toContain('Atelier gouvernance partagée');
    expect(summaries).not.toContain('Rendez-vous individuel');
    expect(feed.text).not.toContain('confidentielle');
    expect(feed.text).not.toContain('secret-room');
    expect(individual.status).toBe(201);
  });

  it('gives each expert a private feed behind a revocable secret token', async () => {
    expect((await call('place', 'POST', '/api/experts/eva-experte/calendar-token')).status).toBe(
      404,
    );
    expect(
      (await call('anonymous', 'POST', '/api/experts/eva-experte/calendar-token')).status,
    ).toBe(401);
    const first = await call('expert', 'POST', '/api/experts/eva-experte/calendar-token');
    expect(first.status).toBe(201);
    expect(first.json.url).toBe(
      `https://communs.example.org/api/experts/eva-experte/calendar.ics?token=${encodeURIComponent(first.json.token)}`,
    );
    expect((await call('expert', 'GET', '/api/experts/eva-experte/calendar-token')).json).toEqual({
      active: true,
    });
    const feed = await call(
      'anonymous',
      'GET',
      `/api/experts/eva-experte/calendar.ics?token=${encodeURIComponent(first.json.token)}`,
    );
    expect(feed.status).toBe(200);
    const events = parseCalendar(feed.text).events;
    expect(events.map((e) => e.summary)).toContain('Atelier gouvernance partagée');
    expect(events.find((e) => e.summary === 'Atelier gouvernance partagée')!.description).toContain(
      'La Fabrique : Question confidentielle sur nos conflits',
    );
    expect(
      (await call('anonymous', 'GET', '/api/experts/eva-experte/calendar.ics?token=wrong')).status,
    ).toBe(404);
    expect((await call('anonymous', 'GET', '/api/experts/eva-experte/calendar.ics')).status).toBe(
      404,
    );
    // A new token replaces the old one; revoking closes the feed.
    const second = await call('facilitator', 'POST', '/api/experts/eva-experte/calendar-token');
    expect(
      (
        await call(
          'anonymous',
          'GET',
          `/api/experts/eva-experte/calendar.ics?token=${encodeURIComponent(first.json.token)}`,
        )
      ).status,
    ).toBe(404);
    expect((await call('expert', 'DELETE', '/api/experts/eva-experte/calendar-token')).status).toBe(
      204,
    );
    expect(
      (
        await call(
          'anonymous',
          'GET',
          `/api/experts/eva-experte/calendar.ics?token=${encodeURIComponent(second.json.token)}`,
        )
      ).status,
    ).toBe(404);
    expect((await call('expert', 'GET', '/api/experts/eva-experte/calendar-token')).json).toEqual({
      active: false,
    });
  });
});
