import type { LicenseFlag } from '../../registry/licenses.js';
import type { QualificationStatus } from '../../registry/qualification.js';
import type { FacetValue } from '../../registry/query.js';
import type { UsageStatus } from '../../registry/types.js';
import { api } from './http.js';

/**
 * Every network call of the commons registry (resources, places, people), following the
 * HTTP contract of REGISTRY-API.md. Components never call `fetch` themselves.
 */

// Shapes the registry exports exactly as the API sends them, imported as types only
// (nothing of the registry reaches the bundle).
export type { FacetValue, LicenseFlag, QualificationStatus, UsageStatus };

/** A resource as listed by the browse endpoint. */
export interface ResourceSummary {
  slug: string;
  name: string;
  kind: string;
  summary: string;
  themes: string[];
  license?: string | null;
  licenseFlag: LicenseFlag;
  status?: string;
  qualification: { status: QualificationStatus };
  usageCount: number;
  referentCount: number;
  distanceKm?: number;
}

/** Filters of the browse endpoint (every one optional). */
export interface ResourceQuery {
  q?: string;
  theme?: string;
  kind?: string;
  license?: string;
  qualification?: string;
  status?: string;
  region?: string;
  near?: string;
  sort?: 'relevance' | 'name' | 'recent' | 'usage' | 'distance';
  limit?: number;
  offset?: number;
}

/** Answer of the browse endpoint. */
export interface ResourceList {
  total: number;
  items: ResourceSummary[];
  facets: Partial<Record<'theme' | 'kind' | 'license' | 'qualification' | 'region', FacetValue[]>>;
}

/** Who did something (an assessment), as the API names them. */
export interface UserRef {
  id?: number | null;
  name: string;
  slug?: string;
}

/** One assessed criterion of a qualification. */
export interface CriterionAssessment {
  criterion: string;
  label?: string;
  /** 0–3; null for a criterion not assessed yet. */
  level: number | null;
  evidence: string;
  by?: UserRef | null;
  at: string | null;
}

/** A place as embedded in another record. */
export interface PlaceRef {
  slug: string;
  name: string;
  city?: string | null;
  region?: string | null;
  lat?: number | null;
  lon?: number | null;
}

/** A person who agreed to be found (never an e-mail). */
export interface PublicPerson {
  slug: string;
  name: string;
  region?: string | null;
  place: { slug: string; name: string } | null;
  themes: string[];
  skills: string[];
  bio?: string | null;
  contactable: boolean;
  /**
   * Neither contactable nor public: only facilitators, admins and the person's own account see
   * such a profile (present in their answers only).
   */
  hidden?: boolean;
}

/** A place using a resource. */
export interface ResourceUsage {
  place: PlaceRef;
  status: UsageStatus;
  note?: string | null;
  since?: string | null;
}

/** A person who can help with a resource. */
export interface ResourceReferent {
  person: PublicPerson;
  isExpert: boolean;
  note?: string | null;
}

/** A resource with everything the resource page shows. */
export interface ResourceDetail extends ResourceSummary {
  description?: string | null;
  features?: string[];
  keywords?: string[];
  url?: string | null;
  languages?: string[];
  developmentStatus?: string | null;
  maintenance?: string | null;
  challenge?: string | null;
  documentationUrl?: string | null;
  sourceUrl?: string | null;
  governance?: string | null;
  organisation?: string | null;
  lockIn?: string | null;
  /** GDPR and accessibility notes. */
  compliance?: { rgpd?: string | null; accessibility?: string | null } | null;
  needs?: string | null;
  developmentSteps?: string | null;
  /** Full name of the licence (e.g. "GNU Affero General Public License v3.0 or later"). */
  licenseName?: string | null;
  /** Creative Commons restrictions that keep a licence from being fully open. */
  licenseRestrictions?: ('non-commercial' | 'no-derivatives')[] | null;
  lastReviewedAt?: string | null;
  wikiPage?: string | null;
  qualification: { status: QualificationStatus; criteria: CriterionAssessment[]; expiresAt?: string | null };
  usages: ResourceUsage[];
  referents: ResourceReferent[];
  providers: { name: string; url?: string | null; note?: string | null }[];
}

/** Fields sent to propose or update a resource (bundle fields plus extras). */
export interface ResourceInput {
  slug?: string;
  name: string;
  kind: string;
  summary: string;
  description?: string;
  features?: string[];
  themes: string[];
  keywords?: string[];
  license?: string;
  url?: string;
  languages?: string[];
  developmentStatus?: string;
  maintenance?: string;
  challenge?: string;
  documentationUrl?: string;
  sourceUrl?: string;
  governance?: string;
  organisation?: string;
}

/** One assessment in the history of a resource. */
export interface Assessment extends CriterionAssessment {
  id?: number;
}

/** A qualification criterion. */
export interface Criterion {
  slug: string;
  label: string;
  description?: string;
  weight?: number;
}

/** A place as listed in the directory. */
export interface PlaceSummary {
  slug: string;
  name: string;
  city?: string | null;
  postcode?: string | null;
  region?: string | null;
  families: string[];
  lat?: number | null;
  lon?: number | null;
}

/** A place page. */
export interface PlaceDetail extends PlaceSummary {
  address?: string | null;
  website?: string | null;
  management?: string | null;
  networks?: string[];
  needs?: { skills?: string[] | null; equipment?: string[] | null; spaces?: string[] | null } | null;
  offers?: { skills?: string[] | null; equipment?: string[] | null; spaces?: string[] | null } | null;
  uses: { resource: { slug: string; name: string }; status: UsageStatus; note?: string | null }[];
  people: PublicPerson[];
}

/** A person page. */
export interface PersonDetail extends PublicPerson {
  /** Shown publicly even when not contactable (in the answers of those who may manage the person). */
  public?: boolean;
  referentOf: { resource: { slug: string; name: string }; isExpert: boolean; note?: string | null }[];
}

/** A compact map point: latitude, longitude, slug, name. */
export type GeoPoint = [number, number, string, string];

/** Builds a query string, leaving out empty values. */
function qs(params: object): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

/** Browses resources with filters and facets. */
export const listResources = (query: ResourceQuery) => api<ResourceList>('GET', `/api/resources${qs(query)}`);

/** Everything about one resource. @throws ApiError 404 when unknown. */
export const getResource = (slug: string) => api<ResourceDetail>('GET', `/api/resources/${enc(slug)}`);

/** Proposes a resource (any logged-in user); returns the created resource. */
export const createResource = (input: ResourceInput) => api<ResourceDetail>('POST', '/api/resources', input);

/** Replaces a resource's fields (contributor+). */
export const updateResource = (slug: string, input: ResourceInput) =>
  api<ResourceDetail>('PUT', `/api/resources/${enc(slug)}`, input);

/** Archives a resource (facilitator+): it stays readable but is no longer proposed. */
export const archiveResource = (slug: string) => api<ResourceDetail>('DELETE', `/api/resources/${enc(slug)}`);

/** Declares that a place uses (or is interested in, or stopped using) a resource. */
export const declareUsage = (slug: string, body: { place: string; status: UsageStatus; note?: string; since?: string }) =>
  api<unknown>('POST', `/api/resources/${enc(slug)}/usages`, body);

/** Offers help with a resource as a referent. */
export const offerHelp = (slug: string, body: { person: string; isExpert: boolean; note?: string }) =>
  api<unknown>('POST', `/api/resources/${enc(slug)}/referents`, body);

/** The full assessment history of a resource, newest first. */
export const listAssessments = (slug: string) =>
  api<{ assessments: Assessment[] }>('GET', `/api/resources/${enc(slug)}/assessments`);

/** Records an assessment of one criterion (facilitator+). */
export const recordAssessment = (slug: string, body: { criterion: string; level: number; evidence: string }) =>
  api<unknown>('POST', `/api/resources/${enc(slug)}/assessments`, body);

/** The qualification criteria. */
export const listCriteria = () => api<{ criteria: Criterion[] }>('GET', '/api/criteria');

/** Places directory page with facets. */
export const listPlaces = (query: { q?: string; region?: string; family?: string; bbox?: string; limit?: number; offset?: number }) =>
  api<{ total: number; items: PlaceSummary[]; facets: Partial<Record<'region' | 'family', FacetValue[]>> }>(
    'GET',
    `/api/places${qs(query)}`,
  );

/** Every matching place as compact map points. */
export const placePoints = (query: { region?: string; family?: string }) =>
  api<{ points: GeoPoint[] }>('GET', `/api/map/places${qs(query)}`);

/** One place with the resources it uses and its people. */
export const getPlace = (slug: string) => api<PlaceDetail>('GET', `/api/places/${enc(slug)}`);

/** People directory page with facets; `visibility: 'all'` adds hidden people (facilitators and admins). */
export const listPeople = (query: { q?: string; theme?: string; region?: string; visibility?: 'all'; limit?: number; offset?: number }) =>
  api<{ total: number; items: PublicPerson[]; facets: Partial<Record<'theme' | 'region', FacetValue[]>> }>(
    'GET',
    `/api/people${qs(query)}`,
  );

/** One person: public ones for everyone, hidden ones for those who may manage them. @throws ApiError 404 when unknown or hidden from the caller. */
export const getPerson = (slug: string) => api<PersonDetail>('GET', `/api/people/${enc(slug)}`);

/** Sends a message to a person through the platform (their address is never shown). */
export const contactPerson = (slug: string, body: { message: string; from?: string }) =>
  api<unknown>('POST', `/api/people/${enc(slug)}/contact`, body);
