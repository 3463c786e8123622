import { createHash } from 'node:crypto';
import type { Database } from '../db/open.js';
import { markdownToWikitext } from './markdown-to-wikitext.js';

/**
 * `export-mediawiki`: the wiki as a MediaWiki XML export (schema 0.11, as `Special:Export` writes
 * it), so a network can move to a stock MediaWiki (`importDump.php`, `Special:Import`) with every
 * page's history. Deleted pages are left out; redirects (former slugs) become redirect pages;
 * category descriptions become category pages. Nobody's e-mail is written: authors are names.
 */

/** Options of `exportMediawiki`. */
export interface MediawikiExportOptions {
  /** Public address of the wiki (`<base>`). */
  publicUrl: string;
  sitename?: string;
}

/** What an export wrote. */
export interface MediawikiExportSummary {
  pages: number;
  revisions: number;
  redirects: number;
  categories: number;
}

// The French MediaWiki's namespace names (languages/messages/MessagesFr.php).
const NAMESPACES: [number, string][] = [
  [-2, 'Média'],
  [-1, 'Spécial'],
  [0, ''],
  [1, 'Discussion'],
  [2, 'Utilisateur'],
  [3, 'Discussion utilisateur'],
  [4, 'Projet'],
  [5, 'Discussion Projet'],
  [6, 'Fichier'],
  [7, 'Discussion fichier'],
  [8, 'MediaWiki'],
  [9, 'Discussion MediaWiki'],
  [10, 'Modèle'],
  [11, 'Discussion modèle'],
  [12, 'Aide'],
  [13, 'Discussion aide'],
  [14, 'Catégorie'],
  [15, 'Discussion catégorie'],
];

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** MediaWiki's revision hash: SHA-1 in base 36, 31 digits. */
export const mediawikiSha1 = (text: string) =>
  BigInt(`0x${createHash('sha1').update(text, 'utf8').digest('hex')}`)
    .toString(36)
    .padStart(31, '0');

/** `2024-07-24T17:52:45Z`, as exports write timestamps. */
const timestamp = (iso: string) => `${iso.replace(' ', 'T').slice(0, 19)}Z`;

interface PageRow {
  id: number;
  slug: string;
  title: string;
  revision: number;
  imported_fields: string | null;
}
interface RevisionRow {
  id: number;
  number: number;
  markdown: string;
  summary: string;
  created_at: string;
  minor: number;
  author_id: number | null;
  author_name: string | null;
  imported_author: string | null;
  imported_kind: string | null;
}

const SQL_PAGES = `SELECT id, slug, title, revision, imported_fields FROM pages WHERE deleted_at IS NULL ORDER BY id`;
const SQL_REVISIONS = `SELECT r.id, r.number, r.markdown, r.summary, r.created_at, r.minor, r.author_id, u.name AS author_name,
    r.imported_author, r.imported_kind
  FROM revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.page_id = @pageId ORDER BY r.number`;
const SQL_EXPLICIT_CATEGORIES = `SELECT category FROM page_categories WHERE page_id = @pageId AND source = 'explicit' ORDER BY category`;
const SQL_REDIRECTS = `SELECT g.slug, p.title FROM page_redirects g JOIN pages p ON p.id = g.page_id WHERE p.deleted_at IS NULL ORDER BY g.slug`;
const SQL_CATEGORY_DESCRIPTIONS = `SELECT category, markdown, updated_at FROM category_descriptions ORDER BY category`;
const SQL_MAX_IDS = `SELECT (SELECT COALESCE(MAX(id), 0) FROM pages) AS page, (SELECT COALESCE(MAX(id), 0) FROM revisions) AS revision`;

/**
 * Writes the export through `write` (called with successive pieces of the file, page by page).
 * @returns how many pages, revisions, redirects and category pages were written.
 */
export function exportMediawiki(
  db: Database,
  write: (chunk: string) => void,
  options: MediawikiExportOptions,
): MediawikiExportSummary {
  const summary: MediawikiExportSummary = { pages: 0, revisions: 0, redirects: 0, categories: 0 };
  const titles = new Map<string, string>();
  for (const p of db
    .prepare(`SELECT slug, title FROM pages WHERE deleted_at IS NULL`)
    .iterate() as Iterable<{ slug: string; title: string }>) {
    titles.set(p.slug, p.title);
  }
  for (const r of db.prepare(SQL_REDIRECTS).iterate() as Iterable<{ slug: string; title: string }>)
    titles.set(r.slug, r.title);
  const convert = { titleOf: (slug: string) => titles.get(slug), fileOf: fileOfUrl };
  const base = options.publicUrl.replace(/\/$/, '');

  write(
    `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" version="0.11" xml:lang="fr">\n` +
      `  <siteinfo>\n    <sitename>${xml(options.sitename ?? 'Lieux Communs')}</sitename>\n    <dbname>lieux-communs</dbname>\n` +
      `    <base>${xml(`${base}/wiki/accueil`)}</base>\n    <generator>Lieux Communs</generator>\n    <case>first-letter</case>\n    <namespaces>\n` +
      NAMESPACES.map(([k, n]) =>
        n
          ? `      <namespace key="${k}" case="first-letter">${xml(n)}</namespace>\n`
          : `      <namespace key="${k}" case="first-letter" />\n`,
      ).join('') +
      `    </namespaces>\n  </siteinfo>\n`,
  );

  const revisions = db.prepare(SQL_REVISIONS);
  const explicit = db.prepare(SQL_EXPLICIT_CATEGORIES).pluck();
  for (const page of db.prepare(SQL_PAGES).iterate() as Iterable<PageRow>) {
    const rows = revisions.all({ pageId: page.id }) as RevisionRow[];
    const categories = explicit.all({ pageId: page.id }) as string[];
    let parent: number | null = null;
    let body = `  <page>\n    <title>${xml(page.title)}</title>\n    <ns>0</ns>\n    <id>${page.id}</id>\n`;
    for (const r of rows) {
      const last = r.number === page.revision;
      const text =
        (last ? infobox(page.imported_fields) : '') +
        markdownToWikitext(r.markdown, convert, last ? categories : []);
      body += revisionXml({
        id: r.id,
        parent,
        timestamp: timestamp(r.created_at),
        contributor: contributorXml(r),
        minor: r.minor === 1,
        comment: r.summary,
        text,
      });
      parent = r.id;
      summary.revisions++;
    }
    write(`${body}  </page>\n`);
    summary.pages++;
  }

  // Redirects and category pages get ids after the pages' and revisions' own.
  const max = db.prepare(SQL_MAX_IDS).get() as { page: number; revision: number };
  let pageId = max.page;
  let revId = max.revision;
  const now = timestamp(new Date().toISOString());
  for (const r of db.prepare(SQL_REDIRECTS).iterate() as Iterable<{
    slug: string;
    title: string;
  }>) {
    const title = r.slug;
    write(
      `  <page>\n    <title>${xml(title)}</title>\n    <ns>0</ns>\n    <id>${++pageId}</id>\n    <redirect title="${xml(r.title)}" />\n` +
        revisionXml({
          id: ++revId,
          parent: null,
          timestamp: now,
          contributor: '<contributor deleted="deleted" />',
          minor: false,
          comment: '',
          text: `#REDIRECTION [[${r.title}]]`,
        }) +
        `  </page>\n`,
    );
    summary.redirects++;
  }
  for (const c of db.prepare(SQL_CATEGORY_DESCRIPTIONS).iterate() as Iterable<{
    category: string;
    markdown: string;
    updated_at: string;
  }>) {
    write(
      `  <page>\n    <title>Catégorie:${xml(c.category)}</title>\n    <ns>14</ns>\n    <id>${++pageId}</id>\n` +
        revisionXml({
          id: ++revId,
          parent: null,
          timestamp: timestamp(c.updated_at),
          contributor: '<contributor deleted="deleted" />',
          minor: false,
          comment: '',
          text: markdownToWikitext(c.markdown, convert),
        }) +
        `  </page>\n`,
    );
    summary.categories++;
  }
  write('</mediawiki>\n');
  return summary;
}

/**
 * The template an imported page's fields came from, written back in front of its latest text
 * (`{{Lieu\n|ville=Lille\n}}`), so a MediaWiki gets its infobox again.
 */
function infobox(json: string | null): string {
  if (!json) return '';
  const { template, fields } = JSON.parse(json) as {
    template: string;
    fields: Record<string, string>;
  };
  const params = Object.entries(fields).map(([k, v]) => `|${k}=${v.replace(/\|/g, '{{!}}')}\n`);
  return `{{${template}\n${params.join('')}}}\n`;
}

/** `/files/Photo.jpg` (what the importer writes for `[[Fichier:Photo.jpg]]`) → `Photo.jpg`. */
function fileOfUrl(url: string): string | undefined {
  const m = /^\/files\/([^/?#]+)$/.exec(url);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]).replace(/_/g, ' ');
  } catch {
    return undefined;
  }
}

/** The contributor element: a local account or an imported name as a user, an IP edit as anonymous. */
function contributorXml(r: RevisionRow): string {
  if (r.author_id !== null && r.author_name !== null) {
    return `<contributor>\n        <username>${xml(r.author_name)}</username>\n        <id>${r.author_id}</id>\n      </contributor>`;
  }
  if (r.imported_kind === 'user' && r.imported_author) {
    return `<contributor>\n        <username>${xml(r.imported_author)}</username>\n      </contributor>`;
  }
  // No IP address is kept: an anonymous edit is written as MediaWiki's unknown address.
  if (r.imported_kind === 'ip')
    return `<contributor>\n        <ip>0.0.0.0</ip>\n      </contributor>`;
  return `<contributor deleted="deleted" />`;
}

/** One `<revision>`, its elements in the order of export-0.11.xsd's RevisionType. */
function revisionXml(r: {
  id: number;
  parent: number | null;
  timestamp: string;
  contributor: string;
  minor: boolean;
  comment: string;
  text: string;
}): string {
  const bytes = Buffer.byteLength(r.text, 'utf8');
  const sha1 = mediawikiSha1(r.text);
  return (
    `    <revision>\n      <id>${r.id}</id>\n` +
    (r.parent !== null ? `      <parentid>${r.parent}</parentid>\n` : '') +
    `      <timestamp>${r.timestamp}</timestamp>\n      ${r.contributor}\n` +
    (r.minor ? `      <minor />\n` : '') +
    `      <comment>${xml(r.comment)}</comment>\n      <origin>${r.id}</origin>\n      <model>wikitext</model>\n      <format>text/x-wiki</format>\n` +
    `      <text bytes="${bytes}" sha1="${sha1}" xml:space="preserve">${xml(r.text)}</text>\n      <sha1>${sha1}</sha1>\n    </revision>\n`
  );
}
