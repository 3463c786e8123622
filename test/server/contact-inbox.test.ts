import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { createApiToken, createUser } from '../../server/auth/users.js';

/*
 * The contact-message inbox over HTTP, with a real SMTP server: the person (linked account) and
 * the facilitators read, answer and close messages; unread counts; mail alerts for a new message
 * and for an answer; the sender reads the answers in "Mes demandes"; no address ever shown.
 */
describe('contact-message inbox', () => {
  let smtp: TestSmtpServer;
  let t: Awaited<ReturnType<typeof testApp>>;
  let nadia: string;

  beforeEach(async () => {
    smtp = await startSmtpServer();
    t = await testApp({
      smtpUrl: smtp.url,
      mailPollMs: 60_000,
      publicUrl: 'https://lieux.example.org',
    });
    await t.tokenFor('facilitator');
    const user = await createUser(t.db, {
      email: 'nadia@example.org',
      name: 'Nadia B.',
      password: 'password123',
      role: 'reader',
    });
    nadia = createApiToken(t.db, user.id, 'test');
    const own = await as(nadia, 'POST', '/api/people', {
      slug: 'nadia',
      name: 'Nadia Benali',
      contactable: true,
      self: true,
      skills: ['compta'],
    });
    expect(own.status).toBe(201);
  });
  afterEach(async () => {
    t.services.close?.();
    await smtp.close();
  });

  /** A request with a bearer token of a user outside the per-role ones. */
  function as(token: string, method: string, path: string, body?: unknown) {
    return t.request(method, path, { body, headers: { authorization: `Bearer ${token}` } });
  }

  it('lets the person read, answer and close, alerts both sides by mail, and shows the answer to the sender', async () => {
    const sent = await t.request('POST', '/api/people/nadia/contact', {
      as: 'contributor',
      body: { message: 'Bonjour, pouvez-vous relire notre budget ?', from: 'Le Beffroi' },
    });
    expect(sent.status).toBe(202);
    const id = sent.json.id as number;

    // The person's account is alerted, with a link; the sender's address is not in the mail.
    expect(await t.services.mail.flush()).toBe(1);
    expect(smtp.mails[0].envelopeTo).toEqual(['nadia@example.org']);
    expect(smtp.mails[0].subject).toBe('Nouveau message pour Nadia Benali');
    expect(smtp.mails[0].text).toContain('Bonjour, pouvez-vous relire notre budget ?');
    expect(smtp.mails[0].text).toContain(`https://lieux.example.org/messages/${id}`);
    expect(smtp.mails[0].text).not.toContain('contributor@example.org');

    expect((await as(nadia, 'GET', '/api/unread')).json).toEqual({
      inbox: 1,
      answers: 0,
      handles: true,
    });
    const box = await as(nadia, 'GET', '/api/inbox');
    expect(box.json.scope).toEqual({ all: false, person: 'nadia' });
    expect(box.json.messages).toHaveLength(1);
    expect(box.json.messages[0]).toMatchObject({
      id,
      person: { slug: 'nadia' },
      from: 'Le Beffroi',
      sender: 'Test contributor',
      status: 'new',
      read: false,
      replies: [],
    });
    expect(box.text).not.toContain('@example.org');
    // Facilitators see it too; another account does not.
    expect(
      (await t.request('GET', '/api/inbox', { as: 'facilitator' })).json.messages.map(
        (m: { id: number }) => m.id,
      ),
    ).toEqual([id]);
    expect((await t.request('GET', '/api/unread', { as: 'facilitator' })).json.inbox).toBe(1);
    expect((await t.request('GET', '/api/inbox', { as: 'reader' })).json).toEqual({
      scope: { all: false, person: null },
      messages: [],
    });
    expect((await t.request('GET', `/api/inbox/${id}`, { as: 'reader' })).status).toBe(404);
    expect(
      (
        await t.request('POST', `/api/inbox/${id}/replies`, {
          as: 'reader',
          body: { body: 'Moi aussi' },
        })
      ).status,
    ).toBe(404);

    const read = await as(nadia, 'POST', `/api/inbox/${id}/read`);
    expect(read.json.read).toBe(true);
    expect((await as(nadia, 'GET', '/api/unread')).json).toEqual({
      inbox: 0,
      answers: 0,
      handles: true,
    });

    const reply = await as(nadia, 'POST', `/api/inbox/${id}/replies`, {
      body: 'Avec plaisir, envoyez-le moi ici.',
    });
    expect(reply.status).toBe(201);
    expect(reply.json.status).toBe('relayed');
    expect(reply.json.replies).toEqual([
      {
        id: expect.any(Number),
        body: 'Avec plaisir, envoyez-le moi ici.',
        author: { name: 'Nadia Benali', role: 'person' },
        createdAt: expect.any(String),
      },
    ]);
    expect(await t.services.mail.flush()).toBe(1);
    expect(smtp.mails[1].envelopeTo).toEqual(['contributor@example.org']);
    expect(smtp.mails[1].subject).toBe('Réponse à votre message pour Nadia Benali');
    expect(smtp.mails[1].text).toContain('Avec plaisir, envoyez-le moi ici.');
    expect(smtp.mails[1].text).toContain('https://lieux.example.org/aiguillage/demandes');
    expect(smtp.mails[1].text).not.toContain('nadia@example.org');

    // The sender: the answer in "Mes demandes", counted until seen.
    expect((await t.request('GET', '/api/unread', { as: 'contributor' })).json).toEqual({
      inbox: 0,
      answers: 1,
      handles: false,
    });
    const mine = await t.request('GET', '/api/my-messages', { as: 'contributor' });
    expect(mine.json.messages).toEqual([
      expect.objectContaining({
        id,
        person: { slug: 'nadia', name: 'Nadia Benali' },
        status: 'relayed',
        unread: 1,
        replies: [expect.objectContaining({ body: 'Avec plaisir, envoyez-le moi ici.' })],
      }),
    ]);
    expect(mine.text).not.toContain('@example.org');
    expect((await t.request('POST', '/api/my-messages/seen', { as: 'contributor' })).status).toBe(
      200,
    );
    expect((await t.request('GET', '/api/unread', { as: 'contributor' })).json.answers).toBe(0);
    expect(
      (await t.request('GET', '/api/my-messages', { as: 'contributor' })).json.messages[0].unread,
    ).toBe(0);

    // Closed: out of the open list, in the closed one; opened again.
    const closed = await as(nadia, 'PATCH', `/api/inbox/${id}`, { status: 'closed' });
    expect(closed.json).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await as(nadia, 'GET', '/api/inbox')).json.messages).toEqual([]);
    expect(
      (await as(nadia, 'GET', '/api/inbox?status=closed')).json.messages.map(
        (m: { id: number }) => m.id,
      ),
    ).toEqual([id]);
    expect((await as(nadia, 'PATCH', `/api/inbox/${id}`, { status: 'open' })).json).toMatchObject({
      status: 'relayed',
      closedAt: null,
    });
  });

  it('sends a message for a person without an account to the team, who answer as the team', async () => {
    expect(
      (
        await t.request('POST', '/api/people', {
          as: 'contributor',
          body: { slug: 'jo', name: 'Jo Sans Compte', contactable: true },
        })
      ).status,
    ).toBe(201);
    const sent = await t.request('POST', '/api/people/jo/contact', {
      body: { message: 'Une question sur le compost', from: 'Camille' },
    });
    expect(sent.status).toBe(202);
    expect(await t.services.mail.flush()).toBe(2);
    expect(smtp.mails.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'admin@example.org',
      'facilitator@example.org',
    ]);
    expect(smtp.mails[0].text).toContain('à relayer par l’équipe d’animation');
    expect((await as(nadia, 'GET', '/api/inbox')).json.messages).toEqual([]);
    const reply = await t.request('POST', `/api/inbox/${sent.json.id}/replies`, {
      as: 'facilitator',
      body: { body: 'Transmis à Jo.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.json.replies[0].author).toEqual({ name: 'Test facilitator', role: 'team' });
    // An anonymous sender has no account to alert.
    expect(await t.services.mail.flush()).toBe(0);
  });

  it('answers a clear 4xx naming the field for bad input, and 401 without a login', async () => {
    const sent = await t.request('POST', '/api/people/nadia/contact', {
      body: { message: 'Bonjour' },
    });
    const id = sent.json.id as number;
    const empty = await as(nadia, 'POST', `/api/inbox/${id}/replies`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.json.error.field).toBe('body');
    const badId = await as(nadia, 'GET', '/api/inbox/abc');
    expect(badId.status).toBe(400);
    expect(badId.json.error.field).toBe('id');
    const badStatus = await as(nadia, 'PATCH', `/api/inbox/${id}`, { status: 'deleted' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.error.field).toBe('status');
    const badFilter = await as(nadia, 'GET', '/api/inbox?status=some');
    expect(badFilter.status).toBe(400);
    expect(badFilter.json.error.field).toBe('status');
    expect((await as(nadia, 'GET', '/api/inbox/99999')).status).toBe(404);
    for (const [method, path] of [
      ['GET', '/api/inbox'],
      ['GET', '/api/unread'],
      ['GET', '/api/my-messages'],
      ['POST', `/api/inbox/${id}/read`],
    ]) {
      expect((await t.request(method, path)).status).toBe(401);
    }
    // Nothing was written by the refused calls.
    expect((await as(nadia, 'GET', `/api/inbox/${id}`)).json).toMatchObject({
      read: false,
      replies: [],
      status: 'new',
    });
  });
});
