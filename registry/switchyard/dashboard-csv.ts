import { THEMES } from '../themes.js';
import { NO_THEME, type Dashboard } from './dashboard.js';
import { csvTable, type CsvDialect } from '../csv.js';

export { csvTable, type CsvDialect } from '../csv.js';

const HEADERS: Record<CsvDialect, string[]> = {
  fr: [
    'Mois',
    'Thème',
    'Demandes',
    'Résolues',
    'Part résolue',
    'Délai médian avant le premier contact (heures)',
  ],
  en: [
    'Month',
    'Theme',
    'Requests',
    'Resolved',
    'Share resolved',
    'Median time to first contact (hours)',
  ],
};
const NO_THEME_LABEL: Record<CsvDialect, string> = {
  fr: 'Sans thème détecté',
  en: 'No theme detected',
};

/** A month `YYYY-MM` in words ("décembre 2026", "December 2026"); anything else as it is. */
export function monthInWords(month: string, dialect: CsvDialect): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(dialect === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A theme's name in the dialect's language (the slug for an unknown one). */
export function themeInWords(slug: string, dialect: CsvDialect): string {
  if (slug === NO_THEME) return NO_THEME_LABEL[dialect];
  const theme = THEMES.find((x) => x.slug === slug);
  return theme ? theme[dialect] : slug;
}

/** The dashboard as CSV: one line per month and theme, in the given dialect. */
export function dashboardCsv(d: Dashboard, dialect: CsvDialect = 'fr'): string {
  const rows: (string | number | null)[][] = [];
  for (const r of d.byThemeMonth) {
    rows.push([
      monthInWords(r.month, dialect),
      themeInWords(r.theme, dialect),
      r.requests,
      r.resolved,
      Math.round((r.resolved / r.requests) * 1000) / 1000,
      r.medianHoursToFirstContact,
    ]);
  }
  return csvTable(HEADERS[dialect], rows, dialect);
}
