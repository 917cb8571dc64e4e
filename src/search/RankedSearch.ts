import SearchableMap from 'minisearch/SearchableMap';
import type { PostingArrays } from './Postings.js';
import { WorstFirstHeap } from './WorstFirstHeap.js';

/** One word of a query, already analysed into an index term. */
export interface QueryTerm {
  term: string;
  /**
   * Typo matching: allowed edit distance as a share of the term's length (below 1) or as a
   * number of edits (1 and above); false for exact matches only.
   */
  fuzzy: number | false;
  /**
   * Index terms that count as this one at a lower weight (0–1), such as words close in
   * meaning; none when not given.
   */
  related?: readonly { term: string; weight: number }[];
}

/** One ranked passage. */
export interface RankedHit {
  /** Passage id. */
  id: number;
  /** BM25+ score summed over the query terms, times the number of query terms matched. */
  score: number;
  /** Index terms the passage matched, exact or by typo. */
  terms: string[];
  /** Query terms that found the passage. */
  queryTerms: string[];
}

/** Narrows or reweighs one search. */
export interface RankOptions {
  /** Only passages for which this holds are returned. */
  filter?: (id: number) => boolean;
  /** Multiplies a passage's score; 0 leaves it out. */
  boost?: (id: number) => number;
}

/** Options for {@link RankedSearch}. */
export interface RankedSearchOptions {
  /** Weight of a match in each field, by field name; 1 when not given. */
  boost?: Record<string, number>;
  /** BM25+ parameters: term-frequency saturation `k`, length normalisation `b`, floor `d`. */
  bm25?: { k: number; b: number; d: number };
  /** Weight of a typo match, before it is lowered by the edits it took. */
  fuzzyWeight?: number;
  /** Most edits a typo match may take. */
  maxFuzzy?: number;
  /**
   * The whole archive's counts, when the arrays hold only some of its passages (a database's
   * candidates for one question): a term's rarity is then the archive's, so a passage scores as
   * it would in an index of every article. The arrays' average field lengths must be the
   * archive's too.
   */
  archive?: ArchiveRarity;
}

/** How rare a term is in the whole archive. */
export interface ArchiveRarity {
  /** Number of passages in the archive. */
  passageCount: number;
  /** Passages holding the term in a field (by field id). */
  passagesWith(term: string, field: number): number;
}

/** minisearch's own defaults, so scores are the ones minisearch gives. */
const DEFAULTS: Required<Omit<RankedSearchOptions, 'archive'>> = {
  boost: {},
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  fuzzyWeight: 0.45,
  maxFuzzy: 6,
};

/**
 * Ranked full-text search over {@link PostingArrays}: minisearch's BM25+ scoring, field boosts,
 * OR combination and typo matching, computed in typed arrays. It gives the very results
 * minisearch's `search` gives for the same index and options (a test holds it to that), but
 * a search costs a few nanoseconds per posting instead of about a microsecond and no object
 * per matching passage, which is what lets a large archive answer in milliseconds. The term
 * dictionary for typo matching is minisearch's radix tree, made the first time a typo is
 * looked up.
 */
export class RankedSearch {
  private readonly data: PostingArrays;
  private readonly settings: Required<Omit<RankedSearchOptions, 'archive'>>;
  private readonly archive: ArchiveRarity | undefined;
  private readonly width: number;
  private readonly fieldBoosts: number[];
  private readonly termIds = new Map<string, number>();
  /**
   * BM25's length normalisation of each passage's field, `k · (1 − b + b · length / average)`,
   * worked out once (every posting of a search needs it, and it costs a division); field
   * after field, passage after passage.
   */
  private readonly lengthNorms: Float64Array;
  private dictionary: SearchableMap<number> | undefined;
  // Scratch space reused by every search; a mark equal to the current stamp means "set in
  // this search", so nothing needs clearing between searches.
  private readonly scores: Float64Array;
  private readonly termScores: Float64Array;
  private readonly boosts: Float64Array;
  private readonly matched: Uint16Array;
  private readonly searchMark: Uint32Array;
  private readonly termMark: Uint32Array;
  private readonly boostMark: Uint32Array;
  /** The passages one search found, in the order found, then one query term's. */
  private readonly touched: Uint32Array;
  private readonly termTouched: Uint32Array;
  private stamp = 0;
  private touchedCount = 0;

  /**
   * Checks the arrays hold together (ids in range, offsets in order) and throws if not, so a
   * damaged saved index is refused rather than searched.
   */
  constructor(data: PostingArrays, options: RankedSearchOptions = {}) {
    checkPostingArrays(data);
    this.data = data;
    const { archive, ...settings } = options;
    this.settings = { ...DEFAULTS, ...settings };
    this.archive = archive;
    this.width = data.fields.length;
    this.fieldBoosts = data.fields.map((field) => this.settings.boost[field] || 1);
    data.terms.forEach((term, id) => {
      this.termIds.set(term, id);
    });
    const n = data.passageCount;
    const { k, b } = this.settings.bm25;
    // Field by field, so a search's pass over one field's list reads one run of memory.
    this.lengthNorms = new Float64Array(n * this.width);
    for (let at = 0; at < this.lengthNorms.length; at++) {
      const field = at % this.width;
      const average = data.averageFieldLength[field] as number;
      const norm = k * (1 - b + (b * (data.fieldLengths[at] as number)) / average);
      this.lengthNorms[field * n + Math.floor(at / this.width)] = norm;
    }
    this.scores = new Float64Array(n);
    this.termScores = new Float64Array(n);
    this.boosts = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.searchMark = new Uint32Array(n);
    this.termMark = new Uint32Array(n);
    this.boostMark = new Uint32Array(n);
    this.touched = new Uint32Array(n);
    this.termTouched = new Uint32Array(n);
  }

  /** Whether any passage (of the archive, when given one) holds the term in any field. */
  has(term: string): boolean {
    if (this.archive) return this.postingCount(term) > 0;
    return this.termIds.has(term);
  }

  /** Whether a passage holds the term in any field. */
  holds(term: string, passage: number): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && this.holdsId(id, passage);
  }

  /** How many passages hold the term in a field (by field id), in the archive when given one. */
  passageCount(term: string, field: number): number {
    if (this.archive) return this.archive.passagesWith(term, field);
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const at = id * this.width + field;
    return (this.data.offsets[at + 1] as number) - (this.data.offsets[at] as number);
  }

  /** How many postings a search for the term visits: its passages in every field. */
  postingCount(term: string): number {
    if (this.archive) {
      let count = 0;
      for (let field = 0; field < this.width; field++)
        count += this.archive.passagesWith(term, field);
      return count;
    }
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const { offsets } = this.data;
    return (offsets[(id + 1) * this.width] as number) - (offsets[id * this.width] as number);
  }

  /** The best `limit` passages for the query, best first; equal scores keep the order found. */
  search(query: readonly QueryTerm[], limit: number, options: RankOptions = {}): RankedHit[] {
    if (query.length === 0 || limit <= 0) return [];
    this.nextStamp();
    this.touchedCount = 0;
    const seen = new Set<string>();
    const expanded = query.map((q) => this.expand(q));
    for (let i = 0; i < expanded.length; i++) {
      const term = query[i]?.term as string;
      const isNew = !seen.has(term);
      seen.add(term);
      this.addTerm(expanded[i] as { id: number; weight: number }[], options.boost, isNew);
    }
    const best = this.top(this.touchedCount, limit, options.filter);
    return best.map((id) => this.describe(id, query, expanded));
  }

  private nextStamp(): number {
    // The stamp would wrap after 2^32 searches; start the marks afresh long before that.
    if (this.stamp >= 0xfffffff0) {
      this.stamp = 0;
      this.searchMark.fill(0);
      this.termMark.fill(0);
      this.boostMark.fill(0);
    }
    return ++this.stamp;
  }

  /** A query term's index terms: itself if known, then its typo matches, each with a weight. */
  private expand({
    term,
    fuzzy,
    related,
  }: QueryTerm): { id: number; term: string; weight: number }[] {
    const derived: { id: number; term: string; weight: number }[] = [];
    const exact = this.termIds.get(term);
    if (exact !== undefined) derived.push({ id: exact, term, weight: 1 });
    for (const other of related ?? []) {
      const id = this.termIds.get(other.term);
      if (id !== undefined && !derived.some((d) => d.id === id))
        derived.push({ id, term: other.term, weight: other.weight });
    }
    if (fuzzy === false) return derived;
    const maxDistance =
      fuzzy < 1 ? Math.min(this.settings.maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy;
    if (!maxDistance) return derived;
    for (const [match, [id, distance]] of this.termDictionary().fuzzyGet(term, maxDistance)) {
      if (!distance) continue;
      const weight = typoWeight(match, distance, this.settings.fuzzyWeight);
      derived.push({ id, term: match, weight });
    }
    return derived;
  }

  private termDictionary(): SearchableMap<number> {
    if (!this.dictionary) {
      const dictionary = new SearchableMap<number>();
      this.data.terms.forEach((term, id) => {
        dictionary.set(term, id);
      });
      this.dictionary = dictionary;
    }
    return this.dictionary;
  }

  /**
   * Adds one query term's score to every passage it found. A passage's score for the term is
   * its sum over the term's lists (each typo match, each field), added to the search's score
   * only when complete: the very order of additions minisearch makes, so the scores agree to
   * the last bit. For a term without typo matches, the paragraph list, the last and by far the
   * longest, adds straight into the search's score, with no second pass over its passages.
   */
  private addTerm(
    derived: readonly { id: number; weight: number }[],
    boostOf: RankOptions['boost'],
    isNew: boolean,
  ): void {
    const last = this.width - 1;
    const single = derived.length === 1 ? derived[0] : undefined;
    const found = single
      ? this.scoreLists(derived, last, boostOf)
      : this.scoreLists(derived, this.width, boostOf);
    const termTouched = this.termTouched;
    // Passages are touched in the order found, so equal scores keep minisearch's order.
    for (let at = 0; at < found; at++) this.touch(termTouched[at] as number);
    if (single) this.addLastList(single, boostOf, isNew);
    const stamp = this.stamp;
    for (let at = 0; at < found; at++) {
      const id = termTouched[at] as number;
      // Unmarked: the paragraph list has already added this passage's sum.
      if (this.termMark[id] !== stamp) continue;
      this.termMark[id] = 0;
      this.scores[id] = (this.scores[id] as number) + (this.termScores[id] as number);
      if (isNew) this.matched[id] = (this.matched[id] as number) + 1;
    }
  }

  /** Makes a passage part of this search, with no score yet. */
  private touch(id: number): void {
    if (this.searchMark[id] === this.stamp) return;
    this.searchMark[id] = this.stamp;
    this.scores[id] = 0;
    this.matched[id] = 0;
    this.touched[this.touchedCount++] = id;
  }

  /**
   * Sums the term's lists of fields before `fieldsEnd` into `termScores`, listing the passages
   * found, in order, at the start of `termTouched`, and marking them; gives how many it found.
   */
  private scoreLists(
    derived: readonly { id: number; weight: number }[],
    fieldsEnd: number,
    boostOf: RankOptions['boost'],
  ): number {
    const { offsets, passages, counts } = this.data;
    const width = this.width;
    const stamp = this.stamp;
    const termTouched = this.termTouched;
    let found = 0;
    for (const { id: termId, weight } of derived) {
      for (let field = 0; field < fieldsEnd; field++) {
        const start = offsets[termId * width + field] as number;
        const end = offsets[termId * width + field + 1] as number;
        if (start === end) continue;
        const { idf, fieldWeight } = this.listWeights(termId, field, end - start, weight);
        for (let at = start; at < end; at++) {
          const id = passages[at] as number;
          const boost = boostOf ? this.boostOf(id, boostOf) : 1;
          if (!boost) continue;
          const weighted = fieldWeight * boost * this.bm25(idf, counts[at] as number, id, field);
          if (this.termMark[id] !== stamp) {
            this.termMark[id] = stamp;
            this.termScores[id] = weighted;
            termTouched[found++] = id;
          } else this.termScores[id] = (this.termScores[id] as number) + weighted;
        }
      }
    }
    return found;
  }

  /**
   * Adds the last field's list of a term straight into the search's scores: for a passage the
   * other lists found, their sum (in `termScores`) plus this list's, after which its mark is
   * cleared; for the rest, this list's alone.
   */
  private addLastList(
    { id: termId, weight }: { id: number; weight: number },
    boostOf: RankOptions['boost'],
    isNew: boolean,
  ): void {
    const { offsets, passages, counts } = this.data;
    const field = this.width - 1;
    const start = offsets[termId * this.width + field] as number;
    const end = offsets[termId * this.width + field + 1] as number;
    if (start === end) return;
    const { idf, fieldWeight } = this.listWeights(termId, field, end - start, weight);
    const stamp = this.stamp;
    const { k, d } = this.settings.bm25;
    const k1 = k + 1;
    const { lengthNorms, termMark, termScores, searchMark, scores, matched, touched } = this;
    const fieldStart = field * this.data.passageCount;
    // The hottest loop of a search, so everything it reads is in a local.
    for (let at = start; at < end; at++) {
      const id = passages[at] as number;
      const boost = boostOf ? this.boostOf(id, boostOf) : 1;
      if (!boost) continue;
      const tf = counts[at] as number;
      const norm = lengthNorms[fieldStart + id] as number;
      let score = fieldWeight * boost * (idf * (d + (tf * k1) / (tf + norm)));
      if (termMark[id] === stamp) {
        termMark[id] = 0;
        score = (termScores[id] as number) + score;
      }
      if (searchMark[id] !== stamp) {
        searchMark[id] = stamp;
        scores[id] = score;
        matched[id] = isNew ? 1 : 0;
        touched[this.touchedCount++] = id;
      } else {
        scores[id] = (scores[id] as number) + score;
        if (isNew) matched[id] = (matched[id] as number) + 1;
      }
    }
  }

  /** What every posting of one list shares: the term's rarity in the field, and weights. */
  private listWeights(
    termId: number,
    field: number,
    listed: number,
    weight: number,
  ): { idf: number; fieldWeight: number } {
    const { archive } = this;
    const passageCount = archive ? archive.passageCount : this.data.passageCount;
    const matching = archive
      ? archive.passagesWith(this.data.terms[termId] as string, field)
      : listed;
    return {
      idf: Math.log(1 + (passageCount - matching + 0.5) / (matching + 0.5)),
      fieldWeight: weight * (this.fieldBoosts[field] as number),
    };
  }

  /** BM25+ for one posting: `tf` occurrences in a passage's field. */
  private bm25(idf: number, tf: number, id: number, field: number): number {
    const { k, d } = this.settings.bm25;
    const norm = this.lengthNorms[field * this.data.passageCount + id] as number;
    return idf * (d + (tf * (k + 1)) / (tf + norm));
  }

  /** A passage's boost, asked of `boostOf` once per search. */
  private boostOf(id: number, boostOf: NonNullable<RankOptions['boost']>): number {
    if (this.boostMark[id] !== this.stamp) {
      this.boostMark[id] = this.stamp;
      this.boosts[id] = boostOf(id);
    }
    return this.boosts[id] as number;
  }

  /** The best passages among those touched, by final score, then by the order found. */
  private top(count: number, limit: number, filter: RankOptions['filter']): number[] {
    const heap = new WorstFirstHeap(limit);
    const { touched, scores, matched } = this;
    // Passages come in the order found, so once the heap is full, one that only ties its worst
    // entry ranks below it: a plain comparison with the worst score decides.
    let worst = -Infinity;
    for (let order = 0; order < count; order++) {
      const id = touched[order] as number;
      const score = (scores[id] as number) * (matched[id] as number);
      if (score <= worst) continue;
      if (filter && !filter(id)) continue;
      heap.push(id, score, order);
      if (heap.isFull) worst = heap.worstScore;
    }
    return heap.bestFirst().map((entry) => entry.id);
  }

  /** Which query terms and index terms found a passage, in the order minisearch lists them. */
  private describe(
    id: number,
    query: readonly QueryTerm[],
    expanded: readonly { id: number; term: string }[][],
  ): RankedHit {
    // A question has a handful of terms: arrays searched in place make less garbage than sets.
    const terms: string[] = [];
    const queryTerms: string[] = [];
    for (let i = 0; i < expanded.length; i++) {
      for (const { id: termId, term } of expanded[i] as { id: number; term: string }[]) {
        if (!this.holdsId(termId, id)) continue;
        if (!terms.includes(term)) terms.push(term);
        const queryTerm = query[i]?.term as string;
        if (!queryTerms.includes(queryTerm)) queryTerms.push(queryTerm);
      }
    }
    return {
      id,
      score: (this.scores[id] as number) * (this.matched[id] as number),
      terms: inObjectKeyOrder(terms),
      queryTerms,
    };
  }

  /** Whether a term occurs in any field of a passage: a binary search of each field's list. */
  private holdsId(termId: number, passage: number): boolean {
    const { offsets, passages } = this.data;
    for (let field = 0; field < this.width; field++) {
      let low = offsets[termId * this.width + field] as number;
      let high = (offsets[termId * this.width + field + 1] as number) - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const found = passages[middle] as number;
        if (found === passage) return true;
        if (found < passage) low = middle + 1;
        else high = middle - 1;
      }
    }
    return false;
  }
}

/** How much a typo match counts: less the more edits it took, as minisearch weighs it. */
export function typoWeight(match: string, distance: number, fuzzyWeight = DEFAULTS.fuzzyWeight) {
  return (fuzzyWeight * match.length) / (match.length + distance);
}

/** Whether a term is an array index as JavaScript reads object keys. */
function isIndex(term: string): boolean {
  const first = term.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  return /^(?:0|[1-9]\d*)$/.test(term) && Number(term) < 2 ** 32 - 1;
}

/**
 * minisearch lists matched terms as the keys of an object, and JavaScript gives integer-like
 * keys ("100", "2005") first, in numeric order, before the rest in insertion order. Kept, so a
 * hit lists its terms as minisearch's would.
 */
function inObjectKeyOrder(terms: string[]): string[] {
  if (!terms.some(isIndex)) return terms;
  const numeric = terms.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...numeric, ...terms.filter((term) => !isIndex(term))];
}

/** Throws unless the arrays describe a well-formed index. */
export function checkPostingArrays(data: PostingArrays): void {
  const width = data.fields.length;
  const { offsets, passages, counts, fieldLengths, passageCount } = data;
  const fail = (what: string) => {
    throw new Error(`The posting arrays are damaged: ${what}`);
  };
  if (width === 0 || data.averageFieldLength.length !== width) fail('fields');
  if (offsets.length !== data.terms.length * width + 1) fail('offsets length');
  if (passages.length !== counts.length || offsets[offsets.length - 1] !== passages.length)
    fail('postings length');
  if (fieldLengths.length !== passageCount * width) fail('field lengths');
  for (let i = 1; i < offsets.length; i++) {
    if ((offsets[i] as number) < (offsets[i - 1] as number)) fail('offsets order');
  }
  for (let i = 0; i < passages.length; i++) {
    if ((passages[i] as number) >= passageCount) fail('passage id');
  }
}
