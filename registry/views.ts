import type { Database } from 'better-sqlite3';
import { checkLicense } from './licenses.js';
import { getPlace } from './places.js';
import {
  getPublicPerson,
  isVisible,
  publicPerson,
  publicPeopleOfPlace,
  type PersonRecord,
  type PublicPerson,
} from './people.js';
import { qualificationView, type QualificationView } from './qualification.js';
import {
  referentOf,
  referentsOfResource,
  usagesOfResource,
  usesOfPlace,
  type ResourceUsage,
} from './relations.js';
import { getResource, resourceAsInput, type Provider } from './resources.js';

/**
 * The JSON shapes of the registry's detail pages (REGISTRY-API.md), assembled from the
 * repositories. Only visible people appear anywhere in them, except in `managedPersonDetail`
 * (for facilitators and the person's own account).
 */

/** A resource page: every bundle field, the registry's extensions, qualification and relations. */
export function resourceDetail(db: Database, slug: string, now: Date = new Date()) {
  const r = getResource(db, slug);
  const license = checkLicense(r.license);
  const usages: ResourceUsage[] = usagesOfResource(db, r.id);
  const qualification: QualificationView = qualificationView(db, r, now.toISOString());
  const providers: Provider[] = r.providers;
  return {
    ...resourceAsInput(r),
    features: r.features,
    keywords: r.keywords,
    languages: r.languages,
    license: r.license ?? null,
    licenseFlag: r.licenseFlag,
    licenseName: license.name ?? null,
    licenseRestrictions: license.restrictions,
    challenge: r.challenge ?? '',
    documentationUrl: r.documentationUrl ?? null,
    sourceUrl: r.sourceUrl ?? null,
    governance: r.governance ?? '',
    organisation: r.organisation ?? '',
    lockIn: r.lockIn ?? '',
    compliance: { rgpd: r.compliance.rgpd ?? '', accessibility: r.compliance.accessibility ?? '' },
    needs: r.needs ?? '',
    developmentSteps: r.developmentSteps ?? '',
    status: r.status,
    lastReviewedAt: r.lastReviewedAt ?? null,
    wikiPage: r.wikiPage ?? null,
    qualification,
    usageCount: usages.filter((u) => u.status === 'uses').length,
    usages,
    referents: referentsOfResource(db, r.id),
    providers,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A place page: the place, the resources it uses, its visible people. */
export function placeDetail(db: Database, slug: string) {
  const p = getPlace(db, slug);
  return {
    slug: p.slug,
    name: p.name,
    address: p.address ?? null,
    city: p.city ?? null,
    postcode: p.postcode ?? null,
    region: p.region ?? null,
    families: p.families,
    lat: p.lat ?? null,
    lon: p.lon ?? null,
    management: p.management ?? null,
    networks: p.networks,
    needs: p.needs,
    offers: p.offers,
    website: p.website ?? null,
    source: p.sourceRef ? p.sourceRef.split(':')[0] : null,
    uses: usesOfPlace(db, p.id),
    people: publicPeopleOfPlace(db, p.id).map(publicPerson),
  };
}

/** A person page (404 for a hidden person): the public view and what they can help with. */
export function personDetail(
  db: Database,
  slug: string,
): PublicPerson & { referentOf: ReturnType<typeof referentOf> } {
  const p: PersonRecord = getPublicPerson(db, slug);
  return { ...publicPerson(p), referentOf: referentOf(db, p.id) };
}

/**
 * A person page for those who may manage the person (facilitators, admins, the person's own
 * account; the caller checks): the public view of any person, hidden ones included, with its
 * visibility settings. Fields outside the schema (addresses from a spreadsheet) stay out.
 */
export function managedPersonDetail(
  db: Database,
  p: PersonRecord,
): PublicPerson & {
  public: boolean;
  hidden: boolean;
  placeConfirmed: boolean;
  referentOf: ReturnType<typeof referentOf>;
} {
  return {
    ...publicPerson(p),
    public: p.public,
    hidden: !isVisible(p),
    placeConfirmed: p.placeConfirmed,
    referentOf: referentOf(db, p.id),
  };
}
