import type { Database } from 'better-sqlite3';
import { parseJson } from '../store.js';
import { NO_THEME } from '../switchyard/dashboard.js';
import { csvTable, type CsvDialect } from '../csv.js';
import { monthInWords, themeInWords } from '../switchyard/dashboard-csv.js';

/**
 * What permanences bring to the network: places helped per month and theme (a place helped = a
 * place with a seat in a session that took place, not recorded absent), the attendance rate, and
 * the switchyard requests resolved after a permanence.
 */

/** Filters: ISO dates, `from` inclusive, `to` exclusive, on the session's start. */
export interface PermanenceDashboardFilter {
  from?: string;
  to?: string;
  /** Sessions that start before this instant count as held (defaults to now). */
  now?: Date;
}

/** The figures. */
export interface PermanenceDashboard {
  totals: {
    sessions: number;
    bookings: number;
    placesHelped: number;
    /** Present / (present + absent) over bookings whose attendance was recorded; null when none. */
    attendanceRate: number | null;
    requestsWithPermanence: number;
    requestsResolved: number;
    /** Seats booked in sessions still to come (in the period), to see what is on its way. */
    upcomingBookings: number;
  };
  months: string[];
  byMonth: {
    month: string;
    sessions: number;
    bookings: number;
    placesHelped: number;
    attended: number;
    absent: number;
  }[];
  byThemeMonth: { month: string; theme: string; placesHelped: number; bookings: number }[];
}

interface Row {
  permanence_id: number;
  starts_at: string;
  themes: string;
  place_id: number | null;
  attended: number | null;
  request_id: number | null;
  request_status: string | null;
  outcome_helped: number | null;
}

const SQL_ROWS = `SELECT p.id AS permanence_id, p.starts_at, p.themes, b.place_id, b.attended, b.request_id,
    r.status AS request_status, r.outcome_helped
  FROM permanences p
  LEFT JOIN permanence_bookings b ON b.permanence_id = p.id AND b.status = 'confirmed'
  LEFT JOIN switchyard_requests r ON r.id = b.request_id
  WHERE p.status = 'scheduled' AND p.starts_at >= @from AND p.starts_at < @to AND p.starts_at <= @now
  ORDER BY p.starts_at`;

const SQL_UPCOMING = `SELECT count(*) AS n FROM permanence_bookings b JOIN permanences p ON p.id = b.permanence_id
  WHERE b.status = 'confirmed' AND p.status = 'scheduled' AND p.starts_at > @now AND p.starts_at >= @from AND p.starts_at < @to`;

const rate = (a: number, b: number) => (a + b ? Math.round((a / (a + b)) * 1000) / 1000 : null);

/** Computes the permanences dashboard over the sessions held in the period. */
export function computePermanenceDashboard(
  db: Database,
  f: PermanenceDashboardFilter = {},
): PermanenceDashboard {
  const params = {
    from: f.from ?? '0000',
    to: f.to ?? '9999',
    now: (f.now ?? new Date()).toISOString(),
  };
  const rows = db.prepare(SQL_ROWS).all(params) as Row[];
  const month = (r: Row) => r.starts_at.slice(0, 7);
  const themesOf = (r: Row) => {
    const t = parseJson<string[]>(r.themes, []);
    return t.length ? t : [NO_THEME];
  };
  const helped = (r: Row) => r.place_id !== null && r.attended !== 0;
  const months = [...new Set(rows.map(month))].sort();
  const booked = rows.filter((r) => r.place_id !== null);
  const requests = new Map<number, boolean>();
  for (const r of booked) {
    if (r.request_id === null) continue;
    const resolved = r.request_status === 'resolved' || r.outcome_helped === 1;
    requests.set(r.request_id, (requests.get(r.request_id) ?? false) || resolved);
  }
  const byThemeMonth: PermanenceDashboard['byThemeMonth'] = [];
  for (const m of months) {
    const inMonth = booked.filter((r) => month(r) === m);
    const themes = [...new Set(inMonth.flatMap(themesOf))].sort();
    for (const t of themes) {
      const g = inMonth.filter((r) => themesOf(r).includes(t));
      byThemeMonth.push({
        month: m,
        theme: t,
        bookings: g.length,
        placesHelped: new Set(g.filter(helped).map((r) => r.place_id)).size,
      });
    }
  }
  return {
    totals: {
      sessions: new Set(rows.map((r) => r.permanence_id)).size,
      bookings: booked.length,
      placesHelped: new Set(booked.filter(helped).map((r) => r.place_id)).size,
      attendanceRate: rate(
        booked.filter((r) => r.attended === 1).length,
        booked.filter((r) => r.attended === 0).length,
      ),
      requestsWithPermanence: requests.size,
      requestsResolved: [...requests.values()].filter(Boolean).length,
      upcomingBookings: (db.prepare(SQL_UPCOMING).get(params) as { n: number }).n,
    },
    months,
    byMonth: months.map((m) => {
      const g = rows.filter((r) => month(r) === m);
      const b = g.filter((r) => r.place_id !== null);
      return {
        month: m,
        sessions: new Set(g.map((r) => r.permanence_id)).size,
        bookings: b.length,
        placesHelped: new Set(b.filter(helped).map((r) => r.place_id)).size,
        attended: b.filter((r) => r.attended === 1).length,
        absent: b.filter((r) => r.attended === 0).length,
      };
    }),
    byThemeMonth,
  };
}

const CSV_HEADERS: Record<CsvDialect, string[]> = {
  fr: ['Mois', 'Thème', 'Réservations', 'Lieux aidés'],
  en: ['Month', 'Theme', 'Bookings', 'Places helped'],
};

/** The dashboard as CSV (French spreadsheet dialect by default): one line per month and theme. */
export function permanenceDashboardCsv(d: PermanenceDashboard, dialect: CsvDialect = 'fr'): string {
  const rows = d.byThemeMonth.map((r) => [
    monthInWords(r.month, dialect),
    themeInWords(r.theme, dialect),
    r.bookings,
    r.placesHelped,
  ]);
  return csvTable(CSV_HEADERS[dialect], rows, dialect);
}
