/**
 * Human-readable reasons attached to every proposal, in the asker's language (fr default, en).
 */

/** Languages reasons are written in. */
export type ReasonLang = 'fr' | 'en';

const MESSAGES = {
  words: { fr: 'mots en commun : {words}', en: 'matching words: {words}' },
  usedRegion: { fr: 'utilisé par {n} lieux en {region}', en: 'used by {n} places in {region}' },
  usedRegionOne: { fr: 'utilisé par 1 lieu en {region}', en: 'used by 1 place in {region}' },
  usedNetwork: { fr: 'utilisé par {n} lieux du réseau', en: 'used by {n} places in the network' },
  usedNetworkOne: { fr: 'utilisé par 1 lieu du réseau', en: 'used by 1 place in the network' },
  qualified: { fr: 'qualifié', en: 'qualified' },
  proprietary: {
    fr: 'licence propriétaire : proposé après les communs libres',
    en: 'proprietary licence: ranked after open commons',
  },
  archived: { fr: 'archivé', en: 'archived' },
  obsolete: { fr: 'projet en fin de vie', en: 'project no longer maintained' },
  theme: { fr: 'thème : {theme}', en: 'theme: {theme}' },
  helped: {
    fr: 'a déjà aidé à résoudre {n} demandes proches',
    en: 'already helped resolve {n} similar requests',
  },
  helpedOne: {
    fr: 'a déjà aidé à résoudre une demande proche',
    en: 'already helped resolve a similar request',
  },
  expertOf: { fr: 'référent expert de {resource}', en: 'expert referent for {resource}' },
  referentOf: { fr: 'référent de {resource}', en: 'referent for {resource}' },
  skillFor: {
    fr: 'ses compétences correspondent à {resource}',
    en: 'their skills match {resource}',
  },
  permanence: { fr: 'tient une permanence le {date}', en: 'holds a permanence session on {date}' },
  placeUses: {
    fr: 'son lieu ({place}) utilise {resource}',
    en: 'their place ({place}) uses {resource}',
  },
  skills: { fr: 'compétences : {skills}', en: 'skills: {skills}' },
  sameRegion: { fr: 'dans votre région ({region})', en: 'in your region ({region})' },
  sameCircle: { fr: 'même cercle que vous', en: 'same circle as you' },
  near: { fr: 'à {km} km de chez vous', en: '{km} km from you' },
  themesPerson: { fr: 'connaît le thème {theme}', en: 'knows about {theme}' },
} as const;

/** Keys of the reason messages. */
export type ReasonKey = keyof typeof MESSAGES;

/** Writes one reason in `lang`, filling `{param}` placeholders (the singular form when n = 1). */
export function reason(
  lang: ReasonLang,
  key: ReasonKey,
  params: Record<string, string | number> = {},
): string {
  const one = `${key}One`;
  if (params.n === 1 && one in MESSAGES) key = one as ReasonKey;
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
