/**
 * French plurals in -x that the Snowball stemmer leaves apart from their singular ("lieux" stays
 * "lieux" while "lieu" is "lieu"; "travaux" becomes "traval" while "travail" is "travail").
 * Snowball already folds -aux/-al (locaux → local) and -eaux/-eau (réseaux → réseau).
 *
 * These are closed classes of French grammar, not vocabulary of this project: nouns in -eu, -au and
 * -ou that take an x (every adjective in -eux is invariable, heureux/heureuse, so a rule on the
 * ending cannot tell "lieux" from "nombreux"), and nouns in -ail whose plural is -aux. The lists
 * were drawn from the Lefff 3.4 morphological lexicon (Sagot 2010; common nouns whose plural ends
 * in x and whose lemma is the form without it), keeping today's words.
 */
const PLURAL_X: Record<string, string> = {};
// Keys without accents (french.ts imports this module, so its foldAccents is not used here).
const bare = (s: string) =>
  s
    .replace(/œ/g, 'oe')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
for (const singular of [
  // -eu → -eux
  'adieu',
  'aveu',
  'camaïeu',
  'cheveu',
  'contre-feu',
  'désaveu',
  'dieu',
  'demi-dieu',
  'enjeu',
  'épieu',
  'essieu',
  'feu',
  'jeu',
  'lieu',
  'milieu',
  'moyeu',
  'neveu',
  'non-lieu',
  'pieu',
  'vœu',
  'boutefeu',
  // -ou → -oux (the seven of the grammar books)
  'bijou',
  'caillou',
  'chou',
  'genou',
  'hibou',
  'joujou',
  'pou',
  // -au → -aux (Snowball reads -aux as the plural of -al: matériaux would become "material")
  'boyau',
  'étau',
  'fléau',
  'joyau',
  'matériau',
  'noyau',
  'préau',
  'tuyau',
])
  PLURAL_X[bare(`${singular}x`)] = singular;
// -ail → -aux
for (const [plural, singular] of [
  ['baux', 'bail'],
  ['coraux', 'corail'],
  ['émaux', 'émail'],
  ['soupiraux', 'soupirail'],
  ['travaux', 'travail'],
  ['télétravaux', 'télétravail'],
  ['vantaux', 'vantail'],
  ['vitraux', 'vitrail'],
  ['aulx', 'ail'],
])
  PLURAL_X[bare(plural)] = singular;

/**
 * The singular of a French plural in -x that the stemmer would not fold, else the word itself.
 * @param word a lowercase token, with or without accents.
 */
export function singularOfX(word: string): string {
  if (word.charCodeAt(word.length - 1) !== 0x78 /* x */) return word;
  return PLURAL_X[bare(word)] ?? word;
}
