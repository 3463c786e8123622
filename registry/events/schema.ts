import { z } from 'zod';
import { SLUG_RE } from '../schema.js';

/** Kinds of events (the Journées Portes Ouvertes programme's categories). */
export const EVENT_TYPES = [
  'visite',
  'atelier',
  'conference',
  'demonstration',
  'rencontre',
  'spectacle',
  'formation',
] as const;
/** One of `EVENT_TYPES`. */
export type EventType = (typeof EVENT_TYPES)[number];

const slug = z.string().regex(SLUG_RE, 'use lowercase letters, digits and dashes (1 to 120)');
const text = (max: number) => z.string().trim().max(max);
const link = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL');

/** A time slot as sent: ISO 8601 date-times, Europe/Paris wall time when they carry no offset. */
export const SlotSchema = z.object({
  startsAt: z.string().trim().min(1).max(40),
  endsAt: z.string().trim().min(1).max(40),
});

/** How people register: a link elsewhere, or seats booked here (`seats` of them). */
export const RegistrationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('link'), url: link }),
  z.object({ kind: z.literal('seats'), seats: z.number().int().min(1).max(100_000) }),
]);
/** Registration as sent. */
export type RegistrationInput = z.infer<typeof RegistrationSchema>;

/** An event as `POST /api/events` receives it. */
export const EventSchema = z.object({
  title: text(200).min(1),
  type: z.enum(EVENT_TYPES),
  place: slug,
  slots: z.array(SlotSchema).min(1, 'give at least one time slot').max(500),
  description: text(20_000).optional(),
  campaign: slug.nullish(),
  audience: text(500).optional(),
  accessibility: text(1000).optional(),
  free: z.boolean().optional(),
  price: text(200).optional(),
  registration: RegistrationSchema.nullish(),
});
/** A validated event input. */
export type EventInput = z.infer<typeof EventSchema>;

/** `PUT /api/events/{id}`: the same fields, every one optional (kept when left out). */
export const EventUpdateSchema = EventSchema.partial();
/** A validated event update. */
export type EventUpdate = z.infer<typeof EventUpdateSchema>;

/** A campaign as `POST /api/campaigns` receives it. */
export const CampaignSchema = z.object({
  slug,
  title: text(200).min(1),
  startsOn: z.string().trim().max(20),
  endsOn: z.string().trim().max(20),
  description: text(20_000).optional(),
  regions: z.array(text(100).min(1)).max(30).optional(),
});
/** A validated campaign input. */
export type CampaignInput = z.infer<typeof CampaignSchema>;
