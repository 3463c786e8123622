import { foldAccents, isStopWord, stemVariants, termsOfWord, tokenize } from './french.js';

/*
 * Design: an incremental inverted index with BM25 scoring and per-field boosts, fed by the
 * shared French analyzer (lunr-languages stop words and Snowball stemmer, elision split,
 * accent folding; see french.ts).
 *
 * Why not a lunr.Index: a lunr index is immutable, and rebuilding 10,000 pages on every edit
 * takes seconds. A main index + small delta index would still need a full rebuild off the hot
 * path, deleted documents masked in the main index, and two score scales merged. An inverted
 * index we own updates in place instead: adding or replacing a document costs time
 * proportional to that document's length (about 3 ms of CPU for a 20 KB page), so an edit
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
  /** Index terms (stems) of the query found in this document, in any field: feed them to `findSnippet`. */
  terms: Set<string>;
  /** The same, by field name (a title-only match has an empty body set). */
  fieldTerms: Record<string, Set<string>>;
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
 * Postings of one term: [docId, tf of field 0, tf of field 1, …] per document, sorted by docId,
 * in a typed array (half the memory of a JS array, and native moves on insert and delete).
 */
class PostingList {
  data: Int32Array;
  /** Number of documents. */
  n = 0;

  constructor(private readonly stride: number) {
    this.data = new Int32Array(stride * 2);
  }

  /** Position of `id` (entry index), or -(insertion point) - 1 when absent. */
  find(id: number): number {
    const { data, stride } = this;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = data[mid * stride];
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  /** Sets the term frequencies of document `id` (inserted when absent). */
  put(id: number, tf: number[], offset: number): void {
    const stride = this.stride;
    const n = this.n;
    // Fast path: a new document has the highest id (bulk loads, new pages).
    let i = n === 0 || this.data[(n - 1) * stride] < id ? -n - 1 : this.find(id);
    if (i < 0) {
      i = -i - 1;
      if ((n + 1) * stride > this.data.length) {
        const grown = new Int32Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      if (i < n) this.data.copyWithin((i + 1) * stride, i * stride, n * stride);
      this.n = n + 1;
    }
    const at = i * stride;
    this.data[at] = id;
    for (let f = 1; f < stride; f++) this.data[at + f] = tf[offset + f - 1];
  }

  /** Drops the spare capacity (after a bulk load). */
  compact(): void {
    if (this.data.length > this.n * this.stride) this.data = this.data.slice(0, Math.max(1, this.n) * this.stride);
  }

  /** Removes document `id` if present. */
  delete(id: number): void {
    const i = this.find(id);
    if (i < 0) return;
    const stride = this.stride;
    this.data.copyWithin(i * stride, (i + 1) * stride, this.n * stride);
    this.n--;
  }
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

  private postings = new Map<string, PostingList>();
  /** All terms, sorted, for prefix expansion (see `sorted()`). */
  private sortedTerms: string[] = [];
  /** New terms not yet merged into `sortedTerms` (a bulk build would otherwise move the array for each). */
  private pendingTerms: string[] = [];
  /** Terms by length, for typo tolerance. */
  private termsByLength = new Map<number, Set<string>>();

  private refs: (string | undefined)[] = [];
  private idByRef = new Map<string, number>();
  private freeIds: number[] = [];
  /** docId → its distinct terms (to update or remove it). */
  private docTerms: (string[] | undefined)[] = [];
  /** field → docId → length in tokens. */
  private lengths: number[][];
  private totalLengths: number[];
  private count = 0;

  /** Cached `lengthNorms()`, dropped by every change. */
  private norms: Float64Array[] | null = null;
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

  /** Number of (term, document) pairs. */
  get postingCount(): number {
    let n = 0;
    for (const list of this.postings.values()) n += list.n;
    return n;
  }

  /**
   * Releases the spare capacity that growing postings keep, and merges new terms into the sorted
   * vocabulary. Call after a bulk load; later edits grow the lists again as needed.
   */
  compact(): void {
    for (const list of this.postings.values()) list.compact();
    this.sorted();
  }

  /** True when a document with this ref is indexed. */
  has(ref: string): boolean {
    return this.idByRef.has(ref);
  }

  /**
   * Adds a document, or replaces the one with the same ref. A replacement only touches the
   * postings of terms that changed, appeared or disappeared (in place, by binary search).
   * @param fields text of each field by name (missing fields count as empty).
   */
  set(ref: string, fields: Record<string, string>): void {
    const F = this.fields.length;
    const slots = new Map<string, number>();
    const tf: number[] = [];
    const lengths: number[] = [];
    for (let f = 0; f < F; f++) {
      // Count words first (one map operation a token), analyse each distinct word once.
      const counts = new Map<string, { n: number }>();
      for (const word of tokenize(fields[this.fields[f].name] ?? '')) {
        const c = counts.get(word);
        if (c) c.n++;
        else counts.set(word, { n: 1 });
      }
      let length = 0;
      counts.forEach(({ n }, word) => {
        const terms = termsOfWord(word);
        if (terms.length === 0) return;
        length += n;
        for (let t = 0; t < terms.length; t++) {
          const term = terms[t];
          let slot = slots.get(term);
          if (slot === undefined) {
            slot = slots.size * F;
            slots.set(term, slot);
            for (let k = 0; k < F; k++) tf.push(0);
          }
          tf[slot + f] += n;
        }
      });
      lengths.push(length);
    }

    let id = this.idByRef.get(ref);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.refs.length;
      this.refs[id] = ref;
      this.idByRef.set(ref, id);
      this.count++;
    } else {
      for (const term of this.docTerms[id] ?? []) if (!slots.has(term)) this.unpost(term, id);
    }
    for (const [term, slot] of slots) {
      let list = this.postings.get(term);
      if (!list) {
        list = new PostingList(this.stride);
        this.postings.set(term, list);
        this.addTerm(term);
      }
      list.put(id, tf, slot);
    }
    for (let f = 0; f < F; f++) {
      this.totalLengths[f] += lengths[f] - (this.lengths[f][id] ?? 0);
      this.lengths[f][id] = lengths[f];
    }
    this.docTerms[id] = [...slots.keys()];
    this.norms = null;
  }

  /** Removes a document. @returns false when it was not indexed. */
  remove(ref: string): boolean {
    const id = this.idByRef.get(ref);
    if (id === undefined) return false;
    for (const term of this.docTerms[id] ?? []) this.unpost(term, id);
    this.fields.forEach((_, f) => {
      this.totalLengths[f] -= this.lengths[f][id] ?? 0;
      this.lengths[f][id] = 0;
    });
    this.docTerms[id] = undefined;
    this.refs[id] = undefined;
    this.idByRef.delete(ref);
    this.freeIds.push(id);
    this.count--;
    this.norms = null;
    return true;
  }

  private unpost(term: string, id: number): void {
    const list = this.postings.get(term);
    if (!list) return;
    list.delete(id);
    if (list.n === 0) {
      this.postings.delete(term);
      this.dropTerm(term);
    }
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
    const F = this.fields.length;
    const boosts = this.fields.map((f) => f.boost * (this.k1 + 1));
    const norms = this.lengthNorms();
    const touched: number[] = [];
    const required = words.filter((w) => !w.optional).length;

    for (const word of words) {
      const wordTouched: number[] = [];
      for (const [term, weight] of word.expansions) {
        const list = this.postings.get(term);
        if (!list) continue;
        const df = list.n;
        const idf = Math.log(1 + (this.count - df + 0.5) / (df + 0.5)) * weight;
        const data = list.data;
        const end = list.n * stride;
        for (let i = 0; i < end; i += stride) {
          const id = data[i];
          let s = 0;
          for (let f = 0; f < F; f++) {
            const tf = data[i + 1 + f];
            if (tf !== 0) s += (boosts[f] * tf) / (tf + norms[f][id]);
          }
          s *= idf;
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
    if (!all && required > 0) for (const id of candidates) total[id] *= (matched[id] / required) ** 2;
    const best = topK(candidates, limit, (id) => total[id], (id) => this.refs[id] ?? '');
    const hits: SearchHit[] = best.map((id) => ({ ref: this.refs[id] ?? '', score: total[id], ...this.matchedTerms(id, words) }));
    for (const id of touched) {
      total[id] = 0;
      matched[id] = 0;
    }
    return { total: candidates.length, hits };
  }

  /**
   * BM25 length normalisation of every document and field, k1 · (1 − b + b · length / average),
   * recomputed only after the index changed (one pass over the documents, not one per posting).
   */
  private lengthNorms(): Float64Array[] {
    if (this.norms) return this.norms;
    const size = this.refs.length;
    this.norms = this.fields.map((_, f) => {
      const avg = (this.count > 0 ? this.totalLengths[f] / this.count : 1) || 1;
      const lengths = this.lengths[f];
      const out = new Float64Array(size);
      for (let id = 0; id < size; id++) out[id] = this.k1 * (1 - this.b + (this.b * (lengths[id] ?? 0)) / avg);
      return out;
    });
    return this.norms;
  }

  /** Index terms of the query that occur in a document, overall and by field. */
  private matchedTerms(id: number, words: QueryWord[]): Pick<SearchHit, 'terms' | 'fieldTerms'> {
    const terms = new Set<string>();
    const byField = this.fields.map(() => new Set<string>());
    for (const word of words) {
      for (const term of word.expansions.keys()) {
        const list = this.postings.get(term);
        const at = list && !terms.has(term) ? list.find(id) : -1;
        if (!list || at < 0) continue;
        terms.add(term);
        for (let f = 0; f < this.fields.length; f++) if (list.data[at * this.stride + 1 + f] > 0) byField[f].add(term);
      }
    }
    return { terms, fieldTerms: Object.fromEntries(this.fields.map((f, k) => [f.name, byField[k]])) };
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
    const terms = this.sorted();
    let i = lowerBound(terms, prefix);
    const found: string[] = [];
    for (; i < terms.length && terms[i].startsWith(prefix); i++) found.push(terms[i]);
    if (found.length > MAX_EXPANSIONS) {
      const df = (t: string) => this.postings.get(t)?.n ?? 0;
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
    this.pendingTerms.push(term);
    let set = this.termsByLength.get(term.length);
    if (!set) this.termsByLength.set(term.length, (set = new Set()));
    set.add(term);
  }

  private dropTerm(term: string): void {
    const p = this.pendingTerms.indexOf(term);
    if (p >= 0) this.pendingTerms.splice(p, 1);
    else {
      const i = lowerBound(this.sortedTerms, term);
      if (this.sortedTerms[i] === term) this.sortedTerms.splice(i, 1);
    }
    this.termsByLength.get(term.length)?.delete(term);
  }

  /** The sorted vocabulary, new terms merged in: one by one after an edit, by a full sort after a bulk load. */
  private sorted(): string[] {
    const pending = this.pendingTerms;
    if (pending.length > 256) {
      for (const t of pending) this.sortedTerms.push(t);
      this.sortedTerms.sort();
    } else {
      for (const t of pending) this.sortedTerms.splice(lowerBound(this.sortedTerms, t), 0, t);
    }
    this.pendingTerms = [];
    return this.sortedTerms;
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
  if (la - lb > 1 || lb - la > 1) return false;
  const m = Math.min(la, lb);
  // Common prefix and (non-overlapping) common suffix; no allocation: this runs over the vocabulary.
  let p = 0;
  while (p < m && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let q = 0;
  while (q < m - p && a.charCodeAt(la - 1 - q) === b.charCodeAt(lb - 1 - q)) q++;
  if (la !== lb) return p + q >= m;
  if (p + q >= la - 1) return true;
  return p + q === la - 2 && a.charCodeAt(p) === b.charCodeAt(p + 1) && a.charCodeAt(p + 1) === b.charCodeAt(p);
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

// One memoised lookup a word (stop words have no terms, so never match).
const hasTerm = (word: string, terms: Set<string>) => {
  for (const t of termsOfWord(word.toLowerCase())) if (terms.has(t)) return true;
  return false;
};

/**
 * Offset of the first word of `text`, at or after offset `from`, whose stem is one of `terms`,
 * or -1.
 */
export function firstMatch(text: string, terms: Set<string>, from = 0): number {
  if (terms.size === 0) return -1;
  const wordRe = /[\p{L}\p{N}]+/gu;
  wordRe.lastIndex = from;
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text)) if (hasTerm(m[0], terms)) return m.index;
  return -1;
}

/**
 * Where the words of `text` whose stem is one of `terms` are, as [start, end) offsets in
 * UTF-16 code units (JavaScript string indices), for highlighting.
 */
export function matchRanges(text: string, terms: Set<string>): [number, number][] {
  const ranges: [number, number][] = [];
  if (terms.size === 0) return ranges;
  const wordRe = /[\p{L}\p{N}]+/gu;
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text)) {
    if (hasTerm(m[0], terms)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/**
 * A plain-text excerpt of `text` around the first word whose stem is in `terms` (or the
 * beginning of the text when no word matches), cut at word boundaries, with "…" where cut.
 * @param length target length of the excerpt in characters.
 */
export function findSnippet(text: string, terms: Set<string>, length = 200): string {
  if (text.length <= length) return text.replace(/\s+/g, ' ').trim();
  const at = firstMatch(text, terms);
  // Only a window around the match is looked at (pages can be long).
  const anchor = Math.max(at, 0);
  const from = Math.max(0, anchor - length);
  const to = Math.min(text.length, anchor + 2 * length);
  const head = text.slice(from, anchor).replace(/\s+/g, ' ');
  const flat = head + text.slice(anchor, to).replace(/\s+/g, ' ');
  const match = head.length;

  let start = at < 0 ? 0 : Math.max(0, match - Math.floor(length / 3));
  if (start > 0) {
    // Start on a word boundary, never after the match itself.
    const space = flat.indexOf(' ', start - 1);
    if (space >= 0 && space < match) start = space + 1;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > Math.max(start + length / 2, match)) end = space;
  }
  const before = from + start > 0;
  const after = end < flat.length || to < text.length;
  return `${before ? '…' : ''}${flat.slice(start, end).trim()}${after ? '…' : ''}`;
}
