import { THEMES } from '../themes.js';
import { NO_THEME, type Dashboard } from './dashboard.js';

/**
 * The dashboard as a spreadsheet file, in the dialect of the spreadsheet that opens it:
 * - `fr` (default): what a French Excel or LibreOffice opens in columns without an import
 *   dialog: UTF-8 byte-order mark, `;` between fields, decimal comma, French headers, months in
 *   words ("décembre 2026") and theme names;
 * - `en`: the same for English spreadsheets: byte-order mark, `,`, decimal point, English
 *   headers, "December 2026".
 */
export type CsvDialect = 'fr' | 'en';

const HEADERS: Record<CsvDialect, string[]> = {
  fr: ['Mois', 'Thème', 'Demandes', 'Résolues', 'Part résolue', 'Délai médian avant le premier contact (heures)'],
  en: ['Month', 'Theme', 'Requests', 'Resolved', 'Share resolved', 'Median time to first contact (hours)'],
};
const NO_THEME_LABEL: Record<CsvDialect, string> = { fr: 'Sans thème détecté', en: 'No theme detected' };

/** A month `YYYY-MM` in words ("décembre 2026", "December 2026"); anything else as it is. */
export function monthInWords(month: string, dialect: CsvDialect): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(dialect === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A theme's name in the dialect's language (the slug for an unknown one). */
export function themeInWords(slug: string, dialect: CsvDialect): string {
  if (slug === NO_THEME) return NO_THEME_LABEL[dialect];
  const theme = THEMES.find((x) => x.slug === slug);
  return theme ? theme[dialect] : slug;
}

const cell = (v: string | number | null, separator: string, dialect: CsvDialect) => {
  let s = v === null ? '' : typeof v === 'number' ? (dialect === 'fr' ? String(v).replace('.', ',') : String(v)) : v;
  // A leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A table as CSV in the dialect: byte-order mark, `;` and decimal comma in French, `,` and decimal
 * point in English, CRLF line ends, formula-like cells neutralised.
 */
export function csvTable(headers: string[], rows: (string | number | null)[][], dialect: CsvDialect = 'fr'): string {
  const separator = dialect === 'fr' ? ';' : ',';
  const line = (values: (string | number | null)[]) => values.map((v) => cell(v, separator, dialect)).join(separator);
  return `\uFEFF${[line(headers), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** The dashboard as CSV: one line per month and theme, in the given dialect. */
export function dashboardCsv(d: Dashboard, dialect: CsvDialect = 'fr'): string {
  const rows: (string | number | null)[][] = [];
  for (const r of d.byThemeMonth) {
    rows.push(
      [
        monthInWords(r.month, dialect),
        themeInWords(r.theme, dialect),
        r.requests,
        r.resolved,
        Math.round((r.resolved / r.requests) * 1000) / 1000,
        r.medianHoursToFirstContact,
      ],
    );
  }
  return csvTable(HEADERS[dialect], rows, dialect);
}
