import type { Database } from 'better-sqlite3';

/**
 * A network's switchyard dashboard: requests per theme and per month, time to first contact,
 * share resolved, and the most frequent needs nothing answered (missing communs).
 */

/** Filters of the dashboard. */
export interface DashboardFilter {
  /** ISO date (inclusive) / ISO date (exclusive). */
  from?: string;
  to?: string;
  /** Only requests from these places (a network's places); undefined = every request. */
  places?: string[];
}

/** The dashboard figures. */
export interface Dashboard {
  totals: {
    requests: number;
    resolved: number;
    shareResolved: number;
    contacted: number;
    /** Median hours from the request to its first contact (null when none yet). */
    medianHoursToFirstContact: number | null;
    missing: number;
  };
  months: string[];
  byMonth: {
    month: string;
    requests: number;
    resolved: number;
    medianHoursToFirstContact: number | null;
  }[];
  byTheme: { theme: string; requests: number; resolved: number }[];
  byThemeMonth: {
    month: string;
    theme: string;
    requests: number;
    resolved: number;
    medianHoursToFirstContact: number | null;
  }[];
  missing: {
    theme: string;
    count: number;
    examples: { id: number; problem: string; createdAt: string }[];
  }[];
}

interface Row {
  id: number;
  problem: string;
  main_theme: string | null;
  status: string;
  outcome_helped: number | null;
  missing: number;
  place_slug: string | null;
  created_at: string;
  first_contact_at: string | null;
}

const SQL_ROWS = `SELECT id, problem, main_theme, status, outcome_helped, missing, place_slug, created_at, first_contact_at
  FROM switchyard_requests WHERE created_at >= @from AND created_at < @to ORDER BY created_at`;

/** Theme of a request with no detected theme. */
export const NO_THEME = 'none';

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return Math.round(v * 10) / 10;
};
const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;
const isResolved = (r: Row) => r.status === 'resolved' || r.outcome_helped === 1;

/** Computes the dashboard from the requests table. */
export function computeDashboard(db: Database, f: DashboardFilter = {}): Dashboard {
  let rows = db.prepare(SQL_ROWS).all({ from: f.from ?? '0000', to: f.to ?? '9999' }) as Row[];
  if (f.places) {
    const set = new Set(f.places);
    rows = rows.filter((r) => r.place_slug !== null && set.has(r.place_slug));
  }
  const month = (r: Row) => r.created_at.slice(0, 7);
  const theme = (r: Row) => r.main_theme ?? NO_THEME;
  const contactHours = (rs: Row[]) =>
    rs
      .filter((r) => r.first_contact_at)
      .map((r) => hoursBetween(r.created_at, r.first_contact_at!));

  const groups = new Map<string, Row[]>();
  const push = (k: string, r: Row) => {
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  };
  for (const r of rows) {
    push(`m|${month(r)}`, r);
    push(`t|${theme(r)}`, r);
    push(`mt|${month(r)}|${theme(r)}`, r);
  }
  const months = [...new Set(rows.map(month))].sort();
  const themes = [...new Set(rows.map(theme))];
  const resolved = rows.filter(isResolved).length;
  const byThemeMonth: Dashboard['byThemeMonth'] = [];
  for (const m of months) {
    for (const t of themes) {
      const g = groups.get(`mt|${m}|${t}`);
      if (g)
        byThemeMonth.push({
          month: m,
          theme: t,
          requests: g.length,
          resolved: g.filter(isResolved).length,
          medianHoursToFirstContact: median(contactHours(g)),
        });
    }
  }
  const missingRows = rows.filter((r) => r.missing === 1);
  const missingByTheme = new Map<string, Row[]>();
  for (const r of missingRows) {
    const l = missingByTheme.get(theme(r));
    if (l) l.push(r);
    else missingByTheme.set(theme(r), [r]);
  }
  return {
    totals: {
      requests: rows.length,
      resolved,
      shareResolved: rows.length ? Math.round((resolved / rows.length) * 1000) / 1000 : 0,
      contacted: rows.filter((r) => r.first_contact_at).length,
      medianHoursToFirstContact: median(contactHours(rows)),
      missing: missingRows.length,
    },
    months,
    byMonth: months.map((m) => {
      const g = groups.get(`m|${m}`)!;
      return {
        month: m,
        requests: g.length,
        resolved: g.filter(isResolved).length,
        medianHoursToFirstContact: median(contactHours(g)),
      };
    }),
    byTheme: themes
      .map((t) => {
        const g = groups.get(`t|${t}`)!;
        return { theme: t, requests: g.length, resolved: g.filter(isResolved).length };
      })
      .sort((a, b) => b.requests - a.requests),
    byThemeMonth,
    missing: [...missingByTheme]
      .map(([t, rs]) => ({
        theme: t,
        count: rs.length,
        examples: rs
          .slice(-3)
          .reverse()
          .map((r) => ({ id: r.id, problem: r.problem, createdAt: r.created_at })),
      }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
  };
}
