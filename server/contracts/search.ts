import { z } from 'zod';
import { EVENT_TYPES } from '../../registry/events/schema.js';

/*
 * What the search routes answer (GET /api/search, GET /api/search/all), as zod schemas: the
 * OpenAPI document is generated from them and the client takes its types from them
 * (`import type`). No server-only import here: the browser build may read this module's types.
 */

/** Matched words as [start, end) offsets (JavaScript string indices, UTF-16). */
export const TextRanges = z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)]));

/** One wiki page found by full-text search. */
export const WikiSearchHit = z.object({
  slug: z.string(),
  title: z.string(),
  snippet: z.string().describe('Plain text around the first matched word'),
  score: z.number().describe('Relevance (BM25, higher is better)'),
  highlights: z
    .object({ title: TextRanges, snippet: TextRanges })
    .describe(
      'Matched words as [start, end) offsets (JavaScript string indices, UTF-16) in the title and the snippet, ' +
        'following the real analysis: stems, accents, elisions, prefixes, typos',
    ),
});
/** One wiki page found by full-text search. */
export type WikiSearchHit = z.infer<typeof WikiSearchHit>;

/** GET /api/search. */
export const SearchResults = z.object({
  query: z.string().describe('The query as received'),
  total: z
    .number()
    .int()
    .describe('Number of matching pages (results holds at most limit of them)'),
  results: z.array(WikiSearchHit),
});
/** GET /api/search. */
export type SearchResults = z.infer<typeof SearchResults>;

const group = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), items: z.array(item) });

/** A commun as the header's search shows it. */
export const CommunHit = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  summary: z.string(),
});
/** A place as the header's search shows it. */
export const PlaceHit = z.object({
  slug: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  region: z.string().nullable(),
});
/** A person as the header's search shows it (never an address). */
export const PersonHit = z.object({
  slug: z.string(),
  name: z.string(),
  place: z.object({ slug: z.string(), name: z.string() }).nullable(),
  region: z.string().nullable(),
});

/** An event as the header's search shows it: what, where, when (its next slot, or its last one when over). */
export const EventHit = z.object({
  id: z.number().int(),
  title: z.string(),
  type: z.enum(EVENT_TYPES).describe('Event type code'),
  place: z.object({ slug: z.string(), name: z.string(), city: z.string().nullable() }),
  campaign: z.object({ slug: z.string(), title: z.string() }).nullable(),
  startsAt: z
    .string()
    .describe('The next slot not yet over, or the last one for a past event (UTC, ISO 8601)'),
  endsAt: z.string(),
  upcoming: z.boolean().describe('False for an event whose every slot is over'),
});
/** An event as the header's search shows it. */
export type EventHit = z.infer<typeof EventHit>;

/** GET /api/search/all: results grouped by kind, each group with its total. */
export const SearchEverything = z.object({
  q: z.string(),
  pages: group(WikiSearchHit),
  communs: group(CommunHit),
  places: group(PlaceHit),
  people: group(PersonHit),
  events: group(EventHit),
});
/** GET /api/search/all. */
export type SearchEverything = z.infer<typeof SearchEverything>;
/** One kind's results in GET /api/search/all. */
export type SearchGroup<T> = { total: number; items: T[] };
