import footnote from 'markdown-it-footnote';
import type { MarkdownIt as Md, StateCore, StateInline, Token } from 'markdown-it';
import { slugify } from '../text/slug.js';
import { createBaseMarkdown, isSafeUrl } from '../text/markdown-base.js';

export { isSafeUrl } from '../text/markdown-base.js';

/**
 * Wiki markdown: CommonMark + tables + strikethrough (markdown-it), never raw HTML, only safe URL
 * schemes, task lists, heading anchors, `[[wiki links]]` and `[[Catégorie:…]]` memberships.
 *
 * Rendering produces a *template*: each wiki link carries its target slug between two NUL
 * characters where the "missing" class goes. `finalizeHtml` fills them in from the set of pages
 * that exist, so a cached rendering can be re-checked when pages get created without re-parsing.
 * markdown-it turns every NUL of the source into U+FFFD, so NUL never appears otherwise.
 */

/** A wiki link target found in a body: its slug and how the link named it (a title guess). */
export interface WikiLinkRef {
  slug: string;
  /** The page name as written ("Modèle économique"), or the label when the link used a bare slug. */
  title: string;
}

/** Everything one parse of a body tells: the HTML template, links, categories and text size. */
export interface MarkdownAnalysis {
  /** HTML with NUL-delimited slugs where the wiki links' "missing" class goes (see `finalizeHtml`). */
  template: string;
  /** Distinct wiki link targets, in order of first appearance. */
  links: WikiLinkRef[];
  /** Categories named by `[[Catégorie:…]]` / `[[Category:…]]` links, normalised, distinct. */
  categories: string[];
  /** Characters of plain text (what a reader reads), to spot stubs. */
  textLength: number;
}

/** Marks where the "missing" class of a wiki link goes in a template. */
const MARK = '\u0000';

/**
 * A category name as stored: trimmed, inner whitespace collapsed, first letter uppercase
 * ("gouvernance" and "Gouvernance" are the same category). Empty when nothing is left.
 */
export function normalizeCategory(name: string): string {
  const s = name
    .replace(/[\s_]+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return s ? s.charAt(0).toLocaleUpperCase('fr') + s.slice(1) : '';
}

/** The id a heading gets: "h-" + slug of its text ("h-section" for text without letters). */
export const headingId = (text: string) => `h-${slugify(text) || 'section'}`;

const CATEGORY_RE = /^(?:cat[ée]gorie|category)\s*:\s*(.*)$/i;

/** What the inside of `[[…]]` means. */
export type WikiTarget =
  | { type: 'page'; slug: string; title: string; anchor: string | null; label: string }
  | { type: 'anchor'; anchor: string; label: string }
  | { type: 'category'; name: string }
  | { type: 'category-link'; name: string; label: string };

/**
 * Parses the inside of `[[…]]`: `Page title`, `slug|label`, `Page#Section`, `#Section`,
 * `Catégorie:Nom` (membership), `:Catégorie:Nom|label` (a link to the category page).
 * @returns null when it names nothing (the text then stays as written).
 */
export function parseWikiTarget(inner: string): WikiTarget | null {
  const bar = inner.indexOf('|');
  let target = (bar >= 0 ? inner.slice(0, bar) : inner).trim();
  const label = bar >= 0 ? inner.slice(bar + 1).trim() : '';
  const forced = target.startsWith(':');
  if (forced) target = target.slice(1).trim();
  const cat = CATEGORY_RE.exec(target);
  if (cat) {
    const name = normalizeCategory(cat[1]);
    if (!name) return null;
    return forced
      ? { type: 'category-link', name, label: label || name }
      : { type: 'category', name };
  }
  const hash = target.indexOf('#');
  const pagePart = (hash >= 0 ? target.slice(0, hash) : target).trim();
  const anchorPart = hash >= 0 ? target.slice(hash + 1).trim() : '';
  if (!pagePart) {
    if (!anchorPart) return null;
    return { type: 'anchor', anchor: headingId(anchorPart), label: label || anchorPart };
  }
  const slug = slugify(pagePart);
  if (!slug) return null;
  return {
    type: 'page',
    slug,
    title: pagePart !== slug ? pagePart : label || pagePart,
    anchor: anchorPart ? headingId(anchorPart) : null,
    label: label || target,
  };
}

/** Per-render state, passed to markdown-it as `env`. */
interface WikiEnv {
  [key: string | symbol]: unknown;
  links: Map<string, WikiLinkRef>;
  categories: Set<string>;
  textLength: number;
}

/** Inline rule: `[[…]]` on one line, without brackets inside. */
function wikiLinkRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x5b) return false;
  // Inside the text of another link, `[[…]]` stays text: links do not nest.
  if (state.linkLevel > 0) return false;
  const end = src.indexOf(']]', start + 2);
  if (end < 0 || end + 2 > state.posMax) return false;
  const inner = src.slice(start + 2, end);
  if (inner.length > 400 || /[[\]\n]/.test(inner)) return false;
  const target = parseWikiTarget(inner);
  if (!target) return false;
  if (!silent) {
    const token = state.push(target.type === 'category' ? 'wiki_category' : 'wiki_link', '', 0);
    token.meta = target;
  }
  state.pos = end + 2;
  return true;
}

const isBlankInline = (t: Token) =>
  t.type === 'wiki_category' ||
  t.type === 'softbreak' ||
  t.type === 'hardbreak' ||
  (t.type === 'text' && !t.content.trim());

const TASK_RE = /^\[([ xX])\](?:[ \u00a0]+|$)/;

/**
 * Core rule run after inline parsing: collects links, categories and text length; gives headings
 * unique ids; turns `[ ]` / `[x]` list items into disabled checkboxes; drops paragraphs that only
 * held category links (they are shown apart, not inline).
 */
function wikiCoreRule(state: StateCore): void {
  const env = state.env as unknown as WikiEnv;
  const tokens = state.tokens;
  const usedIds = new Map<string, number>();
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (
      tok.type === 'paragraph_open' &&
      tokens[i + 1]?.type === 'inline' &&
      tokens[i + 2]?.type === 'paragraph_close'
    ) {
      const children = tokens[i + 1].children ?? [];
      if (
        children.length &&
        children.some((c) => c.type === 'wiki_category') &&
        children.every(isBlankInline)
      ) {
        for (const c of children)
          if (c.type === 'wiki_category') env.categories.add((c.meta as { name: string }).name);
        i += 2;
        continue;
      }
    }
    if (tok.type === 'heading_open') {
      const inline = tokens[i + 1];
      const text = (inline?.children ?? []).map(plainText).join('');
      const base = headingId(text);
      const n = (usedIds.get(base) ?? 0) + 1;
      usedIds.set(base, n);
      tok.attrSet('id', n === 1 ? base : `${base}-${n}`);
    }
    if (
      tok.type === 'inline' &&
      tokens[i - 1]?.type === 'paragraph_open' &&
      tokens[i - 2]?.type === 'list_item_open'
    ) {
      markTask(state, i, out);
    }
    if (tok.type === 'inline') {
      for (const c of tok.children ?? []) {
        if (c.type === 'wiki_link') {
          const t = c.meta as WikiTarget;
          if (t.type === 'page' && !env.links.has(t.slug))
            env.links.set(t.slug, { slug: t.slug, title: t.title });
        } else if (c.type === 'wiki_category') {
          env.categories.add((c.meta as { name: string }).name);
        }
        env.textLength += plainText(c).length;
      }
    } else if (tok.type === 'fence' || tok.type === 'code_block') {
      env.textLength += tok.content.length;
    }
    out.push(tok);
  }
  state.tokens = out;
}

/** The plain text an inline token shows. */
function plainText(t: Token): string {
  if (t.type === 'text' || t.type === 'code_inline') return t.content;
  if (t.type === 'wiki_link') {
    const m = t.meta as WikiTarget;
    return 'label' in m ? m.label : '';
  }
  if (t.type === 'image') return (t.children ?? []).map(plainText).join('');
  return '';
}

/** Turns the inline token at `i` (first paragraph of a list item) into a task item when it starts with `[ ]`/`[x]`. */
function markTask(state: StateCore, i: number, out: Token[]): void {
  const tokens = state.tokens;
  const inline = tokens[i];
  const first = inline.children?.[0];
  if (!first || first.type !== 'text') return;
  const m = TASK_RE.exec(first.content);
  if (!m) return;
  first.content = first.content.slice(m[0].length);
  inline.content = inline.content.replace(TASK_RE, '');
  const box = new state.Token('task_checkbox', 'input', 0);
  box.meta = { checked: m[1] !== ' ' };
  inline.children!.unshift(box);
  const item = tokens[i - 2];
  item.attrJoin('class', 'task-list-item');
  // The enclosing list is the last list_open already emitted one level up.
  for (let j = out.length - 1; j >= 0; j--) {
    const t = out[j];
    if (
      (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') &&
      t.level === item.level - 1
    ) {
      if (!String(t.attrGet('class') ?? '').includes('contains-task-list'))
        t.attrJoin('class', 'contains-task-list');
      break;
    }
  }
}

/**
 * Builds the wiki's markdown-it instance: the shared set-up (registry/text/markdown-base.ts: no raw
 * HTML, safe URLs only, linkify) with footnotes, wiki links, categories, task lists and heading anchors.
 */
export function createMarkdown(): Md {
  const md = createBaseMarkdown();
  // `[^1]` footnotes: what MediaWiki's <ref> become on import (server/mediawiki/wikitext.ts).
  md.use(footnote);
  md.inline.ruler.before('link', 'wiki_link', wikiLinkRule);
  md.core.ruler.push('wiki_core', wikiCoreRule);
  const esc = md.utils.escapeHtml;

  md.renderer.rules.wiki_link = (tokens, idx) => {
    const t = tokens[idx].meta as WikiTarget;
    switch (t.type) {
      case 'page': {
        const href = `/wiki/${t.slug}${t.anchor ? `#${t.anchor}` : ''}`;
        return `<a class="wikilink${MARK}${t.slug}${MARK}" href="${href}">${esc(t.label)}</a>`;
      }
      case 'anchor':
        return `<a href="#${t.anchor}">${esc(t.label)}</a>`;
      case 'category-link':
        return `<a class="categorylink" href="/category/${esc(encodeURIComponent(t.name))}">${esc(t.label)}</a>`;
      default:
        return '';
    }
  };
  md.renderer.rules.wiki_category = () => '';
  md.renderer.rules.task_checkbox = (tokens, idx) =>
    `<input class="task-list-item-checkbox" type="checkbox" disabled${(tokens[idx].meta as { checked: boolean }).checked ? ' checked' : ''}> `;

  // Defence in depth: even if a URL slipped past validateLink, it leaves without its attribute.
  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const tok = tokens[idx];
    const href = String(tok.attrGet('href') ?? '');
    if (!href || !isSafeUrl(href)) {
      tok.attrs = (tok.attrs ?? []).filter(([name]) => name !== 'href');
    } else if (/^(?:https?:)?\/\//i.test(href)) {
      tok.attrSet('rel', 'nofollow ugc noopener');
      tok.attrJoin('class', 'external');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const tok = tokens[idx];
    const src = String(tok.attrGet('src') ?? '');
    if (!src || !isSafeUrl(src)) tok.attrs = (tok.attrs ?? []).filter(([name]) => name !== 'src');
    tok.attrSet('loading', 'lazy');
    return defaultImage(tokens, idx, options, env, self);
  };
  return md;
}

/**
 * Parses and renders a body once.
 * @param md an instance from `createMarkdown`.
 */
export function analyzeMarkdown(md: Md, markdown: string): MarkdownAnalysis {
  const env: WikiEnv = { links: new Map(), categories: new Set(), textLength: 0 };
  const tokens = md.parse(markdown, env);
  const template = md.renderer.render(tokens, md.options, env);
  return {
    template,
    links: [...env.links.values()],
    categories: [...env.categories],
    textLength: env.textLength,
  };
}

/**
 * Fills a template's wiki link classes: " missing" for targets `missing` reports.
 * @param template HTML from `analyzeMarkdown`.
 * @param missing whether a slug has no page.
 */
export function finalizeHtml(template: string, missing: (slug: string) => boolean): string {
  if (!template.includes(MARK)) return template;
  const parts = template.split(MARK);
  for (let i = 1; i < parts.length; i += 2) parts[i] = missing(parts[i]) ? ' missing' : '';
  return parts.join('');
}
