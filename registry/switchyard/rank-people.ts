import type { Place } from '../types.js';
import type { ThemeSlug } from '../themes.js';
import { reason, type ReasonLang } from './reasons.js';
import { distanceKm, kthLargest, round, themeLabel } from './ranking-utils.js';
import type { RankedResource } from './rank-resources.js';
import { textStems } from './text.js';
import type { PersonProposal, QueryTerm, SwitchyardIndex, SwitchyardQuery } from './types.js';

/**
 * People ranking: who can help, from graph links to the best resources (referents, people of the
 * places that use them), their own words (skills, bio, notes), their themes, proximity to the
 * asker and past outcomes; never a person who is not contactable, nor the asker's own people.
 */

/** What people ranking needs from the rest of the answer. */
export interface PeopleRankContext {
  query: SwitchyardQuery;
  /** Ranked resources and the best score. */
  ranked: RankedResource[];
  topScore: number;
  /** Query stems matched against people's own words. */
  personWeights: Map<string, number>;
  /** The analysed problem (for the skills shown as reasons). */
  terms: Map<string, QueryTerm>;
  /** Detected themes, most likely first. */
  themeDist: [ThemeSlug, number][];
  region?: string;
  askingPlace?: Place;
  /** Networks of the asking place. */
  circles: Set<string>;
  lang: ReasonLang;
}

/**
 * The people whose skills describe resource `i`: its most telling words (BM25 weight in the
 * resource), with the synonyms the thesaurus gives them, matched against people's skills; those
 * within `skillMinSim` of the best match are kept, best first, with their relative similarity.
 * Computed on first use and kept with the indexes (a registry's resources are asked again and
 * again; computing every link when the indexes are built would cost seconds on a large one).
 */
export function skillHelpersOf(ix: SwitchyardIndex, i: number): { person: number; sim: number }[] {
  const known = ix.skillHelpers.get(i);
  if (known) return known;
  const pr = ix.config.peopleRank;
  const words = [...ix.resourceIndex.docTerms(i)]
    .sort((a, b) => b[1] - a[1])
    .slice(0, pr.skillTerms);
  const top = words[0]?.[1] ?? 0;
  const q = new Map<string, number>();
  for (const [stem, w] of words) q.set(stem, w / top);
  for (const [stem, w] of words) {
    for (const g of ix.thesaurusByStem.get(stem) ?? []) {
      for (const e of g.expressions)
        for (const s of e.stems)
          if (!q.has(s)) q.set(s, (ix.config.termWeights.thesaurus * w) / top);
    }
  }
  const out: { person: number; sim: number }[] = [];
  if (top > 0 && ix.skillIndex.size) {
    const scores = ix.skillIndex.score(q);
    let best = 0;
    for (let p = 0; p < scores.length; p++) if (scores[p] > best) best = scores[p];
    if (best > 0)
      for (let p = 0; p < scores.length; p++)
        if (scores[p] >= best * pr.skillMinSim) out.push({ person: p, sim: scores[p] / best });
    out.sort((a, b) => b.sim - a.sim);
    out.length = Math.min(out.length, pr.skillHelpers);
  }
  ix.skillHelpers.set(i, out);
  return out;
}

/** A day in words, Paris time ("12 mars", "12 March"). */
const dayLabel = (iso: string, lang: ReasonLang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

/** Ranks the people who can help and writes their cards with the reasons. */
export function rankPeople(ix: SwitchyardIndex, ctx: PeopleRankContext): PersonProposal[] {
  const cfg = ix.config;
  const { query, ranked, topScore, terms, themeDist, region, askingPlace, circles, lang } = ctx;
  const pr = cfg.peopleRank;
  const personText = ix.personIndex.score(ctx.personWeights);
  let bestPersonText = 0;
  for (let p = 0; p < personText.length; p++)
    if (personText[p] > bestPersonText) bestPersonText = personText[p];
  const personScore = new Map<number, number>();
  // Why each person is linked, as lazy descriptors: only the proposed people get sentences.
  type Link = {
    kind: 'expertOf' | 'referentOf' | 'placeUses' | 'skillFor';
    resource: number;
    place?: string;
  };
  const personLinks = new Map<number, Link[]>();
  // A person's links: the strongest counts in full, the others `linkSpread` of theirs, so that
  // someone linked weakly to many resources does not outweigh the one who fits the best resource.
  const linkBest = new Map<number, number>();
  const linkSum = new Map<number, number>();
  const link = (p: number, v: number, why: Link) => {
    linkBest.set(p, Math.max(linkBest.get(p) ?? 0, v));
    linkSum.set(p, (linkSum.get(p) ?? 0) + v);
    const l = personLinks.get(p);
    if (l) l.push(why);
    else personLinks.set(p, [why]);
  };
  for (const { i, s } of ranked.slice(0, pr.topResources)) {
    const rel = (s / topScore) ** pr.linkSharpness;
    for (const ref of ix.referents[i]) {
      link(ref.person, rel * (ref.isExpert ? pr.expertReferent : pr.referent), {
        kind: ref.isExpert ? 'expertOf' : 'referentOf',
        resource: i,
      });
    }
    // People whose skills describe this resource inherit part of its score (no referent link needed).
    const themesOfResource = ix.resources[i].themes;
    for (const h of skillHelpersOf(ix, i)) {
      // Skills of someone who works on none of the resource's themes are likelier a chance match
      // of words (a person who lists no theme is not weighed down: nothing is known).
      const personThemes = ix.people[h.person].themes ?? [];
      const onTheme =
        personThemes.length === 0 || personThemes.some((t) => themesOfResource.includes(t));
      const fit = onTheme ? 1 : pr.skillOffTheme;
      link(h.person, rel * h.sim * fit * pr.skillLink, {
        kind: 'skillFor',
        resource: i,
      });
    }
    for (const placeSlug of ix.users[i]) {
      for (const p of ix.peopleAt.get(placeSlug) ?? [])
        link(p, rel * pr.placeUses, { kind: 'placeUses', resource: i, place: placeSlug });
    }
  }
  for (const [p, best] of linkBest)
    personScore.set(p, best + pr.linkSpread * ((linkSum.get(p) ?? 0) - best));
  const linkReasons = (p: number): string[] => {
    const out: string[] = [];
    for (const l of personLinks.get(p) ?? []) {
      const resource = ix.resources[l.resource].name;
      const text =
        l.kind === 'placeUses'
          ? reason(lang, 'placeUses', {
              place: ix.places.get(l.place!)?.name ?? l.place!,
              resource,
            })
          : reason(lang, l.kind, { resource });
      if (!out.includes(text)) out.push(text);
      if (out.length === 3) break;
    }
    return out;
  };
  if (bestPersonText > 0) {
    // Only the people whose own words match best compete on words (a large registry has
    // thousands of weak matches; scoring them all would cost more than it could change).
    const personFloor = kthLargest(personText, pr.textCandidates);
    for (let p = 0; p < personText.length; p++) {
      const v = personText[p];
      if (v > 0 && v >= personFloor)
        personScore.set(p, (personScore.get(p) ?? 0) + (pr.text * v) / bestPersonText);
    }
  }
  const themeShare = new Map(themeDist);
  const horizon = new Date(Date.now() + pr.availableDays * 86_400_000).toISOString();
  const availableSoon = (p: number) => {
    const at = ix.personAvailable[p];
    return at !== undefined && at <= horizon;
  };
  const peopleRanked: { p: number; s: number }[] = [];
  for (const [p, base] of personScore) {
    const person = ix.people[p];
    if (!person.contactable) continue;
    if (query.place && person.place === query.place) continue;
    if (query.person && person.slug === query.person) continue;
    let themeFit = 0;
    for (const t of person.themes ?? []) themeFit = Math.max(themeFit, themeShare.get(t) ?? 0);
    let s = base + pr.themes * themeFit + pr.outcome * Math.log1p(ix.personHelped[p]);
    if (region && ix.personRegion[p] === region) s *= pr.sameRegion;
    const personPlace = person.place ? ix.places.get(person.place) : undefined;
    if (circles.size && personPlace?.networks?.some((n) => circles.has(n))) s *= pr.sameCircle;
    const km = distanceKm(askingPlace, personPlace);
    if (km !== undefined && km <= pr.nearKm) s *= pr.near;
    if (availableSoon(p)) s *= pr.available;
    peopleRanked.push({ p, s });
  }
  peopleRanked.sort((a, b) => b.s - a.s);
  const topPerson = peopleRanked[0]?.s ?? 0;
  return peopleRanked.slice(0, cfg.limits.people).map(({ p, s }) => {
    const person = ix.people[p];
    const reasons = linkReasons(p);
    const skills = (person.skills ?? []).filter((sk) =>
      textStems(sk).some((st) => terms.has(st) && terms.get(st)!.origin !== 'thesaurus'),
    );
    if (skills.length)
      reasons.push(reason(lang, 'skills', { skills: skills.slice(0, 3).join(', ') }));
    const personRegion = ix.personRegion[p];
    if (region && personRegion === region) reasons.push(reason(lang, 'sameRegion', { region }));
    const personPlace = person.place ? ix.places.get(person.place) : undefined;
    if (circles.size && personPlace?.networks?.some((n) => circles.has(n)))
      reasons.push(reason(lang, 'sameCircle'));
    const km = distanceKm(askingPlace, personPlace);
    if (km !== undefined && km <= pr.nearKm)
      reasons.push(reason(lang, 'near', { km: Math.max(1, Math.round(km)) }));
    if (ix.personHelped[p] > 0) reasons.push(reason(lang, 'helped', { n: ix.personHelped[p] }));
    if (availableSoon(p))
      reasons.push(reason(lang, 'permanence', { date: dayLabel(ix.personAvailable[p]!, lang) }));
    if (reasons.length === 0) {
      const t = (person.themes ?? []).find((x) => themeShare.has(x));
      if (t) reasons.push(reason(lang, 'themesPerson', { theme: themeLabel(t, lang) }));
    }
    return {
      slug: person.slug,
      name: person.name,
      score: round(s / topPerson),
      reasons,
      region: personRegion,
      place: personPlace ? { slug: personPlace.slug, name: personPlace.name } : null,
      themes: [...(person.themes ?? [])],
    };
  });
}
