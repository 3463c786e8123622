import type { MarkdownIt as Md, StateInline, Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { createBaseMarkdown } from '../../registry/text/markdown-base.js';

/**
 * This wiki's markdown → wikitext, for `export-mediawiki`: what a stock MediaWiki renders like the
 * page here. Written so that importing the result gives back the markdown the importer writes
 * (`wikitext.ts`): an imported wiki exported and imported again is the same, revision by revision.
 */

/** What the conversion needs from the wiki. */
export interface WikitextOptions {
  /** The title of a page by slug (`[[gouvernance-partagee|…]]` becomes `[[Gouvernance partagée|…]]`). */
  titleOf(slug: string): string | undefined;
  /** The file name behind a file URL (`/files/Photo.jpg` → `Photo.jpg`), or undefined for another URL. */
  fileOf(url: string): string | undefined;
}

/** Inline rule: `[[…]]` kept as written (the wiki's link syntax is MediaWiki's). */
function wikiRaw(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5b || state.linkLevel > 0)
    return false;
  const end = src.indexOf(']]', start + 2);
  if (end < 0 || end + 2 > state.posMax) return false;
  const inner = src.slice(start + 2, end);
  if (!inner.trim() || inner.length > 400 || /[[\]\n]/.test(inner)) return false;
  if (!silent) state.push('wiki_raw', '', 0).content = inner;
  state.pos = end + 2;
  return true;
}

let md: Md | null = null;
const parser = () => {
  if (!md) {
    md = createBaseMarkdown();
    md.use(footnote);
    md.inline.ruler.before('link', 'wiki_raw', wikiRaw);
  }
  return md;
};

// Text that wikitext would read as markup is wrapped in <nowiki>.
const SPECIAL_RE = /\[+|\]+|\{\{|\}\}|''+|<|~{3,}|__|&(?=[#a-z0-9]+;)/gi;
const LINE_START_RE = /^([*#:;= ]|-{4}|\{\|)/;
const nowiki = (s: string) => `<nowiki>${s}</nowiki>`;
const escapeText = (s: string) =>
  s.replace(SPECIAL_RE, (m) => nowiki(m.replace(/</g, '&lt;').replace(/&/g, '&amp;')));
const escapeCode = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\[/g, '&#91;')
    .replace(/\]/g, '&#93;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;')
    .replace(/'/g, '&#39;')
    .replace(/\|/g, '&#124;')
    .replace(/~/g, '&#126;')
    .replace(/_/g, '&#95;');
const TEMPLATE_RE = /^\{\{[\s\S]*\}\}$/;

/**
 * Converts a page body.
 * @param categories explicit categories to append (`[[Catégorie:…]]`), for the latest revision.
 */
export function markdownToWikitext(
  markdown: string,
  options: WikitextOptions,
  categories: string[] = [],
): string {
  const env: Record<string, unknown> = {};
  const tokens = parser().parse(markdown, env);
  const w = new Writer(tokens, options);
  let text = w.blocks(0, tokens.length, '');
  if (w.usedFootnotes) text += '\n\n<references />';
  if (categories.length) text += `\n\n${categories.map((c) => `[[Catégorie:${c}]]`).join('\n')}`;
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

class Writer {
  /** Footnote contents by id, rendered once. */
  private readonly notes = new Map<number, string>();
  private readonly noteUsed = new Set<number>();
  usedFootnotes = false;

  constructor(
    private readonly tokens: Token[],
    private readonly options: WikitextOptions,
  ) {
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'footnote_open') continue;
      const id = (tokens[i].meta as { id: number }).id;
      const parts: string[] = [];
      for (i++; i < tokens.length && tokens[i].type !== 'footnote_close'; i++) {
        if (tokens[i].type === 'inline') parts.push(this.inline(tokens[i].children ?? []));
      }
      this.notes.set(id, parts.join(' '));
    }
  }

  /** Blocks from `start` to `end`; `prefix` is the list/quote prefix of the enclosing items. */
  blocks(start: number, end: number, prefix: string): string {
    const out: string[] = [];
    const t = this.tokens;
    for (let i = start; i < end; i++) {
      const tok = t[i];
      switch (tok.type) {
        case 'heading_open': {
          const level = Number(tok.tag.slice(1));
          const eq = '='.repeat(level);
          out.push(`${eq} ${this.inline(t[i + 1].children ?? [])} ${eq}`, '');
          i += 2;
          break;
        }
        case 'paragraph_open': {
          const children = t[i + 1].children ?? [];
          const bold = children.filter((c) => c.type !== 'text' || c.content !== '');
          // A bold line followed by a quote is how the importer writes `; term` / `: definition`.
          if (
            !prefix &&
            t[i + 3]?.type === 'blockquote_open' &&
            bold.length >= 3 &&
            bold[0].type === 'strong_open' &&
            bold[bold.length - 1].type === 'strong_close' &&
            bold.filter((c) => c.type === 'strong_open').length === 1
          ) {
            out.push(`; ${this.inline(bold.slice(1, -1)).replace(/\n/g, ' ')}`);
            i += 2;
            break;
          }
          const text = this.inline(children);
          if (prefix) out.push(`${prefix} ${text.replace(/\n/g, ' ')}`);
          else
            out.push(
              text
                .split('\n')
                .map((l) => l.replace(LINE_START_RE, (m) => nowiki(m)))
                .join('\n'),
              '',
            );
          i += 2;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open':
        case 'blockquote_open': {
          const close = this.closing(i);
          const mark =
            tok.type === 'bullet_list_open' ? '*' : tok.type === 'ordered_list_open' ? '#' : ':';
          const start = Number(tok.attrGet('start') ?? 1);
          if (mark === ':') out.push(this.blocks(i + 1, close, prefix + ':'));
          else if (mark === '#' && !prefix && start !== 1)
            out.push(this.htmlList(i + 1, close, start));
          else out.push(this.items(i + 1, close, prefix + mark));
          if (!prefix) out.push('');
          i = close;
          break;
        }
        case 'fence':
        case 'code_block': {
          const content = tok.content.replace(/\n$/, '');
          const lang = tok.info.trim();
          if (lang === 'wikitext' && TEMPLATE_RE.test(content.trim())) out.push(content.trim(), '');
          else if (lang)
            out.push(
              `<syntaxhighlight lang="${lang.replace(/[^\w+-]/g, '')}">\n${content}\n</syntaxhighlight>`,
              '',
            );
          else out.push(`<pre>${content.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`, '');
          break;
        }
        case 'hr':
          out.push('----', '');
          break;
        case 'table_open': {
          const close = this.closing(i);
          out.push(this.table(i + 1, close), '');
          i = close;
          break;
        }
        case 'footnote_block_open':
          i = this.closing(i);
          break;
        default:
          break;
      }
    }
    return out.join('\n');
  }

  /** List items: their first paragraph on the item's line, nested lists under it. */
  private items(start: number, end: number, prefix: string): string {
    const out: string[] = [];
    const t = this.tokens;
    for (let i = start; i < end; i++) {
      if (t[i].type !== 'list_item_open') continue;
      const close = this.closing(i);
      let line = '';
      for (let j = i + 1; j < close; j++) {
        const tok = t[j];
        if (tok.type === 'paragraph_open') {
          const text = this.inline(t[j + 1].children ?? []).replace(/\n/g, ' ');
          line = line ? `${line}<br />${text}` : text;
          j += 2;
        } else if (
          tok.type === 'bullet_list_open' ||
          tok.type === 'ordered_list_open' ||
          tok.type === 'blockquote_open'
        ) {
          if (line !== null) out.push(`${prefix} ${line}`.trimEnd());
          const c = this.closing(j);
          const mark =
            tok.type === 'bullet_list_open' ? '*' : tok.type === 'ordered_list_open' ? '#' : ':';
          out.push(
            mark === ':'
              ? this.blocks(j + 1, c, prefix + ':')
              : this.items(j + 1, c, prefix + mark),
          );
          line = null as unknown as string;
          j = c;
        } else if (tok.type === 'fence' || tok.type === 'code_block') {
          line = `${line ?? ''}<code>${escapeCode(tok.content.replace(/\n$/, '')).replace(/\n/g, '<br />')}</code>`;
        }
      }
      if (line !== null && line !== undefined) out.push(`${prefix} ${line}`.trimEnd());
      i = close;
    }
    return out.filter((l) => l !== '').join('\n');
  }

  /** An ordered list that does not start at 1: `<ol start="N">`, its items' first paragraphs. */
  private htmlList(start: number, end: number, from: number): string {
    const t = this.tokens;
    const items: string[] = [];
    for (let i = start; i < end; i++) {
      if (t[i].type !== 'list_item_open') continue;
      const close = this.closing(i);
      const para = t.slice(i, close).findIndex((x) => x.type === 'inline');
      items.push(
        `<li>${para < 0 ? '' : this.inline(t[i + para].children ?? []).replace(/\n/g, ' ')}</li>`,
      );
      i = close;
    }
    return `<ol start="${from}">\n${items.join('\n')}\n</ol>`;
  }

  private table(start: number, end: number): string {
    const t = this.tokens;
    const rows: string[] = ['{| class="wikitable"'];
    let first = true;
    for (let i = start; i < end; i++) {
      if (t[i].type !== 'tr_open') continue;
      const cells: string[] = [];
      let header = false;
      for (i++; t[i].type !== 'tr_close'; i++) {
        if (t[i].type === 'th_open' || t[i].type === 'td_open') {
          header = t[i].type === 'th_open';
          cells.push(
            this.inline(t[i + 1].children ?? [])
              .replace(/\|/g, nowiki('|'))
              .replace(/\n/g, ' ')
              .trim(),
          );
          i += 2;
        }
      }
      if (!first) rows.push('|-');
      rows.push(header ? `! ${cells.join(' !! ')}` : `| ${cells.join(' || ')}`);
      first = false;
    }
    rows.push('|}');
    return rows.join('\n');
  }

  /** Index of the token closing the one at `i` (same nesting level). */
  private closing(i: number): number {
    const t = this.tokens;
    let depth = 0;
    for (let j = i; j < t.length; j++) {
      depth += t[j].nesting;
      if (depth === 0) return j;
    }
    return t.length - 1;
  }

  /** Inline tokens to wikitext (hard breaks as `<br />` + newline). */
  inline(children: Token[]): string {
    let out = '';
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      switch (c.type) {
        case 'text':
          out += escapeText(c.content);
          break;
        case 'softbreak':
          out += '\n';
          break;
        case 'hardbreak':
          // On the same wikitext line: a newline after it would start a new paragraph on import.
          out += '<br />';
          break;
        case 'strong_open':
        case 'strong_close':
          out += "'''";
          break;
        case 'em_open':
        case 'em_close':
          out += "''";
          break;
        case 's_open':
          out += '<s>';
          break;
        case 's_close':
          out += '</s>';
          break;
        case 'code_inline':
          out += TEMPLATE_RE.test(c.content) ? c.content : `<code>${escapeCode(c.content)}</code>`;
          break;
        case 'wiki_raw':
          out += `[[${this.wikiLink(c.content)}]]`;
          break;
        case 'image': {
          const src = String(c.attrGet('src') ?? '');
          const alt = (c.children ?? []).map((x) => x.content).join('');
          const title = c.attrGet('title') as string | null;
          const file = this.options.fileOf(src);
          if (file) out += `[[Fichier:${file}|${title ? `alt=${alt}|${title}` : alt}]]`;
          else out += `[${src} ${alt || src}]`;
          break;
        }
        case 'link_open': {
          const close = children.findIndex((x, k) => k > i && x.type === 'link_close');
          const href = String(c.attrGet('href') ?? '');
          const label = this.inline(children.slice(i + 1, close));
          if (c.markup === 'linkify') out += href.startsWith('mailto:') ? label : href;
          else if (c.markup === 'autolink') out += `[${href}]`;
          else if (/^(?:https?|ftp|mailto):/i.test(href)) out += `[${href} ${label}]`;
          else out += label;
          i = close;
          break;
        }
        case 'footnote_ref': {
          const id = (c.meta as { id: number }).id;
          this.usedFootnotes = true;
          if (this.noteUsed.has(id)) out += `<ref name="n${id + 1}" />`;
          else {
            this.noteUsed.add(id);
            out += `<ref name="n${id + 1}">${this.notes.get(id) ?? ''}</ref>`;
          }
          break;
        }
        default:
          if (c.content && c.nesting === 0) out += escapeText(c.content);
      }
    }
    return out;
  }

  /** A `[[…]]` target given by slug becomes the page's title. */
  private wikiLink(inner: string): string {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const hash = target.indexOf('#');
    const page = (hash >= 0 ? target.slice(0, hash) : target).trim();
    const title = page && /^[a-z0-9-]+$/.test(page) ? this.options.titleOf(page) : undefined;
    if (!title || title === page) return inner;
    const rest = inner.slice(hash >= 0 ? hash : target.length);
    // A bare slug link showed the slug; keep what the reader saw.
    return bar < 0 && hash < 0 ? `${title}|${page}` : `${title}${rest}`;
  }
}
