import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { invalid, RegistryError } from '../errors.js';
import { foldAccents } from '../text/french.js';
import { stmt } from '../store.js';
import { EVENT_TYPES, type EventInput, type EventType } from './schema.js';
import {
  createEvent,
  deleteEvent,
  eventAsInput,
  getEvent,
  placeIdOf,
  updateEvent,
  type Writer,
} from './store.js';
import { checkDates, instantOf, periodRdates } from './ics-time.js';
import { storedInstant } from './time.js';

/**
 * Imports a place's iCalendar file (OpenAgenda, Nextcloud, Google…) with ical.js: one event per
 * UID, recurring events (RRULE, RDATE, EXDATE, overridden occurrences) expanded into its slots,
 * times read in the calendar's own time zones. Re-importing updates events by UID and never
 * duplicates them; a VEVENT with STATUS:CANCELLED removes the event imported from it. The whole
 * file is checked before anything is written, and written in one transaction.
 */

/** Limits of an import. */
export interface ImportOptions {
  /** Occurrences before this instant are left out (default: 31 days before now). */
  since?: Date;
  /** Occurrences after this instant are left out (default: 1 year after now). */
  until?: Date;
  /** Most slots kept per event (the first ones). */
  maxSlots?: number;
  /**
   * Most occurrences in the imported window in the whole calendar (default 10,000), and ten times
   * that of recurrences expanded to find them: above, the import is refused (400) rather than
   * holding the server for minutes (400 events of 500 occurrences, a 280 KB file, took 7 min).
   */
  maxOccurrences?: number;
  now?: Date;
  /**
   * Whether the importer may change or remove an event this place imported before (by its id);
   * default: yes. The import is refused whole (403) when one it would change or remove is not.
   */
  mayEdit?: (eventId: number) => boolean;
}

/** What an import did. */
export interface ImportResult {
  created: { id: number; uid: string; title: string }[];
  updated: { id: number; uid: string; title: string }[];
  unchanged: { id: number; uid: string; title: string }[];
  deleted: { id: number; uid: string; title: string }[];
  /** VEVENTs with no occurrence in the imported window. */
  skipped: { uid: string; title: string; reason: string }[];
}

interface Parsed {
  uid: string;
  cancelled: boolean;
  input: EventInput;
}

const TYPE_WORDS: [EventType, RegExp][] = [
  ['visite', /\b(visite|portes? ouvertes?|open day)/],
  ['atelier', /\b(atelier|workshop)/],
  ['conference', /\b(conference|debat|table ronde|talk)/],
  ['demonstration', /\b(demonstration|demo)\b/],
  ['spectacle', /\b(spectacle|exposition|expo|concert|projection|show)/],
  ['formation', /\b(formation|training|cours)\b/],
  ['rencontre', /\b(rencontre|meetup|apero|permanence)/],
];

/** The event type a VEVENT's CATEGORIES (or, failing that, its title) suggest; 'rencontre' otherwise. */
function typeOf(categories: string[], title: string): EventType {
  for (const text of [...categories, title]) {
    const folded = foldAccents(text).toLowerCase();
    if ((EVENT_TYPES as readonly string[]).includes(folded)) return folded as EventType;
    for (const [type, re] of TYPE_WORDS) if (re.test(folded)) return type;
  }
  return 'rencontre';
}

const firstText = (c: ICAL.Component, name: string): string => {
  const v = c.getFirstPropertyValue(name);
  return typeof v === 'string' ? v.trim() : '';
};

const isCancelled = (c: ICAL.Component) => firstText(c, 'status').toUpperCase() === 'CANCELLED';

/** A stable UID for a VEVENT that has none (RFC 5545 requires one; some exports forget it). */
const syntheticUid = (c: ICAL.Component) =>
  'lc-' +
  createHash('sha256')
    .update(`${firstText(c, 'summary')}|${c.getFirstProperty('dtstart')?.toICALString() ?? ''}`)
    .digest('hex')
    .slice(0, 24);

/**
 * Parses an iCalendar text into event inputs for a place, without writing anything.
 * @throws RegistryError 400 naming `calendar` for a malformed file or VEVENT.
 */
export function parseCalendar(
  text: string,
  place: string,
  opts: ImportOptions = {},
): { events: Parsed[]; skipped: ImportResult['skipped'] } {
  const now = opts.now ?? new Date();
  const since = storedInstant(
    DateTime.fromJSDate(opts.since ?? new Date(now.getTime() - 31 * 86_400_000)),
  );
  const until = storedInstant(
    DateTime.fromJSDate(opts.until ?? new Date(now.getTime() + 366 * 86_400_000)),
  );
  const maxSlots = opts.maxSlots ?? 500;
  const maxOccurrences = opts.maxOccurrences ?? 10_000;
  let occurrences = 0;
  let expanded = 0;
  const tooMany = () =>
    invalid(
      'calendar',
      `more than ${maxOccurrences} occurrences between ${since} and ${until}: import a shorter period (until=…)`,
    );
  let roots: ICAL.Component[];
  try {
    const jcal = ICAL.parse(text) as unknown[];
    // Several VCALENDARs one after the other (calendars merged by `cat`, some exports) parse as
    // a list of components; a single one as the component itself.
    roots = (Array.isArray(jcal[0]) ? (jcal as unknown[][]) : [jcal]).map(
      (j) => new ICAL.Component(j),
    );
  } catch (err) {
    throw invalid(
      'calendar',
      `not a valid iCalendar file (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const stray = roots.find((r) => r.name !== 'vcalendar');
  if (!roots.length || stray)
    throw invalid(
      'calendar',
      `not a valid iCalendar file (it starts with ${String(stray?.name ?? 'nothing').toUpperCase()}, not VCALENDAR)`,
    );
  const vevents = roots.flatMap((r) => r.getAllSubcomponents('vevent'));
  // Overridden occurrences (RECURRENCE-ID) belong to their master VEVENT.
  const masters = new Map<string, ICAL.Component>();
  const exceptions = new Map<string, ICAL.Component[]>();
  for (const c of vevents) {
    const uid = firstText(c, 'uid') || syntheticUid(c);
    if (c.hasProperty('recurrence-id')) {
      const list = exceptions.get(uid) ?? [];
      list.push(c);
      exceptions.set(uid, list);
    } else if (!masters.has(uid)) masters.set(uid, c);
  }
  // Overridden occurrences whose master is not in the file (an invitation to some occurrences of
  // a series, a calendar cut to a window): each is an occurrence of an event of that UID.
  const orphans = new Map<string, ICAL.Component[]>();
  for (const [uid, list] of exceptions) if (!masters.has(uid)) orphans.set(uid, list);
  for (const [uid, list] of orphans) {
    exceptions.delete(uid);
    const live = list.filter((c) => !isCancelled(c));
    masters.set(uid, live[0] ?? list[0]);
  }
  const events: Parsed[] = [];
  const skipped: ImportResult['skipped'] = [];
  for (const [uid, c] of masters) {
    const title = firstText(c, 'summary').slice(0, 200) || 'Sans titre';
    const where = `event "${title}" (UID ${uid})`;
    let slots: { startsAt: string; endsAt: string }[];
    try {
      if (!c.hasProperty('dtstart')) throw new Error('it has no DTSTART');
      for (const x of [c, ...(exceptions.get(uid) ?? []), ...(orphans.get(uid) ?? [])])
        checkDates(x);
      const periodEnds = periodRdates(c);
      const event = new ICAL.Event(c, { exceptions: exceptions.get(uid) ?? [] });
      // Floating times (no TZID, no Z) are in the calendar's X-WR-TIMEZONE when it names one
      // (Apple and Google exports), else in Europe/Paris.
      const tzid =
        (c.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ??
        (firstText(c.parent ?? c, 'x-wr-timezone') || undefined);
      slots = [];
      const slotOf = (start: ICAL.Time, end: ICAL.Time | null) => {
        const s = instantOf(start, tzid);
        // No DTEND nor DURATION: a day for a date, an hour for a date-time (RFC 5545 says zero;
        // a slot of no length would never show as "ouvert maintenant").
        let e = end ? instantOf(end, tzid) : undefined;
        if (!e || e <= s) e = start.isDate ? s.plus({ days: 1 }) : s.plus({ hours: 1 });
        return { startsAt: storedInstant(s), endsAt: storedInstant(e) };
      };
      const orphanList = orphans.get(uid);
      if (orphanList) {
        for (const o of orphanList) {
          if (isCancelled(o)) continue;
          const e = new ICAL.Event(o);
          if (!o.hasProperty('dtstart')) throw new Error('an occurrence has no DTSTART');
          const slot = slotOf(
            e.startDate,
            o.hasProperty('dtend') || o.hasProperty('duration') ? e.endDate : null,
          );
          if (slot.endsAt > since && slot.startsAt < until) slots.push(slot);
        }
        slots.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        slots.splice(maxSlots);
      } else if (event.isRecurring()) {
        // EXDATEs checked here as instants too: ical.js compares their wall times, so an EXDATE
        // in UTC (or another zone) than the series' never matched and the occurrence stayed.
        const exInstants = new Set<string>();
        const exDays = new Set<string>();
        for (const p of c.getAllProperties('exdate')) {
          const ptz = (p.getParameter('tzid') as string | undefined) ?? tzid;
          for (const v of p.getValues())
            if (v instanceof ICAL.Time) {
              if (v.isDate) exDays.add(v.toString().slice(0, 10));
              else exInstants.add(storedInstant(instantOf(v, ptz)));
            }
        }
        const taken = new Set<string>();
        const it = event.iterator();
        for (let next = it.next(), guard = 0; next && guard < 20_000; next = it.next(), guard++) {
          if (++expanded > maxOccurrences * 10) throw tooMany();
          const d = event.getOccurrenceDetails(next);
          // An occurrence overridden with STATUS:CANCELLED (how Google, Outlook and Nextcloud
          // write "delete this occurrence only") is not a slot.
          if (d.item !== event && isCancelled(d.item.component)) continue;
          const periodEnd = d.item === event ? periodEnds.get(d.startDate.toString()) : undefined;
          const slot = slotOf(d.startDate, periodEnd ?? d.endDate);
          if (slot.startsAt >= until) break;
          if (slot.endsAt <= since) continue;
          if (
            d.item === event &&
            (exInstants.has(slot.startsAt) || exDays.has(d.startDate.toString().slice(0, 10)))
          )
            continue;
          // The same instant given twice (an RDATE repeating DTSTART or an RRULE instance).
          if (taken.has(slot.startsAt)) continue;
          taken.add(slot.startsAt);
          slots.push(slot);
          if (slots.length >= maxSlots) break;
        }
      } else {
        const slot = slotOf(
          event.startDate,
          c.hasProperty('dtend') || c.hasProperty('duration') ? event.endDate : null,
        );
        if (slot.endsAt > since && slot.startsAt < until) slots.push(slot);
      }
    } catch (err) {
      if (err instanceof RegistryError) throw err;
      throw invalid('calendar', `${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
    occurrences += slots.length;
    if (occurrences > maxOccurrences) throw tooMany();
    // A master cancelled, or every occurrence of a series without its master cancelled.
    const cancelled = orphans.has(uid) ? orphans.get(uid)!.every(isCancelled) : isCancelled(c);
    if (!slots.length && !cancelled) {
      skipped.push({ uid, title, reason: 'no occurrence in the imported window' });
      continue;
    }
    const url = firstText(c, 'url');
    const categories = c.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
    events.push({
      uid,
      cancelled,
      input: {
        title,
        type: typeOf(categories, title),
        place,
        slots,
        description: firstText(c, 'description').slice(0, 20_000),
        registration:
          /^https?:\/\/\S+$/i.test(url) && url.length <= 2000 ? { kind: 'link', url } : undefined,
      },
    });
  }
  return { events, skipped };
}

const SQL_BY_IMPORT_UID = `SELECT id FROM events WHERE place_id = @place_id AND import_uid = @uid`;

/** The fields an import sets, to tell an unchanged event from an updated one. */
const importedFields = (i: EventInput) =>
  JSON.stringify([
    i.title,
    i.type,
    i.description ?? '',
    i.slots,
    i.registration?.kind === 'link' ? i.registration.url : null,
  ]);

/**
 * Imports an iCalendar text into a place's events, idempotently by UID, all or nothing.
 * @throws RegistryError 400 naming `calendar` (malformed) or `place` (unknown).
 */
export function importCalendar(
  db: Database,
  placeSlug: string,
  text: string,
  by: Writer,
  opts: ImportOptions = {},
): ImportResult {
  const placeId = placeIdOf(db, placeSlug);
  const { events, skipped } = parseCalendar(text, placeSlug, opts);
  const result: ImportResult = { created: [], updated: [], unchanged: [], deleted: [], skipped };
  db.transaction(() => {
    for (const { uid, cancelled, input } of events) {
      const existing = stmt(db, SQL_BY_IMPORT_UID).get({ place_id: placeId, uid }) as
        { id: number } | undefined;
      const entry = (id: number) => ({ id, uid, title: input.title });
      const assertMayEdit = (id: number) => {
        if (opts.mayEdit && !opts.mayEdit(id))
          throw new RegistryError(
            'forbidden',
            `calendar: the event "${input.title}" (UID ${uid}) is not yours to change; only its author, contributors of its place and facilitators may`,
            { field: 'calendar' },
          );
      };
      if (cancelled) {
        if (existing) {
          assertMayEdit(existing.id);
          deleteEvent(db, existing.id);
          result.deleted.push(entry(existing.id));
        }
        continue;
      }
      if (!existing) {
        result.created.push(entry(createEvent(db, input, by, uid)));
        continue;
      }
      const before = eventAsInput(getEvent(db, existing.id));
      // What the place edited here (campaign, audience, seats…) is kept; the calendar's fields win.
      if (
        importedFields({ ...input, registration: input.registration ?? before.registration }) ===
        importedFields(before)
      ) {
        result.unchanged.push(entry(existing.id));
        continue;
      }
      assertMayEdit(existing.id);
      updateEvent(
        db,
        existing.id,
        {
          title: input.title,
          type: input.type,
          description: input.description,
          slots: input.slots,
          ...(input.registration ? { registration: input.registration } : {}),
        },
        by,
      );
      result.updated.push(entry(existing.id));
    }
  })();
  return result;
}
