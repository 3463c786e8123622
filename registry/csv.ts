/**
 * CSV read and written. Reading is a small RFC 4180 parser: quoted fields may hold commas, doubled quotes and line breaks;
 * CRLF or LF line ends; a leading UTF-8 byte-order mark is dropped. Any input is accepted (an
 * unterminated quote runs to the end of the text).
 */

/**
 * Parses CSV text into rows of fields.
 * @param text the whole file, already decoded (UTF-8).
 * @param separator one character, `,` by default.
 */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The text of a CSV file from its bytes: UTF-8 (its byte-order mark dropped by `parseCsv`), or
 * Windows-1252 when the bytes are not UTF-8 (what a French Excel writes with "CSV (;)").
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The separator of a CSV file as spreadsheets write it: `;` (French Excel and LibreOffice), a tab,
 * or `,`, whichever its first line holds most of (outside quotes).
 */
export function sniffSeparator(text: string): string {
  const first = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  return [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/**
 * Parses CSV with a header line into objects keyed by column name; blank lines are skipped and
 * missing trailing fields are empty strings.
 */
export function parseCsvRecords(text: string, separator = ','): Record<string, string>[] {
  const rows = parseCsv(text, separator).filter((r) => !(r.length === 1 && r[0].trim() === ''));
  const header = (rows.shift() ?? []).map((h) => h.trim());
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}

/**
 * A table as a spreadsheet file, in the dialect of the spreadsheet that opens it (the dashboards'
 * and the campaign programme's downloads):
 * - `fr` (default): what a French Excel or LibreOffice opens in columns without an import
 *   dialog: UTF-8 byte-order mark, `;` between fields, decimal comma, French headers (the caller's);
 * - `en`: the same for English spreadsheets: byte-order mark, `,`, decimal point, English
 *   headers.
 */
export type CsvDialect = 'fr' | 'en';

const cell = (v: string | number | null, separator: string, dialect: CsvDialect) => {
  let s =
    v === null
      ? ''
      : typeof v === 'number'
        ? dialect === 'fr'
          ? String(v).replace('.', ',')
          : String(v)
        : v;
  // A leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A table as CSV in the dialect: byte-order mark, `;` and decimal comma in French, `,` and decimal
 * point in English, CRLF line ends, formula-like cells neutralised.
 */
export function csvTable(
  headers: string[],
  rows: (string | number | null)[][],
  dialect: CsvDialect = 'fr',
): string {
  const separator = dialect === 'fr' ? ';' : ',';
  const line = (values: (string | number | null)[]) =>
    values.map((v) => cell(v, separator, dialect)).join(separator);
  return `\uFEFF${[line(headers), ...rows.map(line)].join('\r\n')}\r\n`;
}
