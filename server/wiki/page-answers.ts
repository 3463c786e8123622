import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { WikiServices, type WikiServicesOptions } from '../../registry/wiki/services.js';
import { stmt } from '../../registry/wiki/statements.js';
import { BROTLI_CACHED_QUALITY, compressSync, type ContentCoding } from '../compression.js';

/** Options of `WikiServicesWithAnswers`. */
export interface WikiServicesWithAnswersOptions extends WikiServicesOptions {
  /** Budget of the cache of whole page answers, in bytes (default 16 MB). */
  answerBytes?: number;
}

/** One form of a cached page answer: its bytes and their strong validator (quoted, as sent in ETag). */
export interface AnswerBytes {
  readonly body: Buffer<ArrayBuffer>;
  readonly etag: string;
}

/**
 * A cached page answer (UTF-8 JSON) with its validator; its compressed forms are made by
 * `answerIn` when a request first accepts them, and live as long as the answer.
 */
export interface CachedAnswer {
  readonly identity: AnswerBytes;
  br?: AnswerBytes;
  gzip?: AnswerBytes;
}

/** ETag suffix of each compressed form: a validator names one representation, not the page. */
const CODING_TAG: Record<ContentCoding, string> = { br: 'br', gzip: 'gz' };

/** Bytes held by a cached answer, compressed forms included. */
const answerSize = (a: CachedAnswer) =>
  a.identity.body.length + (a.br?.body.length ?? 0) + (a.gzip?.body.length ?? 0);

/** Rows written by this connection since it opened (rolled-back writes count too: that only empties a cache). */
const SQL_TOTAL_CHANGES = `SELECT total_changes()`;
/** A cached read also looks for other connections' commits, at most this often (ms). */
const OTHER_WRITERS_CHECK_MS = 20;

/**
 * The wiki's services (registry/wiki/services.ts) with what only the HTTP server needs: a cache
 * of whole page answers (`GET /api/pages/:slug`) as UTF-8 JSON bytes, with their compressed forms
 * and strong validators. One instance per app (`createApp`).
 */
export class WikiServicesWithAnswers extends WikiServices {
  /** Whole page answers (UTF-8 JSON, and compressed forms), valid until anything is written to the database. */
  private readonly answers = new Map<string, CachedAnswer>();
  private answerBytes = 0;
  private readonly maxAnswerBytes: number;
  private answersStamp = -1;
  /**
   * `dataVersion` when the answers were last emptied. Compared with `dataVersion` itself, not with
   * whether this call moved it: every rendering also looks at the data version, and would otherwise
   * swallow another connection's commit before a cached read saw it.
   */
  private answersVersion = -1;
  private otherWritersCheckedAt = -Infinity;

  /**
   * @param db the database whose writes empty the answer cache (and whose pages decide which wiki
   *   links are "missing"); without one nothing is cached.
   */
  constructor(db?: Database, options: WikiServicesWithAnswersOptions = {}) {
    super(db, options);
    this.maxAnswerBytes = options.answerBytes ?? 16 * 1024 * 1024;
  }

  /**
   * The page answer (`GET /api/pages/:slug`) stored by `storeAnswer`, as long as nothing at all was
   * written to the database since (by this process or another): an answer also shows names,
   * categories and backlink counts that other writes move, so any write empties this cache. The
   * check is two statements that touch no table (this connection's change count, and SQLite's
   * data version for the commits of other connections).
   */
  cachedAnswer(slug: string): CachedAnswer | undefined {
    if (!this.db) return undefined;
    const changes = stmt(this.db, SQL_TOTAL_CHANGES).pluck().get() as number;
    const now = performance.now();
    if (now - this.otherWritersCheckedAt >= OTHER_WRITERS_CHECK_MS) {
      this.otherWritersCheckedAt = now;
      this.checkOtherWriters();
    }
    if (changes !== this.answersStamp || this.answersVersion !== this.dataVersion) {
      this.answers.clear();
      this.answerBytes = 0;
      this.answersStamp = changes;
      this.answersVersion = this.dataVersion;
      return undefined;
    }
    return this.answers.get(slug);
  }

  /**
   * Keeps a page answer for `cachedAnswer` (call it right after `cachedAnswer` missed, with no
   * write in between), with a strong validator: a hash of the bytes, so it is the same in every
   * process and after a restart, as long as the answer is.
   * @returns the cache entry (also when the answer is too large to be kept).
   */
  storeAnswer(slug: string, body: Buffer<ArrayBuffer>): CachedAnswer {
    const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const answer: CachedAnswer = { identity: { body, etag: `"${tag}"` } };
    if (!this.db || body.length > this.maxAnswerBytes / 4) return answer;
    const old = this.answers.get(slug);
    if (old) this.answerBytes -= answerSize(old);
    this.answers.set(slug, answer);
    this.answerBytes += body.length;
    this.trimAnswers();
    return answer;
  }

  /**
   * A page answer compressed with `coding`: made on first demand (brotli at BROTLI_CACHED_QUALITY,
   * once per cache fill) and kept with the answer. Its ETag is the answer's with a suffix.
   */
  answerIn(slug: string, answer: CachedAnswer, coding: ContentCoding): AnswerBytes {
    const kept = answer[coding];
    if (kept) return kept;
    const body = compressSync(
      answer.identity.body,
      coding,
      BROTLI_CACHED_QUALITY,
    ) as Buffer<ArrayBuffer>;
    const made: AnswerBytes = {
      body,
      etag: `${answer.identity.etag.slice(0, -1)}-${CODING_TAG[coding]}"`,
    };
    answer[coding] = made;
    // Counted only while the answer is in the cache (an answer too large to keep is not).
    if (this.answers.get(slug) === answer) {
      this.answerBytes += body.length;
      this.trimAnswers();
    }
    return made;
  }

  private trimAnswers(): void {
    // Oldest first (insertion order): the whole cache is emptied by any write anyway.
    for (const [key, a] of this.answers) {
      if (this.answerBytes <= this.maxAnswerBytes) break;
      this.answers.delete(key);
      this.answerBytes -= answerSize(a);
    }
  }
  /** Number of cached page answers (for tests and benchmarks). */
  get answerCount(): number {
    return this.answers.size;
  }
}
