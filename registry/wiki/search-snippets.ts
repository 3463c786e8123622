import { findSnippet, firstMatch, type TermLookup } from '../text/snippets.js';
import { foldAccents } from '../text/french.js';
import { markdownToText } from '../text/markdown-text.js';
import type { QueryWord } from './search-query.js';

/*
 * What the wiki search (registry/wiki/search.ts) shows of each result: a plain-text snippet around
 * the first match, and the index terms of the query that snippets and highlights look for.
 */

const SNIPPET_LENGTH = 200;

/** The index terms of a query, for highlights and snippets: whole terms, and terms beginning with a typed prefix. */
export class QueryTerms implements TermLookup {
  private readonly terms = new Set<string>();
  private readonly prefixes: string[] = [];
  /** The first characters of the terms and prefixes (see `TermLookup.initials`). */
  readonly initials: string = '';

  constructor(words: QueryWord[]) {
    for (const w of words) {
      for (const t of w.terms) this.terms.add(t);
      for (const p of w.prefixes) if (!this.prefixes.includes(p)) this.prefixes.push(p);
    }
    for (const t of [...this.terms, ...this.prefixes])
      if (t && !this.initials.includes(t[0])) this.initials += t[0];
  }

  has(term: string): boolean {
    if (this.terms.has(term)) return true;
    for (const p of this.prefixes) if (term.startsWith(p)) return true;
    return false;
  }

  get size(): number {
    return this.terms.size + this.prefixes.length;
  }
}

/**
 * Plain-text snippet of a markdown body around the first of `terms`. Pages can be long and a
 * results page shows twenty snippets, so the raw markdown is scanned for the first matching word
 * and only the lines around it are converted to text (a raw match inside markup, a URL say, is
 * checked on the converted line and skipped).
 * @param terms index terms found in the body (empty: the beginning of the page).
 * @param title the page title: a first heading repeating it is left out.
 */
export function snippetOf(markdown: string, terms: TermLookup, title = ''): string {
  let body = markdown;
  // A first heading repeating the title says nothing the result does not already show.
  const heading = /^\s*#[ \t]+([^\n]*)(\n|$)/.exec(body);
  if (heading && foldAccents(markdownToText(heading[1])) === foldAccents(title.trim()))
    body = body.slice(heading[0].length);

  const window = 2 * SNIPPET_LENGTH;
  for (let from = 0; terms.size > 0;) {
    const at = firstMatch(body, terms, from);
    if (at < 0) break;
    const lineStart = body.lastIndexOf('\n', at) + 1;
    const newline = body.indexOf('\n', at);
    const lineEnd = newline < 0 ? body.length : newline;
    const line = body.slice(lineStart, lineEnd);
    // Without links, images, tags, code or a leading number, no markup can hide the word found.
    if (
      (!/[[<`~]/.test(line) && !/^\s{0,3}\d/.test(line)) ||
      firstMatch(markdownToText(line), terms) >= 0
    ) {
      // Whole lines around the match, so that no link or emphasis is cut in half.
      const start =
        lineStart === 0 ? 0 : body.lastIndexOf('\n', Math.max(0, lineStart - window)) + 1;
      const next = body.indexOf('\n', Math.min(body.length, lineEnd + window));
      const end = next < 0 ? body.length : next;
      return ellipsis(
        findSnippet(markdownToText(body.slice(start, end)), terms, SNIPPET_LENGTH),
        body,
        start,
        end,
      );
    }
    from = lineEnd;
  }
  const next = body.indexOf('\n', Math.min(body.length, window));
  const end = next < 0 ? body.length : next;
  return ellipsis(
    findSnippet(markdownToText(body.slice(0, end)), new Set(), SNIPPET_LENGTH),
    body,
    0,
    end,
  );
}

/** Marks with "…" the sides of a snippet taken from `body.slice(start, end)` where text was left out. */
function ellipsis(snippet: string, body: string, start: number, end: number): string {
  let out = snippet;
  if (start > 0 && !out.startsWith('…') && /\S/.test(body.slice(0, start))) out = `…${out}`;
  if (end < body.length && !out.endsWith('…') && /\S/.test(body.slice(end))) out = `${out}…`;
  return out;
}
