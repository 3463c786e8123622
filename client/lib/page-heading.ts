/** Rendered `# heading` that opens a page's text (server rendering: `<h1 id="…">…</h1>`). */
const LEADING_H1 = /^\s*<h1(?:\s[^>]*)?>([\s\S]*?)<\/h1>\s*/;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&nbsp;': ' ',
};

const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39|#x27|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase();

/**
 * A page's rendered text without its opening `# heading` when that heading repeats the page's
 * title: the page view shows the title as its one `h1` already (pages begin with `# Title`, which
 * showed the title twice, as two `h1`). Any other text is returned unchanged.
 */
export function withoutTitleHeading(html: string, title: string): string {
  const m = LEADING_H1.exec(html);
  if (!m || plain(m[1]) !== plain(title)) return html;
  return html.slice(m[0].length);
}
