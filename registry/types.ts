import type { ThemeSlug } from './themes.js';

/**
 * Registry records as the domain code sees them. They mirror the commons-bundle/1 format
 * (../shared/formats/commons-bundle.md); fields beyond the bundle are optional.
 */

export const RESOURCE_KINDS = [
  'software',
  'method',
  'legal-template',
  'training',
  'guide',
  'dataset',
  'hardware',
  'service',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const PLACE_FAMILIES = [
  'coworking',
  'fablab',
  'cafe',
  'nourricier',
  'culturel',
  'atelier',
  'livinglab',
  'autre',
] as const;
export type PlaceFamily = (typeof PLACE_FAMILIES)[number];
export const USAGE_STATUSES = ['uses', 'interested', 'stopped'] as const;
export type UsageStatus = (typeof USAGE_STATUSES)[number];
export const RESOURCE_STATUSES = ['active', 'dormant', 'archived'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** A commun: software, method, legal template, training… */
export interface Resource {
  slug: string;
  name: string;
  kind: ResourceKind;
  summary: string;
  description?: string;
  features?: string[];
  themes: ThemeSlug[];
  keywords?: string[];
  license?: string;
  url?: string;
  languages?: string[];
  developmentStatus?: 'concept' | 'development' | 'beta' | 'stable' | 'obsolete';
  maintenance?: 'internal' | 'contract' | 'community' | 'none';
  /** Lifecycle in the registry; archived resources are never proposed first. */
  status?: ResourceStatus;
  /** Qualification status computed from assessments. */
  qualification?: 'proposed' | 'under-review' | 'qualified' | 'to-review';
  /** The challenge ("défi") the resource answers. */
  challenge?: string;
  /** How the licence is shown: a recognised open licence, proprietary, or unknown. */
  licenseFlag?: 'open' | 'proprietary' | 'unknown';
}

/** A tiers-lieu. */
export interface Place {
  slug: string;
  name: string;
  city?: string;
  postcode?: string;
  region?: string;
  families?: PlaceFamily[];
  lat?: number;
  lon?: number;
  /** Networks / territorial circles the place belongs to. */
  networks?: string[];
}

/** Someone who may help. `contactable: false` means never proposed. */
export interface Person {
  slug: string;
  name: string;
  place?: string;
  region?: string;
  themes?: ThemeSlug[];
  skills?: string[];
  bio?: string;
  contactable: boolean;
}

/** A place uses (or is interested in, or stopped) a resource. */
export interface Usage {
  resource: string;
  place: string;
  status: UsageStatus;
  note?: string;
}

/** A person can help with a resource. */
export interface Referent {
  resource: string;
  person: string;
  isExpert: boolean;
  note?: string;
}

/** The whole registry in memory: what the switchyard matches against. */
export interface RegistrySnapshot {
  resources: Resource[];
  places: Place[];
  people: Person[];
  usages: Usage[];
  referents: Referent[];
}
