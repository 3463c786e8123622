import type { LicenseFlag } from '../../registry/licenses.js';
import type { QualificationStatus } from '../../registry/qualification.js';
import type { FacetValue } from '../../registry/query.js';
import type { UsageStatus } from '../../registry/types.js';
import type {
  Assessment,
  CriteriaAnswer,
  DirectoryPerson,
  ManagedPerson,
  PeopleList,
  PersonDetail as ContractPersonDetail,
  PlaceDetail,
  PlaceList,
  PlaceSummary,
  ResourceDetail,
  ResourceList,
  ResourceSummary,
} from '../../registry/contracts.js';
import { api } from './http.js';

/**
 * Every network call of the commons registry (resources, places, people), following the
 * HTTP contract of REGISTRY-API.md. Components never call `fetch` themselves.
 */

// Shapes the registry exports exactly as the API sends them, imported as types only
// (nothing of the registry reaches the bundle).
export type { FacetValue, LicenseFlag, QualificationStatus, UsageStatus };

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

// Answers: the server's contracts (registry/contracts.ts, the zod schemas the OpenAPI document is
// generated from), imported as types only. Request bodies: the validators' input types.
export type {
  Assessment,
  PlaceDetail,
  PlaceSummary,
  ResourceDetail,
  ResourceList,
  ResourceSummary,
};

/** A person who agreed to be found (never an e-mail); `hidden` only in the answers of those who may manage hidden people. */
export type PublicPerson = DirectoryPerson;

/** One assessed criterion of a qualification (level null: not assessed yet). */
export type CriterionAssessment = ResourceDetail['qualification']['criteria'][number];

/** A place using a resource. */
export type ResourceUsage = ResourceDetail['usages'][number];

/** A person who can help with a resource. */
export type ResourceReferent = ResourceDetail['referents'][number];

/** A person page; `public`, `hidden` and `placeConfirmed` only in the answers of those who may manage the person. */
export type PersonDetail = ContractPersonDetail &
  Partial<Pick<ManagedPerson, 'public' | 'hidden' | 'placeConfirmed'>>;

/**
 * Fields the resource form sends to propose (slug required) or update a resource. Kept here: the
 * validator's input side is `unknown` for most fields (it trims, splits comma lists and
 * preprocesses before checking), and its output side is stricter than a form being filled.
 * The server's schema is `ResourceSchema` (registry/schema.ts), documented in the OpenAPI document.
 */
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

/** A qualification criterion. */
export type Criterion = CriteriaAnswer['criteria'][number];

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
export const listResources = (query: ResourceQuery) =>
  api<ResourceList>('GET', `/api/resources${qs(query)}`);

/** Everything about one resource. @throws ApiError 404 when unknown. */
export const getResource = (slug: string) =>
  api<ResourceDetail>('GET', `/api/resources/${enc(slug)}`);

/** Proposes a resource (any logged-in user); returns the created resource. */
export const createResource = (input: ResourceInput) =>
  api<ResourceDetail>('POST', '/api/resources', input);

/** Replaces a resource's fields (contributor+). */
export const updateResource = (slug: string, input: ResourceInput) =>
  api<ResourceDetail>('PUT', `/api/resources/${enc(slug)}`, input);

/** Archives a resource (facilitator+): it stays readable but is no longer proposed. */
export const archiveResource = (slug: string) =>
  api<ResourceDetail>('DELETE', `/api/resources/${enc(slug)}`);

/** Declares that a place uses (or is interested in, or stopped using) a resource. */
export const declareUsage = (
  slug: string,
  body: { place: string; status: UsageStatus; note?: string; since?: string },
) => api<unknown>('POST', `/api/resources/${enc(slug)}/usages`, body);

/** Offers help with a resource as a referent. */
export const offerHelp = (
  slug: string,
  body: { person: string; isExpert: boolean; note?: string },
) => api<unknown>('POST', `/api/resources/${enc(slug)}/referents`, body);

/** The full assessment history of a resource, newest first. */
export const listAssessments = (slug: string) =>
  api<{ assessments: Assessment[] }>('GET', `/api/resources/${enc(slug)}/assessments`);

/** Records an assessment of one criterion (facilitator+). */
export const recordAssessment = (
  slug: string,
  body: { criterion: string; level: number; evidence: string },
) => api<unknown>('POST', `/api/resources/${enc(slug)}/assessments`, body);

/** The qualification criteria. */
export const listCriteria = () => api<CriteriaAnswer>('GET', '/api/criteria');

/** Places directory page with facets. */
export const listPlaces = (query: {
  q?: string;
  region?: string;
  family?: string;
  bbox?: string;
  limit?: number;
  offset?: number;
}) => api<PlaceList>('GET', `/api/places${qs(query)}`);

/** Every matching place as compact map points. */
export const placePoints = (query: { region?: string; family?: string }) =>
  api<{ points: GeoPoint[] }>('GET', `/api/map/places${qs(query)}`);

/** One place with the resources it uses and its people. */
export const getPlace = (slug: string) => api<PlaceDetail>('GET', `/api/places/${enc(slug)}`);

/** People directory page with facets; `visibility: 'all'` adds hidden people (facilitators and admins). */
export const listPeople = (query: {
  q?: string;
  theme?: string;
  region?: string;
  visibility?: 'all';
  limit?: number;
  offset?: number;
}) => api<PeopleList>('GET', `/api/people${qs(query)}`);

/** One person: public ones for everyone, hidden ones for those who may manage them. @throws ApiError 404 when unknown or hidden from the caller. */
export const getPerson = (slug: string) => api<PersonDetail>('GET', `/api/people/${enc(slug)}`);

/** Sends a message to a person through the platform (their address is never shown). */
export const contactPerson = (slug: string, body: { message: string; from?: string }) =>
  api<unknown>('POST', `/api/people/${enc(slug)}/contact`, body);
