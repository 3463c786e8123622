import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * Streaming reader of MediaWiki XML exports (Special:Export, dumpBackup.php; schema 0.10 and 0.11,
 * plain or gzip). Pages are handed over one at a time, with their revisions, as soon as their
 * closing tag is read: memory holds one page, whatever the size of the file.
 */

/** `<siteinfo>`: the wiki's name, base URL and namespaces (names in the wiki's language). */
export interface SiteInfo {
  sitename: string;
  dbname: string;
  base: string;
  generator: string;
  /** Namespace number → local name ("" for the main namespace, "Catégorie" for 14 on a French wiki). */
  namespaces: Map<number, string>;
}

/** Who wrote a revision, as the export tells. */
export interface XmlContributor {
  username?: string;
  id?: number;
  ip?: string;
  /** The author was suppressed (`<contributor deleted="deleted"/>`). */
  deleted: boolean;
}

/** One `<revision>`. `text` and `comment` are null when suppressed (`deleted="deleted"`). */
export interface XmlRevision {
  id: number;
  timestamp: string;
  contributor: XmlContributor;
  minor: boolean;
  comment: string | null;
  model: string;
  text: string | null;
}

/** One `<page>` with its revisions in the order of the file. */
export interface XmlPage {
  title: string;
  ns: number;
  id: number;
  /** `<redirect title>`: the current revision redirects there. */
  redirect: string | null;
  revisions: XmlRevision[];
}

/** Malformed XML: where and why (no stack is shown to users). */
export class MediawikiXmlError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'MediawikiXmlError';
  }
}

/** What `readMediawikiXml` calls. Both run synchronously, inside the parser's callbacks. */
export interface XmlHandlers {
  siteinfo(site: SiteInfo): void;
  page(page: XmlPage): void;
}

/**
 * A gzip export that decompresses to more than the limit (a gzip bomb, or an export too large for
 * this instance's `LC_MEDIAWIKI_XML_LIMIT`): reading stops as soon as the limit is passed.
 */
export class MediawikiXmlTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the gzip export decompresses to more than ${limit} bytes (LC_MEDIAWIKI_XML_LIMIT)`);
    this.name = 'MediawikiXmlTooLargeError';
  }
}

/** Options of `readMediawikiXml`. */
export interface XmlReadOptions {
  /** Largest size of a gzip export once decompressed, in bytes (default: no limit). */
  maxGunzippedBytes?: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
/** Compressed formats a dump may come in that are not read here (gzip is), by their first bytes. */
const PACKED: [string, number[]][] = [
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/**
 * Gunzips a stream when it starts with the gzip magic bytes, whatever the file is called.
 * @param maxGunzippedBytes largest decompressed size of gzip input, in bytes.
 * @returns a stream of the XML bytes.
 * @throws MediawikiXmlTooLargeError as soon as gzip input decompresses past `maxGunzippedBytes`.
 */
export async function* xmlBytes(
  input: AsyncIterable<Buffer>,
  maxGunzippedBytes = Infinity,
): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest = (async function* () {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  })();
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
    const gunzip = createGunzip();
    const feeding = (async () => {
      try {
        for await (const chunk of rest) {
          // Destroyed when the reader stopped (past the size limit): stop feeding it.
          if (gunzip.destroyed) break;
          if (!gunzip.write(chunk))
            await new Promise<void>((resolve) => {
              const done = () => {
                gunzip.off('drain', done);
                gunzip.off('close', done);
                resolve();
              };
              gunzip.on('drain', done);
              gunzip.on('close', done);
            });
        }
        if (!gunzip.destroyed) gunzip.end();
      } catch (err) {
        gunzip.destroy(err as Error);
      }
    })();
    let out = 0;
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        out += chunk.length;
        // Counted as it comes out (one chunk of zlib's output at most past the limit): a small
        // file of zeros must not become gigabytes of work or of one element's text in memory.
        if (out > maxGunzippedBytes) throw new MediawikiXmlTooLargeError(maxGunzippedBytes);
        yield chunk;
      }
    } finally {
      gunzip.destroy();
    }
    await feeding;
  } else {
    yield* rest;
  }
}

const EMPTY_SITE = (): SiteInfo => ({
  sitename: '',
  dbname: '',
  base: '',
  generator: '',
  namespaces: new Map([[0, '']]),
});

/**
 * Reads an export from a byte stream, calling `handlers.siteinfo` once (with defaults when the
 * file has none) before the first page, and `handlers.page` for every page.
 * @throws MediawikiXmlError for malformed XML or a file that is not a MediaWiki export, with the
 *   line and column; MediawikiXmlTooLargeError for gzip input past `options.maxGunzippedBytes`;
 *   whatever a handler throws is passed through.
 */
export async function readMediawikiXml(
  input: Readable | AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  options: XmlReadOptions = {},
): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  const path: string[] = [];
  let text = '';
  let site: SiteInfo | null = null;
  let nsKey = 0;
  let page: XmlPage | null = null;
  let rev: XmlRevision | null = null;
  let sawRoot = false;
  // In 0.11, extra slots (<content>) carry their own <text>: only the main slot counts.
  let inContent = false;

  const fail = (reason: string): never => {
    throw new MediawikiXmlError(parser.line, parser.column + 1, reason);
  };
  const siteinfo = () => {
    if (!site) {
      site = EMPTY_SITE();
      handlers.siteinfo(site);
    }
    return site;
  };
  const int = (s: string, what: string) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n)) fail(`<${what}> is not a number: "${s.trim().slice(0, 40)}"`);
    return n;
  };

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const parent = path[path.length - 1];
    path.push(name);
    text = '';
    if (path.length === 1) {
      if (name !== 'mediawiki')
        fail(`expected <mediawiki>, found <${name}>: not a MediaWiki export`);
      sawRoot = true;
      return;
    }
    if (name === 'siteinfo' && parent === 'mediawiki') site = EMPTY_SITE();
    else if (name === 'namespace') nsKey = Number(tag.attributes.key ?? 0);
    else if (name === 'page' && parent === 'mediawiki') {
      siteinfo();
      page = { title: '', ns: 0, id: 0, redirect: null, revisions: [] };
    } else if (name === 'redirect' && page && parent === 'page')
      page.redirect = String(tag.attributes.title ?? '') || null;
    else if (name === 'revision' && page) {
      rev = {
        id: 0,
        timestamp: '',
        contributor: { deleted: false },
        minor: false,
        comment: '',
        model: 'wikitext',
        text: '',
      };
    } else if (rev && name === 'content') inContent = true;
    else if (rev && !inContent) {
      const deleted = tag.attributes.deleted === 'deleted';
      if (name === 'contributor') rev.contributor.deleted = deleted;
      else if (name === 'minor') rev.minor = true;
      else if (name === 'comment' && deleted) rev.comment = null;
      else if (name === 'text' && deleted) rev.text = null;
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    path.pop();
    const parent = path[path.length - 1];
    const value = text;
    text = '';
    if (site && parent === 'siteinfo') {
      if (name === 'sitename') site.sitename = value.trim();
      else if (name === 'dbname') site.dbname = value.trim();
      else if (name === 'base') site.base = value.trim();
      else if (name === 'generator') site.generator = value.trim();
    } else if (site && name === 'namespace') site.namespaces.set(nsKey, value.trim());
    else if (name === 'siteinfo' && site) handlers.siteinfo(site);
    else if (page && parent === 'page') {
      if (name === 'title') page.title = value.trim();
      else if (name === 'ns') page.ns = int(value, 'ns');
      else if (name === 'id') page.id = int(value, 'id');
      else if (name === 'revision' && rev) {
        if (!rev.id) fail(`a revision of "${page.title}" has no <id>`);
        page.revisions.push(rev);
        rev = null;
      }
    } else if (rev && name === 'content') inContent = false;
    else if (rev && !inContent && parent === 'revision') {
      if (name === 'id') rev.id = int(value, 'id');
      else if (name === 'timestamp') rev.timestamp = value.trim();
      else if (name === 'comment' && rev.comment !== null) rev.comment = value;
      else if (name === 'model') rev.model = value.trim();
      else if (name === 'text' && rev.text !== null) rev.text = value;
    } else if (rev && parent === 'contributor') {
      if (name === 'username') rev.contributor.username = value.trim();
      else if (name === 'id') rev.contributor.id = int(value, 'id');
      else if (name === 'ip') rev.contributor.ip = value.trim();
    } else if (name === 'page' && page) {
      const done = page;
      page = null;
      if (!done.title) fail('a <page> has no <title>');
      handlers.page(done);
    }
  });

  // saxes reports malformed XML through this handler, its message prefixed with "LINE:COLUMN: ".
  parser.on('error', (err) => {
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(err.message);
    if (m) throw new MediawikiXmlError(Number(m[1]), Number(m[2]), m[3]);
    fail(err.message);
  });

  let decoder: TextDecoder | null = null;
  try {
    for await (const chunk of xmlBytes(input as AsyncIterable<Buffer>, options.maxGunzippedBytes)) {
      if (!decoder) {
        const packed = PACKED.find(([, magic]) => magic.every((b, i) => chunk[i] === b));
        if (packed)
          throw new MediawikiXmlError(
            1,
            1,
            `the file is a ${packed[0]} archive, not XML: decompress it first (or send it gzipped, .xml.gz)`,
          );
        // UTF-16 with its byte-order mark (an export re-saved by a Windows editor); UTF-8 otherwise.
        decoder = new TextDecoder(
          chunk[0] === 0xff && chunk[1] === 0xfe
            ? 'utf-16le'
            : chunk[0] === 0xfe && chunk[1] === 0xff
              ? 'utf-16be'
              : 'utf-8',
        );
      }
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    decoder ??= new TextDecoder('utf-8');
    parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
      throw new MediawikiXmlError(
        parser.line,
        parser.column + 1,
        `the gzip data is damaged (${(err as Error).message})`,
      );
    }
    throw err;
  }
  if (!sawRoot)
    throw new MediawikiXmlError(
      parser.line,
      parser.column + 1,
      'empty file: not a MediaWiki export',
    );
}
