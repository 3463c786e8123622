import type { Database } from 'better-sqlite3';
import { ftsStatement } from '../text/fts.js';
import { cached } from './search-cache.js';
import { filterPhrases, rankPhrases, wordRankMatch, type QueryWord } from './search-query.js';

/*
 * The wiki search's ranking (registry/wiki/search.ts): `bm25()` with the title weighing more than
 * the body, over every match for narrow queries; for broad ones, over the rarer phrases only, the
 * pages with only common phrases ranked by bm25()'s formula computed here from their stored text.
 */

/** Column weights of `bm25()`: title, body, field values. */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;
const FIELDS_WEIGHT = 1;
/** Queries matching at most this many pages are ranked by bm25() over every match. */
export const EXACT_LIMIT = 1000;

// The best `limit` matches (SQLite keeps a top-k heap); every match is counted apart, without
// bm25(), and only when the page of results is full.
const SQL_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @match ORDER BY rank, rowid LIMIT @limit`;
const SQL_MATCH_COUNT = `SELECT count(*) FROM wiki_fts WHERE wiki_fts MATCH @match`;
// Broad queries (registry/wiki/search.ts `search`): bm25() costs about 1 µs per matching page and
// per phrase (17 ms for a term of all 10k pages of the bench), so a query matching more than
// `EXACT_LIMIT` pages is ranked over fewer of them. FTS5's bm25() gives a phrase found in half
// the pages or more an IDF of 1e-6 (fts5_aux.c: `if (idf <= 0) idf = 1e-6`): such a phrase adds
// at most 2.2e-6 to a score, so it stays a filter and is left out of the ranking; the rarer
// phrases rank the pages matching the whole query, scores unchanged to their third digit.
const SQL_RARE_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @rank AND +rowid IN (SELECT rowid FROM wiki_fts WHERE wiki_fts MATCH @match)
  ORDER BY rank, rowid LIMIT @limit`;
// When the query is one disjunction of the phrases (pages with some of the words, or one word),
// every page with a rare phrase matches it: no need to read the query's doclists to check.
const SQL_RARE_ANY_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @rank ORDER BY rank, rowid LIMIT @limit`;
// bm25() over fewer pages, same scores (see `SearchRanking.pruned`): the pages of `@rank` that
// also match `@candidates`, a filter keeping every page that can make the first `limit`.
const SQL_PRUNED_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @rank AND +rowid IN (SELECT rowid FROM wiki_fts WHERE wiki_fts MATCH @candidates)
  ORDER BY rank, rowid LIMIT @limit`;
// When every phrase is that common, every score is below 1e-5 and says little: pages whose title
// has a query word come first, then the other matches, newest first in each group (no bm25():
// even its set-up reads the whole doclist of every phrase). The score of each page shown is
// bm25()'s own formula, computed here from the page's stored analysed text (see `commonScore`).
const SQL_NEWEST = `SELECT rowid FROM wiki_fts WHERE wiki_fts MATCH @match ORDER BY rowid DESC LIMIT @limit`;
const SQL_INDEXED = `SELECT c.c0 AS title, c.c1 AS body, c.c2 AS fields, d.sz AS size
  FROM wiki_fts_content c JOIN wiki_fts_docsize d ON d.id = c.id WHERE c.id = @id`;
// FTS5's averages record: the number of rows, then the number of tokens of each column.
const SQL_AVERAGES = `SELECT block FROM wiki_fts_data WHERE id = 1`;
const SQL_PAGES = `SELECT count(*) FROM wiki_fts_docsize`;

/** A matching page and its bm25() (negative: better matches lower). */
export interface Hit {
  id: number;
  rank: number;
}

/** bm25() parameters and the IDF of a phrase found in half the pages or more (fts5_aux.c). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
const COMMON_IDF = 1e-6;
/** Pages that the rarest phrases of a broad query must have to rank it on them first (`pruned`). */
const PRUNE_CANDIDATES = 400;

/** The SQLite varints of an FTS5 record, in order. */
function varints(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    let v = 0;
    let n = 0;
    for (;;) {
      const byte = buf[i++];
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      n++;
      if (byte < 0x80) break;
    }
    out.push(v);
  }
  return out;
}

/**
 * Counts and ranks the matches of FTS5 expressions, keeping the counts and the index's figures
 * until `reset` (called by `WikiSearch` when the index changed).
 */
export class SearchRanking {
  /** Pages matching an expression (queries and their phrases), while the index is unchanged. */
  private readonly counts = new Map<string, number>();
  /** Live pages in the index, while it is unchanged. */
  private pages: number | undefined;
  /** Average tokens per page (bm25()'s avgdl), while the index is unchanged. */
  private averageLength: number | undefined;
  /** Rows of the index (bm25()'s N), while the index is unchanged. */
  private rowCount: number | undefined;

  constructor(private readonly db: Database) {}

  /** Forgets the counts and figures of the index (it changed). */
  reset(): void {
    this.counts.clear();
    this.pages = undefined;
    this.averageLength = undefined;
    this.rowCount = undefined;
  }

  /** The best `limit` pages of an FTS5 expression, ranked by bm25() over every match. */
  run(match: string, limit: number): Hit[] {
    return ftsStatement(this.db, SQL_HITS).all({ match, limit }) as Hit[];
  }

  /** Pages matching an FTS5 expression (cached while the index is unchanged). */
  count(match: string): number {
    return cached(
      this.counts,
      match,
      () => ftsStatement(this.db, SQL_MATCH_COUNT).pluck().get({ match }) as number,
    );
  }

  /**
   * The best `limit` pages of a query matching more than `EXACT_LIMIT` pages, without running
   * bm25() over every match (see `SQL_RARE_HITS`): pages with a phrase found in fewer than half
   * the pages, ranked by those phrases; then, if too few, pages whose title has a query word; then
   * the newest other matches.
   * @param disjunction `match` is any of the phrases of `words` (so every page with one matches).
   */
  rankBroad(match: string, words: QueryWord[], limit: number, disjunction: boolean): Hit[] {
    // Each phrase as bm25() sees it, and as a filter (the same pages).
    const ranked = words.flatMap(rankPhrases);
    const phrases = words.flatMap(filterPhrases);
    if (this.pages === undefined)
      this.pages = ftsStatement(this.db, SQL_PAGES).pluck().get() as number;
    const pages = this.pages;
    const all = ranked.map((r, i) => ({
      rank: r,
      filter: phrases[i],
      count: this.count(phrases[i]),
    }));
    const rareOnes = all.filter((p) => 2 * p.count < pages);
    const rare = rareOnes.map((p) => p.rank);
    // No common phrase: bm25() over every match, as for a narrow query.
    if (rare.length === phrases.length) {
      const rank = words.map(wordRankMatch).join(disjunction ? ' OR ' : ' AND ');
      return (
        this.pruned(rank, all, disjunction ? undefined : match, limit) ?? this.run(rank, limit)
      );
    }
    const hits: Hit[] =
      rare.length > 0
        ? (this.pruned(rare.join(' OR '), rareOnes, disjunction ? undefined : match, limit) ??
          ((disjunction
            ? ftsStatement(this.db, SQL_RARE_ANY_HITS).all({ rank: rare.join(' OR '), limit })
            : ftsStatement(this.db, SQL_RARE_HITS).all({
                rank: rare.join(' OR '),
                match,
                limit,
              })) as Hit[]))
        : [];
    if (hits.length >= limit) return hits;
    const seen = new Set(hits.map((h) => h.id));
    // The other matches have only phrases found in half the pages or more.
    const inTitle = `(${match}) AND {title} : (${phrases.join(' OR ')})`;
    for (const expr of [inTitle, match]) {
      if (hits.length >= limit) break;
      const ids = ftsStatement(this.db, SQL_NEWEST)
        .pluck()
        .all({ match: expr, limit: limit + seen.size }) as number[];
      const group = ids
        .filter((id) => !seen.has(id))
        .slice(0, limit - hits.length)
        .map((id) => ({ id, rank: -this.commonScore(id, words) }))
        .sort((x, y) => x.rank - y.rank || x.id - y.id);
      for (const h of group) {
        seen.add(h.id);
        hits.push(h);
      }
    }
    return hits;
  }

  /**
   * The best `limit` pages of `rank` among those matching `match` (every page of `rank` when
   * `undefined`), with bm25() computed only for pages having one of the rarest phrases; or
   * `undefined` when that cannot be shown to give the same pages (the caller then ranks them all).
   *
   * bm25() adds for each phrase at most IDF × (k1 + 1) (fts5_aux.c: IDF × f (k1 + 1) / (f + k1
   * (1 - b + b D / avgdl)), with the last factor at least 1 - b), and nothing for a phrase a page
   * lacks. So a page with none of the rarest phrases scores below `bound`, the sum of that for
   * every other phrase; when the `limit`-th page found among the others scores above it, no page
   * left out could have ranked among the first `limit`. The pages found are ranked by the same
   * statement text over the same expression, so their scores are bm25()'s own, to the last bit.
   * @param phrases every phrase of `rank`, in order: as bm25() sees it, as a filter, its pages.
   */
  private pruned(
    rank: string,
    phrases: { rank: string; filter: string; count: number }[],
    match: string | undefined,
    limit: number,
  ): Hit[] | undefined {
    if (limit < 1 || phrases.length < 2) return undefined;
    const rows = this.rows();
    const idf = (n: number) => Math.max(COMMON_IDF, Math.log((rows - n + 0.5) / (n + 0.5)));
    // The rarest phrases (by their text: one phrase may appear twice), as few as can be: enough
    // pages, and the others' bound well below what one of them scores in a body (about its IDF);
    // else until they have `PRUNE_CANDIDATES` pages.
    const byRarity = [...new Set(phrases.map((p) => p.filter))]
      .map((filter) => phrases.find((p) => p.filter === filter)!)
      .sort((x, y) => x.count - y.count);
    const boundWithout = (kept: Set<string>) => {
      let bound = 0;
      for (const p of phrases) if (!kept.has(p.filter)) bound += idf(p.count) * (BM25_K1 + 1);
      return bound;
    };
    const kept = new Set<string>();
    let pages = 0;
    let bound = Infinity;
    for (const p of byRarity) {
      kept.add(p.filter);
      pages += p.count;
      if (kept.size === byRarity.length) return undefined;
      // Filtered by the whole query, fewer of their pages are candidates.
      if (pages < (match === undefined ? limit : 4 * limit)) continue;
      bound = boundWithout(kept);
      if (bound < idf(p.count) / 2 || pages >= PRUNE_CANDIDATES) break;
    }
    const any = [...kept].join(' OR ');
    const hits = ftsStatement(this.db, SQL_PRUNED_HITS).all({
      rank,
      candidates: match === undefined ? any : `(${match}) AND (${any})`,
      limit,
    }) as Hit[];
    // A margin for rounding (and an IDF computed from another count of rows).
    if (hits.length < limit || -hits[limit - 1].rank <= bound * (1 + 1e-6) + 1e-9) return undefined;
    return hits;
  }

  /** Rows of the index as bm25() counts them (FTS5's averages record), while the index is unchanged. */
  private rows(): number {
    this.readAverages();
    return this.rowCount!;
  }

  /** Reads FTS5's averages record: rows, and average tokens per page. */
  private readAverages(): void {
    if (this.averageLength !== undefined) return;
    const [rows, ...columns] = varints(ftsStatement(this.db, SQL_AVERAGES).pluck().get() as Buffer);
    this.rowCount = rows;
    this.averageLength = columns.reduce((a, b) => a + b, 0) / Math.max(1, rows);
  }

  /**
   * bm25() of a page for phrases all found in half the pages or more, as FTS5 computes it
   * (fts5_aux.c: k1 1.2, b 0.75, IDF 1e-6, the column weights above), from the page's analysed
   * text as the index stores it and its token counts.
   */
  private commonScore(id: number, words: QueryWord[]): number {
    const row = ftsStatement(this.db, SQL_INDEXED).get({ id }) as
      | { title: string | null; body: string | null; fields: string | null; size: Buffer }
      | undefined;
    if (!row) return 0;
    this.readAverages();
    const averageLength = this.averageLength!;
    const length = varints(row.size).reduce((a, b) => a + b, 0);
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / averageLength);
    const columns: [string | null, number][] = [
      [row.title, TITLE_WEIGHT],
      [row.body, BODY_WEIGHT],
      [row.fields, FIELDS_WEIGHT],
    ];
    const tokens = columns.map(([text, weight]) => [text ? text.split(' ') : [], weight] as const);
    let score = 0;
    for (const w of words) {
      const phrases = [
        ...w.terms.map((t) => (x: string) => x === t),
        ...w.prefixes.map((p) => (x: string) => x.startsWith(p)),
      ];
      for (const matches of phrases) {
        let f = 0;
        for (const [list, weight] of tokens)
          for (const token of list) if (matches(token)) f += weight;
        score += (COMMON_IDF * f * (BM25_K1 + 1)) / (f + norm);
      }
    }
    return score;
  }
}
