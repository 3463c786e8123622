/**
 * Turns a page title into its slug: accents folded, lowercase, runs of anything else as one dash,
 * at most 120 characters. "Gouvernance partagée" → "gouvernance-partagee". Pure: used by the client too.
 */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/g, '');
}
