/** French regions, departments and distances, for places and the "near me" ordering. */

/** The 18 French regions (2016 names), metropolitan then overseas. */
export const REGIONS = [
  'Auvergne-Rhône-Alpes',
  'Bourgogne-Franche-Comté',
  'Bretagne',
  'Centre-Val de Loire',
  'Corse',
  'Grand Est',
  'Hauts-de-France',
  'Île-de-France',
  'Normandie',
  'Nouvelle-Aquitaine',
  'Occitanie',
  'Pays de la Loire',
  "Provence-Alpes-Côte d'Azur",
  'Guadeloupe',
  'Martinique',
  'Guyane',
  'La Réunion',
  'Mayotte',
] as const;

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\bet\b/g, ' ')
    .replace(/[^a-z]+/g, '');

const BY_FOLDED = new Map<string, string>(REGIONS.map((r) => [fold(r), r]));
BY_FOLDED.set('reunion', 'La Réunion');
BY_FOLDED.set('paca', "Provence-Alpes-Côte d'Azur");
BY_FOLDED.set('aura', 'Auvergne-Rhône-Alpes');
BY_FOLDED.set('idf', 'Île-de-France');

/**
 * The official spelling of a region name written loosely ("Nouvelle Aquitaine", "Auvergne et
 * Rhône-Alpes" → "Auvergne-Rhône-Alpes"); unknown names are returned trimmed, empty → undefined.
 */
export function normalizeRegion(name: string | null | undefined): string | undefined {
  const t = (name ?? '').trim();
  if (!t) return undefined;
  return BY_FOLDED.get(fold(t)) ?? t;
}

// Department number → region (INSEE 2016).
const DEPARTMENTS: Record<string, string> = {};
const add = (region: string, deps: string) => {
  for (const d of deps.split(' ')) DEPARTMENTS[d] = region;
};
add('Auvergne-Rhône-Alpes', '01 03 07 15 26 38 42 43 63 69 73 74');
add('Bourgogne-Franche-Comté', '21 25 39 58 70 71 89 90');
add('Bretagne', '22 29 35 56');
add('Centre-Val de Loire', '18 28 36 37 41 45');
add('Corse', '2A 2B 20');
add('Grand Est', '08 10 51 52 54 55 57 67 68 88');
add('Hauts-de-France', '02 59 60 62 80');
add('Île-de-France', '75 77 78 91 92 93 94 95');
add('Normandie', '14 27 50 61 76');
add('Nouvelle-Aquitaine', '16 17 19 23 24 33 40 47 64 79 86 87');
add('Occitanie', '09 11 12 30 31 32 34 46 48 65 66 81 82');
add('Pays de la Loire', '44 49 53 72 85');
add("Provence-Alpes-Côte d'Azur", '04 05 06 13 83 84');
add('Guadeloupe', '971');
add('Martinique', '972');
add('Guyane', '973');
add('La Réunion', '974');
add('Mayotte', '976');

/** The region of a French postcode ("59100" → Hauts-de-France, "97418" → La Réunion), or undefined. */
export function regionOfPostcode(postcode: string | null | undefined): string | undefined {
  const p = (postcode ?? '').trim();
  if (!/^\d{5}$/.test(p)) return undefined;
  if (p.startsWith('97')) return DEPARTMENTS[p.slice(0, 3)];
  if (p.startsWith('20')) return 'Corse';
  return DEPARTMENTS[p.slice(0, 2)];
}

/** Great-circle distance in kilometres between two WGS 84 points. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 6371.0088 * 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Parses "LAT,LON" (decimal degrees); undefined when malformed or out of range. */
export function parseLatLon(s: string | undefined): { lat: number; lon: number } | undefined {
  if (!s) return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return undefined;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}
