/**
 * A month `YYYY-MM` in words for the interface language: "décembre 2026" (short: "déc. 2026"),
 * "December 2026"; anything else is returned as it is.
 */
export function monthLabel(month: string, locale: string, short = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return date.toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    month: short ? 'short' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
