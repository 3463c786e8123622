import { z } from 'zod';

/*
 * What the permanence routes answer (/api/permanences, /api/bookings, /api/experts, the
 * dashboard), as zod schemas: the OpenAPI document is generated from them, the routes check what
 * they send against them (`satisfies`), the client takes its types from them. No server-only import.
 */

const Ref = z.object({ slug: z.string(), name: z.string() });

/** A place's seat in a session. Private: the place, the expert and facilitators only. */
export const Booking = z
  .object({
    id: z.number().int(),
    permanenceId: z.number().int(),
    place: Ref.extend({ id: z.number().int() }),
    question: z.string(),
    request: z.number().int().nullable().describe('The switchyard request the booking answers'),
    bookedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    status: z.enum(['confirmed', 'cancelled']),
    attended: z.boolean().nullable(),
    followup: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'Booking' });
/** A place's seat in a session. */
export type Booking = z.infer<typeof Booking>;

/** A session as the caller may see it: the visio link only for those holding or managing a seat. */
export const Permanence = z
  .object({
    id: z.number().int(),
    seriesId: z.number().int().nullable(),
    rrule: z.string().nullable().describe('The RRULE of the series the session belongs to'),
    expert: Ref,
    title: z.string(),
    description: z.string(),
    themes: z.array(z.string()),
    format: z.enum(['individual', 'collective']),
    mode: z.enum(['remote', 'onsite']),
    place: Ref.nullable(),
    link: z
      .string()
      .nullable()
      .describe('The visio link: only for the expert, facilitators and places holding a seat'),
    startsAt: z.string(),
    endsAt: z.string(),
    capacity: z.number().int(),
    booked: z.number().int(),
    seatsLeft: z.number().int(),
    status: z.enum(['scheduled', 'cancelled']),
    sequence: z.number().int().describe('iCalendar SEQUENCE, bumped when moved or cancelled'),
    createdAt: z.string(),
    updatedAt: z.string(),
    canManage: z.boolean(),
    myPlace: Ref.nullable()
      .optional()
      .describe('The place the caller books for (their registry profile), when any'),
    bookings: z
      .array(Booking)
      .optional()
      .describe('Only the bookings the caller may see; absent for anonymous visitors'),
  })
  .meta({ id: 'Permanence' });
/** A session as the caller may see it. */
export type Permanence = z.infer<typeof Permanence>;

/** GET /api/permanences: sessions in time order, without bookings, and the caller's place. */
export const PermanenceList = z.object({ items: z.array(Permanence), myPlace: Ref.nullable() });
/** GET /api/permanences. */
export type PermanenceList = z.infer<typeof PermanenceList>;

/** A booking with its session (GET /api/bookings/{id}, and each item of GET /api/bookings). */
export const BookingWithSession = Booking.extend({ permanence: Permanence });
/** A booking with its session. */
export type BookingWithSession = z.infer<typeof BookingWithSession>;
