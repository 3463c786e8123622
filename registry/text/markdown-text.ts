/**
 * Plain text of a markdown body, for indexing and snippets: wiki links and links keep their
 * label, images their alt text; markup characters, HTML tags and URLs are dropped.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s*(```+|~~~+).*$/gm, ' ') // code fences (the code stays)
    .replace(/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/gm, ' ') // table delimiter rows
    .replace(/^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+/gm, '$1') // task list boxes
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2') // [[target|label]] → label
    .replace(/\[\[([^\]]*)\]\]/g, '$1') // [[target]] → target
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // [text](url) → text
    .replace(/<[^>\n]*>/g, ' ') // HTML tags and autolinks
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '') // headings, quotes, list markers
    .replace(/^\s*([-*_=]\s*){3,}$/gm, ' ') // rules and setext underlines
    .replace(/[*_~`|]+/g, ' ') // emphasis, code spans, table pipes
    .replace(/\s+/g, ' ')
    .trim();
}
