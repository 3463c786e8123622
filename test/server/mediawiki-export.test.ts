import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open.js';
import { exportMediawiki, mediawikiSha1 } from '../../server/mediawiki/export.js';
import { importMediawiki } from '../../server/mediawiki/import.js';
import { parseTemplateMap } from '../../server/mediawiki/templates-map.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/mediawiki/', import.meta.url).pathname;
const TEMPLATES = parseTemplateMap(readFileSync(`${FIXTURES}templates.yml`, 'utf8'));

async function importInto(db: Database, input: AsyncIterable<Buffer>, name: string) {
  return importMediawiki(db, new WikiServices(db), input, {
    fileName: name,
    via: 'cli',
    templates: TEMPLATES,
  });
}
function exportOf(db: Database): string {
  let out = '';
  exportMediawiki(db, (chunk) => (out += chunk), { publicUrl: 'https://wiki.example' });
  return out;
}
/** Every page's history as compared by the round trip (timestamps to the second, as exports keep them). */
function histories(db: Database) {
  return db
    .prepare(
      `SELECT p.slug, p.title, p.kind, p.imported_fields, r.number, substr(r.created_at, 1, 19) AS at, r.summary, r.minor,
         COALESCE(u.name, r.imported_author) AS author, r.markdown
       FROM revisions r JOIN pages p ON p.id = r.page_id LEFT JOIN users u ON u.id = r.author_id
       WHERE p.deleted_at IS NULL ORDER BY p.slug, r.number`,
    )
    .all();
}
const redirects = (db: Database) =>
  db
    .prepare(
      `SELECT g.slug, p.slug AS target FROM page_redirects g JOIN pages p ON p.id = g.page_id ORDER BY g.slug`,
    )
    .all();

/**
 * The element order of MediaWiki's export schema (docs/export-0.11.xsd in wikimedia/mediawiki):
 * each complex type's <sequence>, with the elements that may be left out.
 */
const XSD_SEQUENCES: Record<string, { order: string[]; required: string[] }> = {
  mediawiki: { order: ['siteinfo', 'page', 'logitem'], required: [] },
  siteinfo: {
    order: ['sitename', 'dbname', 'base', 'generator', 'case', 'namespaces'],
    required: [],
  },
  namespaces: { order: ['namespace'], required: [] },
  page: {
    order: ['title', 'ns', 'id', 'redirect', 'restrictions', 'revision', 'discussionthreadinginfo'],
    required: ['title', 'ns', 'id'],
  },
  revision: {
    order: [
      'id',
      'parentid',
      'timestamp',
      'contributor',
      'minor',
      'comment',
      'origin',
      'model',
      'format',
      'text',
      'content',
      'sha1',
    ],
    required: [
      'id',
      'timestamp',
      'contributor',
      'comment',
      'origin',
      'model',
      'format',
      'text',
      'sha1',
    ],
  },
  contributor: { order: ['username', 'id', 'ip'], required: [] },
};

/** Checks an export against the schema's element order and required elements; returns the problems. */
function schemaProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: { name: string; children: string[] }[] = [];
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  let root: Record<string, string> | null = null;
  parser.on('opentag', (tag) => {
    if (!root) root = tag.attributes as Record<string, string>;
    stack[stack.length - 1]?.children.push(tag.name);
    stack.push({ name: tag.name, children: [] });
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    const rule = XSD_SEQUENCES[el.name === 'id' ? '' : el.name];
    if (!rule) return;
    let last = -1;
    for (const child of el.children) {
      const at = rule.order.indexOf(child);
      if (at < 0) problems.push(`<${child}> is not allowed in <${el.name}>`);
      else if (at < last) problems.push(`<${child}> comes too late in <${el.name}>`);
      else last = at;
    }
    for (const r of rule.required)
      if (!el.children.includes(r)) problems.push(`<${el.name}> lacks <${r}>`);
  });
  parser.write(text).close();
  const attrs = root as Record<string, string> | null;
  if (
    attrs?.version !== '0.11' ||
    attrs?.xmlns !== 'http://www.mediawiki.org/xml/export-0.11/' ||
    !attrs?.['xml:lang']
  ) {
    problems.push('root element lacks version 0.11, its namespace or xml:lang');
  }
  return problems;
}

describe('export-mediawiki', () => {
  it('writes an export that follows the 0.11 schema, and a round trip gives the same pages and histories', async () => {
    const source = openDatabase(':memory:');
    await importInto(source, createReadStream(`${FIXTURES}movilab.xml`), 'movilab.xml');
    const xml = exportOf(source);
    expect(schemaProblems(xml)).toEqual([]);
    expect(xml).toContain('<namespace key="14" case="first-letter">Catégorie</namespace>');
    expect(xml).toContain('<redirect title="Tiers-lieu" />');
    // The mapped infobox is written back as the template, for a MediaWiki to show again.
    expect(xml).toContain('{{Lieu\n|nom=La Coop des Communs\n|ville=Lille\n|code_postal=59000');
    // No address of anyone: authors are names, IP edits an unknown address.
    expect(xml).not.toContain('@');
    expect(xml).not.toContain('192.0.2.14');

    const copy = openDatabase(':memory:');
    const { report } = await importInto(copy, Readable.from([Buffer.from(xml)]), 'export.xml');
    expect(report.pages.failed).toBe(0);
    expect(histories(copy)).toEqual(histories(source));
    expect(redirects(copy)).toEqual(redirects(source));
    expect(copy.prepare(`SELECT category, markdown FROM category_descriptions`).all()).toEqual(
      source.prepare(`SELECT category, markdown FROM category_descriptions`).all(),
    );
  });

  it('exports pages written here (local authors by name, deleted pages left out) so that they render the same after a round trip', async () => {
    const db = openDatabase(':memory:');
    const wiki = new WikiServices(db);
    db.prepare(
      `INSERT INTO users (email, name, password_hash, role) VALUES ('anne@example.org', 'Anne', 'x', 'contributor')`,
    ).run();
    const anne = db.prepare(`SELECT id FROM users WHERE name = 'Anne'`).pluck().get() as number;
    const body = [
      '# Guide de la gouvernance',
      '',
      'Un texte avec **gras**, *italique*, ~~barré~~, `code_inline`, un lien [externe](https://exemple.org) et [[Gouvernance partagée|un lien interne]].',
      'Une ligne suivante,\\',
      'après un saut de ligne. Caractères : 5 * 3, [crochets], {{accolades}}, <balise>, a_b.',
      '',
      '- un',
      '  - deux',
      '1. premier',
      '',
      '> citation',
      '',
      '| A | B |',
      '| --- | --- |',
      '| 1 | x \\| y |',
      '',
      '```js',
      'const a = [1];',
      '```',
      '',
      'Une note[^1].',
      '',
      '[^1]: Le détail.',
      '',
      '[[Catégorie:Gouvernance]]',
    ].join('\n');
    savePage(db, wiki, {
      slug: 'guide',
      title: 'Guide',
      markdown: 'Première version.',
      authorIds: [anne],
    });
    savePage(db, wiki, {
      slug: 'guide',
      title: 'Guide',
      markdown: body,
      summary: 'tout',
      authorIds: [anne],
    });
    savePage(db, wiki, {
      slug: 'gouvernance-partagee',
      title: 'Gouvernance partagée',
      markdown: 'Voir [[guide]].',
      authorIds: [],
    });
    savePage(db, wiki, {
      slug: 'brouillon',
      title: 'Brouillon',
      markdown: 'À supprimer.',
      authorIds: [],
    });
    db.prepare(
      `UPDATE pages SET deleted_at = '2026-01-01T00:00:00Z' WHERE slug = 'brouillon'`,
    ).run();

    const xml = exportOf(db);
    expect(schemaProblems(xml)).toEqual([]);
    expect(xml).not.toContain('Brouillon');
    expect(xml).toContain('<username>Anne</username>');
    expect(xml).not.toContain('anne@example.org');
    // A link given by slug names the page's title on MediaWiki.
    expect(xml).toContain('Voir [[Guide|guide]].');
    const text = /<text[^>]*>([^<]*)<\/text>\s*<sha1>([^<]*)</.exec(xml)!;
    const unescaped = text[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(text[2]).toBe(mediawikiSha1(unescaped));

    const copy = openDatabase(':memory:');
    await importInto(copy, Readable.from([Buffer.from(xml)]), 'export.xml');
    const render = (d: Database) => {
      const w = new WikiServices(d);
      return (
        d
          .prepare(
            `SELECT p.slug, r.markdown FROM revisions r JOIN pages p ON p.id = r.page_id WHERE p.deleted_at IS NULL ORDER BY p.slug, r.number`,
          )
          .all() as {
          slug: string;
          markdown: string;
        }[]
      ).map((r) => ({ slug: r.slug, html: w.preview(r.markdown) }));
    };
    expect(render(copy)).toEqual(render(db));
    const authors = copy
      .prepare(
        `SELECT imported_author, summary FROM revisions r JOIN pages p ON p.id = r.page_id WHERE p.slug = 'guide' ORDER BY number`,
      )
      .all();
    expect(authors).toEqual([
      { imported_author: 'Anne', summary: '' },
      { imported_author: 'Anne', summary: 'tout' },
    ]);
  });
});
