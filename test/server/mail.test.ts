import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { enqueueMail } from '../../server/mail/queue.js';

/** The mail queue and its sender, against a real SMTP server in the same process. */
describe('mail queue', () => {
  let smtp: TestSmtpServer | null = null;
  afterEach(async () => {
    await smtp?.close();
    smtp = null;
  });

  it('delivers a queued mail with its attachment through SMTP and marks it sent', async () => {
    smtp = await startSmtpServer();
    const app = await testApp({
      smtpUrl: smtp.url,
      mailFrom: 'Réseau <reseau@example.org>',
      mailPollMs: 60_000,
    });
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
    const id = enqueueMail(app.db, {
      to: 'lieu@example.org',
      subject: 'Réservation confirmée',
      text: 'Votre créneau est réservé.',
      attachments: [{ filename: 'rdv.ics', contentType: 'text/calendar', content: ics }],
      kind: 'test',
    });
    expect(id).toBeGreaterThan(0);
    expect(await app.services.mail.flush()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.envelopeTo).toEqual(['lieu@example.org']);
    expect(mail.subject).toBe('Réservation confirmée');
    expect(mail.text?.trim()).toBe('Votre créneau est réservé.');
    expect(mail.from?.text).toContain('reseau@example.org');
    expect(mail.attachments[0].filename).toBe('rdv.ics');
    expect(mail.attachments[0].content.toString('utf8')).toBe(ics);

    const outbox = await app.request('GET', '/api/admin/outbox', { as: 'admin' });
    expect(outbox.status).toBe(200);
    expect(outbox.json.smtp).toBe(true);
    expect(outbox.json.mails[0]).toMatchObject({ id, status: 'sent', attempts: 1, kind: 'test' });
    app.services.close?.();
  });

  it('retries a mail the SMTP server refused, with a backoff, and never loses it', async () => {
    smtp = await startSmtpServer();
    // A minute ahead of the real clock: the mail queued below (at the real time) is due.
    let now = new Date(Date.now() + 60_000);
    const app = await testApp({ smtpUrl: smtp.url, mailPollMs: 60_000 });
    // A sender whose clock the test moves.
    const { MailSender } = await import('../../server/mail/sender.js');
    const sender = new MailSender(app.db, {
      smtpUrl: smtp.url,
      from: 'x@example.org',
      pollMs: 60_000,
      now: () => now,
    });
    const id = enqueueMail(app.db, { to: 'a@example.org', subject: 'S', text: 'T' })!;
    smtp.failNext(1);
    expect(await sender.flush()).toBe(0);
    let row = (await app.request('GET', `/api/admin/outbox/${id}`, { as: 'admin' })).json;
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.lastError).toMatch(/451|Try again/);
    // Not due yet: nothing is sent.
    expect(await sender.flush()).toBe(0);
    now = new Date(now.getTime() + 61_000);
    expect(await sender.flush()).toBe(1);
    row = (await app.request('GET', `/api/admin/outbox/${id}`, { as: 'admin' })).json;
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.mails).toHaveLength(1);
    sender.stop();
    app.services.close?.();
  });

  it('keeps mails in the outbox without SMTP; only admins read it; a dedupe key queues once', async () => {
    const app = await testApp();
    expect(
      enqueueMail(app.db, {
        to: 'b@example.org',
        subject: 'Rappel',
        text: 'Demain',
        dedupeKey: 'reminder:1',
      }),
    ).toBeGreaterThan(0);
    expect(
      enqueueMail(app.db, {
        to: 'b@example.org',
        subject: 'Rappel',
        text: 'Demain',
        dedupeKey: 'reminder:1',
      }),
    ).toBeNull();
    expect(await app.services.mail.flush()).toBe(0);
    const list = await app.request('GET', '/api/admin/outbox?status=queued', { as: 'admin' });
    expect(list.json.smtp).toBe(false);
    expect(list.json.mails).toHaveLength(1);
    expect(list.json.mails[0]).toMatchObject({
      to: 'b@example.org',
      subject: 'Rappel',
      status: 'queued',
    });
    expect((await app.request('GET', '/api/admin/outbox', { as: 'facilitator' })).status).toBe(403);
    expect((await app.request('GET', '/api/admin/outbox')).status).toBe(401);
    expect((await app.request('GET', '/api/admin/outbox/abc', { as: 'admin' })).status).toBe(404);
    const bad = await app.request('GET', '/api/admin/outbox?status=lost', { as: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/status/);
    expect(
      (
        await app.request('POST', `/api/admin/outbox/${list.json.mails[0].id}/retry`, {
          as: 'admin',
        })
      ).status,
    ).toBe(409);
    app.services.close?.();
  });
});
