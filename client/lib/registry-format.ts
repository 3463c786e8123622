import { THEMES } from '../../registry/themes.js';
import { locale, t } from '../i18n/index.js';

/**
 * Small presentation helpers shared by the registry components: labels of the shared
 * vocabularies, distances, and the visitor's remembered place.
 */

/** The label of a theme slug in the current language (the slug itself when unknown). */
export function themeLabel(slug: string): string {
  const theme = THEMES.find((x) => x.slug === slug);
  if (!theme) return slug;
  return locale() === 'fr' ? theme.fr : theme.en;
}

/** A short theme label: the part before the first parenthesis or comma. */
export function themeShort(slug: string): string {
  return themeLabel(slug).split(/[(,]/)[0].trim();
}

/** Every theme slug, in the order of the shared list. */
export const THEME_SLUGS: string[] = THEMES.map((x) => x.slug);

/**
 * Translates `prefix.value` when the catalogue has it, else shows the raw value
 * (a value from a newer server must stay readable).
 */
export function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}

/** A facet's label: the server's label, a catalogue label, a theme label or the value. */
export function facetLabel(facet: string, value: string, serverLabel?: string): string {
  if (facet === 'theme') return themeShort(value);
  if (facet === 'kind') return label('kind', value);
  if (facet === 'qualification') return label('qualif', value);
  if (facet === 'family') return label('family', value);
  if (facet === 'license' && value === 'proprietary') return t('license.proprietary');
  return serverLabel || value;
}

/** Great-circle distance in kilometres between two points: the registry's own (registry/geo.ts). */
export { distanceKm } from '../../registry/geo.js';

/** Formats a distance for reading ("< 1", "12", "1 234"). */
export function formatKm(km: number): string {
  if (km < 1) return '< 1';
  return Math.round(km).toLocaleString(locale() === 'fr' ? 'fr-FR' : 'en-GB');
}

/** Formats a date (no time) in the current language; raw text when not a date. */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(locale() === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium' });
}

/** The visitor's place, remembered in this browser. */
export interface MyPlace {
  slug: string;
  name: string;
  lat?: number | null;
  lon?: number | null;
  region?: string | null;
}

const MY_PLACE_KEY = 'lc-my-place';
/** Fired on window when the visitor picks or forgets their place. */
export const MY_PLACE_EVENT = 'lc-my-place-changed';

/** The remembered place of the visitor, or null. */
export function getMyPlace(): MyPlace | null {
  try {
    const raw = globalThis.localStorage?.getItem(MY_PLACE_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as MyPlace;
    return p && typeof p.slug === 'string' && typeof p.name === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** Remembers (or, with null, forgets) the visitor's place and tells the page. */
export function setMyPlace(place: MyPlace | null): void {
  if (place) globalThis.localStorage?.setItem(MY_PLACE_KEY, JSON.stringify(place));
  else globalThis.localStorage?.removeItem(MY_PLACE_KEY);
  window.dispatchEvent(new CustomEvent(MY_PLACE_EVENT, { detail: place }));
}

/** Reads the first path segment of an API error field ("themes.0" → "themes"). */
export function fieldRoot(field: unknown): string | null {
  if (typeof field !== 'string' || !field) return null;
  return field.replace(/^body\./, '').split(/[.[]/)[0];
}

const RANK = { reader: 0, contributor: 1, facilitator: 2, admin: 3 } as const;

/** Whether a user (or nobody) has at least `role`; the server checks again on every write. */
export function hasRole(
  user: { role: keyof typeof RANK } | null | undefined,
  role: keyof typeof RANK,
): boolean {
  return !!user && RANK[user.role] >= RANK[role];
}

/** The message and field of a failed call: `field` is the form field to flag, if any. */
export function describeError(err: unknown): { message: string; field: string | null } {
  const e = err as { message?: string; details?: Record<string, unknown>; status?: number };
  return { message: e?.message ?? String(err), field: fieldRoot(e?.details?.field) };
}
