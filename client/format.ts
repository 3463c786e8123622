import { html } from 'lit';
import { ApiError } from './api/http.js';
import { t } from './i18n/index.js';
import type { UserRef } from './api/wiki.js';

/** A signed size change ("+120", "−35") coloured and labelled for screen readers. */
export function sizeDelta(n: number) {
  const cls = n > 0 ? 'plus' : n < 0 ? 'minus' : 'zero';
  const text = n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
  return html`<span class="delta ${cls}" title=${t('wiki.delta.title', { n })}>${text}</span>`;
}

/** A user's public name, or "anonymous/system" when there is none. */
export const userName = (u: UserRef | null | undefined) => u?.name ?? t('wiki.user.none');

/** A translated, human explanation of a failed call. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'not_found':
        return t('error.notFound');
      case 'forbidden':
        return t('error.forbidden');
      case 'unauthenticated':
        return t('error.unauthenticated');
      case 'csrf_failed':
        return t('error.csrf');
      case 'rate_limited':
        return t('error.rateLimited');
      case 'payload_too_large':
        return t('error.tooLarge');
      case 'conflict':
        return t('error.conflict');
      case 'page_deleted':
        return t('error.pageDeleted');
      default:
        return t('error.generic', { message: err.message });
    }
  }
  return t('error.network');
}

/** The error box of a view; when the visitor must log in first, it links to the login form. */
export const errorBox = (err: unknown) =>
  html`<div class="message error" role="alert">
    ${errorText(err)}
    ${
      err instanceof ApiError && err.status === 401
        ? html`<a href="/login?next=${encodeURIComponent(location.pathname + location.search)}">${t('nav.login')}</a>`
        : ''
    }
  </div>`;

/** The "loading" line of a view (announced politely to screen readers). */
export const loadingLine = () => html`<p class="muted" role="status">${t('loading')}</p>`;

/** A page's URL in the browser application. */
export const pageUrl = (slug: string) => `/wiki/${encodeURIComponent(slug)}`;

/** A day label for grouping ("lundi 23 novembre 2026"). */
export function dayLabel(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** Items with a date-time grouped by their `dayLabel`, in the order they come (newest first lists stay so). */
export function byDay<T extends { createdAt: string }>(
  items: T[],
  locale: string,
): [day: string, items: T[]][] {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const day = dayLabel(item.createdAt, locale);
    const list = days.get(day);
    if (list) list.push(item);
    else days.set(day, [item]);
  }
  return [...days];
}

/** The time of day of a date-time ("14:05"). */
export function timeLabel(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Kinds of wiki page offered in the editor (a page may carry another kind, shown as is). */
export const PAGE_KINDS = ['practice', 'place', 'commun', 'network', 'event', 'guide'] as const;

/** The translated name of a page kind (an unknown kind is shown as written). */
export function kindLabel(kind: string): string {
  const key = `wiki.kind.${kind}`;
  const label = t(key);
  return label === key ? kind : label;
}

/** A readable title guessed from a slug ("compost-collectif" → "Compost collectif"), for pages not written yet. */
export const titleFromSlug = (slug: string) => {
  const words = slug.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The title to propose for a missing page reached by a wiki link: the link's text when it names
 * that page ("[[Compost collectif]]"), otherwise a title guessed from the slug ("[[slug|other text]]").
 */
export function titleForMissingLink(
  slug: string,
  linkText: string,
  slugOf: (title: string) => string,
): string {
  const text = linkText.trim();
  if (text && slugOf(text) === slug) return text.charAt(0).toUpperCase() + text.slice(1);
  return titleFromSlug(slug);
}
