import type { Database } from '../db/open.js';
import { enqueueMail } from './queue.js';
import type { InboxMessage } from '../../registry/contact-inbox.js';

/**
 * E-mail alerts of the contact-message inbox, queued inside the transaction that stored the
 * message or the answer. They carry the text and a link to the platform; a sender never receives
 * the person's address, nor the person the sender's (mails come from the platform's address).
 */

const SQL_USER_EMAIL = `SELECT email FROM users WHERE id = @id`;
const SQL_PERSON_ACCOUNT = `SELECT u.email FROM people pe JOIN users u ON u.id = pe.user_id WHERE pe.id = @personId`;
const SQL_TEAM = `SELECT email FROM users WHERE role IN ('facilitator', 'admin') ORDER BY id`;

/**
 * A new message: to the person's linked account, or, for a person without an account, to the
 * facilitators and admins, who relay it.
 */
export function alertNewMessage(
  db: Database,
  publicUrl: string,
  message: InboxMessage,
  personId: number,
): void {
  const own = db.prepare(SQL_PERSON_ACCOUNT).get({ personId }) as { email: string } | undefined;
  const recipients = own
    ? [own.email]
    : (db.prepare(SQL_TEAM).all() as { email: string }[]).map((r) => r.email);
  const who = message.sender ?? (message.from || 'Une personne non connectée');
  const intro = own
    ? `${who} vous a écrit sur Lieux Communs :`
    : `${who} a écrit à ${message.person.name}, qui n’a pas de compte : à relayer par l’équipe d’animation.`;
  for (const to of recipients) {
    enqueueMail(db, {
      to,
      subject: `Nouveau message pour ${message.person.name}`,
      text: `${intro}\n\n${quote(message.message)}\n\nLire et répondre : ${publicUrl}/messages/${message.id}\n`,
      kind: 'contact-message',
      dedupeKey: `contact-message:${message.id}:${to.toLowerCase()}`,
    });
  }
}

/** An answer: to the sender's account, when the message was sent logged in. */
export function alertReply(
  db: Database,
  publicUrl: string,
  message: InboxMessage,
  senderUserId: number | null,
  reply: { id: number; body: string; authorName: string },
): void {
  if (senderUserId === null) return;
  const sender = db.prepare(SQL_USER_EMAIL).get({ id: senderUserId }) as
    { email: string } | undefined;
  if (!sender) return;
  enqueueMail(db, {
    to: sender.email,
    subject: `Réponse à votre message pour ${message.person.name}`,
    text: `${reply.authorName} a répondu à votre message :\n\n${quote(reply.body)}\n\nVotre message :\n${quote(message.message)}\n\nRetrouvez vos échanges dans « Mes demandes » : ${publicUrl}/aiguillage/demandes\n`,
    kind: 'contact-reply',
    dedupeKey: `contact-reply:${reply.id}`,
  });
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
