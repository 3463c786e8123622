import type { Database } from '../db/open.js';
import { foldAccents } from '../../registry/text/french.js';
import { upsertPlace } from '../../registry/places.js';
import { stmt } from '../../registry/wiki/statements.js';
import { slugify } from '../../registry/text/slug.js';
import type { PlaceSheetMapping } from './wikitext.js';

/**
 * Place sheets (issue 10 §1): a template the `--templates` map marks as a place sheet names a
 * place of the registry. The importer finds it by name and postcode, compared normalised (case,
 * accents, a leading "Le/La/Les/L'", hyphens and punctuation ignored), or by name and town when
 * the sheet has no postcode; else it creates it from the sheet's parameters.
 */

/** Defaults of a place sheet: which field (after the map's renaming) holds what. */
export const PLACE_SHEET_DEFAULTS: Required<PlaceSheetMapping> = {
  field: 'fiche',
  name: 'nom',
  postcode: 'code_postal',
  city: 'ville',
  address: 'adresse',
  lat: 'latitude',
  lon: 'longitude',
};

/** A place name as compared: "La Coop-des-Communs" and "coop des communs" are the same. */
export function placeNameKey(name: string): string {
  return foldAccents(name)
    .replace(/[’'`]/g, "'")
    .replace(/^\s*(?:le|la|les|l')\s*/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const postcodeKey = (s: string | undefined) => (s ?? '').replace(/\s+/g, '').toUpperCase();
const cityKey = (s: string | undefined) => (s ? placeNameKey(s) : '');

const SQL_PLACES = `SELECT slug, name, postcode, city FROM places`;
const SQL_SLUG_USED = `SELECT 1 FROM places WHERE slug = @slug`;

/** A number as written on a French wiki ("50,63"), or undefined. */
const coordinate = (s: string | undefined, limit: number): number | undefined => {
  if (!s) return undefined;
  const n = Number(s.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
};

/** What `PlaceMatcher.link` did. */
export type PlaceOutcome =
  { slug: string; outcome: 'matched' | 'created' } | { slug: null; outcome: 'unnamed' };

/**
 * Finds or creates the places of place sheets during one import. The registry's places are read
 * once, then kept in memory with the ones created (an import may name thousands).
 */
export class PlaceMatcher {
  private index: Map<string, string> | null = null;

  constructor(
    private readonly db: Database,
    private readonly source: string,
  ) {}

  private keys(name: string, postcode: string | undefined, city: string | undefined): string[] {
    const n = placeNameKey(name);
    const keys: string[] = [];
    if (postcodeKey(postcode)) keys.push(`${n}|p:${postcodeKey(postcode)}`);
    if (cityKey(city)) keys.push(`${n}|c:${cityKey(city)}`);
    return keys;
  }

  private load(): Map<string, string> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const p of stmt(this.db, SQL_PLACES).all() as {
      slug: string;
      name: string;
      postcode: string | null;
      city: string | null;
    }[]) {
      for (const k of this.keys(p.name, p.postcode ?? undefined, p.city ?? undefined))
        if (!this.index.has(k)) this.index.set(k, p.slug);
    }
    return this.index;
  }

  /**
   * The registry place of a place sheet: matched (by name and postcode, else name and town), or
   * created with what the sheet says (town, postcode, address, coordinates). Synchronous, inside
   * the caller's transaction (the page's).
   * @param values the sheet's fields (after the map's renaming); `title` names the place when the sheet does not.
   * @param mwPageId the source page, so that importing again finds the place it created.
   */
  link(
    values: Record<string, string>,
    mapping: PlaceSheetMapping,
    title: string,
    mwPageId: number,
  ): PlaceOutcome {
    const m = { ...PLACE_SHEET_DEFAULTS, ...mapping };
    const name = (values[m.name] || title).trim();
    if (!placeNameKey(name)) return { slug: null, outcome: 'unnamed' };
    const postcode = values[m.postcode]?.trim().slice(0, 12) || undefined;
    const city = values[m.city]?.trim().slice(0, 120) || undefined;
    const index = this.load();
    // With a postcode, only the postcode decides (two "La Ruche" in one town differ by it).
    const keys = this.keys(name, postcode, city);
    const found = postcode ? index.get(keys[0]) : keys.length ? index.get(keys[0]) : undefined;
    if (found) return { slug: found, outcome: 'matched' };
    const base = slugify(name).slice(0, 100) || `lieu-${mwPageId}`;
    let slug = base;
    for (let n = 2; stmt(this.db, SQL_SLUG_USED).get({ slug }); n++) slug = `${base}-${n}`;
    const lat = coordinate(values[m.lat], 90);
    const lon = coordinate(values[m.lon], 180);
    const { record, change } = upsertPlace(
      this.db,
      {
        slug,
        name: name.slice(0, 200),
        ...(city ? { city } : {}),
        ...(postcode ? { postcode } : {}),
        ...(values[m.address]?.trim() ? { address: values[m.address].trim().slice(0, 300) } : {}),
        ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
      },
      { mode: 'merge', sourceRef: `mediawiki:${this.source}:${mwPageId}` },
    );
    for (const k of this.keys(record.name, record.postcode, record.city)) index.set(k, record.slug);
    return { slug: record.slug, outcome: change === 'created' ? 'created' : 'matched' };
  }
}
