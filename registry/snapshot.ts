import type { Database } from 'better-sqlite3';
import { effectiveStatus } from './qualification.js';
import { isVisible, listAllPeople } from './people.js';
import { listAllPlaces } from './places.js';
import { listAllReferents, listAllUsages } from './relations.js';
import { listAllResources } from './resources.js';
import type { RegistrySnapshot } from './types.js';

/**
 * The whole registry in memory, for the switchyard's matcher: every resource (archived included,
 * with `status` and its current `qualification` filled), every place, every usage, and only the
 * people public reads may show (contactable, or with a public profile) with their referent links.
 * People hidden from the public never enter the snapshot; among those present, `contactable:
 * false` still means "never propose as a helper".
 * @param now the instant qualifications are judged at (expired ones are "to-review").
 */
export function loadRegistrySnapshot(db: Database, now: Date = new Date()): RegistrySnapshot {
  const at = now.toISOString();
  const read = db.transaction(() => {
    const resources = listAllResources(db).map((r) => ({
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.features.length ? { features: r.features } : {}),
      themes: r.themes,
      ...(r.keywords.length ? { keywords: r.keywords } : {}),
      ...(r.license ? { license: r.license } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(r.languages.length ? { languages: r.languages } : {}),
      ...(r.developmentStatus ? { developmentStatus: r.developmentStatus } : {}),
      ...(r.maintenance ? { maintenance: r.maintenance } : {}),
      ...(r.challenge ? { challenge: r.challenge } : {}),
      licenseFlag: r.licenseFlag,
      status: r.status,
      qualification: effectiveStatus(r.qualification, r.qualifiedUntil, at),
    }));
    const places = listAllPlaces(db).map((p) => ({
      slug: p.slug,
      name: p.name,
      ...(p.city ? { city: p.city } : {}),
      ...(p.postcode ? { postcode: p.postcode } : {}),
      ...(p.region ? { region: p.region } : {}),
      ...(p.families.length ? { families: p.families } : {}),
      ...(p.lat !== undefined ? { lat: p.lat } : {}),
      ...(p.lon !== undefined ? { lon: p.lon } : {}),
      ...(p.networks.length ? { networks: p.networks } : {}),
    }));
    const people = listAllPeople(db)
      .filter(isVisible)
      .map((p) => ({
        slug: p.slug,
        name: p.name,
        ...(p.place ? { place: p.place.slug } : {}),
        ...(p.region ? { region: p.region } : {}),
        themes: p.themes,
        skills: p.skills,
        ...(p.bio ? { bio: p.bio } : {}),
        contactable: p.contactable,
      }));
    return {
      resources,
      places,
      people,
      usages: listAllUsages(db),
      referents: listAllReferents(db, true),
    };
  });
  // A read transaction: the five lists come from the same state of the database.
  return read.deferred();
}
