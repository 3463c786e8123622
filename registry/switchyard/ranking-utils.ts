import { THEMES, type ThemeSlug } from '../themes.js';
import { distanceKm as kmBetween } from '../geo.js';
import type { Place, Resource } from '../types.js';
import type { SwitchyardConfig } from './config.js';
import type { ReasonLang } from './reasons.js';

/** Small helpers shared by the switchyard's index builder and rankers. */

const THEME_LABEL = new Map<string, { fr: string; en: string }>(
  THEMES.map((t) => [t.slug, { fr: t.fr, en: t.en }]),
);

/** True for a theme slug of the shared list. */
export const isThemeSlug = (slug: string): slug is ThemeSlug => THEME_LABEL.has(slug);

/** A theme's label in `lang` (the slug when unknown). */
export const themeLabel = (slug: string, lang: ReasonLang) => THEME_LABEL.get(slug)?.[lang] ?? slug;

/** Fields a registry may add to a resource beyond the bundle (read when present). */
export type ResourceExtras = Resource & {
  wikiPage?: string | null;
  challenge?: string;
  licenseFlag?: string;
};

/** True for a resource under a proprietary licence. */
export const isProprietary = (r: ResourceExtras) =>
  r.licenseFlag === 'proprietary' || (r.license ?? '').toLowerCase() === 'proprietary';

/** Scores divided by their sum (empty when they sum to 0). */
export const normalise = (m: Map<ThemeSlug, number>) => {
  let total = 0;
  for (const v of m.values()) total += v;
  const out = new Map<ThemeSlug, number>();
  if (total > 0) for (const [k, v] of m) out.set(k, v / total);
  return out;
};

/** The k-th largest positive value of an array (0 when there are fewer), by quickselect. */
export function kthLargest(values: Float64Array, k: number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) n++;
  if (n <= k) return 0;
  const a = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) a[j++] = values[i];
  // Select the element that would sit at index k − 1 in descending order.
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let r = hi;
    while (i <= r) {
      while (a[i] > pivot) i++;
      while (a[r] < pivot) r--;
      if (i <= r) {
        const tmp = a[i];
        a[i] = a[r];
        a[r] = tmp;
        i++;
        r--;
      }
    }
    if (target <= r) hi = r;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target];
}

/** Great-circle distance in km between two places, or undefined when a position is missing. */
export function distanceKm(a: Place | undefined, b: Place | undefined): number | undefined {
  if (
    !a ||
    !b ||
    a.lat === undefined ||
    a.lon === undefined ||
    b.lat === undefined ||
    b.lon === undefined
  )
    return undefined;
  return kmBetween(a.lat, a.lon, b.lat, b.lon);
}

/** Rounds a score to three decimals for the answer. */
export const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The calibrated probability that a detected theme is the problem's: a logistic function of its
 * share, σ(slope × share + intercept), with slope and intercept learnt on judged problems.
 */
export function themeProbability(cfg: SwitchyardConfig, share: number): number {
  return 1 / (1 + Math.exp(-(cfg.themes.slope * share + cfg.themes.intercept)));
}
