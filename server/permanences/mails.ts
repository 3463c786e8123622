import type { Database } from 'better-sqlite3';
import { enqueueMail } from '../mail/queue.js';
import { bookingCalendar, type CalendarContext } from '../../registry/permanences/ical.js';
import {
  bookingRecipients,
  type Booking,
  type Permanence,
} from '../../registry/permanences/store.js';
import { frenchDateTime, frenchTime } from '../../registry/permanences/times.js';

/** Why a booking's accounts are written to. */
export type BookingMailKind =
  | 'permanence-confirmation'
  | 'permanence-cancellation'
  | 'permanence-change'
  | 'permanence-reminder';

const SUBJECTS: Record<BookingMailKind, string> = {
  'permanence-confirmation': 'Permanence réservée',
  'permanence-cancellation': 'Permanence annulée',
  'permanence-change': 'Permanence déplacée',
  'permanence-reminder': 'Rappel : permanence demain',
};

const INTROS: Record<BookingMailKind, string> = {
  'permanence-confirmation': 'La réservation suivante est confirmée.',
  'permanence-cancellation': 'La réservation suivante est annulée : le créneau est libéré.',
  'permanence-change':
    'La permanence suivante a changé d’horaire : le fichier joint met votre agenda à jour.',
  'permanence-reminder': 'Rappel : la permanence suivante a lieu dans moins de 24 heures.',
};

/**
 * Queues one mail per account of the booking (the place's accounts, the expert's), with the
 * booking's `.ics` attached. Synchronous: call it inside the transaction that changed the booking.
 * @param dedupe a key part making the mail unique (the reminder is sent once per booking and start).
 */
export function queueBookingMails(
  db: Database,
  ctx: CalendarContext,
  kind: BookingMailKind,
  p: Permanence,
  b: Booking,
  dedupe?: string,
): void {
  const cancelled = kind === 'permanence-cancellation';
  const ics = bookingCalendar(
    ctx,
    p,
    cancelled && b.status === 'confirmed' ? { ...b, status: 'cancelled' } : b,
  );
  const when = `${frenchDateTime(p.startsAt)} – ${frenchTime(p.endsAt)} (heure de Paris)`;
  const where =
    p.mode === 'onsite'
      ? `Sur place : ${p.place?.name ?? ''}`
      : `En visio${p.link ? ` : ${p.link}` : ''}`;
  const text = [
    'Bonjour,',
    '',
    INTROS[kind],
    '',
    `${p.title}`,
    `Avec : ${p.expert.name}`,
    `Quand : ${when}`,
    where,
    `Lieu qui a réservé : ${b.place.name}`,
    `Question : ${b.question}`,
    '',
    `Voir la réservation : ${ctx.publicUrl}/permanences/${p.id}`,
    '',
    '— Lieux Communs',
  ].join('\n');
  for (const account of bookingRecipients(db, b, p)) {
    enqueueMail(db, {
      to: account.email,
      subject: `${SUBJECTS[kind]} : ${p.title}, ${frenchDateTime(p.startsAt)}`,
      text,
      attachments: [
        {
          filename: 'permanence.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: ics,
        },
      ],
      kind,
      dedupeKey: dedupe ? `${kind}:${dedupe}:${account.id}` : undefined,
    });
  }
}
