/**
 * Wikitext → this wiki's markdown.
 *
 * Judged first: wikiparser-node gives a faithful syntax tree but took about 8 ms per parse of a
 * 1 KB page here (≈ 7 minutes for the 50,000 revisions of the benchmark, against a 60 s target);
 * wtf_wikipedia is fast but lossy (list nesting flattened, `<nowiki>` turned into links, tables
 * reduced to data). This converter covers what a wiki of practices uses, line by line, in one
 * pass per construct: headings, quotes (bold/italic), nested lists, definition lists, tables,
 * internal and external links, categories, files, `<ref>` footnotes, `<nowiki>`, `<pre>`,
 * comments, magic words, templates (mapped to fields or kept visible) and raw HTML (reduced to
 * its text). What it cannot convert is reported per page, never dropped silently.
 */

/** How the importer reads one template (from `--templates MAP.yml`). */
export interface TemplateMapping {
  /** Page kind given to pages using this template ("lieu"). */
  kind?: string;
  /** Template parameter → field name; parameters not listed keep their own name. */
  fields?: Record<string, string>;
  /** A place sheet: the page is linked to the registry's place (matched by name and postcode, or created). */
  place?: PlaceSheetMapping;
}

/**
 * Which fields of a place sheet (names after the map's renaming) hold the place's name, postcode,
 * town, address and coordinates, and which page field (of type "place") links the page to it.
 * Defaults: fiche, nom, code_postal, ville, adresse, latitude, longitude.
 */
export interface PlaceSheetMapping {
  field?: string;
  name?: string;
  postcode?: string;
  city?: string;
  address?: string;
  lat?: string;
  lon?: string;
}

/** What the converter needs to know about the source wiki and the page. */
export interface WikitextContext {
  /** Title of the page being converted (for `[[/Sous-page]]` links). */
  title: string;
  /** Namespace of a title prefix ("Catégorie", "category", "Fichier"…), case-insensitive; undefined for none. */
  namespaceOf(prefix: string): number | undefined;
  /** Namespaces imported as pages (links to other namespaces become plain text). */
  importedNamespaces: ReadonlySet<number>;
  /** Templates mapped to fields, by normalised name (see `templateKey`). */
  templates: ReadonlyMap<string, TemplateMapping>;
  /** URL of an uploaded file (`[[Fichier:X.jpg]]`). */
  fileUrl(name: string): string;
}

/** A template as written in a page. */
export interface TemplateUse {
  name: string;
  params: Record<string, string>;
}

/** What one conversion gives. */
export interface Conversion {
  markdown: string;
  /** `#REDIRECT [[X]]` (any of the known localised keywords): the target title. */
  redirect: string | null;
  /** The first mapped template: its name, kind and fields. */
  fields: { template: string; kind?: string; fields: Record<string, string> } | null;
  /** Names of templates kept visible because nothing maps them. */
  unmappedTemplates: string[];
  /** Files named by `[[Fichier:…]]` and galleries. */
  files: string[];
  /** What could not be converted faithfully (one line each). */
  problems: string[];
}

/** Namespace numbers MediaWiki fixes for every wiki. */
export const NS = { media: -2, main: 0, user: 2, file: 6, template: 10, category: 14 } as const;

// #REDIRECT is valid on every wiki, beside the wiki's own keyword (MediaWiki's MessagesXx.php).
const REDIRECT_RE =
  /^\s*#(?:REDIRECT|REDIRECTION|WEITERLEITUNG|REDIRECCIÓN|RINVIA|RINVIO|DOORVERWIJZING|REDIRECIONAMENTO|PRZEKIERUJ|ПЕРЕНАПРАВЛЕНИЕ)\s*:?\s*\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/i;

/** A template name as compared: first letter uppercase, underscores as spaces, trimmed. */
export function templateKey(name: string): string {
  const s = name.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  return s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
}

// Private-use characters hold protected pieces (nowiki, code, templates) between passes.
const PH_OPEN = '\uE000';
const PH_CLOSE = '\uE001';
/** Opens a protected block (code, gallery): alone on its line, it is a block of its own. */
const PH_BLOCK = '\uE002';
const PH_RE = /[\uE000\uE002](\d+)\uE001/g;
const BLOCK_PH_RE = /^\uE002(\d+)\uE001$/;

const MAGIC_WORD_RE = /__[A-ZÀ-Ü_]{2,30}__/g;
const DROPPED_TEMPLATES = new Set([
  'Références',
  'References',
  'Reflist',
  'Notes',
  'Clear',
  'Clr',
  '-',
]);
// {{DEFAULTSORT:…}}, {{DISPLAYTITLE:…}} and their French forms change nothing a reader sees here.
const DROPPED_MAGIC_RE =
  /^(?:DEFAULTSORT|DEFAULTSORTKEY|CLEDETRI|CLÉDETRI|DISPLAYTITLE|AFFICHERTITRE|TOC|NOTOC)\s*(?::|$)/i;

const FILE_OPTION_RE =
  /^(?:thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|upright(?:\s*=?\s*[\d.]+)?|baseline|middle|sub|super|top|text-top|bottom|text-bottom|vignette|miniature|cadre|encadré|sans_cadre|sans cadre|bordure|gauche|droite|centré|néant|redresse(?:\s*=?\s*[\d.]+)?|\d*x?\d+\s*px|(?:link|lien|page|class|lang|upright|redresse)\s*=.*)$/i;
const ALT_RE = /^alt\s*=(.*)$/i;

const INLINE_TAGS: Record<string, string> = {
  b: '**',
  strong: '**',
  i: '*',
  em: '*',
  s: '~~',
  del: '~~',
  strike: '~~',
};
const URL_RE = /\b(?:https?|ftp):\/\/[^\s<>\][|"]+/g;
const EXT_LINK_RE = /\[((?:https?|ftp|mailto):[^\s\]]+|\/\/[^\s\]]+)(?:\s+([^\]]*))?\]/y;
const LINK_TRAIL_RE = /^[a-zàâäçéèêëîïôöûùüÿœæ]+/;

/** Escapes text so markdown shows it as written. Bare URLs stay as they are (linkify finds them). */
export function escapeMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out += escapePlain(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapePlain(text.slice(last));
}
const escapePlain = (s: string) => s.replace(/[\\`*_[\]<>|~]/g, '\\$&');

/** Escapes what would start a block at the beginning of a markdown line (list, quote, heading, rule). */
const escapeLineStart = (line: string) =>
  line.replace(
    /^(\s*)([-+>#=]|\d+[.)])(?=\s|$|[-=])/,
    (_m, sp: string, mark: string) => `${sp}\\${mark}`,
  );

/**
 * Converts one revision's wikitext.
 * @param wikitext the revision text (null for a suppressed text: converted as empty).
 */
export function convertWikitext(wikitext: string, ctx: WikitextContext): Conversion {
  return new Converter(ctx).convert(wikitext);
}

class Converter {
  private readonly held: string[] = [];
  private readonly footnotes: string[] = [];
  private readonly namedRefs = new Map<string, number>();
  private readonly out: Conversion = {
    markdown: '',
    redirect: null,
    fields: null,
    unmappedTemplates: [],
    files: [],
    problems: [],
  };

  constructor(private readonly ctx: WikitextContext) {}

  private hold(markdown: string, block = false): string {
    this.held.push(markdown);
    return `${block ? PH_BLOCK : PH_OPEN}${this.held.length - 1}${PH_CLOSE}`;
  }

  private problem(what: string): void {
    if (!this.out.problems.includes(what) && this.out.problems.length < 50)
      this.out.problems.push(what);
  }

  convert(source: string): Conversion {
    const redirect = REDIRECT_RE.exec(source);
    if (redirect) this.out.redirect = redirect[1].replace(/_/g, ' ').trim();
    let text = source.replace(/\r\n?/g, '\n');
    text = this.protect(text);
    text = this.templates(text);
    text = this.refs(text);
    text = text.replace(MAGIC_WORD_RE, '');
    text = this.htmlLists(text);
    const blocks = this.blocks(text);
    let md = blocks;
    if (this.footnotes.length) {
      md += `\n\n${this.footnotes.map((f, i) => `[^${i + 1}]: ${f}`).join('\n')}`;
    }
    md = this.restore(md)
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    this.out.markdown = md;
    return this.out;
  }

  /** Puts protected pieces back (they may nest: a template kept inside a footnote). */
  private restore(md: string): string {
    let s = md;
    for (let i = 0; i < 5 && (s.includes(PH_OPEN) || s.includes(PH_BLOCK)); i++)
      s = s.replace(PH_RE, (_m, n: string) => this.held[Number(n)] ?? '');
    return s;
  }

  /** `<nowiki>`, `<pre>`, code blocks, galleries and comments, before anything else reads the text. */
  private protect(text: string): string {
    return text.replace(
      /<nowiki\s*>([\s\S]*?)<\/nowiki\s*>|<nowiki\s*\/>|<!--[\s\S]*?(?:-->|$)|<pre\b[^>]*>([\s\S]*?)<\/pre\s*>|<(syntaxhighlight|source)\b([^>]*)>([\s\S]*?)<\/\3\s*>|<gallery\b[^>]*>([\s\S]*?)<\/gallery\s*>/gi,
      (
        whole,
        nowiki?: string,
        pre?: string,
        _tag?: string,
        attrs?: string,
        code?: string,
        gallery?: string,
      ) => {
        if (nowiki !== undefined)
          return this.hold(escapeMarkdown(decodeEntities(nowiki)).replace(/\n/g, ' '));
        if (whole.startsWith('<!--') || /^<nowiki/i.test(whole)) return '';
        if (pre !== undefined)
          return `\n${this.hold(fence(decodeEntities(pre.replace(/^\n/, '')), ''), true)}\n`;
        if (code !== undefined) {
          const lang = /lang\s*=\s*"?([\w+-]+)/i.exec(attrs ?? '')?.[1] ?? '';
          return `\n${this.hold(fence(code.replace(/^\n/, ''), lang), true)}\n`;
        }
        const images = (gallery ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [target, ...rest] = l.split('|');
            const name = target.replace(/^[^:]*:/, '').trim();
            return this.image(name, rest);
          });
        return `\n${this.hold(images.join('\n\n'), true)}\n`;
      },
    );
  }

  /** Templates and parser functions: mapped ones become fields, others stay visible. */
  private templates(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const start = text.indexOf('{{', i);
      if (start < 0) break;
      const end = matchBraces(text, start);
      if (end < 0) {
        out += text.slice(i, start + 2);
        i = start + 2;
        continue;
      }
      out += text.slice(i, start);
      const whole = text.slice(start, end);
      out += this.template(whole, start === 0 || text[start - 1] === '\n');
      i = end;
    }
    return out + text.slice(i);
  }

  private template(whole: string, atLineStart: boolean): string {
    if (whole.startsWith('{{{')) return this.hold(`\`${whole.replace(/`/g, "'")}\``);
    const inner = whole.slice(2, -2);
    const parts = splitTopLevel(inner, '|');
    const head = parts[0].trim();
    if (DROPPED_MAGIC_RE.test(head)) return '';
    const key = templateKey(head.replace(/^(?:modèle|template)\s*:/i, ''));
    if (DROPPED_TEMPLATES.has(key)) return '';
    const params: Record<string, string> = {};
    let positional = 0;
    for (const p of parts.slice(1)) {
      const eq = p.indexOf('=');
      if (eq > 0 && !/[[{]/.test(p.slice(0, eq)))
        params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      else params[String(++positional)] = p.trim();
    }
    const mapping = this.ctx.templates.get(key);
    if (mapping && !head.startsWith('#')) {
      if (!this.out.fields) {
        const fields: Record<string, string> = {};
        for (const [name, value] of Object.entries(params)) {
          fields[mapping.fields?.[name] ?? name] = plainText(value);
        }
        this.out.fields = {
          template: key,
          ...(mapping.kind ? { kind: mapping.kind } : {}),
          fields,
        };
      } else {
        this.problem(`template {{${key}}} used twice: only the first one became fields`);
      }
      return '';
    }
    const name = head.startsWith('#') ? head.split(':')[0] : key;
    if (!this.out.unmappedTemplates.includes(name)) this.out.unmappedTemplates.push(name);
    // Kept visible, as written: a reader sees what the source wiki had there.
    const literal = whole.trim();
    if (!literal.includes('\n')) return this.hold(codeSpan(literal));
    return `${atLineStart ? '' : '\n'}${this.hold(fence(literal, 'wikitext'), true)}\n`;
  }

  /** `<ref>…</ref>` and `<ref name="x"/>` to `[^n]` footnotes; `<references/>` dropped. */
  private refs(text: string): string {
    return text
      .replace(/<references\b[^>]*\/>|<references\b[^>]*>[\s\S]*?<\/references\s*>/gi, '')
      .replace(
        /<ref\b([^>]*?)\/>|<ref\b([^>]*)>([\s\S]*?)<\/ref\s*>/gi,
        (_m, selfAttrs?: string, attrs?: string, body?: string) => {
          const name = /name\s*=\s*"?([^">/]+)"?/i.exec(selfAttrs ?? attrs ?? '')?.[1]?.trim();
          if (body === undefined) {
            const n = name ? this.namedRefs.get(name) : undefined;
            if (n === undefined) {
              this.problem(`footnote "${name ?? '?'}" used before it is defined`);
              return '';
            }
            return this.hold(`[^${n}]`);
          }
          if (name && this.namedRefs.has(name)) return this.hold(`[^${this.namedRefs.get(name)}]`);
          this.footnotes.push(this.inline(body.replace(/\n+/g, ' ').trim(), false));
          const n = this.footnotes.length;
          if (name) this.namedRefs.set(name, n);
          return this.hold(`[^${n}]`);
        },
      );
  }

  /**
   * HTML lists (`<ol start="5">`, `<ul>`, `<li value="8">`) to markdown lists, innermost first,
   * keeping their numbers: markdown starts an ordered list at its first item's number.
   */
  private htmlLists(text: string): string {
    if (!/<[ou]l\b/i.test(text)) return text;
    const LIST_RE = /<(ol|ul)\b([^>]*)>((?:(?!<\/?(?:ol|ul)\b)[\s\S])*)<\/\1\s*>/gi;
    let s = text;
    for (let pass = 0; pass < 5 && LIST_RE.test(s); pass++) {
      LIST_RE.lastIndex = 0;
      s = s.replace(LIST_RE, (_m, tag: string, attrs: string, inner: string) => {
        const ordered = tag.toLowerCase() === 'ol';
        let n = Number(/\bstart\s*=\s*["']?(-?\d+)/i.exec(attrs)?.[1] ?? 1);
        const items = inner
          .split(/<li\b/i)
          .slice(1)
          .map((part) => {
            const close = part.indexOf('>');
            const value = /\bvalue\s*=\s*["']?(\d+)/i.exec(part.slice(0, close))?.[1];
            return {
              value: value === undefined ? null : Number(value),
              body: part
                .slice(close + 1)
                .replace(/<\/li\s*>/gi, '')
                .trim(),
            };
          });
        const lines = items.map((item) => {
          if (item.value !== null) n = item.value;
          const marker = ordered ? `${n++}. ` : '- ';
          // A nested list (already converted, held) goes under its item, indented by the marker's width.
          const [first, ...rest] = item.body.split('\n');
          const nested = rest
            .map((l) => this.restore(l.trim()))
            .filter(Boolean)
            .join('\n')
            .split('\n')
            .filter(Boolean);
          return [
            `${marker}${this.inline(first.trim(), false)}`,
            ...nested.map((l) => `${' '.repeat(marker.length)}${l}`),
          ].join('\n');
        });
        return `\n${this.hold(lines.join('\n'), true)}\n`;
      });
    }
    return s;
  }

  /** Block structure, line by line. */
  private blocks(text: string): string {
    const lines = text.split('\n');
    const out: string[] = [];
    let para: string[] = [];
    let list: string[] = [];
    let listMarkers: string[] = [];
    const listCounts: number[] = [];
    const flushPara = () => {
      if (para.length)
        out.push(
          para.map((l, i) => (i === 0 ? escapeLineStart(l) : escapeLineStart(l))).join('\n'),
          '',
        );
      para = [];
    };
    const flushList = () => {
      if (list.length) out.push(list.join('\n'), '');
      list = [];
      listMarkers = [];
      listCounts.length = 0;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const trimmed = line.trim();
      if (/^\s*\{\|/.test(line)) {
        flushPara();
        flushList();
        let depth = 0;
        const table: string[] = [];
        for (; i < lines.length; i++) {
          const l = lines[i];
          if (/^\s*\{\|/.test(l)) depth++;
          table.push(l);
          if (/^\s*\|\}/.test(l) && --depth === 0) break;
        }
        out.push(this.table(table), '');
        continue;
      }
      if (!trimmed) {
        flushPara();
        flushList();
        continue;
      }
      if (BLOCK_PH_RE.test(trimmed)) {
        flushPara();
        flushList();
        out.push(trimmed, '');
        continue;
      }
      const heading = /^(={1,6})(.+?)\1\s*$/.exec(trimmed);
      if (heading) {
        flushPara();
        flushList();
        out.push(`${'#'.repeat(heading[1].length)} ${this.inline(heading[2].trim(), false)}`, '');
        continue;
      }
      if (/^-{4,}\s*$/.test(trimmed)) {
        flushPara();
        flushList();
        out.push('---', '');
        continue;
      }
      const listMatch = /^([*#;:]+)\s*(.*)$/.exec(line);
      if (listMatch && !(REDIRECT_RE.test(line) && i === 0)) {
        flushPara();
        this.listLine(listMatch[1], listMatch[2], list, listMarkers, listCounts);
        continue;
      }
      if (line.startsWith(' ') && !para.length) {
        flushList();
        const pre: string[] = [];
        for (; i < lines.length && lines[i].startsWith(' ') && lines[i].trim(); i++)
          pre.push(lines[i].slice(1));
        i--;
        out.push(fence(decodeEntities(this.restore(pre.join('\n'))), ''), '');
        continue;
      }
      flushList();
      if (i === 0 && REDIRECT_RE.test(line)) {
        const target = this.out.redirect ?? '';
        para.push(`#REDIRECTION [[${target}]]`.replace(/^#/, '\\#'));
        continue;
      }
      para.push(this.inline(trimmed, true));
    }
    flushPara();
    flushList();
    return out.join('\n');
  }

  /**
   * One list line: `*` bullets, `#` numbers, `;` terms and `:` definitions or indents, nested by
   * the length of the prefix. Numbers are written as MediaWiki counts them (a sub-item does not
   * restart its parent's count), so a list markdown splits still shows the right numbers.
   * A definition list at the top level (`; terme : définition`) becomes the term in bold on its
   * own line and its definitions indented below it (a quote, as `:` indents are); inside another
   * list, terms are bold items and definitions items under them.
   */
  private listLine(
    prefix: string,
    content: string,
    list: string[],
    markers: string[],
    counts: number[],
  ): void {
    let body = content;
    let kind = prefix[prefix.length - 1];
    // `; terme : définition` on one line.
    let definition: string | null = null;
    if (kind === ';') {
      const colon = findDefinitionColon(body);
      if (colon >= 0) {
        definition = body.slice(colon + 1).trim();
        body = body.slice(0, colon).trim();
      }
    }
    if (
      /^[;:]+$/.test(prefix) &&
      (!markers.length || markers.every((m) => m === ';' || m === ':'))
    ) {
      this.definitionLine(prefix, body, definition, list, markers);
      return;
    }
    // Indentation of a level: the widths of the markers of the levels above it.
    let indent = '';
    for (let d = 0; d < prefix.length - 1; d++)
      indent += ' '.repeat(markerWidth(prefix[d], counts[d]));
    // A definition (`:`) under a term (`;`) of the same level is an item one level in.
    if (kind === ':' && markers[prefix.length - 1] === ';') {
      indent += '  ';
      kind = '*';
    } else if (kind === ':') kind = '*';
    // A deeper level starts its own count; a shallower one ends the counts below it.
    if (prefix.length > markers.length || markers[prefix.length - 1] !== prefix[prefix.length - 1])
      counts[prefix.length - 1] = 0;
    counts.length = prefix.length;
    markers.length = prefix.length;
    markers[prefix.length - 1] =
      prefix[prefix.length - 1] === ':'
        ? (markers[prefix.length - 1] ?? ':')
        : prefix[prefix.length - 1];
    const text = this.inline(body, false);
    if (kind === ';')
      list.push(
        `${indent}- **${text.replace(/\*\*/g, '')}**${definition ? ` : ${this.inline(definition, false)}` : ''}`,
      );
    else if (kind === '#') {
      counts[prefix.length - 1] = (counts[prefix.length - 1] ?? 0) + 1;
      list.push(`${indent}${counts[prefix.length - 1]}. ${text}`);
    } else list.push(`${indent}- ${text}`);
  }

  /** `;` terms and `:` definitions of a definition list (or plain `:` indents) outside other lists. */
  private definitionLine(
    prefix: string,
    body: string,
    definition: string | null,
    list: string[],
    markers: string[],
  ): void {
    const kind = prefix[prefix.length - 1];
    // Quote depth of a definition: one level per `:`/`;` before it.
    const depth = kind === ':' ? prefix.length : prefix.length - 1;
    const quote = (n: number, s: string) => `${'> '.repeat(n)}${escapeLineStart(s)}`;
    if (kind === ';') {
      // A blank line (or a bare quote line) ends the previous definition, so the term does not run into it.
      if (list.length) list.push(depth ? '>'.repeat(depth) : '');
      const term = this.inline(body, false).replace(/\*\*/g, '');
      list.push(depth ? quote(depth, `**${term}**`) : `**${term}**`.replace(/^\*\*\*\*$/, ''));
      if (definition) list.push(quote(depth + 1, this.inline(definition, false)));
    } else {
      // Two definitions in a row are two paragraphs of the quote.
      const prev = list[list.length - 1];
      if (
        prev !== undefined &&
        prev.startsWith('> ') &&
        markers[markers.length - 1] === ':' &&
        prefix.length === markers.length
      )
        list.push('>'.repeat(depth));
      list.push(quote(depth, this.inline(body, false)));
    }
    markers.length = prefix.length;
    markers[prefix.length - 1] = kind;
  }

  /**
   * `{| … |}` to a markdown table (the first row is the header). A table nested in a cell cannot
   * live in a markdown cell: the cell says "→ tableau N" and the inner table follows the outer one,
   * titled "Tableau N" (with its own caption), so nothing of it is lost and it reads in order.
   */
  private table(lines: string[], numbering = { next: 1 }): string {
    const rows: string[][] = [];
    let row: string[] | null = null;
    let caption = '';
    const after: string[] = [];
    const cells = (s: string, sep: RegExp) => s.split(sep).map((c) => stripCellAttributes(c));
    const body = lines.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const line = body[i].trim();
      if (line.startsWith('{|')) {
        // The nested table, up to its own `|}`.
        const inner = [body[i]];
        let depth = 1;
        for (i++; i < body.length; i++) {
          const l = body[i].trim();
          inner.push(body[i]);
          if (l.startsWith('{|')) depth++;
          else if (l.startsWith('|}') && --depth === 0) break;
        }
        const n = numbering.next++;
        after.push(`*Tableau ${n}*\n\n${this.table(inner, numbering)}`);
        const ref = `→ tableau ${n}`;
        if (row && row.length) row[row.length - 1] = `${row[row.length - 1].trim()} ${ref}`.trim();
        else {
          row ??= [];
          if (!rows.includes(row)) rows.push(row);
          row.push(ref);
        }
        continue;
      }
      if (line.startsWith('|+')) {
        caption = line.slice(2).trim();
        continue;
      }
      if (line.startsWith('|-')) {
        row = null;
        continue;
      }
      if (line.startsWith('!') || line.startsWith('|')) {
        if (!row) {
          row = [];
          rows.push(row);
        }
        const content = line.slice(1);
        const split = line.startsWith('!') ? /!!|\|\|/ : /\|\|/;
        row.push(...cells(content, split));
        continue;
      }
      if (row && row.length) row[row.length - 1] += ` ${line}`;
      else if (line) {
        row = [line];
        rows.push(row);
      }
    }
    const tail = after.length ? `\n\n${after.join('\n\n')}` : '';
    if (!rows.length) return (caption ? `*${this.inline(caption, false)}*` : '') + tail;
    const width = Math.max(...rows.map((r) => r.length));
    const md = (c: string) =>
      this.inline(c.trim(), false)
        .replace(/\n/g, ' ')
        .replace(/(?<!\\)\|/g, '\\|') || ' ';
    const line = (r: string[]) =>
      `| ${Array.from({ length: width }, (_, k) => md(r[k] ?? '')).join(' | ')} |`;
    const table = [line(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join(
      '\n',
    );
    return (caption ? `*${this.inline(caption, false)}*\n\n${table}` : table) + tail;
  }

  /**
   * Inline markup of one line: links, quotes, tags, external links; plain text escaped.
   * @param breaks `<br>` becomes a hard line break (paragraphs) rather than a space (lists, cells).
   */
  private inline(source: string, breaks: boolean): string {
    // Quote spans and pending text live in a small object, not in closures: this runs for every
    // line of every revision, and closures made per call cost (tsx names each one it creates).
    const w = new InlineWriter();
    let i = 0;
    while (i < source.length) {
      const ch = source[i];
      if (ch === PH_OPEN || ch === PH_BLOCK) {
        const end = source.indexOf(PH_CLOSE, i);
        w.flushText();
        w.out += source.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (ch === "'" && source[i + 1] === "'") {
        let n = 2;
        while (source[i + n] === "'") n++;
        w.flushText();
        if (n === 4) {
          w.text += "'";
          w.flushText();
          n = 3;
        } else if (n > 5) {
          w.text += "'".repeat(n - 5);
          w.flushText();
          n = 5;
        }
        if (n === 2) w.toggle('*');
        else if (n === 3) w.toggle('**');
        else {
          // ''''' opens both, or closes whichever is open.
          const hasB = w.open.some((o) => o.marker === '**');
          const hasI = w.open.some((o) => o.marker === '*');
          if (hasB || hasI) {
            const last = w.open[w.open.length - 1]?.marker;
            if (last === '*') {
              w.toggle('*');
              w.toggle('**');
            } else {
              w.toggle('**');
              w.toggle('*');
            }
          } else {
            w.toggle('**');
            w.toggle('*');
          }
        }
        i += n;
        continue;
      }
      if (ch === '[' && source[i + 1] === '[') {
        const end = findLinkEnd(source, i);
        if (end > 0) {
          w.flushText();
          let j = end;
          const trail = LINK_TRAIL_RE.exec(source.slice(j))?.[0] ?? '';
          const link = this.link(source.slice(i + 2, end - 2), trail);
          if (link.usedTrail) j += trail.length;
          w.out += link.markdown;
          i = j;
          continue;
        }
      }
      if (ch === '[') {
        EXT_LINK_RE.lastIndex = i;
        const m = EXT_LINK_RE.exec(source);
        if (m) {
          w.flushText();
          const url = m[1].startsWith('//') ? `https:${m[1]}` : m[1];
          const label = m[2]?.trim();
          w.out += label
            ? `[${this.inline(label, false)}](<${url.replace(/[<>]/g, encodeURIComponent)}>)`
            : `<${url}>`;
          i += m[0].length;
          continue;
        }
      }
      if (ch === '<') {
        const tag = /^<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/.exec(source.slice(i, i + 300));
        if (tag) {
          w.flushText();
          const name = tag[2].toLowerCase();
          const mark = INLINE_TAGS[name];
          if (name === 'br') w.out += breaks ? '\\\n' : ' ';
          else if (mark) w.toggle(mark);
          else if (name === 'code' || name === 'tt' || name === 'kbd') {
            const close = source.toLowerCase().indexOf(`</${name}>`, i);
            if (!tag[1] && close > 0) {
              w.out += codeSpan(
                decodeEntities(this.restore(source.slice(i + tag[0].length, close))),
              );
              i = close + name.length + 3;
              continue;
            }
          } else if (!KNOWN_HTML.has(name)) {
            // Not an HTML tag MediaWiki knows (`<3`, `<mon texte>`): the text shows as written.
            w.text += tag[0];
          } else if (
            !tag[1] &&
            ![
              'span',
              'div',
              'p',
              'font',
              'small',
              'big',
              'center',
              'sup',
              'sub',
              'u',
              'ins',
              'abbr',
              'cite',
              'blockquote',
              'q',
            ].includes(name)
          ) {
            this.problem(`HTML <${name}> reduced to its text`);
          }
          i += tag[0].length;
          continue;
        }
      }
      w.text += ch;
      i++;
    }
    w.flushText();
    // MediaWiki closes what a line leaves open.
    for (let k = w.open.length - 1; k >= 0; k--)
      w.out = wrapSpan(w.out, w.open[k].at, w.open[k].marker);
    return w.out;
  }

  /** `[[…]]`: page, section, category, file, or a namespace that is not imported (plain text). */
  private link(inner: string, trail: string): { markdown: string; usedTrail: boolean } {
    const bar = inner.indexOf('|');
    let target = (bar >= 0 ? inner.slice(0, bar) : inner).replace(/_/g, ' ').trim();
    const rest = bar >= 0 ? inner.slice(bar + 1) : null;
    const forced = target.startsWith(':');
    if (forced) target = target.slice(1).trim();
    const colon = target.indexOf(':');
    const ns = colon > 0 ? this.ctx.namespaceOf(target.slice(0, colon).trim()) : undefined;
    const bare = ns !== undefined ? target.slice(colon + 1).trim() : target;
    if ((ns === NS.file || ns === NS.media) && !forced && ns === NS.file) {
      return {
        markdown: this.image(bare, rest === null ? [] : splitTopLevel(rest, '|')),
        usedTrail: false,
      };
    }
    if (ns === NS.file || ns === NS.media) {
      this.noteFile(bare);
      const label = rest?.trim() || bare;
      return {
        markdown: `[${escapeMarkdown(label)}](<${this.ctx.fileUrl(bare)}>)`,
        usedTrail: false,
      };
    }
    if (ns === NS.category) {
      if (!forced) return { markdown: `[[Catégorie:${bare}]]`, usedTrail: false };
      return {
        markdown: `[[:Catégorie:${bare}|${linkLabel(rest?.trim() || bare)}]]`,
        usedTrail: false,
      };
    }
    let title = target;
    if (title.startsWith('/')) title = `${this.ctx.title}${title.replace(/\/$/, '')}`;
    else if (title.startsWith('../')) {
      const parent = this.ctx.title.split('/').slice(0, -1).join('/');
      title = `${parent}/${title.slice(3)}`.replace(/\/$/, '');
    }
    // Titles start with a capital on MediaWiki ([[tiers-lieu]] is the page "Tiers-lieu").
    title = title.charAt(0).toLocaleUpperCase('fr') + title.slice(1);
    let label = rest === null ? '' : rest.trim();
    if (rest !== null && !label) label = bare.replace(/\s*\(.*\)$/, ''); // the pipe trick
    if (!label && target.startsWith('/')) label = target.replace(/^\/|\/$/g, '');
    const shown = `${label || (ns !== undefined ? bare : target)}${trail}`;
    if (ns !== undefined && !this.ctx.importedNamespaces.has(ns)) {
      return { markdown: escapeMarkdown(plainText(shown)), usedTrail: true };
    }
    if (!title || /[[\]{}<>]/.test(title)) {
      this.problem(`link [[${inner}]] kept as text`);
      return { markdown: escapeMarkdown(`[[${inner}]]`), usedTrail: false };
    }
    const plainLabel = linkLabel(shown);
    if (!label && !trail && shown === title) return { markdown: `[[${title}]]`, usedTrail: true };
    return { markdown: `[[${title}|${plainLabel}]]`, usedTrail: true };
  }

  private noteFile(name: string): void {
    const file = name.replace(/_/g, ' ').trim();
    if (file && !this.out.files.includes(file)) this.out.files.push(file);
  }

  /** `[[Fichier:X.jpg|thumb|alt=…|légende]]` to `![légende](url)`. */
  private image(name: string, options: string[]): string {
    this.noteFile(name);
    let alt = '';
    let caption = '';
    for (const o of options) {
      const t = o.trim();
      const a = ALT_RE.exec(t);
      if (a) alt = a[1].trim();
      else if (!FILE_OPTION_RE.test(t) && t) caption = t;
    }
    const shown = plainText(alt || caption || name.replace(/\.[a-z0-9]+$/i, '')).replace(
      /[[\]]/g,
      '',
    );
    const title =
      caption && alt && caption !== alt ? ` "${plainText(caption).replace(/"/g, "'")}"` : '';
    return `![${escapeMarkdown(shown)}](<${this.ctx.fileUrl(name.replace(/_/g, ' ').trim())}>${title})`;
  }
}

/** State of one `inline` call: the markdown so far, text not yet escaped, open quote spans. */
class InlineWriter {
  out = '';
  text = '';
  /** Open quote spans: index in `out` where each started, and its marker. */
  readonly open: { marker: string; at: number }[] = [];

  flushText(): void {
    if (!this.text) return;
    this.out += escapeMarkdown(decodeEntities(this.text));
    this.text = '';
  }

  /** Closes the span `marker`; false when none is open. */
  closeSpan(marker: string): boolean {
    let k = -1;
    for (let j = this.open.length - 1; j >= 0; j--) {
      if (this.open[j].marker === marker) {
        k = j;
        break;
      }
    }
    if (k < 0) return false;
    // Close the spans opened inside it first (MediaWiki tolerates crossing quotes).
    const inner = this.open.splice(k);
    for (let j = inner.length - 1; j >= 0; j--)
      this.out = wrapSpan(this.out, inner[j].at, inner[j].marker);
    for (const again of inner.slice(1))
      this.open.push({ marker: again.marker, at: this.out.length });
    return true;
  }

  toggle(marker: string): void {
    if (!this.closeSpan(marker)) this.open.push({ marker, at: this.out.length });
  }
}

const KNOWN_HTML = new Set(
  'abbr b bdi bdo big blockquote br caption center cite code dd del dfn div dl dt em font h1 h2 h3 h4 h5 h6 hr i ins kbd li mark ol p q rb rp rt ruby s samp small span strike strong sub sup table td th time tr tt u ul var wbr'.split(
    ' ',
  ),
);

/** Width of a list marker one level up: "- " for bullets and terms, "1. " (or "12. ") for numbers. */
const markerWidth = (c: string, count = 1) =>
  c === '#' ? String(Math.max(1, count)).length + 2 : 2;

/** Wraps `out` from `at` in `marker`, moving edge whitespace outside (markdown needs flanking). */
function wrapSpan(out: string, at: number, marker: string): string {
  const inner = out.slice(at);
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  if (!m[2]) return out;
  return `${out.slice(0, at)}${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

/** A code span holding `s` literally (a longer run of backticks around it when it has some). */
function codeSpan(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const ticks = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s.replace(/\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced code block holding `s` literally. */
function fence(s: string, lang: string): string {
  const runs = s.match(/^`{3,}/gm) ?? [];
  const ticks = '`'.repeat(Math.max(2, ...runs.map((r) => r.length)) + 1);
  return `${ticks}${lang}\n${s.replace(/\n$/, '')}\n${ticks}`;
}

/** Index after the `}}` closing the template at `start`, or -1. */
function matchBraces(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && text[i + 1] === '}') {
      depth--;
      i++;
      if (depth === 0) {
        // {{{param}}}: the third brace belongs to it.
        if (text[start + 2] === '{' && text[i + 1] === '}') return i + 2;
        return i + 1;
      }
    }
  }
  return -1;
}

/** Splits on `sep` outside `[[…]]` and `{{…}}` (template parameters, file options). */
function splitTopLevel(s: string, sep: string): string[] {
  if (!sep) return [s];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const two = s.slice(i, i + 2);
    if (two === '[[' || two === '{{') {
      depth++;
      cur += two;
      i++;
    } else if ((two === ']]' || two === '}}') && depth > 0) {
      depth--;
      cur += two;
      i++;
    } else if (s[i] === sep && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += s[i];
  }
  parts.push(cur);
  return parts;
}

/** Index after the `]]` closing the link at `start`, or -1 (a link holds no newline). */
function findLinkEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '\n') return -1;
    if (s[i] === '[' && s[i + 1] === '[') {
      depth++;
      i++;
    } else if (s[i] === ']' && s[i + 1] === ']') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The colon separating `; terme : définition`, outside links and URLs; -1 without one. */
function findDefinitionColon(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']') depth--;
    else if (s[i] === ':' && depth === 0 && s[i + 1] !== '/') return i;
  }
  return -1;
}

/** Cell attributes (`style="…" | contenu`) dropped, the content kept. */
function stripCellAttributes(cell: string): string {
  const parts = splitTopLevel(cell, '|');
  if (parts.length > 1 && /=/.test(parts[0]) && !/[[{]/.test(parts[0]))
    return parts.slice(1).join('|');
  return cell;
}

/** Text of a bit of wikitext with its markup removed (for labels and field values). */
export function plainText(s: string): string {
  return decodeEntities(
    s
      .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
      .replace(/\[(?:https?|ftp):\/\/\S+\s+([^\]]*)\]/g, '$1')
      .replace(/'{2,}/g, '')
      .replace(/<[^>]+>/g, ''),
  ).trim();
}

/** A label safe inside `[[…|label]]` (no brackets, bars or newlines). */
const linkLabel = (s: string) =>
  plainText(s)
    .replace(/[[\]|\n]/g, ' ')
    .trim();

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  euro: '€',
  rsquo: '’',
  lsquo: '‘',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
};

/** Decodes the HTML entities wikitext uses (`&nbsp;`, `&#160;`, `&eacute;`…). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
