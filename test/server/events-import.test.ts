import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import ICAL from 'ical.js';
import type { AddressInfo } from 'node:net';
import { testApp } from '../helpers/app.js';
import { isPrivateAddress } from '../../server/events/fetch-calendar.js';

type App = Awaited<ReturnType<typeof testApp>>;

const PARIS_TZ = `BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`;

/** A calendar as Nextcloud or Google export it: VTIMEZONE, a weekly workshop across the autumn change. */
const calendar = (workshopTitle = 'Atelier réparation', extra = '') =>
  `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Nextcloud//Calendar//FR
${PARIS_TZ}
BEGIN:VEVENT
UID:repair-cafe@example.org
DTSTAMP:20250901T000000Z
SUMMARY:${workshopTitle}
CATEGORIES:Atelier
DESCRIPTION:Apportez vos objets cassés.
DTSTART;TZID=Europe/Paris:20251016T180000
DTEND;TZID=Europe/Paris:20251016T200000
RRULE:FREQ=WEEKLY;COUNT=5
EXDATE;TZID=Europe/Paris:20251023T180000
END:VEVENT
BEGIN:VEVENT
UID:repair-cafe@example.org
RECURRENCE-ID;TZID=Europe/Paris:20251106T180000
DTSTAMP:20250901T000000Z
SUMMARY:${workshopTitle} (exceptionnel)
DTSTART;TZID=Europe/Paris:20251107T100000
DTEND;TZID=Europe/Paris:20251107T120000
END:VEVENT
BEGIN:VEVENT
UID:visio-ny@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Rencontre avec un fablab de New York
DTSTART;TZID=America/New_York:20251020T090000
DTEND;TZID=America/New_York:20251020T100000
END:VEVENT
BEGIN:VEVENT
UID:utc@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Conférence sur les communs
DTSTART:20251021T080000Z
DURATION:PT1H30M
URL:https://example.org/inscription
END:VEVENT
BEGIN:VEVENT
UID:day@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Journée portes ouvertes
DTSTART;VALUE=DATE:20251025
DTEND;VALUE=DATE:20251026
END:VEVENT
${extra}END:VCALENDAR
`.replace(/\n/g, '\r\n');

let app: App;
/** Posts a raw body with its content type (the app helper would send it as JSON). */
async function postRaw(
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  contentType: string,
  as?: 'contributor' | 'reader',
) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (as) headers.authorization = `Bearer ${await app.tokenFor(as)}`;
  const res = await app.app.request(path, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}
const importText = (
  text: string | Uint8Array<ArrayBuffer>,
  as: 'contributor' | 'reader' | 'anonymous' = 'contributor',
) =>
  postRaw(
    '/api/places/la-ruche/events/import?since=2025-10-01',
    text,
    'text/calendar',
    as === 'anonymous' ? undefined : as,
  );
const slotsOf = async (uid: string) => {
  const all = (await app.request('GET', '/api/events?place=la-ruche&from=2025-01-01&limit=500'))
    .json.items as { importUid: string; slots: { startsAt: string; endsAt: string }[] }[];
  return all.find((e) => e.importUid === uid)?.slots.map((s) => [s.startsAt, s.endsAt]);
};

beforeEach(async () => {
  app = await testApp();
  expect(
    (
      await app.request('POST', '/api/places', {
        body: { slug: 'la-ruche', name: 'La Ruche', city: 'Lille', postcode: '59000' },
        as: 'contributor',
      })
    ).status,
  ).toBe(201);
});

describe('POST /api/places/{slug}/events/import (text/calendar)', () => {
  it('expands RRULE with EXDATE and overridden occurrences, honouring each time zone', async () => {
    const res = await importText(calendar());
    expect(res.status, res.text).toBe(200);
    expect(res.json.created.map((e: { uid: string }) => e.uid).sort()).toEqual([
      'day@example.org',
      'repair-cafe@example.org',
      'utc@example.org',
      'visio-ny@example.org',
    ]);
    // 18:00 Paris is 16:00 UTC before 26 October and 17:00 UTC after; the 23rd is excluded; the 6 Nov occurrence moved to the 7th.
    expect(await slotsOf('repair-cafe@example.org')).toEqual([
      ['2025-10-16T16:00:00Z', '2025-10-16T18:00:00Z'],
      ['2025-10-30T17:00:00Z', '2025-10-30T19:00:00Z'],
      ['2025-11-07T09:00:00Z', '2025-11-07T11:00:00Z'],
      ['2025-11-13T17:00:00Z', '2025-11-13T19:00:00Z'],
    ]);
    expect(await slotsOf('visio-ny@example.org')).toEqual([
      ['2025-10-20T13:00:00Z', '2025-10-20T14:00:00Z'],
    ]);
    expect(await slotsOf('utc@example.org')).toEqual([
      ['2025-10-21T08:00:00Z', '2025-10-21T09:30:00Z'],
    ]);
    expect(await slotsOf('day@example.org')).toEqual([
      ['2025-10-24T22:00:00Z', '2025-10-25T22:00:00Z'],
    ]);
    const events = (await app.request('GET', '/api/events?place=la-ruche&from=2025-01-01')).json
      .items as { importUid: string; type: string; registration: unknown }[];
    expect(events.find((e) => e.importUid === 'repair-cafe@example.org')?.type).toBe('atelier');
    expect(events.find((e) => e.importUid === 'utc@example.org')).toMatchObject({
      type: 'conference',
      registration: { kind: 'link', url: 'https://example.org/inscription' },
    });
    expect(events.find((e) => e.importUid === 'day@example.org')?.type).toBe('visite');
  });

  it('gives an all-day event back as one in the iCalendar feed (VALUE=DATE), timed events keeping their TZID', async () => {
    expect((await importText(calendar())).status).toBe(200);
    // Stored as the Europe/Paris day, midnight to midnight.
    expect(await slotsOf('day@example.org')).toEqual([
      ['2025-10-24T22:00:00Z', '2025-10-25T22:00:00Z'],
    ]);
    const res = await app.request(
      'GET',
      '/api/events.ics?place=la-ruche&from=2025-10-01&to=2025-11-30',
    );
    expect(res.status).toBe(200);
    const vevents = new ICAL.Component(ICAL.parse(res.text) as unknown[]).getAllSubcomponents(
      'vevent',
    );
    const byTitle = (title: string) =>
      vevents.map((v) => new ICAL.Event(v)).filter((e) => e.summary === title);
    const [day] = byTitle('Journée portes ouvertes');
    expect(day.startDate.isDate).toBe(true);
    expect(day.startDate.toString()).toBe('2025-10-25');
    expect(day.endDate.isDate).toBe(true);
    expect(day.endDate.toString()).toBe('2025-10-26');
    const [conference] = byTitle('Conférence sur les communs');
    expect(conference.startDate.isDate).toBe(false);
    expect(conference.startDate.zone.tzid).toBe('Europe/Paris');
    expect(conference.startDate.toJSDate().toISOString()).toBe('2025-10-21T08:00:00.000Z');
  });

  it('is idempotent by UID: a re-import updates, never duplicates, and a cancelled VEVENT removes its event', async () => {
    await importText(calendar());
    const again = await importText(calendar());
    expect(again.json.created).toEqual([]);
    expect(again.json.updated).toEqual([]);
    expect(again.json.unchanged).toHaveLength(4);
    const renamed = await importText(calendar('Repair café'));
    expect(renamed.json.updated.map((e: { uid: string }) => e.uid)).toEqual([
      'repair-cafe@example.org',
    ]);
    const cancelled = await importText(
      calendar('Repair café').replace(
        'SUMMARY:Journée portes ouvertes',
        'SUMMARY:Journée portes ouvertes\r\nSTATUS:CANCELLED',
      ),
    );
    expect(cancelled.json.deleted.map((e: { uid: string }) => e.uid)).toEqual(['day@example.org']);
    const list = (await app.request('GET', '/api/events?place=la-ruche&from=2025-01-01')).json;
    expect(list.total).toBe(3);
    expect(list.items.map((e: { title: string }) => e.title)).toContain('Repair café');
  });

  it('refuses a malformed calendar with a clear message naming "calendar", and creates nothing', async () => {
    const broken = [
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20251016T180000Z\r\n', // never closed
      'this is not a calendar',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice\r\nEND:VCARD\r\n',
      // One good VEVENT, then one with a date that is not one: nothing is written.
      calendar(
        'Atelier',
        'BEGIN:VEVENT\nUID:bad@example.org\nSUMMARY:Cassé\nDTSTART:2025-10-16\nEND:VEVENT\n',
      ),
      calendar(
        'Atelier',
        'BEGIN:VEVENT\nUID:nostart@example.org\nSUMMARY:Sans début\nEND:VEVENT\n',
      ),
    ];
    for (const text of broken) {
      const res = await importText(text);
      expect(res.status, text.slice(-80)).toBe(400);
      expect(res.json.error.field).toBe('calendar');
      expect(res.json.error.message).toMatch(/calendar: /);
    }
    expect(
      (await app.request('GET', '/api/events?place=la-ruche&from=2000-01-01')).json.total,
    ).toBe(0);
  });

  it('needs a contributor, a known place and a calendar content type', async () => {
    expect((await importText(calendar(), 'anonymous')).status).toBe(401);
    expect((await importText(calendar(), 'reader')).status).toBe(403);
    const unknown = await postRaw(
      '/api/places/nulle-part/events/import',
      calendar(),
      'text/calendar',
      'contributor',
    );
    expect(unknown.status).toBe(404);
    const plain = await postRaw(
      '/api/places/la-ruche/events/import',
      calendar(),
      'text/plain',
      'contributor',
    );
    expect(plain.status).toBe(400);
    expect(plain.json.error.field).toBe('content-type');
    const badSince = await postRaw(
      '/api/places/la-ruche/events/import?since=hier',
      calendar(),
      'text/calendar',
      'contributor',
    );
    expect(badSince.json.error.field).toBe('since');
  });
});

/** A VEVENT as exports write it, CRLF line ends. */
const vevent = (lines: string) =>
  `BEGIN:VEVENT\r\n${lines.trim().split(/\n/).join('\r\n')}\r\nEND:VEVENT\r\n`;
const vcalendar = (body: string, prodid = '-//Google Inc//Google Calendar 70.9054//EN') =>
  `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:${prodid}\r\n${body}END:VCALENDAR\r\n`;

describe('calendars as other tools write them', () => {
  it('reads several VCALENDARs one after the other (calendars concatenated) instead of failing with a 500', async () => {
    const text =
      vcalendar(
        vevent(`UID:a@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Premier
DTSTART:20251021T080000Z`),
      ) +
      vcalendar(
        vevent(`UID:b@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Second
DTSTART;TZID=Europe/Paris:20251022T100000
DTEND;TZID=Europe/Paris:20251022T113000`),
        '-//Nextcloud calendar v4.7.0',
      );
    const res = await importText(text);
    expect(res.status, res.text).toBe(200);
    expect(res.json.created.map((e: { uid: string }) => e.uid).sort()).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
    expect(await slotsOf('b@example.org')).toEqual([
      ['2025-10-22T08:00:00Z', '2025-10-22T09:30:00Z'],
    ]);
    // A VCALENDAR followed by something else is still refused whole.
    const mixed = await importText(text + 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n');
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.field).toBe('calendar');
  });

  it('unfolds lines on the bytes: a title folded at 75 octets inside an accented letter stays whole', async () => {
    const title =
      'Atelier éco-conception : réparer, réemployer, échanger — été 2025 à la Ruche, café réparé';
    // Fold the content line every 75 octets, as simple exporters do, cutting UTF-8 sequences.
    const line = Buffer.from(`SUMMARY:${title}`);
    const parts: Buffer[] = [];
    for (let i = 0, first = true; i < line.length; first = false) {
      const n = first ? 75 : 74;
      if (!first) parts.push(Buffer.from('\r\n '));
      parts.push(line.subarray(i, i + n));
      i += n;
    }
    const folded = Buffer.concat(parts);
    // The cut falls inside a multi-octet character (the test would prove nothing otherwise).
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(folded)).toThrow();
    const body = Buffer.concat([
      Buffer.from(
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:fold@example.org\r\nDTSTAMP:20250901T000000Z\r\nDTSTART:20251023T080000Z\r\n',
      ),
      folded,
      Buffer.from('\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
    ]);
    const res = await importText(new Uint8Array(body));
    expect(res.status, res.text).toBe(200);
    expect(res.json.created[0].title).toBe(title);
  });

  it('reads a calendar that is not UTF-8 as Windows-1252 (older Outlook exports)', async () => {
    const text = vcalendar(
      vevent(`UID:cp1252@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Réunion à l'Atelier des Gâteaux
DTSTART:20251021T080000Z`),
      '-//Microsoft Corporation//Outlook 11.0 MIMEDIR//EN',
    );
    // Latin letters have the same byte in Latin-1 and Windows-1252.
    const res = await importText(new Uint8Array(Buffer.from(text, 'latin1')));
    expect(res.status, res.text).toBe(200);
    expect(res.json.created[0].title).toBe("Réunion à l'Atelier des Gâteaux");
  });

  it('reads a calendar saved as UTF-16 with its byte-order mark (Windows "Unicode")', async () => {
    const text = vcalendar(
      vevent(`UID:utf16@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Fête de l’été
DTSTART:20251021T080000Z`),
    );
    const res = await importText(new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le')));
    expect(res.status, res.text).toBe(200);
    expect(res.json.created[0].title).toBe('Fête de l’été');
  });

  it('refuses a day or time that does not exist instead of rolling it over into another date', async () => {
    for (const [line, shown] of [
      ['DTSTART:20251340T100000Z', 'DTSTART 2025-13-40T10:00:00Z'],
      ['DTSTART;VALUE=DATE:20250231', 'DTSTART 2025-02-31'],
      ['DTSTART;TZID=Europe/Paris:20251110T250000', 'DTSTART 2025-11-10T25:00:00'],
    ]) {
      const res = await importText(
        vcalendar(vevent(`UID:bad-date@example.org\nDTSTAMP:20250901T000000Z\nSUMMARY:x\n${line}`)),
      );
      expect(res.status, line).toBe(400);
      expect(res.json.error.field).toBe('calendar');
      expect(res.json.error.message).toContain(`${shown} is not a date`);
    }
    expect(
      (await app.request('GET', '/api/events?place=la-ruche&from=2000-01-01')).json.total,
    ).toBe(0);
  });

  it('refuses a calendar with more occurrences in the window than the limit, writing nothing', async () => {
    app = await testApp({ calendarMaxOccurrences: 25 });
    await app.request('POST', '/api/places', {
      body: { slug: 'la-ruche', name: 'La Ruche' },
      as: 'contributor',
    });
    const daily = (n: number) =>
      vevent(`UID:daily-${n}@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Permanence ${n}
DTSTART;TZID=Europe/Paris:20251103T090000
DTEND;TZID=Europe/Paris:20251103T100000
RRULE:FREQ=DAILY;COUNT=10`);
    const fine = await importText(vcalendar(daily(1) + daily(2)));
    expect(fine.status, fine.text).toBe(200);
    const tooMany = await importText(vcalendar(daily(3) + daily(4) + daily(5)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.field).toBe('calendar');
    expect(tooMany.json.error.message).toMatch(/more than 25 occurrences/);
    const uids = (
      await app.request('GET', '/api/events?place=la-ruche&from=2025-01-01')
    ).json.items.map((e: { importUid: string }) => e.importUid);
    expect(uids.sort()).toEqual(['daily-1@example.org', 'daily-2@example.org']);
  });

  it('expands RDATEs as RFC 5545 says: DTSTART is the first instance, periods keep their own end', async () => {
    const res = await importText(
      vcalendar(
        vevent(`UID:expo@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Exposition
DTSTART;TZID=Europe/Paris:20251110T100000
DTEND;TZID=Europe/Paris:20251110T110000
RDATE;VALUE=PERIOD;TZID=Europe/Paris:20251112T100000/20251112T120000,20251114T100000/PT3H
RDATE:20251120T080000Z,20251110T090000Z`),
        '-//Apple Inc.//macOS 14.0//EN',
      ),
    );
    expect(res.status, res.text).toBe(200);
    expect(await slotsOf('expo@example.org')).toEqual([
      ['2025-11-10T09:00:00Z', '2025-11-10T10:00:00Z'],
      ['2025-11-12T09:00:00Z', '2025-11-12T11:00:00Z'],
      ['2025-11-14T09:00:00Z', '2025-11-14T12:00:00Z'],
      ['2025-11-20T08:00:00Z', '2025-11-20T09:00:00Z'],
    ]);
  });

  it('leaves out an occurrence excluded by an EXDATE written in UTC for a series in Europe/Paris', async () => {
    const res = await importText(
      vcalendar(
        vevent(`UID:daily@example.org
DTSTAMP:20250901T000000Z
SUMMARY:Permanence
DTSTART;TZID=Europe/Paris:20251110T100000
DTEND;TZID=Europe/Paris:20251110T110000
RRULE:FREQ=DAILY;COUNT=4
EXDATE:20251111T090000Z`),
      ),
    );
    expect(res.status, res.text).toBe(200);
    expect(await slotsOf('daily@example.org')).toEqual([
      ['2025-11-10T09:00:00Z', '2025-11-10T10:00:00Z'],
      ['2025-11-12T09:00:00Z', '2025-11-12T10:00:00Z'],
      ['2025-11-13T09:00:00Z', '2025-11-13T10:00:00Z'],
    ]);
  });

  it('reads a wall time of the hour repeated when clocks go back as its first occurrence (RFC 5545 3.3.5)', async () => {
    const night = (uid: string) =>
      vevent(`UID:${uid}
DTSTAMP:20250901T000000Z
SUMMARY:Nuit des tiers-lieux
DTSTART;TZID=Europe/Paris:20251026T023000
DTEND;TZID=Europe/Paris:20251026T040000`);
    // With the zone's VTIMEZONE (read by ical.js), and with the TZID alone (read as an IANA zone).
    const res = await importText(vcalendar(`${PARIS_TZ}\r\n${night('with-vtimezone')}`));
    expect(res.status, res.text).toBe(200);
    expect((await importText(vcalendar(night('tzid-only')))).status).toBe(200);
    for (const uid of ['with-vtimezone', 'tzid-only'])
      // 02:30 CEST is 00:30 UTC; 04:00 (after the change, CET) is 03:00 UTC.
      expect(await slotsOf(uid), uid).toEqual([['2025-10-26T00:30:00Z', '2025-10-26T03:00:00Z']]);
  });

  it("reads floating times in the calendar's X-WR-TIMEZONE (Apple, Google), in Europe/Paris without one", async () => {
    const floating = (uid: string) =>
      vevent(`UID:${uid}
DTSTAMP:20250901T000000Z
SUMMARY:Visio avec Montréal
DTSTART:20251110T100000
DTEND:20251110T110000`);
    const montreal = vcalendar(`X-WR-TIMEZONE:America/Toronto\r\n${floating('montreal')}`);
    expect((await importText(montreal)).status).toBe(200);
    expect((await importText(vcalendar(floating('paris')))).status).toBe(200);
    expect(await slotsOf('montreal')).toEqual([['2025-11-10T15:00:00Z', '2025-11-10T16:00:00Z']]);
    expect(await slotsOf('paris')).toEqual([['2025-11-10T09:00:00Z', '2025-11-10T10:00:00Z']]);
  });

  it('reads TZIDs other tools write without their VTIMEZONE: Windows names, prefixed IANA names', async () => {
    const at = (uid: string, tzid: string) =>
      vevent(`UID:${uid}
DTSTAMP:20250901T000000Z
SUMMARY:Réunion
DTSTART;TZID=${tzid}:20251110T100000
DTEND;TZID=${tzid}:20251110T110000`);
    const res = await importText(
      vcalendar(
        at('outlook', '"Eastern Standard Time"') +
          at('lightning', '/mozilla.org/20050126_1/America/New_York') +
          at('paris', 'Romance Standard Time'),
      ),
    );
    expect(res.status, res.text).toBe(200);
    for (const uid of ['outlook', 'lightning'])
      expect(await slotsOf(uid), uid).toEqual([['2025-11-10T15:00:00Z', '2025-11-10T16:00:00Z']]);
    expect(await slotsOf('paris')).toEqual([['2025-11-10T09:00:00Z', '2025-11-10T10:00:00Z']]);
  });

  it('leaves out an occurrence cancelled by a STATUS:CANCELLED override (Google, Outlook, Nextcloud)', async () => {
    const text = vcalendar(
      vevent(`DTSTART;TZID=Europe/Paris:20251020T180000
DTEND;TZID=Europe/Paris:20251020T200000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4
DTSTAMP:20250901T000000Z
UID:weekly@google.com
SUMMARY:Permanence vélo
STATUS:CONFIRMED`) +
        vevent(`DTSTART;TZID=Europe/Paris:20251022T180000
DTEND;TZID=Europe/Paris:20251022T200000
DTSTAMP:20250901T000000Z
UID:weekly@google.com
RECURRENCE-ID;TZID=Europe/Paris:20251022T180000
SUMMARY:Permanence vélo
STATUS:CANCELLED`),
    );
    const res = await importText(text);
    expect(res.status, res.text).toBe(200);
    expect(await slotsOf('weekly@google.com')).toEqual([
      ['2025-10-20T16:00:00Z', '2025-10-20T18:00:00Z'],
      ['2025-10-27T17:00:00Z', '2025-10-27T19:00:00Z'],
      ['2025-10-29T17:00:00Z', '2025-10-29T19:00:00Z'],
    ]);
  });

  it('keeps occurrences whose series is not in the file (an invitation to one occurrence), and drops them once all are cancelled', async () => {
    const occurrence = (status: string) =>
      vcalendar(
        vevent(`UID:serie@outlook.example
RECURRENCE-ID;TZID=Europe/Paris:20251105T140000
DTSTAMP:20250901T000000Z
SUMMARY:Comité de pilotage
DTSTART;TZID=Europe/Paris:20251105T150000
DTEND;TZID=Europe/Paris:20251105T170000
STATUS:${status}`),
        '-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
      );
    const res = await importText(occurrence('CONFIRMED'));
    expect(res.status, res.text).toBe(200);
    expect(res.json.created.map((e: { title: string }) => e.title)).toEqual(['Comité de pilotage']);
    expect(await slotsOf('serie@outlook.example')).toEqual([
      ['2025-11-05T14:00:00Z', '2025-11-05T16:00:00Z'],
    ]);
    const cancelled = await importText(occurrence('CANCELLED'));
    expect(cancelled.json.deleted.map((e: { uid: string }) => e.uid)).toEqual([
      'serie@outlook.example',
    ]);
    expect(await slotsOf('serie@outlook.example')).toBeUndefined();
  });
});

describe('import from a URL', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/agenda.ics') {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(calendar());
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/agenda.ics' });
        res.end();
      } else if (req.url === '/slow') {
        // Never answers: the import gives up after its timeout.
      } else if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.end(calendar() + 'X'.repeat(50_000));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const importUrl = (a: App, url: string) =>
    a.request('POST', '/api/places/la-ruche/events/import?since=2025-10-01', {
      body: { url },
      as: 'contributor',
    });

  it('fetches the calendar (following a redirect) when loopback is allowed by configuration', async () => {
    app = await testApp({
      calendarAllowPrivate: true,
      calendarFetchTimeoutMs: 500,
      calendarMaxBytes: 20_000,
    });
    await app.request('POST', '/api/places', {
      body: { slug: 'la-ruche', name: 'La Ruche' },
      as: 'contributor',
    });
    const res = await importUrl(app, `${base}/moved`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toHaveLength(4);
    for (const [path, status, pattern] of [
      ['/slow', 400, /no answer within/],
      ['/huge', 413, /larger than 20000 bytes/],
      ['/missing', 400, /answered 404/],
    ] as const) {
      const r = await importUrl(app, `${base}${path}`);
      expect(r.status, path).toBe(status);
      expect(r.json.error.field).toBe('url');
      expect(r.json.error.message).toMatch(pattern);
    }
  });

  it('refuses other schemes and, by default, loopback and private addresses (SSRF)', async () => {
    for (const url of [
      `${base}/agenda.ics`,
      // The loopback server again, as IPv4-mapped IPv6 in hexadecimal (the URL parser's own form).
      `http://[::ffff:127.0.0.1]:${new URL(base).port}/agenda.ics`,
      `http://[::ffff:7f00:1]:${new URL(base).port}/agenda.ics`,
      'http://localhost:1/agenda.ics',
      'http://[::1]/x.ics',
      'http://10.0.0.8/x.ics',
      'http://169.254.169.254/latest/meta-data',
      'file:///etc/passwd',
      'ftp://example.org/a.ics',
      'pas une url',
    ]) {
      const res = await importUrl(app, url);
      expect(res.status, url).toBe(400);
      expect(res.json.error.field).toBe('url');
    }
    expect((await app.request('GET', '/api/events?from=2000-01-01')).json.total).toBe(0);
    expect(
      [
        '127.0.0.1',
        '10.1.2.3',
        '172.16.0.1',
        '192.168.1.1',
        '169.254.169.254',
        '100.64.0.1',
        '::1',
        'fd00::1',
        'fe80::1',
        '::ffff:127.0.0.1',
        '::ffff:7f00:1',
        '::ffff:a9fe:a9fe',
        '0:0:0:0:0:ffff:c0a8:101',
        '::ffff:0:a00:1',
        '::7f00:1',
        '0.0.0.0',
      ].every(isPrivateAddress),
    ).toBe(true);
    expect(['93.184.216.34', '2606:4700::1111', '172.32.0.1'].some(isPrivateAddress)).toBe(false);
    expect(['::ffff:5db8:d822', '2606:4700::7f00:1'].some(isPrivateAddress)).toBe(false);
  });
});
