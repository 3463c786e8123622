import { foldAccents, isStopWord, stemVariants, tokenize } from './french.js';

/*
 * Design: an incremental inverted index with BM25 scoring and per-field boosts, fed by the
 * shared French analyzer (lunr-languages stop words and Snowball stemmer, elision split,
 * accent folding; see french.ts).
 *
 * Why not a lunr.Index: a lunr index is immutable, and rebuilding 10,000 pages on every edit
 * takes seconds. A main index + small delta index would still need a full rebuild off the hot
 * path, deleted documents masked in the main index, and two score scales merged. An inverted
 * index we own updates in place instead: adding or replacing a document costs time
 * proportional to that document's length (a millisecond or two for a 20 KB page), so an edit
 * is searchable as soon as the save returns, and a query costs time proportional to the
 * postings of its terms, whatever the size of the collection.
 *
 * Queries are never parsed as a query language: the text is analysed into terms and the query
 * is built in code, so `:`, `^`, `~`, `*`, quotes or any garbage are just separators.
 * Matching per query word: exact stem (weight 1), prefix of the last word while typing
 * (weight PREFIX_WEIGHT), and when a word matches nothing, typo tolerance (FUZZY_WEIGHT): terms
 * one edit away, or terms the word starts with (a typo in an ending defeats the stemmer).
 * Documents matching every word are returned; if none does, documents matching some words,
 * ranked with a coordination factor.
 */

/** A field of the indexed documents and its weight in scores. */
export interface FieldSpec {
  name: string;
  boost: number;
}

/** Options of a `FullTextIndex`. */
export interface FullTextIndexOptions {
  fields: FieldSpec[];
  /** BM25 term-frequency saturation (default 1.2). */
  k1?: number;
  /** BM25 length normalisation (default 0.75). */
  b?: number;
}

/** One ranked document. */
export interface SearchHit {
  ref: string;
  score: number;
  /** Index terms (stems) that matched in this document: feed them to `findSnippet`. */
  terms: Set<string>;
}

/** What `FullTextIndex.search` returns: all matching documents counted, the best `limit` ranked. */
export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** Options of one search. */
export interface SearchOptions {
  /** Hits to return (default 20). */
  limit?: number;
  /** Treat the last word as a prefix when the query does not end with a separator (default true). */
  prefix?: boolean;
  /** Tolerate one typo in words that match nothing (default true). */
  fuzzy?: boolean;
}

const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.4;
/** Shortest typed prefix that is expanded, and the most index terms one prefix expands to. */
const MIN_PREFIX = 2;
const MAX_EXPANSIONS = 50;
/** Shortest stem that gets typo tolerance (shorter words have too many one-edit neighbours). */
const MIN_FUZZY = 4;
/** Longest word ending a stemmer removes ("ements", "ations"), for typo tolerance. */
const MAX_SUFFIX = 6;
/** Query words beyond this are ignored (a pasted paragraph must stay fast). */
const MAX_QUERY_WORDS = 24;

/** One query word and the index terms it matches, with their weights. */
interface QueryWord {
  expansions: Map<string, number>;
  /** Stop words typed last are kept only as prefixes and never required. */
  optional: boolean;
}

/**
 * A mutable full-text index: `set` adds or replaces a document, `remove` drops it, `search`
 * ranks documents with BM25 over boosted fields. Synchronous; not thread-shared.
 */
export class FullTextIndex {
  private readonly fields: FieldSpec[];
  private readonly k1: number;
  private readonly b: number;
  private readonly stride: number;

  /** term → postings, flattened: [docId, tf field 0, tf field 1, …] repeated. */
  private postings = new Map<string, number[]>();
  /** All terms, sorted, for prefix expansion. */
  private sortedTerms: string[] = [];
  /** Terms by length, for typo tolerance. */
  private termsByLength = new Map<number, Set<string>>();

  private refs: (string | undefined)[] = [];
  private idByRef = new Map<string, number>();
  private freeIds: number[] = [];
  /** docId → its distinct terms (to remove it). */
  private docTerms: (string[] | undefined)[] = [];
  /** field → docId → length in tokens. */
  private lengths: number[][];
  private totalLengths: number[];
  private count = 0;

  // Scratch buffers reused by every search (grown with the document id space).
  private wordScore = new Float64Array(0);
  private total = new Float64Array(0);
  private matched = new Uint16Array(0);

  constructor(options: FullTextIndexOptions) {
    if (options.fields.length === 0) throw new Error('FullTextIndex needs at least one field');
    this.fields = options.fields;
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.stride = 1 + this.fields.length;
    this.lengths = this.fields.map(() => []);
    this.totalLengths = this.fields.map(() => 0);
  }

  /** Number of indexed documents. */
  get size(): number {
    return this.count;
  }

  /** Number of distinct index terms. */
  get vocabularySize(): number {
    return this.postings.size;
  }

  /** True when a document with this ref is indexed. */
  has(ref: string): boolean {
    return this.idByRef.has(ref);
  }

  /**
   * Adds a document, or replaces the one with the same ref.
   * @param fields text of each field by name (missing fields count as empty).
   */
  set(ref: string, fields: Record<string, string>): void {
    this.remove(ref);
    const id = this.freeIds.pop() ?? this.refs.length;
    this.refs[id] = ref;
    this.idByRef.set(ref, id);
    this.count++;

    const tfs = new Map<string, number[]>();
    this.fields.forEach((field, f) => {
      const tokens = tokenize(fields[field.name] ?? '');
      let length = 0;
      for (const word of tokens) {
        if (isStopWord(word)) continue;
        length++;
        for (const s of stemVariants(word)) {
          let tf = tfs.get(s);
          if (!tf) {
            tf = new Array<number>(this.fields.length).fill(0);
            tfs.set(s, tf);
          }
          tf[f]++;
        }
      }
      this.lengths[f][id] = length;
      this.totalLengths[f] += length;
    });

    for (const [term, tf] of tfs) {
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.addTerm(term);
      }
      list.push(id, ...tf);
    }
    this.docTerms[id] = [...tfs.keys()];
  }

  /** Removes a document. @returns false when it was not indexed. */
  remove(ref: string): boolean {
    const id = this.idByRef.get(ref);
    if (id === undefined) return false;
    const stride = this.stride;
    for (const term of this.docTerms[id] ?? []) {
      const list = this.postings.get(term);
      if (!list) continue;
      for (let i = 0; i < list.length; i += stride) {
        if (list[i] !== id) continue;
        // Order of postings does not matter: move the last one into the hole.
        const last = list.length - stride;
        for (let k = 0; k < stride; k++) list[i + k] = list[last + k];
        list.length = last;
        break;
      }
      if (list.length === 0) {
        this.postings.delete(term);
        this.dropTerm(term);
      }
    }
    this.fields.forEach((_, f) => {
      this.totalLengths[f] -= this.lengths[f][id] ?? 0;
      this.lengths[f][id] = 0;
    });
    this.docTerms[id] = undefined;
    this.refs[id] = undefined;
    this.idByRef.delete(ref);
    this.freeIds.push(id);
    this.count--;
    return true;
  }

  /**
   * Ranks the documents matching free text. Never throws on user text: the query is analysed
   * into terms and built here, not parsed.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, Math.floor(options.limit ?? 20));
    const words = this.queryWords(query, options.prefix ?? true, options.fuzzy ?? true);
    if (words.length === 0 || this.count === 0) return { total: 0, hits: [] };

    const capacity = this.refs.length;
    if (this.total.length < capacity) {
      const size = Math.max(capacity, this.total.length * 2, 64);
      this.wordScore = new Float64Array(size);
      this.total = new Float64Array(size);
      this.matched = new Uint16Array(size);
    }
    const { wordScore, total, matched, stride } = this;
    const avg = this.totalLengths.map((l) => (this.count > 0 ? l / this.count : 1) || 1);
    const touched: number[] = [];
    const required = words.filter((w) => !w.optional).length;

    for (const word of words) {
      const wordTouched: number[] = [];
      for (const [term, weight] of word.expansions) {
        const list = this.postings.get(term);
        if (!list) continue;
        const df = list.length / stride;
        const idf = Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
        for (let i = 0; i < list.length; i += stride) {
          const id = list[i];
          let s = 0;
          for (let f = 0; f < this.fields.length; f++) {
            const tf = list[i + 1 + f];
            if (tf === 0) continue;
            const norm = 1 - this.b + (this.b * this.lengths[f][id]) / avg[f];
            s += (this.fields[f].boost * tf * (this.k1 + 1)) / (tf + this.k1 * norm);
          }
          s *= idf * weight;
          // A word matching through several of its expansions counts once, by its best one.
          if (wordScore[id] === 0) wordTouched.push(id);
          if (s > wordScore[id]) wordScore[id] = s;
        }
      }
      for (const id of wordTouched) {
        if (total[id] === 0 && matched[id] === 0) touched.push(id);
        total[id] += wordScore[id];
        if (!word.optional) matched[id]++;
        wordScore[id] = 0;
      }
    }

    let candidates = touched.filter((id) => matched[id] >= required);
    let all = true;
    if (candidates.length === 0) {
      // Nothing matches every word: fall back to partial matches, favouring those matching more.
      candidates = touched.filter((id) => matched[id] > 0);
      all = false;
    }
    const score = (id: number) => (all || required === 0 ? total[id] : total[id] * (matched[id] / required) ** 2);
    const best = topK(candidates, limit, score, (id) => this.refs[id] ?? '');
    const hits: SearchHit[] = best.map((id) => ({ ref: this.refs[id] ?? '', score: score(id), terms: this.matchedTerms(id, words) }));
    for (const id of touched) {
      total[id] = 0;
      matched[id] = 0;
    }
    return { total: candidates.length, hits };
  }

  /** Index terms of the query that occur in a document. */
  private matchedTerms(id: number, words: QueryWord[]): Set<string> {
    const found = new Set<string>();
    for (const word of words) {
      for (const term of word.expansions.keys()) {
        const list = this.postings.get(term);
        if (!list || found.has(term)) continue;
        for (let i = 0; i < list.length; i += this.stride) {
          if (list[i] === id) {
            found.add(term);
            break;
          }
        }
      }
    }
    return found;
  }

  /** Analyses the query into words, each with the index terms it matches. */
  private queryWords(query: string, prefix: boolean, fuzzy: boolean): QueryWord[] {
    const tokens = tokenize(query);
    // The last word is being typed unless the query ends with a separator.
    const typing = prefix && tokens.length > 0 && /[\p{L}\p{N}]$/u.test(query);
    const words: QueryWord[] = [];
    const seen = new Set<string>();
    tokens.forEach((token, i) => {
      const last = typing && i === tokens.length - 1;
      const stop = isStopWord(token);
      if (stop && !last) return;
      if (words.length >= MAX_QUERY_WORDS) return;
      const key = `${last ? '*' : ''}${token}`;
      if (seen.has(key)) return;
      seen.add(key);

      const expansions = new Map<string, number>();
      const stems = stemVariants(token);
      if (!stop) for (const s of stems) if (this.postings.has(s)) expansions.set(s, 1);
      if (last) {
        const folded = foldAccents(token);
        for (const p of new Set([folded, ...stems.filter((s) => folded.startsWith(s))])) {
          if (p.length >= MIN_PREFIX) this.expandPrefix(p, expansions);
        }
      }
      if (fuzzy && !stop && expansions.size === 0) {
        for (const s of stems) if (s.length >= MIN_FUZZY) this.expandFuzzy(s, expansions);
        this.expandStemOf(foldAccents(token), expansions);
      }
      // A typed stop word ("de", "la") is a prefix only: it never makes other words fail.
      if (stop && expansions.size === 0) return;
      words.push({ expansions, optional: stop });
    });
    return words;
  }

  /** Adds the most frequent index terms starting with `prefix`. */
  private expandPrefix(prefix: string, into: Map<string, number>): void {
    const terms = this.sortedTerms;
    let i = lowerBound(terms, prefix);
    const found: string[] = [];
    for (; i < terms.length && terms[i].startsWith(prefix); i++) found.push(terms[i]);
    if (found.length > MAX_EXPANSIONS) {
      const df = (t: string) => this.postings.get(t)?.length ?? 0;
      found.sort((a, b) => df(b) - df(a));
      found.length = MAX_EXPANSIONS;
    }
    for (const t of found) if (!into.has(t)) into.set(t, PREFIX_WEIGHT);
  }

  /** Adds index terms one edit (insertion, deletion, substitution or swap) away from `term`. */
  private expandFuzzy(term: string, into: Map<string, number>): void {
    for (let len = term.length - 1; len <= term.length + 1; len++) {
      for (const t of this.termsByLength.get(len) ?? []) {
        if (!into.has(t) && withinOneEdit(term, t)) into.set(t, FUZZY_WEIGHT);
      }
    }
  }

  /**
   * Adds index terms that begin the word: a typo in a suffix can defeat the stemmer
   * ("consentment" keeps its ending) while the stem itself ("consent") is intact.
   */
  private expandStemOf(word: string, into: Map<string, number>): void {
    for (let len = Math.max(MIN_FUZZY, word.length - MAX_SUFFIX); len < word.length; len++) {
      const t = word.slice(0, len);
      if (this.postings.has(t) && !into.has(t)) into.set(t, FUZZY_WEIGHT);
    }
  }

  private addTerm(term: string): void {
    this.sortedTerms.splice(lowerBound(this.sortedTerms, term), 0, term);
    let set = this.termsByLength.get(term.length);
    if (!set) this.termsByLength.set(term.length, (set = new Set()));
    set.add(term);
  }

  private dropTerm(term: string): void {
    const i = lowerBound(this.sortedTerms, term);
    if (this.sortedTerms[i] === term) this.sortedTerms.splice(i, 1);
    this.termsByLength.get(term.length)?.delete(term);
  }
}

/** First index of a sorted array whose item is ≥ `key` (code-unit order). */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The `k` best ids by score (ties by ref), best first, without sorting every candidate. */
function topK(ids: number[], k: number, score: (id: number) => number, ref: (id: number) => string): number[] {
  const better = (a: number, b: number) => {
    const d = score(a) - score(b);
    return d !== 0 ? d > 0 : ref(a) < ref(b);
  };
  if (ids.length <= k * 4) return [...ids].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  // Min-heap of the best k seen so far (root = the worst of them).
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[p], heap[i])) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[m], heap[l])) m = l;
      if (r < heap.length && better(heap[m], heap[r])) m = r;
      if (m === i) break;
      [heap[m], heap[i]] = [heap[i], heap[m]];
      i = m;
    }
  };
  for (const id of ids) {
    if (heap.length < k) {
      heap.push(id);
      up(heap.length - 1);
    } else if (better(id, heap[0])) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

/**
 * A plain-text excerpt of `text` around the first word whose stem is in `terms` (or the
 * beginning of the text when no word matches), cut at word boundaries, with "…" where cut.
 * @param length target length of the excerpt in characters.
 */
export function findSnippet(text: string, terms: Set<string>, length = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  let at = -1;
  if (terms.size > 0) {
    const wordRe = /[\p{L}\p{N}]+/gu;
    for (let m = wordRe.exec(flat); m; m = wordRe.exec(flat)) {
      if (stemVariants(m[0].toLowerCase()).some((s) => terms.has(s))) {
        at = m.index;
        break;
      }
    }
  }
  let start = at <= 0 ? 0 : Math.max(0, at - Math.floor(length / 3));
  if (start > 0) {
    // Start on a word boundary, never after the match itself.
    const space = flat.indexOf(' ', start - 1);
    if (space >= 0 && space < at) start = space + 1;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > Math.max(start + length / 2, at)) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
