import { common } from './common.js';
import { wiki } from './wiki.js';
import { wikiLog } from './wiki-log.js';
import { collab } from './collab.js';
import { registry } from './registry.js';
import { switchyardMessages } from './switchyard.js';
import { files } from './files.js';
import { events } from './events.js';
import { permanencesMessages } from './permanences.js';
import { collabSave } from './collab-save.js';
import { inboxMessages } from './inbox.js';
import { switchyardBackoffice } from './switchyard-backoffice.js';
import { searchAllMessages } from './search-all.js';
import { accounts } from './accounts.js';
import { mediawiki } from './mediawiki.js';
import { accessibility } from './accessibility.js';

/** Supported interface languages; French first. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A feature's messages in every language (French is the reference: English must have the same keys). */
export type Catalogue = { fr: Record<string, string>; en: Record<string, string> };

// Each feature keeps its strings in its own file; they are merged here.
const CATALOGUES: Catalogue[] = [
  common,
  wiki,
  wikiLog,
  collab,
  registry,
  switchyardMessages,
  files,
  events,
  permanencesMessages,
  collabSave,
  inboxMessages,
  switchyardBackoffice,
  searchAllMessages,
  accounts,
  mediawiki,
  accessibility,
];

const merged: Record<Locale, Record<string, string>> = { fr: {}, en: {} };
for (const cat of CATALOGUES) {
  Object.assign(merged.fr, cat.fr);
  Object.assign(merged.en, cat.en);
}

/** Every message key of every catalogue, for the completeness test. */
export const ALL_MESSAGES = merged;

const STORAGE_KEY = 'lc-locale';

/**
 * The language a visitor gets before choosing one: the first of the browser's preferred languages
 * the interface speaks (`en-GB, fr` gives English; `de, fr` gives French), French when none is.
 */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'fr';
}

let current: Locale = (() => {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  const nav = globalThis.navigator;
  return preferredLocale(
    nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : [],
  );
})();

/** The current interface language. */
export const locale = () => current;

/** Switches the language, remembers it, and tells the page (`lc-locale-changed` on window). */
export function setLocale(l: Locale) {
  current = l;
  globalThis.localStorage?.setItem(STORAGE_KEY, l);
  document.documentElement.lang = l;
  window.dispatchEvent(new CustomEvent('lc-locale-changed', { detail: l }));
}

/**
 * A label followed by its colon, as the current language writes it: « Thèmes repérés : » in
 * French (a no-break space before the colon), "Themes found:" in English.
 */
export const withColon = (label: string) => (current === 'fr' ? `${label}\u00a0:` : `${label}:`);

/**
 * `{n:singular|plural}` in a message: the form the language's plural rules give for the number
 * `n` (French takes the singular for 0 and 1: « 0 événement », « 1 événement », « 2 événements »;
 * English for 1 only: "0 events", "1 event").
 */
const PLURAL = /\{(\w+):([^|{}]*)\|([^{}]*)\}/g;
const pluralRules: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr'),
  en: new Intl.PluralRules('en'),
};

/**
 * Translates a key, filling `{name}` placeholders from `params`.
 * Falls back to French, then to the key itself (so a missing string is visible, not blank).
 */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = merged[current][key] ?? merged.fr[key] ?? key;
  return text
    .replace(PLURAL, (_, k: string, one: string, other: string) =>
      k in params && pluralRules[current].select(Number(params[k])) === 'one' ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Formats a date-time for the current language. */
export const formatDate = (iso: string) =>
  new Date(iso).toLocaleString(current === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
