import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { testApp } from '../helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import {
  daysFromNow,
  MAILS,
  seedPermanences,
  type PermanenceAccounts,
} from '../helpers/permanences-fixture.js';

type Who = keyof PermanenceAccounts | 'anonymous';

/** The VEVENT status of an attached .ics, read with ical.js. */
const icsStatus = (content: Buffer) => {
  const event = new ICAL.Component(ICAL.parse(content.toString('utf8'))).getFirstSubcomponent(
    'vevent',
  )!;
  return {
    status: String(event.getFirstPropertyValue('status')),
    dtstart: String(event.getFirstProperty('dtstart')!.getParameter('tzid')),
  };
};

describe('permanence mails through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let t: Awaited<ReturnType<typeof testApp>>;
  let who: PermanenceAccounts;
  const call = (as: Who, method: string, path: string, body?: unknown) =>
    t.request(method, path, {
      body,
      headers: as === 'anonymous' ? {} : { authorization: `Bearer ${who[as]}` },
    });
  const mailsOfKind = (subject: string) => smtp.mails.filter((m) => m.subject?.startsWith(subject));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await testApp({ smtpUrl: smtp.url, mailPollMs: 60_000 });
    who = await seedPermanences(t.db);
  });
  afterAll(async () => {
    t.services.close?.();
    await smtp.close();
  });

  it('sends the confirmation and the cancellation to the place’s and the expert’s accounts, with the .ics', async () => {
    const created = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Montage de SCIC',
      format: 'individual',
      mode: 'onsite',
      place: 'maison-commune',
      startsAt: daysFromNow(5),
      endsAt: daysFromNow(5, 11),
    });
    const booked = await call('place', 'POST', `/api/permanences/${created.json.id}/bookings`, {
      place: 'la-fabrique',
      question: 'Quel capital minimum ?',
    });
    expect(booked.status).toBe(201);
    await t.services.mail.flush();
    const confirmations = mailsOfKind('Permanence réservée');
    expect(confirmations.flatMap((m) => m.envelopeTo).sort()).toEqual(
      [MAILS.expert, MAILS.place].sort(),
    );
    for (const m of confirmations) {
      expect(m.text).toContain('Quel capital minimum ?');
      expect(m.text).toContain('Maison Commune');
      expect(m.text).toContain('(heure de Paris)');
      expect(m.attachments.map((a) => a.filename)).toEqual(['permanence.ics']);
      expect(icsStatus(m.attachments[0].content)).toEqual({
        status: 'CONFIRMED',
        dtstart: 'Europe/Paris',
      });
    }
    expect((await call('expert', 'DELETE', `/api/bookings/${booked.json.id}`)).status).toBe(200);
    await t.services.mail.flush();
    const cancellations = mailsOfKind('Permanence annulée');
    expect(cancellations.flatMap((m) => m.envelopeTo).sort()).toEqual(
      [MAILS.expert, MAILS.place].sort(),
    );
    expect(icsStatus(cancellations[0].attachments[0].content).status).toBe('CANCELLED');
  });

  it('reminds each account once, 24 h before, and never blocks a booking when SMTP fails', async () => {
    const starts = daysFromNow(3);
    const created = await call('facilitator', 'POST', '/api/permanences', {
      expert: 'eva-experte',
      title: 'Point financement',
      format: 'collective',
      capacity: 4,
      mode: 'remote',
      link: 'https://visio.example.org/f',
      startsAt: starts,
      endsAt: daysFromNow(3, 11),
    });
    smtp.failNext(10);
    const booked = await call(
      'otherPlace',
      'POST',
      `/api/permanences/${created.json.id}/bookings`,
      { place: 'le-hangar', question: 'Subvention de fonctionnement ?' },
    );
    expect(booked.status).toBe(201);
    await t.services.mail.flush();
    const outbox = await call('admin', 'GET', '/api/admin/outbox?kind=permanence-confirmation');
    expect(
      outbox.json.mails.filter((m: { to: string }) => m.to === MAILS.otherPlace),
    ).toMatchObject([{ status: 'queued', attempts: 1 }]);

    // The timer's pass, two hours before the start: then again, nothing new.
    const twoHoursBefore = new Date(Date.parse(starts) - 2 * 3600_000);
    expect(t.services.permanences.sendReminders(new Date(Date.parse(starts) - 30 * 3600_000))).toBe(
      0,
    );
    expect(t.services.permanences.sendReminders(twoHoursBefore)).toBe(1);
    expect(t.services.permanences.sendReminders(twoHoursBefore)).toBe(1);
    const reminders = await call('admin', 'GET', '/api/admin/outbox?kind=permanence-reminder');
    expect(reminders.json.mails.map((m: { to: string }) => m.to).sort()).toEqual(
      [MAILS.expert, MAILS.otherPlace].sort(),
    );
    expect(
      reminders.json.mails[0].attachments.map((a: { filename: string }) => a.filename),
    ).toEqual(['permanence.ics']);
  });
});

describe('permanence mails without SMTP', () => {
  it('keeps them in the outbox admins read, and books all the same', async () => {
    const t = await testApp();
    const who = await seedPermanences(t.db);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const created = await t.request('POST', '/api/permanences', {
      headers: as(who.facilitator),
      body: {
        expert: 'eva-experte',
        title: 'Statuts',
        format: 'individual',
        mode: 'remote',
        startsAt: daysFromNow(2),
        endsAt: daysFromNow(2, 10),
      },
    });
    const booked = await t.request('POST', `/api/permanences/${created.json.id}/bookings`, {
      headers: as(who.place),
      body: { place: 'la-fabrique', question: 'Nos statuts' },
    });
    expect(booked.status).toBe(201);
    const outbox = await t.request('GET', '/api/admin/outbox', { headers: as(who.admin) });
    expect(outbox.json.smtp).toBe(false);
    expect(
      outbox.json.mails
        .map((m: { to: string; kind: string; status: string }) => [m.to, m.kind, m.status])
        .sort(),
    ).toEqual(
      [
        [MAILS.expert, 'permanence-confirmation', 'queued'],
        [MAILS.place, 'permanence-confirmation', 'queued'],
      ].sort(),
    );
    t.services.close?.();
  });
});
