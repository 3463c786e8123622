import { THEMES } from '../../registry/themes.js';
import { locale, t } from '../i18n/index.js';

const LABELS = new Map<string, { fr: string; en: string }>(
  THEMES.map((th) => [th.slug, { fr: th.fr, en: th.en }]),
);

/** The label of a theme slug in the interface language ("Sans thème" for none). */
export function themeName(slug: string | null | undefined): string {
  if (!slug || slug === 'none') return t('sy.theme.none');
  return LABELS.get(slug)?.[locale()] ?? slug;
}

/** A stable colour per theme for the dashboard charts. */
export function themeColour(slug: string): string {
  const i = THEMES.findIndex((th) => th.slug === slug);
  if (i < 0) return '#9aa5a0';
  return `hsl(${Math.round((i * 360) / THEMES.length)}, 55%, 48%)`;
}
