import type { Database } from '../db/open.js';
import { AppError, isClientError } from '../errors.js';
import { normalizeCategory } from '../../registry/wiki/markdown.js';
import { savePageDetailed } from '../../registry/wiki/pages.js';
import type { WikiServices } from '../../registry/wiki/services.js';
import { slugify } from '../../registry/text/slug.js';
import { stmt } from '../../registry/wiki/statements.js';
import { fileNameFrom, fileUrl as storedFileUrl, storeFile } from '../files/files.js';
import type { FileStorage } from '../files/storage.js';
import { canonicalKind, fieldDefsOf, setPageFields } from '../../registry/wiki/fields.js';
import { PLACE_SHEET_DEFAULTS, PlaceMatcher } from './place-sheets.js';
import { readMediawikiXml, type SiteInfo, type XmlPage, type XmlRevision } from './xml-reader.js';
import {
  convertWikitext,
  NS,
  templateKey,
  type Conversion,
  type TemplateMapping,
  type WikitextContext,
} from './wikitext.js';
import type {
  MediawikiImportReport,
  MediawikiImportRow,
  PageProblems,
} from '../contracts/mediawiki.js';

/**
 * MediaWiki import: every page of a MediaWiki XML export, with all its revisions, written through
 * the wiki's own save (`savePageDetailed`), so links, backlinks, categories and search stay right.
 * Each page is one transaction (all its new revisions or none); revisions already imported from the
 * same wiki (keyed by its name and the revision id) are skipped, so importing a file again changes
 * nothing and a newer export adds only what is new, after any edit made here.
 */

/** Options of `importMediawiki`. */
export interface MediawikiImportOptions {
  /** Name shown in the report (the file name). */
  fileName: string;
  /** Namespaces imported as pages, by number or local name; default: the main namespace. */
  namespaces?: string[];
  /** Templates that are data (`--templates MAP.yml`), by template name. */
  templates?: Record<string, TemplateMapping>;
  /** Who runs it: `cli` or `web` (an admin's upload), and the admin's id. */
  via: 'cli' | 'web';
  userId?: number | null;
  /** Called after every page with the number of pages read and of bytes consumed from the input. */
  onProgress?: (pages: number, bytes: number) => void;
  /** URL given to `[[Fichier:X]]` (default: the file's address in this wiki's file store, `/files/x.jpg`). */
  fileUrl?: (name: string) => string;
  /**
   * The files of the source wiki (`--images DIR`: its `images/` folder or dumpUploads' output),
   * stored into `storage` when a page names them. Found by name, in any subfolder.
   */
  images?: { files: Map<string, () => Promise<Uint8Array>>; storage: FileStorage };
  /**
   * Called synchronously right before each batch of pages is written, with every slug its pages
   * may be written at: the server writes the pending co-edits of those pages as revisions first,
   * as before a REST save, so that the imported text does not erase them from the live document.
   */
  beforeWrite?: (slugs: string[]) => void;
  /** Largest size of a gzip export once decompressed, in bytes (`LC_MEDIAWIKI_XML_LIMIT`; default: no limit). */
  maxGunzippedBytes?: number;
}

/**
 * The name a MediaWiki file has here: this wiki's file name rules ("Coop façade.jpg" →
 * "coop-facade.jpg"), or the name as it was when nothing usable is left.
 */
export function importedFileName(name: string): string {
  try {
    return fileNameFrom(name.replace(/_/g, ' '));
  } catch {
    return name;
  }
}

/** A source file name as MediaWiki compares them: underscores as spaces, first letter uppercase. */
export const mediawikiFileKey = (name: string) => {
  const s = name.replace(/_/g, ' ').trim();
  return s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
};

// The report and the listed rows are the contract's (server/contracts/mediawiki.ts): what the
// importer writes is what the OpenAPI document and the client describe.
export type { MediawikiImportReport, MediawikiImportRow, PageProblems };

// Canonical names are valid on every MediaWiki, beside the local ones read from <siteinfo>.
const CANONICAL_NAMESPACES: Record<string, number> = {
  media: -2,
  special: -1,
  talk: 1,
  user: 2,
  'user talk': 3,
  project: 4,
  file: 6,
  image: 6,
  mediawiki: 8,
  template: 10,
  help: 12,
  category: 14,
};

const SQL_KNOWN_REVISIONS = `SELECT rev_id FROM mediawiki_revisions WHERE source = @source AND rev_id IN (SELECT value FROM json_each(@ids))`;
const SQL_MAPPED_PAGE = `SELECT mp.page_id, p.slug FROM mediawiki_pages mp JOIN pages p ON p.id = mp.page_id WHERE mp.source = @source AND mp.mw_page_id = @mwId`;
const SQL_SLUG_OWNER = `SELECT mw_page_id FROM mediawiki_pages WHERE page_id = (SELECT id FROM pages WHERE slug = @slug) AND source = @source`;
const SQL_PAGE_HEAD = `SELECT id, markdown FROM pages WHERE slug = @slug`;
// A history row between the first and the last new revision of a page (see writeRevisions).
const SQL_HISTORY_ROW = `INSERT INTO revisions (page_id, number, title, markdown, summary, author_id, created_at, imported_author, imported_kind, minor)
  VALUES (@pageId, (SELECT MAX(number) + 1 FROM revisions WHERE page_id = @pageId), @title, @markdown, @summary, @authorId, @createdAt, @author, @kind, @minor)
  RETURNING id, number`;
const SQL_HISTORY_ROW_AT = `INSERT INTO revisions (page_id, number, title, markdown, summary, author_id, created_at, imported_author, imported_kind, minor)
  VALUES (@pageId, @number, @title, @markdown, @summary, @authorId, @createdAt, @author, @kind, @minor) RETURNING id`;
const SQL_RENUMBER_REVISION = `UPDATE revisions SET number = @number WHERE id = @id`;
const SQL_PAGE_REVISION = `UPDATE pages SET revision = @number WHERE id = @pageId`;
const SQL_REVISION_AUTHOR = `INSERT OR IGNORE INTO revision_authors (revision_id, user_id) VALUES (@revisionId, @userId)`;
// The page row follows its history rows, so the last save numbers and compares from there.
const SQL_PAGE_AT = `UPDATE pages SET revision = (SELECT MAX(number) FROM revisions WHERE page_id = @pageId), markdown = @markdown WHERE id = @pageId`;
const SQL_SLUG_TAKEN = `SELECT 1 FROM pages WHERE slug = @slug UNION ALL SELECT 1 FROM page_redirects WHERE slug = @slug`;
const SQL_MAP_PAGE = `INSERT OR REPLACE INTO mediawiki_pages (source, mw_page_id, page_id, title) VALUES (@source, @mwId, @pageId, @title)`;
const SQL_USER_BY_NAME = `SELECT id FROM users WHERE name = @name ORDER BY id LIMIT 1`;
const SQL_MARK_REVISION = `UPDATE revisions SET created_at = @createdAt, imported_author = @author, imported_kind = @kind, minor = @minor
  WHERE page_id = @pageId AND number = @number RETURNING id, number`;
const SQL_MAP_REVISION = `INSERT OR IGNORE INTO mediawiki_revisions (source, rev_id, page_id, revision_id) VALUES (@source, @revId, @pageId, @revisionId)`;
const SQL_PAGE_DATES = `UPDATE pages SET updated_at = (SELECT created_at FROM revisions WHERE page_id = @pageId AND number = pages.revision),
    updated_by = (SELECT author_id FROM revisions WHERE page_id = @pageId AND number = pages.revision),
    created_at = CASE WHEN @created THEN (SELECT created_at FROM revisions WHERE page_id = @pageId AND number = 1) ELSE created_at END,
    imported_fields = COALESCE(@fields, imported_fields)
  WHERE id = @pageId`;
const SQL_PAGE_BY_SLUG = `SELECT id, deleted_at FROM pages WHERE slug = @slug`;
const SQL_REDIRECT_AT = `SELECT page_id FROM page_redirects WHERE slug = @slug`;
const SQL_INSERT_REDIRECT = `INSERT INTO page_redirects (slug, page_id) VALUES (@slug, @pageId)`;
const SQL_CATEGORY_DESCRIPTION = `INSERT INTO category_descriptions (category, markdown, source) VALUES (@category, @markdown, @source)
  ON CONFLICT (category) DO UPDATE SET markdown = excluded.markdown, source = excluded.source,
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE category_descriptions.markdown <> excluded.markdown`;
const SQL_START = `INSERT INTO mediawiki_imports (file_name, status, via, user_id) VALUES (@fileName, 'running', @via, @userId)`;
const SQL_FINISH = `UPDATE mediawiki_imports SET status = @status, source = @source, report = @report, error = @error,
  finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = @id`;

/** A source wiki's key: its database name, else the host of its base URL, else its name. */
export function sourceKey(site: SiteInfo): string {
  if (site.dbname) return site.dbname;
  try {
    if (site.base) return new URL(site.base).host;
  } catch {
    // not a URL: fall through to the name
  }
  return site.sitename || 'mediawiki';
}

/** An import failed after it started (malformed XML…): the report of what was done before, and why. */
export class MediawikiImportError extends Error {
  constructor(
    override readonly cause: Error,
    readonly report: MediawikiImportReport,
    readonly importId: number,
  ) {
    super(cause.message);
    this.name = 'MediawikiImportError';
  }
}

const emptyReport = (): MediawikiImportReport => ({
  source: '',
  sitename: '',
  pages: { created: 0, updated: 0, unchanged: 0, failed: 0 },
  revisions: { imported: 0, alreadyImported: 0, suppressedText: 0, unchangedText: 0 },
  redirects: { created: 0, unchanged: 0, skipped: [] },
  categories: { described: 0 },
  leftOut: {},
  files: { count: 0, names: [], stored: 0, missing: [] },
  fields: { written: 0, kept: [] },
  places: { matched: 0, created: 0 },
  templates: { mapped: {}, unmapped: {} },
  problems: [],
  seconds: 0,
});

/** Import timestamps as this wiki stores them (`2020-01-02T03:04:05.000Z`). */
const isoTimestamp = (ts: string) => {
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
};

/** Pages written per transaction, at most (and at most this many characters of wikitext). */
const BATCH_PAGES = 100;
const BATCH_CHARS = 2_000_000;

interface PendingRedirect {
  title: string;
  slug: string;
  target: string;
}

/**
 * Imports a MediaWiki XML export (plain or gzip) read from `input`, and records the import and its
 * report in `mediawiki_imports`.
 * @returns the report.
 * @throws MediawikiImportError (its `cause` a MediawikiXmlError with line and column for malformed
 *   XML): pages read before the error stay imported, each whole; nothing of the broken page is written.
 */
export async function importMediawiki(
  db: Database,
  wiki: WikiServices,
  input: AsyncIterable<Buffer>,
  options: MediawikiImportOptions,
): Promise<{ report: MediawikiImportReport; importId: number }> {
  const started = performance.now();
  const report = emptyReport();
  const importId = Number(
    stmt(db, SQL_START).run({
      fileName: options.fileName,
      via: options.via,
      userId: options.userId ?? null,
    }).lastInsertRowid,
  );
  const templates = new Map(
    Object.entries(options.templates ?? {}).map(([name, m]) => [templateKey(name), m]),
  );
  const fileUrl = options.fileUrl ?? ((name: string) => storedFileUrl(importedFileName(name)));
  const redirects: PendingRedirect[] = [];
  const files = new Set<string>();
  let source = '';
  let namespaceNames = new Map<number, string>();
  const namespaceByName = new Map<string, number>();
  let imported = new Set<number>([NS.main]);
  let pagesRead = 0;
  let bytes = 0;
  const counted = (async function* () {
    for await (const chunk of input) {
      bytes += chunk.length;
      yield chunk;
    }
  })();

  const context = (title: string): WikitextContext => ({
    title,
    namespaceOf: (prefix) => namespaceByName.get(prefix.replace(/_/g, ' ').toLowerCase()),
    importedNamespaces: imported,
    templates,
    fileUrl,
  });

  const onSite = (site: SiteInfo) => {
    source = sourceKey(site);
    report.source = source;
    report.sitename = site.sitename;
    namespaceNames = site.namespaces;
    namespaceByName.clear();
    for (const [name, n] of Object.entries(CANONICAL_NAMESPACES)) namespaceByName.set(name, n);
    for (const [n, name] of site.namespaces) if (name) namespaceByName.set(name.toLowerCase(), n);
    imported = new Set(
      (options.namespaces ?? ['0']).map((ns) => {
        const n = /^-?\d+$/.test(ns.trim())
          ? Number(ns)
          : namespaceByName.get(ns.trim().toLowerCase());
        if (n === undefined)
          throw new AppError(
            400,
            'validation_failed',
            `namespaces: the wiki has no namespace "${ns}"`,
            { field: 'namespaces' },
          );
        return n;
      }),
    );
  };

  const onPage = (page: XmlPage) => {
    pagesRead++;
    try {
      importPage(page);
    } finally {
      options.onProgress?.(pagesRead, bytes);
    }
  };

  const importPage = (page: XmlPage) => {
    const nsName = namespaceNames.get(page.ns) ?? String(page.ns);
    const latest = page.revisions[page.revisions.length - 1];
    if (page.ns === NS.category) {
      if (!latest || latest.text === null) return;
      const name = normalizeCategory(page.title.slice(page.title.indexOf(':') + 1));
      const c = convertWikitext(latest.text, context(page.title));
      if (
        name &&
        stmt(db, SQL_CATEGORY_DESCRIPTION).run({ category: name, markdown: c.markdown, source })
          .changes
      )
        report.categories.described++;
      return;
    }
    if (!imported.has(page.ns)) {
      report.leftOut[nsName || 'principal'] = (report.leftOut[nsName || 'principal'] ?? 0) + 1;
      return;
    }
    if (!latest) return;
    // Every revision imported already (the same file again): nothing to convert or write.
    const ids = page.revisions.map((r) => r.id);
    const known = stmt(db, SQL_KNOWN_REVISIONS).all({ source, ids: JSON.stringify(ids) }) as {
      rev_id: number;
    }[];
    if (known.length === new Set(ids).size) {
      report.revisions.alreadyImported += known.length;
      report.pages.unchanged++;
      return;
    }
    const latestConversion =
      latest.text === null ? null : convertWikitext(latest.text, context(page.title));
    const redirectTarget = page.redirect ?? latestConversion?.redirect ?? null;
    if (redirectTarget) {
      redirects.push({ title: page.title, slug: slugify(page.title), target: redirectTarget });
      return;
    }
    pending.push({ page, latestConversion });
    pendingChars += page.revisions.reduce((n, r) => n + (r.text?.length ?? 0), 0);
    if (pending.length >= BATCH_PAGES || pendingChars >= BATCH_CHARS) flush();
  };

  // Pages are written in batches, one transaction per batch and a savepoint per page: a commit
  // costs more than a small page's writes. The batch is written synchronously, between two reads
  // of the file, so no transaction stays open across an await.
  let pending: { page: XmlPage; latestConversion: Conversion | null }[] = [];
  let pendingChars = 0;
  const flush = () => {
    const batch = pending;
    pending = [];
    pendingChars = 0;
    if (!batch.length) return;
    // No await from here to the batch's commit: nothing typed in between can be overwritten.
    options.beforeWrite?.(batch.flatMap((p) => slugCandidates(p.page)));
    db.transaction(() => batch.forEach((p) => writePage(p.page, p.latestConversion)))();
  };

  /** Where a page may be written: where an earlier import of it went, or its title's slug (see `freeSlug`). */
  const slugCandidates = (page: XmlPage): string[] => {
    const mapped = stmt(db, SQL_MAPPED_PAGE).get({ source, mwId: page.id }) as
      { slug: string } | undefined;
    return [mapped?.slug ?? (slugify(page.title) || `page-${page.id}`)];
  };

  /** All new revisions of one page, or none (a savepoint inside the batch's transaction). */
  const writePage = (page: XmlPage, latestConversion: Conversion | null) => {
    const ids = page.revisions.map((r) => r.id);
    const known = new Set(
      (
        stmt(db, SQL_KNOWN_REVISIONS).all({ source, ids: JSON.stringify(ids) }) as {
          rev_id: number;
        }[]
      ).map((r) => r.rev_id),
    );
    const fresh = page.revisions
      .filter((r) => !known.has(r.id))
      .sort((a, b) =>
        a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id - b.id,
      );
    report.revisions.alreadyImported += known.size;
    if (latestConversion) noteConversion(page.title, latestConversion);
    if (!fresh.length) {
      report.pages.unchanged++;
      return;
    }
    try {
      const outcome = db.transaction(() => writeRevisions(page, fresh, latestConversion))();
      report.pages[outcome]++;
    } catch (err) {
      if (!isClientError(err)) throw err;
      report.pages.failed++;
      addProblem(page.title, slugify(page.title), `not imported: ${err.message}`);
    }
  };

  /**
   * Writes the new revisions of a page. The first and the last go through `savePageDetailed` (the
   * page row, deletion check, links, categories, listeners); those in between are history rows
   * only, written the same way, because nothing derived from the body (links, search) depends on them.
   */
  const writeRevisions = (
    page: XmlPage,
    fresh: XmlRevision[],
    latestConversion: Conversion | null,
  ): 'created' | 'updated' | 'unchanged' => {
    const latest = page.revisions[page.revisions.length - 1];
    const mapped = stmt(db, SQL_MAPPED_PAGE).get({ source, mwId: page.id }) as
      { page_id: number; slug: string } | undefined;
    const slug = mapped?.slug ?? freeSlug(page);
    const existing = stmt(db, SQL_PAGE_HEAD).get({ slug }) as
      { id: number; markdown: string } | undefined;
    let previous: string | null = existing?.markdown ?? null;
    let fields: string | null = null;
    let kind: string | undefined;
    // Consecutive revisions with the same text (a suppressed text, a null edit) write nothing more.
    const steps: { rev: XmlRevision; markdown: string }[] = [];
    const same: XmlRevision[] = [];
    for (const rev of fresh) {
      let markdown: string;
      if (rev.text === null) {
        report.revisions.suppressedText++;
        markdown = previous ?? '';
      } else {
        const conversion =
          rev === latest && latestConversion
            ? latestConversion
            : convertWikitext(rev.text, context(page.title));
        markdown = conversion.markdown;
        if (conversion.fields) {
          fields = JSON.stringify({
            template: conversion.fields.template,
            fields: conversion.fields.fields,
          });
          kind = conversion.fields.kind ? canonicalKind(conversion.fields.kind) : kind;
        }
      }
      if (markdown === previous) {
        same.push(rev);
        report.revisions.unchangedText++;
      } else steps.push({ rev, markdown });
      previous = markdown;
    }
    let pageId = existing?.id ?? null;
    let created = false;
    const save = (step: { rev: XmlRevision; markdown: string }) => {
      const author = authorOf(step.rev);
      const result = savePageDetailed(db, wiki, {
        slug,
        title: page.title,
        markdown: step.markdown,
        summary: (step.rev.comment ?? '').slice(0, 500),
        authorIds: author.userId ? [author.userId] : [],
        origin: 'import',
        ...(kind ? { kind } : {}),
      });
      pageId = result.page.id;
      created ||= result.created;
      if (!result.changed) return null;
      return stmt(db, SQL_MARK_REVISION).get({
        createdAt: isoTimestamp(step.rev.timestamp),
        author: author.name,
        kind: author.kind,
        minor: step.rev.minor ? 1 : 0,
        pageId,
        number: result.page.revision,
      }) as { id: number; number: number };
    };
    const record = (rev: XmlRevision, revisionId: number | null) => {
      if (revisionId !== null) report.revisions.imported++;
      stmt(db, SQL_MAP_REVISION).run({ source, revId: rev.id, pageId, revisionId });
    };
    if (!existing && steps.length > 1) {
      // A new page: only its newest revision is parsed (links, categories, listeners); the older
      // ones are history rows numbered before it. The newest is saved first, then renumbered.
      const last = steps[steps.length - 1];
      const row = save(last);
      if (row && pageId !== null) {
        stmt(db, SQL_RENUMBER_REVISION).run({ id: row.id, number: steps.length });
        stmt(db, SQL_PAGE_REVISION).run({ pageId, number: steps.length });
        steps.slice(0, -1).forEach((step, k) => {
          const author = authorOf(step.rev);
          const r = stmt(db, SQL_HISTORY_ROW_AT).get({
            pageId,
            number: k + 1,
            title: page.title,
            markdown: step.markdown,
            summary: (step.rev.comment ?? '').slice(0, 500),
            authorId: author.userId,
            createdAt: isoTimestamp(step.rev.timestamp),
            author: author.name,
            kind: author.kind,
            minor: step.rev.minor ? 1 : 0,
          }) as { id: number };
          if (author.userId)
            stmt(db, SQL_REVISION_AUTHOR).run({ revisionId: r.id, userId: author.userId });
          record(step.rev, r.id);
        });
      }
      record(last.rev, row?.id ?? null);
      steps.length = 0;
    }
    steps.forEach((step, k) => {
      if (k === 0 || k === steps.length - 1) {
        if (k > 0) stmt(db, SQL_PAGE_AT).run({ pageId, markdown: steps[k - 1].markdown });
        const row = save(step);
        record(step.rev, row?.id ?? null);
        return;
      }
      const author = authorOf(step.rev);
      const row = stmt(db, SQL_HISTORY_ROW).get({
        pageId,
        title: page.title,
        markdown: step.markdown,
        summary: (step.rev.comment ?? '').slice(0, 500),
        authorId: author.userId,
        createdAt: isoTimestamp(step.rev.timestamp),
        author: author.name,
        kind: author.kind,
        minor: step.rev.minor ? 1 : 0,
      }) as { id: number };
      if (author.userId)
        stmt(db, SQL_REVISION_AUTHOR).run({ revisionId: row.id, userId: author.userId });
      record(step.rev, row.id);
    });
    if (pageId === null) return 'unchanged';
    for (const rev of same) record(rev, null);
    stmt(db, SQL_MAP_PAGE).run({ source, mwId: page.id, pageId, title: page.title });
    stmt(db, SQL_PAGE_DATES).run({ pageId, created: created ? 1 : 0, fields });
    if (fields) {
      const sheet = JSON.parse(fields) as { template: string; fields: Record<string, string> };
      const values = { ...sheet.fields };
      const placeMapping = templates.get(sheet.template)?.place;
      if (placeMapping) {
        // A place sheet: the page links to the registry's place, found or created, in its field.
        places ??= new PlaceMatcher(db, source);
        const linked = places.link(values, placeMapping, page.title, page.id);
        if (linked.slug === null)
          addProblem(page.title, slug, 'place sheet without a name: not linked to a place');
        else {
          report.places![linked.outcome]++;
          values[placeMapping.field ?? PLACE_SHEET_DEFAULTS.field] = linked.slug;
        }
      }
      writeFields(page.title, pageId, kind, values);
    }
    return created ? 'created' : steps.length ? 'updated' : 'unchanged';
  };

  /** The page's slug; another source page holding it already makes it `slug-2`, `slug-3`… */
  const freeSlug = (page: XmlPage): string => {
    const base = slugify(page.title) || `page-${page.id}`;
    let slug = base;
    for (let n = 2; ; n++) {
      const owner = stmt(db, SQL_SLUG_OWNER).get({ source, slug }) as
        { mw_page_id: number } | undefined;
      // A page created here (not imported) at that slug gets the imported revisions after its own.
      if (!owner && (slug === base || !stmt(db, SQL_SLUG_TAKEN).get({ slug }))) break;
      if (owner?.mw_page_id === page.id) break;
      slug = `${base}-${n}`.slice(0, 120);
    }
    if (slug !== base)
      addProblem(page.title, slug, `its slug "${base}" is another page's: imported as "${slug}"`);
    return slug;
  };

  /**
   * Template parameters become the page's structured fields where its kind declares them; the
   * others stay in `imported_fields` and are reported (an admin may declare them and import again).
   */
  const writeFields = (
    title: string,
    pageId: number,
    kind: string | undefined,
    values: Record<string, string>,
  ) => {
    const declared = new Set(kind ? fieldDefsOf(db, kind).map((d) => d.name) : []);
    const keep = (field: string, reason: string) => {
      // The report lists the first 200 (a whole wiki without declared fields would list every page).
      report.fields.keptCount = (report.fields.keptCount ?? 0) + 1;
      if (report.fields.kept.length < 200) report.fields.kept.push({ title, field, reason });
    };
    const known: Record<string, string> = {};
    for (const [field, value] of Object.entries(values)) {
      if (declared.has(field)) known[field] = value;
      else keep(field, `no field "${field}" declared for the kind "${kind ?? 'practice'}"`);
    }
    if (!Object.keys(known).length) return;
    try {
      setPageFields(db, pageId, known);
      report.fields.written += Object.keys(known).length;
    } catch (err) {
      if (!isClientError(err)) throw err;
      // One bad value: write the others, report that one.
      for (const [field, value] of Object.entries(known)) {
        try {
          setPageFields(db, pageId, { [field]: value });
          report.fields.written++;
        } catch (e) {
          if (!isClientError(e)) throw e;
          keep(field, e.message);
        }
      }
    }
  };

  let places: PlaceMatcher | null = null;
  const authorCache = new Map<string, number | null>();
  const authorOf = (
    rev: XmlRevision,
  ): { userId: number | null; name: string | null; kind: 'user' | 'ip' | 'suppressed' } => {
    const c = rev.contributor;
    if (c.deleted) return { userId: null, name: null, kind: 'suppressed' };
    if (!c.username) return { userId: null, name: null, kind: 'ip' };
    let userId = authorCache.get(c.username);
    if (userId === undefined) {
      userId =
        (stmt(db, SQL_USER_BY_NAME).get({ name: c.username }) as { id: number } | undefined)?.id ??
        null;
      authorCache.set(c.username, userId);
    }
    return { userId, name: c.username, kind: 'user' };
  };

  // By title: a linear search of the report's list was quadratic on a wiki with many such pages.
  const problemsByTitle = new Map<string, PageProblems>();
  const addProblem = (title: string, slug: string, problem: string) => {
    let entry = problemsByTitle.get(title);
    if (!entry) {
      entry = { title, slug, problems: [] };
      problemsByTitle.set(title, entry);
      report.problems.push(entry);
    }
    if (!entry.problems.includes(problem)) entry.problems.push(problem);
  };

  const noteConversion = (title: string, c: Conversion) => {
    for (const f of c.files) files.add(f);
    if (c.fields)
      report.templates.mapped[c.fields.template] =
        (report.templates.mapped[c.fields.template] ?? 0) + 1;
    for (const t of c.unmappedTemplates)
      report.templates.unmapped[t] = (report.templates.unmapped[t] ?? 0) + 1;
    for (const t of c.unmappedTemplates)
      addProblem(title, slugify(title), `template {{${t}}} kept as written (not mapped)`);
    for (const p of c.problems) addProblem(title, slugify(title), p);
  };

  const finish = (status: 'done' | 'failed', error: string | null) => {
    report.files = { ...report.files, count: files.size, names: [...files].slice(0, 200) };
    report.seconds = Math.round((performance.now() - started) / 10) / 100;
    stmt(db, SQL_FINISH).run({
      id: importId,
      status,
      source: source || null,
      report: JSON.stringify(report),
      error,
    });
  };

  try {
    try {
      await readMediawikiXml(
        counted,
        { siteinfo: onSite, page: onPage },
        { maxGunzippedBytes: options.maxGunzippedBytes },
      );
    } finally {
      // Pages read whole before an error in the file are imported too.
      if (pending.length) flush();
    }
    db.transaction(() => writeRedirects(db, source, redirects, report))();
    if (options.images) await storeImages(db, options.images, files, report);
    wiki.pagesExistenceChanged();
  } catch (err) {
    wiki.pagesExistenceChanged();
    finish('failed', (err as Error).message);
    throw new MediawikiImportError(err as Error, report, importId);
  }
  finish('done', null);
  return { report, importId };
}

/**
 * Redirects, once every page is in: a redirect names its target page by id (followed through
 * other redirects of the file). One whose slug is its target's own (`Tiers lieu` → `Tiers-lieu`),
 * or a page's, is skipped and reported; its target's text is never touched.
 */
function writeRedirects(
  db: Database,
  source: string,
  redirects: PendingRedirect[],
  report: MediawikiImportReport,
): void {
  const bySlug = new Map(redirects.map((r) => [r.slug, r]));
  const resolve = (title: string): number | null => {
    let slug = slugify(title.split('#')[0]);
    for (let hop = 0; hop < 10; hop++) {
      const page = stmt(db, SQL_PAGE_BY_SLUG).get({ slug }) as
        { id: number; deleted_at: string | null } | undefined;
      if (page) return page.id;
      const existing = stmt(db, SQL_REDIRECT_AT).get({ slug }) as { page_id: number } | undefined;
      if (existing) return existing.page_id;
      const next = bySlug.get(slug);
      if (!next) return null;
      slug = slugify(next.target.split('#')[0]);
    }
    return null;
  };
  for (const r of redirects) {
    const skip = (reason: string) => report.redirects.skipped.push({ title: r.title, reason });
    if (!r.slug) {
      skip('its title gives no slug');
      continue;
    }
    if (slugify(r.target.split('#')[0]) === r.slug) {
      skip("its slug is its target's own: the target page stays as it is");
      continue;
    }
    if (stmt(db, SQL_PAGE_BY_SLUG).get({ slug: r.slug })) {
      skip(`a page holds the slug "${r.slug}"`);
      continue;
    }
    const pageId = resolve(r.target);
    if (pageId === null) {
      skip(`its target "${r.target}" is not in the wiki`);
      continue;
    }
    const existing = stmt(db, SQL_REDIRECT_AT).get({ slug: r.slug }) as
      { page_id: number } | undefined;
    if (existing) {
      if (existing.page_id === pageId) report.redirects.unchanged++;
      else skip(`the redirect "${r.slug}" already leads to another page`);
      continue;
    }
    stmt(db, SQL_INSERT_REDIRECT).run({ slug: r.slug, pageId });
    report.redirects.created++;
  }
  void source;
}

/**
 * Stores the files pages name from the source wiki's files (`--images`), under this wiki's names,
 * attached to no page (the pages link to them by address). A file already stored with the same
 * bytes is not stored twice. Missing files are reported.
 */
async function storeImages(
  db: Database,
  images: NonNullable<MediawikiImportOptions['images']>,
  names: Set<string>,
  report: MediawikiImportReport,
): Promise<void> {
  for (const name of names) {
    const read = images.files.get(mediawikiFileKey(name));
    if (!read) {
      if (report.files.missing.length < 200) report.files.missing.push(name);
      continue;
    }
    try {
      const result = await storeFile(db, images.storage, {
        bytes: await read(),
        name: importedFileName(name),
        originalName: name,
        userId: null,
        comment: 'import MediaWiki',
      });
      if (result.changed) report.files.stored++;
    } catch (err) {
      if (!isClientError(err)) throw err;
      if (report.files.missing.length < 200) report.files.missing.push(`${name} (${err.message})`);
    }
  }
}

interface ImportRowDb {
  id: number;
  source: string | null;
  file_name: string;
  status: 'running' | 'done' | 'failed';
  via: 'cli' | 'web';
  user_name: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  report: string;
}

const SQL_IMPORTS = `SELECT i.id, i.source, i.file_name, i.status, i.via, u.name AS user_name, i.error, i.started_at, i.finished_at, i.report
  FROM mediawiki_imports i LEFT JOIN users u ON u.id = i.user_id`;

const toImportRow = (r: ImportRowDb, withReport: boolean): MediawikiImportRow => ({
  id: r.id,
  source: r.source,
  fileName: r.file_name,
  status: r.status,
  via: r.via,
  userName: r.user_name,
  error: r.error,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  report: withReport && r.report !== '{}' ? (JSON.parse(r.report) as MediawikiImportReport) : null,
});

/** The imports, newest first (without their reports). */
export function listMediawikiImports(db: Database, limit = 100): MediawikiImportRow[] {
  const rows = db
    .prepare(`${SQL_IMPORTS} ORDER BY i.id DESC LIMIT @limit`)
    .all({ limit }) as ImportRowDb[];
  return rows.map((r) => toImportRow(r, false));
}

/** One import with its report, or undefined. */
export function findMediawikiImport(db: Database, id: number): MediawikiImportRow | undefined {
  const row = db.prepare(`${SQL_IMPORTS} WHERE i.id = @id`).get({ id }) as ImportRowDb | undefined;
  return row && toImportRow(row, true);
}
