import type { Database } from 'better-sqlite3';
import { slugify } from './text/slug.js';
import { parseCsvRecords, sniffSeparator } from './csv.js';
import { RegistryError } from './errors.js';
import { normalizeRegion, regionOfPostcode } from './geo.js';
import { upsertPlace } from './places.js';
import { PlaceSchema, type PlaceInput } from './schema.js';
import type { PlaceFamily } from './types.js';

/**
 * Import of the national base of tiers-lieux (CGET / ANCT – Mission Coworking, 2019, Licence
 * Ouverte 2.0) as places. Each row becomes a place whose slug is stable (name + ID column) and
 * whose `source_ref` is "cget-2019:<ID>", so re-importing updates instead of duplicating.
 * Regions get their official spelling, or come from the postcode when the column is empty.
 */

/** Source reference prefix of places from this base. */
export const CGET_SOURCE = 'cget-2019';

/** TYPO column → place families. */
export function familiesOfTypo(typo: string): PlaceFamily[] {
  const t = typo.toLowerCase();
  if (t.includes('fablab')) return ['fablab'];
  if (t.includes('coworking')) return ['coworking'];
  return ['autre'];
}

const num = (s: string | undefined): number | undefined => {
  if (!s || !s.trim()) return undefined;
  const n = Number(s.trim().replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

function website(raw: string): string | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  const url = /^https?:\/\//i.test(s) ? s : `http://${s}`;
  return /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url) && url.length <= 2000 ? url : undefined;
}

function postcode(row: Record<string, string>): string | undefined {
  const cp = (row.CP ?? '').trim();
  if (/^\d{5}$/.test(cp)) return cp;
  if (/^\d{4}$/.test(cp)) return `0${cp}`; // leading zero lost by a spreadsheet
  return /\b(\d{5})\b/.exec(row.GEOCOD ?? '')?.[1]; // the geocoded address often carries it
}

/**
 * Turns one CSV row into place input, dropping optional values that are not usable (a broken
 * website, out-of-range coordinates) rather than the whole row.
 * @returns undefined for a row without ID or name.
 */
export function placeOfCgetRow(
  row: Record<string, string>,
): { input: PlaceInput; sourceRef: string } | undefined {
  const id = (row.ID ?? '').trim();
  const name = (row.NOM_TL ?? '').trim().slice(0, 200);
  if (!id || !name) return undefined;
  const cp = postcode(row);
  const lat = num(row.LAT);
  const lon = num(row.LONG);
  const coords =
    lat !== undefined &&
    lon !== undefined &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0);
  const input: PlaceInput = {
    slug: `${slugify(name).slice(0, 100) || 'lieu'}-${slugify(id)}`,
    name,
    ...(row.ADRESSE?.trim() ? { address: row.ADRESSE.trim().slice(0, 300) } : {}),
    ...((row.NOMCOM || row.COMINIT)?.trim()
      ? { city: (row.NOMCOM || row.COMINIT).trim().slice(0, 120) }
      : {}),
    ...(cp ? { postcode: cp } : {}),
    ...((normalizeRegion(row.NOMREG) ?? regionOfPostcode(cp))
      ? { region: normalizeRegion(row.NOMREG) ?? regionOfPostcode(cp) }
      : {}),
    families: familiesOfTypo(row.TYPO ?? ''),
    ...(coords ? { lat, lon } : {}),
    ...(website(row.WEB ?? '') ? { website: website(row.WEB ?? '') } : {}),
  };
  return { input: PlaceSchema.parse(input), sourceRef: `${CGET_SOURCE}:${id}` };
}

/** What an import of places did. */
export interface PlacesImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/**
 * Imports the CGET CSV (UTF-8, comma separated) in one transaction.
 * @param onProgress called every 100 rows and at the end with (done, total).
 * @throws RegistryError when the header lacks the ID or NOM_TL columns.
 */
export function importCgetPlaces(
  db: Database,
  csvText: string,
  onProgress?: (done: number, total: number) => void,
): PlacesImportResult {
  // The base as published (`,`), or re-saved by a French spreadsheet (`;`).
  const rows = parseCsvRecords(csvText, sniffSeparator(csvText));
  if (rows.length && !('ID' in rows[0] && 'NOM_TL' in rows[0])) {
    throw new RegistryError(
      'validation_failed',
      'file: not the CGET tiers-lieux base (needs the ID and NOM_TL columns)',
      { field: 'file' },
    );
  }
  const result: PlacesImportResult = {
    rows: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
  };
  db.transaction(() => {
    rows.forEach((row, i) => {
      const place = placeOfCgetRow(row);
      if (!place) result.skipped++;
      else
        result[
          upsertPlace(db, place.input, { mode: 'merge', sourceRef: place.sourceRef }).change
        ]++;
      if (onProgress && ((i + 1) % 100 === 0 || i + 1 === rows.length))
        onProgress(i + 1, rows.length);
    });
  })();
  return result;
}
