// Runs of white space other than one plain space: replacing only these by a space gives what
// `.replace(/\s+/g, ' ')` gives (a lone space is already itself), and is three times faster on
// prose, where nearly every run is a lone space.
const SPACE_RUNS = /[^\S ]\s*| \s+/g;

/** `text` with every run of white space made one space (`text.replace(/\s+/g, ' ')`, faster). */
export const collapseSpaces = (text: string): string => text.replace(SPACE_RUNS, ' ');

/**
 * Plain text of a markdown body, for indexing and snippets: wiki links and links keep their
 * label, images their alt text; markup characters, HTML tags and URLs are dropped.
 *
 * It runs for every page written (the full-text triggers) and twice for every search result
 * (snippets), so a pass whose pattern needs a character the text lacks is skipped: the
 * replacements only remove characters or insert spaces, so a character missing from the input is
 * missing at every step, and the result is the same as running every pass.
 */
export function markdownToText(markdown: string): string {
  let text = markdown;
  if (text.includes('```') || text.includes('~~~'))
    text = text.replace(/^\s*(```+|~~~+).*$/gm, ' '); // code fences (the code stays)
  if (text.includes('|')) text = text.replace(/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/gm, ' '); // table delimiter rows
  if (text.includes('[')) {
    // Task list boxes (only looked for where a box is).
    if (/\[[ xX]\]/.test(text))
      text = text.replace(/^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+/gm, '$1');
    text = text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt
      .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2') // [[target|label]] → label
      .replace(/\[\[([^\]]*)\]\]/g, '$1') // [[target]] → target
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'); // [text](url) → text
  }
  if (text.includes('<')) text = text.replace(/<[^>\n]*>/g, ' '); // HTML tags and autolinks
  return collapseSpaces(
    text
      .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '') // headings, quotes, list markers
      .replace(/^\s*([-*_=]\s*){3,}$/gm, ' ') // rules and setext underlines
      .replace(/[*_~`|]+/g, ' '), // emphasis, code spans, table pipes
  ).trim();
}
