import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { slugify } from './text/slug.js';
import { RegistryError } from './errors.js';
import {
  upsertResource,
  type Change,
  type RegistryHooks,
  type ResourceRecord,
} from './resources.js';
import { ResourceSchema, type ResourceInput } from './schema.js';
import type { ThemeSlug } from './themes.js';

/**
 * Import of a publiccode.yml file (https://yml.publiccode.tools, versions 0.2–0.4) as a software
 * resource: name, description (French first, then English, then any language: shortDescription,
 * longDescription, features, documentation), legal.license, url / landingURL, developmentStatus,
 * maintenance.type, localisation.availableLanguages, and the categories mapped to themes as well
 * as possible (kept as keywords too).
 */

// publiccode.yml categories → registry themes (best effort; unknown categories only become keywords).
const CATEGORY_THEMES: Record<string, ThemeSlug[]> = {
  accounting: ['gestion'],
  'agile-project-management': ['gestion'],
  'applicant-tracking': ['rh'],
  'application-development': ['numerique'],
  'appointment-scheduling': ['gestion'],
  backup: ['numerique'],
  'billing-and-invoicing': ['gestion'],
  blog: ['communication'],
  budgeting: ['gestion', 'financement'],
  'business-intelligence': ['evaluation'],
  'business-process-management': ['gestion'],
  cad: ['fabrication'],
  'call-center-management': ['communication'],
  'cloud-management': ['numerique'],
  collaboration: ['numerique'],
  communications: ['communication'],
  'compliance-management': ['juridique'],
  'contact-management': ['gestion'],
  'content-management': ['communication'],
  crm: ['gestion'],
  'customer-service-and-support': ['gestion'],
  'data-analytics': ['evaluation'],
  'data-collection': ['evaluation'],
  'data-visualization': ['evaluation'],
  'digital-asset-management': ['documentation'],
  'digital-citizenship': ['collectivites'],
  'document-management': ['documentation'],
  'donor-management': ['financement'],
  'e-commerce': ['gestion'],
  'e-signature': ['juridique'],
  'email-management': ['communication'],
  'email-marketing': ['communication'],
  'employee-management': ['rh'],
  'enterprise-project-management': ['gestion'],
  'enterprise-social-networking': ['animation'],
  erp: ['gestion'],
  'event-management': ['animation'],
  'facility-management': ['foncier'],
  'feedback-and-reviews-management': ['evaluation'],
  'financial-reporting': ['gestion'],
  'fleet-management': ['gestion'],
  'fund-accounting': ['gestion', 'financement'],
  gamification: ['animation'],
  'geographic-information-systems': ['numerique'],
  'grant-management': ['financement'],
  'graphic-design': ['communication'],
  hr: ['rh'],
  'help-desk': ['gestion'],
  'identity-management': ['numerique'],
  'instant-messaging': ['numerique'],
  'inventory-management': ['gestion'],
  'it-asset-management': ['numerique'],
  'it-development': ['numerique'],
  'it-management': ['numerique'],
  'it-security': ['numerique'],
  'it-service-management': ['numerique'],
  'knowledge-management': ['documentation'],
  'learning-management-system': ['formation'],
  marketing: ['communication'],
  'mind-mapping': ['documentation'],
  'mobile-marketing': ['communication'],
  'mobile-payment': ['gestion'],
  'network-management': ['numerique'],
  office: ['numerique'],
  'online-booking': ['gestion'],
  'online-community': ['animation'],
  'payment-gateway': ['gestion'],
  payroll: ['rh'],
  'predictive-analysis': ['evaluation'],
  procurement: ['gestion'],
  'productivity-suite': ['numerique'],
  'project-collaboration': ['gestion'],
  'project-management': ['gestion'],
  'property-management': ['foncier'],
  'real-estate-management': ['foncier'],
  'remote-support': ['numerique'],
  'resource-management': ['gestion'],
  'sales-management': ['gestion'],
  'social-media-management': ['communication'],
  survey: ['evaluation'],
  'task-management': ['gestion'],
  'taxes-management': ['gestion'],
  'time-management': ['gestion'],
  'time-tracking': ['rh'],
  translation: ['communication'],
  'video-conferencing': ['numerique'],
  'video-editing': ['communication'],
  'visitor-management': ['gestion'],
  voip: ['numerique'],
  warehouse: ['gestion'],
  'web-collaboration': ['numerique'],
  'web-conferencing': ['numerique'],
  'website-builder': ['communication'],
  'workflow-management': ['gestion'],
  accessibility: ['inclusion'],
  'e-learning': ['formation'],
  'e-democracy': ['gouvernance'],
  voting: ['gouvernance'],
};

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : undefined;
const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : [];
const httpUrl = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^https?:\/\/\S+$/i.test(s) ? s : undefined;
};

/** Shortens a text to `max` characters on a word boundary, with an ellipsis. */
function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/**
 * The slug of an imported software: its name's; for a name with no Latin letter or digit
 * (美杜莎), its repository's last path segment's, else a hash of the name. (A fixed fallback made
 * every such software the same resource: each import overwrote the previous one.)
 */
function slugOf(name: string, repo: string | undefined): string {
  const fromName = slugify(name).slice(0, 120);
  if (fromName) return fromName;
  const segment =
    (repo ?? '')
      .replace(/[?#].*$/, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? '';
  const fromRepo = slugify(segment.replace(/\.git$/i, '')).slice(0, 100);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return fromRepo ? `${fromRepo}-${hash}` : `logiciel-${hash}`;
}

const fail = (field: string, message: string) =>
  new RegistryError('bundle_invalid', `publiccode.yml: ${field}: ${message}`, {
    record: 'publiccode.yml',
    field,
  });

/**
 * Maps publiccode.yml text to resource input.
 * @throws RegistryError `bundle_invalid` (record "publiccode.yml") on YAML errors or a missing name / description.
 */
export function resourceFromPubliccode(yamlText: string): ResourceInput {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch (err) {
    throw fail('file', `not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (!isDict(doc)) throw fail('file', 'expected a YAML mapping');
  // A name YAML reads as a number (`name: 2048`) is still the name.
  const name = str(typeof doc.name === 'number' ? String(doc.name) : doc.name);
  if (!name) throw fail('name', 'required');
  const descriptions = isDict(doc.description) ? doc.description : {};
  const langs = Object.keys(descriptions);
  const lang = ['fr', 'fr-FR', 'en', 'en-GB', 'en-US', ...langs].find((l) =>
    isDict(descriptions[l]),
  );
  const d: Dict = lang ? (descriptions[lang] as Dict) : {};
  const short = str(d.shortDescription) ?? str(d.genericName) ?? str(d.longDescription);
  if (!short) throw fail(`description.${lang ?? 'fr'}.shortDescription`, 'required');
  const categories = strList(doc.categories);
  const themes = [...new Set(categories.flatMap((c) => CATEGORY_THEMES[c] ?? []))];
  const legal = isDict(doc.legal) ? doc.legal : {};
  const maintenance = isDict(doc.maintenance) ? str(doc.maintenance.type) : undefined;
  const organisation = isDict(doc.organisation) ? str(doc.organisation.name) : undefined;
  const localisation = isDict(doc.localisation) ? doc.localisation : {};
  const repo = httpUrl(doc.url);
  const input: Dict = {
    slug: slugOf(name, repo),
    name: clip(name, 200),
    kind: 'software',
    summary: clip(short, 200),
    themes: themes.length ? themes : ['numerique'],
    keywords: [
      ...new Set([...categories, ...(str(d.genericName) ? [str(d.genericName)!] : [])]),
    ].slice(0, 200),
  };
  const long = str(d.longDescription);
  if (long) input.description = long.slice(0, 50_000);
  const features = strList(d.features).map((f) => clip(f, 500));
  if (features.length) input.features = features.slice(0, 100);
  if (str(legal.license)) input.license = str(legal.license);
  input.url = httpUrl(doc.landingURL) ?? repo;
  if (repo) input.sourceUrl = repo;
  if (httpUrl(d.documentation)) input.documentationUrl = httpUrl(d.documentation);
  const status = str(doc.developmentStatus);
  if (status && ['concept', 'development', 'beta', 'stable', 'obsolete'].includes(status))
    input.developmentStatus = status;
  if (maintenance && ['internal', 'contract', 'community', 'none'].includes(maintenance))
    input.maintenance = maintenance;
  const owner = organisation ?? str(legal.mainCopyrightOwner) ?? str(legal.repoOwner);
  if (owner) input.organisation = clip(owner, 300);
  const languages = strList(localisation.availableLanguages).filter((l) =>
    /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(l),
  );
  if (languages.length) input.languages = languages;
  const parsed = ResourceSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(issue.path.join('.') || 'file', issue.message);
  }
  return parsed.data;
}

/** Imports a publiccode.yml file as a software resource (upsert by the slug of its name). */
export function importPubliccode(
  db: Database,
  yamlText: string,
  opts: { hooks?: RegistryHooks; proposedBy?: number | null } = {},
): { record: ResourceRecord; change: Change } {
  const input = resourceFromPubliccode(yamlText);
  return upsertResource(db, input, {
    mode: 'merge',
    hooks: opts.hooks,
    proposedBy: opts.proposedBy,
  });
}
