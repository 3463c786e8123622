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

/** What a slug looks like (wiki pages and registry records alike): 1 to 120 lowercase letters, digits and inner dashes. */
export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/;
