/**
 * Deterministic French-like text for the wiki benchmarks (bench/wiki.ts, bench/cold-start.ts):
 * a Zipf-distributed vocabulary of real words and a synthetic tail, sentences, titles and markdown
 * bodies with wiki links. One seeded generator: the same calls give the same corpus.
 */
/** A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** The corpus generator's random source (seed 42). */
export const rand = prng(42);
/** One item of `xs`, drawn with `rand`. */
export const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

/** Real French words of the domain, the most frequent of the vocabulary. */
export const BASE_WORDS =
  `tiers-lieu tiers-lieux association bénévole bénévoles atelier ateliers fablab coworking café
  associatif jardin jardins partagé partagée partagés gouvernance collective collectif réunion réunions
  adhérent adhérents adhésion cotisation budget subvention subventions financement mairie commune
  territoire rural rurale quartier habitants habitant voisinage accueil accueillir animation animer
  animateur animatrice médiation numérique numériques ordinateur imprimante découpeuse laser machine
  machines outil outils réparation réparer vélo vélos recyclage ressourcerie compost compostage potager
  légumes récolte cuisine repas cantine épicerie solidaire solidarité économie sociale circulaire emploi
  formation formations apprentissage apprendre enseigner école élèves jeunes enfants familles aînés
  culture culturelle concert spectacle exposition bibliothèque livres lecture musique théâtre cinéma
  événement événements fête marché producteurs locaux agriculture alimentation santé bien-être sport
  statuts juridique loi scic scop coopérative sociétaires conseil administration bureau président
  trésorière secrétaire assemblée générale vote décision décisions consentement charte règlement
  intérieur espace espaces salle salles local locaux bâtiment travaux chauffage énergie électricité
  isolation rénovation accessibilité handicap inclusion mobilité transport covoiturage navette gare
  communication affiche réseau réseaux sociaux site internet lettre information newsletter partenaires
  partenariat entreprise entreprises artisans artisanat bois métal textile couture tricot poterie
  planning calendrier agenda permanence horaires ouverture clés badge sécurité assurance ménage
  entretien convivialité confiance écoute conflit médiation facilitation intelligence projet projets
  idée idées lancement démarrage bilan évaluation impact indicateurs rapport annuel comptes tableau
  logiciel libre licence ouverte documentation wiki contribution contributeurs communs ressource
  ressources partage mutualisation mutualiser prêt emprunt matériel stock inventaire commande achat
  fournisseur facture devis paiement caisse monnaie locale tarif prix gratuit participation libre`
    .split(/\s+/)
    .filter(Boolean);
const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo tra tre tri pro pre pla ple cha che chi cou mou lou sou ain ein on an en in oir eau'.split(
    ' ',
  );
const ENDINGS = [
  '',
  '',
  'e',
  's',
  'es',
  'er',
  'é',
  'ée',
  'ement',
  'tion',
  'tions',
  'age',
  'ité',
  'eur',
  'euse',
  'ique',
  'iste',
  'isme',
];
const FILLER =
  'le la les un une des du de et à au aux pour avec dans sur par qui que est sont a ont ce cette nous vous ils elles on se ne pas plus'.split(
    ' ',
  );

// Vocabulary with a Zipf-like distribution: real words first (frequent), then a long synthetic tail.
/** The vocabulary, most frequent first: `BASE_WORDS`, then synthetic words. */
export const vocabulary: string[] = [...BASE_WORDS];
const seenWords = new Set(vocabulary);
while (vocabulary.length < 30_000) {
  const n = 2 + Math.floor(rand() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(SYLLABLES);
  w += pick(ENDINGS);
  if (!seenWords.has(w)) {
    seenWords.add(w);
    vocabulary.push(w);
  }
}
const cumulative: number[] = [];
{
  let sum = 0;
  for (let r = 1; r <= vocabulary.length; r++) cumulative.push((sum += 1 / r ** 1.05));
}
/** A word drawn from `vocabulary` with a Zipf-like distribution. */
export function zipfWord(): string {
  const x = rand() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo];
}

/** A sentence of `words` words (stop words, elisions), capitalised, with a full stop. */
export function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rand() < 0.35 ? pick(FILLER) : zipfWord());
  if (rand() < 0.15) out.splice(1, 0, `l'${zipfWord()}`);
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

/** A page title (two to four words and the number `i`). */
export function title(i: number): string {
  const n = 2 + Math.floor(rand() * 3);
  const words = Array.from({ length: n }, () => vocabulary[Math.floor(rand() * 3000)]);
  const t = words.join(' ');
  return `${t[0].toUpperCase()}${t.slice(1)} ${i}`;
}

/** A markdown body of about `words` words with `links` wiki links among `titles`. */
export function body(words: number, links: number, titles: string[]): string {
  const parts: string[] = [`# ${sentence(4).slice(0, -1)}`];
  let written = 0;
  let linked = 0;
  const used = new Set<string>();
  while (written < words || linked < links) {
    const n = 8 + Math.floor(rand() * 14);
    let s = sentence(n);
    if (linked < links) {
      let target = pick(titles);
      while (used.has(target) && used.size < titles.length) target = pick(titles);
      used.add(target);
      s += ` Voir [[${target}]].`;
      linked++;
    }
    if (rand() < 0.2) s = s.replace(/ (\p{L}{6,}) /u, ' **$1** ');
    parts.push(s);
    if (rand() < 0.15) parts.push(`\n## ${sentence(3).slice(0, -1)}\n`);
    else if (rand() < 0.25) parts.push('\n');
    written += n;
  }
  return parts.join(' ');
}

/**
 * The wiki search benchmarks' query mix (bench/wiki.ts, bench/wiki-search-breakdown.ts), one maker
 * per kind of query: frequent and rare words, several words, prefixes being typed, no accents,
 * typos, elisions, query-language garbage, whole titles. Each maker draws with `rand`.
 * @param titles the corpus's page titles (the "title" kind searches one of them).
 */
export function searchQueryMakers(titles: string[]): [kind: string, make: () => string][] {
  const common = () => vocabulary[Math.floor(rand() * 200)];
  const any = () => zipfWord();
  const typo = (w: string) => {
    const i = 1 + Math.floor(rand() * (w.length - 2));
    return w.length > 5 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
  };
  const deaccent = (w: string) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return [
    ['common', () => common()],
    ['any', () => any()],
    ['common common', () => `${common()} ${common()}`],
    ['any any', () => `${any()} ${any()}`],
    ['common any common', () => `${common()} ${any()} ${common()}`],
    ['prefix', () => common().slice(0, 3 + Math.floor(rand() * 3))], // typing a prefix
    ['common any-prefix', () => `${common()} ${any().slice(0, 4)}`],
    ['deaccent upper', () => deaccent(`${common()} ${common()}`).toUpperCase()],
    ['typo', () => typo(pick(BASE_WORDS))],
    ["l'word", () => `l'${pick(BASE_WORDS)}`],
    ['garbage', () => `"${common()} ${common()}" -${any()} title:${any()}~2`],
    ['title', () => pick(titles)],
  ];
}
