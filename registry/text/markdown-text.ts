// Runs of white space other than one plain space: replacing only these by a space gives what
// `.replace(/\s+/g, ' ')` gives (a lone space is already itself), and is three times faster on
// prose, where nearly every run is a lone space.
const SPACE_RUNS = /[^\S ]\s*| \s+/g;

/** `text` with every run of white space made one space (`text.replace(/\s+/g, ' ')`, faster). */
export const collapseSpaces = (text: string): string => text.replace(SPACE_RUNS, ' ');

/** Whitespace inside a line (`\s` without the line terminators `^` and `$` stop at). */
const H = String.raw`[^\S\n\r\u2028\u2029]`;
const FENCE_RE = new RegExp(String.raw`^${H}*(\`\`\`+|~~~+).*$`, 'gm');
const TABLE_RULE_RE = new RegExp(
  String.raw`^${H}*(?:\|${H}*)?:?-+:?${H}*(?:\|${H}*:?-+:?${H}*)+(?:\|${H}*)?$`,
  'gm',
);
const TASK_BOX_RE = new RegExp(String.raw`^(${H}*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+`, 'gm');
const RULE_RE = new RegExp(String.raw`^${H}*([-*_=]${H}*){3,}$`, 'gm');

/**
 * Plain text of a markdown body, for indexing and snippets: wiki links and links keep their
 * label, images their alt text; markup characters, HTML tags and URLs are dropped.
 *
 * It runs for every page written (the full-text triggers) and twice for every search result
 * (snippets), so a pass whose pattern needs a character the text lacks is skipped: the
 * replacements only remove characters or insert spaces, so a character missing from the input is
 * missing at every step, and the result is the same as running every pass.
 *
 * Every pattern runs in linear time on any input: a bracket or tag never spans another bracket
 * or `<`, and line patterns never span a line break, so no starting point rescans what the
 * previous one scanned. (`[[` repeated, `[a](` repeated, `<` repeated or a `|`
 * followed by blank lines made a few kilobytes of markdown take minutes: bench/markdown-text.ts.)
 */
export function markdownToText(markdown: string): string {
  let text = markdown;
  if (text.includes('```') || text.includes('~~~')) text = text.replace(FENCE_RE, ' '); // code fences (the code stays)
  if (text.includes('|')) text = text.replace(TABLE_RULE_RE, ' '); // table delimiter rows
  if (text.includes('[')) {
    // Task list boxes (only looked for where a box is).
    if (/\[[ xX]\]/.test(text)) text = text.replace(TASK_BOX_RE, '$1');
    text = text
      .replace(/!\[([^[\]]*)\]\([^)[\]]*\)/g, '$1') // images → alt
      .replace(/\[\[([^[\]|]*)\|([^[\]]*)\]\]/g, '$2') // [[target|label]] → label
      .replace(/\[\[([^[\]]*)\]\]/g, '$1') // [[target]] → target
      .replace(/\[([^[\]]*)\]\([^)[\]]*\)/g, '$1'); // [text](url) → text
  }
  if (text.includes('<')) text = text.replace(/<[^<>\n]*>/g, ' '); // HTML tags and autolinks
  return collapseSpaces(
    text
      .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '') // headings, quotes, list markers
      .replace(RULE_RE, ' ') // rules and setext underlines
      .replace(/[*_~`|]+/g, ' '), // emphasis, code spans, table pipes
  ).trim();
}
