import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Md } from 'markdown-it';

/*
 * The one markdown-it set-up of the project, shared by the wiki's renderer (registry/wiki/markdown.ts),
 * the MediaWiki export (server/mediawiki/markdown-to-wikitext.ts) and the browser's own renderings
 * (the co-editor's offline preview, resource descriptions). It imports markdown-it only, so the
 * client bundles it as is.
 */

/** Options of every markdown-it instance: never raw HTML, links from bare URLs, no typographic quotes. */
export const MARKDOWN_OPTIONS = { html: false, linkify: true, typographer: false } as const;

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
// Browsers drop ASCII whitespace and control characters inside a URL's scheme (`java\tscript:`);
// invisible format characters are removed as well before the scheme is looked at.
const IGNORED_IN_SCHEME_RE =
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;
const SCHEME_RE = /^([^/?#]*?):/;

/**
 * True for URLs a wiki page may link to or embed: http, https, mailto, relative paths and
 * `#anchors`. Anything else that looks like a scheme (javascript:, vbscript:, data:, file:,
 * including case and whitespace obfuscations) is refused. Entities are decoded by markdown-it
 * before this check; percent-encoded schemes (`%6Aavascript:`) are refused as unknown schemes.
 */
export function isSafeUrl(url: string): boolean {
  const s = url.replace(IGNORED_IN_SCHEME_RE, '');
  const m = SCHEME_RE.exec(s);
  if (!m) return true;
  return SAFE_SCHEMES.has(m[1].toLowerCase());
}

/**
 * Teaches linkify bare `www.` addresses: `www.tierslieux.fr/agenda` becomes a link to
 * `https://www.tierslieux.fr/agenda` (https, not linkify-it's default http: most sites redirect
 * http to https anyway). The host after `www.` needs a known top-level domain, like linkify-it's
 * own fuzzy links, so `www.fichier.txt` in prose stays text unless `.txt` were a TLD. The URL
 * still goes through `validateLink` (isSafeUrl) like every other link.
 */
function addWwwLinks(md: Md): void {
  const re = md.linkify.re;
  // `www.` then at least one more label and a TLD, an optional port, the end of the host, a path:
  // linkify-it's own building blocks, so the path rules (trailing dot, brackets) are the same.
  const tail = new RegExp(
    `(?:(?:${re.get_domain().source})\\.){1,10}(?:${re.get_tld().source})${re.get_port().source}` +
      `${re.get_host_terminator().source}${re.get_path().source}`,
    'iy',
  );
  md.linkify.add('www.', {
    validate: (text: string, pos: number) => {
      tail.lastIndex = pos;
      const m = tail.exec(text);
      return m ? m[0].length : 0;
    },
    normalize: (match) => {
      match.url = `https://${match.url}`;
    },
  });
}

/**
 * A markdown-it instance with the shared options: raw HTML off (`<script>` shows as text), every
 * link and image URL through `isSafeUrl`, URLs with a scheme, bare e-mail addresses and `www.`
 * addresses as links. Other scheme-less "example.org" links stay off: their detection regex tripled
 * the parse time of a 20 KB page (bench/wiki-core.ts), while `www.` is one more literal prefix in
 * the schema search. Callers add their own rules (wiki links, footnotes) on top.
 */
export function createBaseMarkdown(): Md {
  const md = new MarkdownIt(MARKDOWN_OPTIONS);
  md.validateLink = isSafeUrl;
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });
  addWwwLinks(md);
  return md;
}
