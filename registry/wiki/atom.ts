import type { RecentChange } from './lists.js';

// XML 1.0 forbids most control characters even when escaped: they are dropped.
const INVALID_XML_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML_RE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** What the feed needs besides the changes. */
export interface AtomOptions {
  /** Absolute origin of the site, e.g. "https://wiki.example.org" (no trailing slash). */
  origin: string;
  /** Feed title. */
  title?: string;
}

const sizeText = (delta: number) => (delta > 0 ? `+${delta}` : String(delta));

/** The summary of a deletion, restoration or move entry (French, like the other automatic summaries). */
const logSummary = (ch: RecentChange) => {
  const what =
    ch.kind === 'move' && ch.from && ch.to
      ? `Page renommée : ${ch.from.title} (${ch.from.slug}) → ${ch.to.title} (${ch.to.slug})${ch.redirect ? '' : ', sans redirection'}`
      : ch.kind === 'delete'
        ? 'Page supprimée'
        : 'Page restaurée';
  return `${what}${ch.reason ? ` : ${ch.reason}` : ''}`;
};

/**
 * The recent changes as an Atom 1.0 feed (RFC 4287): one entry per revision, linking to its diff
 * (or to the page for a creation), and one per deletion, restoration or move of a page, linking
 * to the page (at its new slug for a move). Every entry has an author, so the feed needs none of its own.
 */
export function recentChangesAtom(changes: RecentChange[], options: AtomOptions): string {
  const o = options.origin.replace(/\/+$/, '');
  const updated = changes[0]?.createdAt ?? '1970-01-01T00:00:00.000Z';
  const entries = changes.map((ch) => {
    const edit = ch.kind === 'edit';
    const link =
      !edit || ch.isNew
        ? `${o}/wiki/${ch.slug}`
        : `${o}/wiki/${ch.slug}/diff?from=${ch.revision - 1}&to=${ch.revision}`;
    const summary = edit
      ? `${ch.summary || (ch.isNew ? 'Nouvelle page' : 'Modification')} (${sizeText(ch.sizeDelta)} octets)`
      : logSummary(ch);
    const id = edit
      ? `${o}/wiki/${ch.slug}?revision=${ch.revision}`
      : `${o}/wiki/${ch.slug}?log=${ch.id}`;
    return [
      '  <entry>',
      `    <id>${xmlEscape(id)}</id>`,
      `    <title>${xmlEscape(ch.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
      `    <updated>${xmlEscape(ch.createdAt)}</updated>`,
      `    <author><name>${xmlEscape(ch.author?.name ?? 'Lieux Communs')}</name></author>`,
      `    <summary type="text">${xmlEscape(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xmlEscape(`${o}/recent`)}</id>`,
    `  <title>${xmlEscape(options.title ?? 'Lieux Communs : modifications récentes')}</title>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${o}/feed/recent-changes.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${o}/recent`)}"/>`,
    '  <generator>Lieux Communs</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
