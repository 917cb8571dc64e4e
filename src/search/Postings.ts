/**
 * An inverted index in flat typed arrays: for term `t` and field `f`, the passages holding the
 * term are `passages[offsets[t * F + f] .. offsets[t * F + f + 1])`, ascending, with the times
 * it occurs beside them in `counts`. A few flat arrays instead of a map per term keep a large
 * archive small in memory, quick to score and quick to save and restore.
 */
export interface PostingArrays {
  /** Field names, in the order of their ids. */
  fields: string[];
  /** Number of passages; passage ids run from 0 below it. */
  passageCount: number;
  /** Every index term, in the order first seen; a term's id is its position. */
  terms: string[];
  /** Where each term's postings in each field start, plus the end of the last. */
  offsets: Uint32Array;
  /** Passage ids of the postings. */
  passages: Uint32Array;
  /** How often the term occurs in that field of that passage (at most 65,535). */
  counts: Uint16Array;
  /** Per passage and field, the number of distinct tokens (minisearch's field length). */
  fieldLengths: Uint32Array;
  /** Mean field length per field, as minisearch computes it while adding. */
  averageFieldLength: number[];
}

/** The largest occurrence count kept: BM25 saturates long before it. */
const MAX_COUNT = 0xffff;

/**
 * Builds {@link PostingArrays} in one pass over passages whose terms are already analysed.
 * Field lengths and their means are counted exactly as minisearch counts them, so scores come
 * out the same as minisearch's for the same passages.
 */
export class Postings {
  /** Field names, in the order their ids are given. */
  readonly fields: readonly string[];
  private readonly fieldLengths: number[] = [];
  /** Per term: its id and, per field, its passages and counts. */
  private readonly lists = new Map<
    string,
    { id: number; fields: { passages: number[]; counts: number[] }[] }
  >();
  private passageCount = 0;
  private postingCount = 0;

  constructor(fields: readonly string[]) {
    this.fields = fields;
  }

  /** Number of passages added so far. */
  get size(): number {
    return this.passageCount;
  }

  /**
   * Adds the next passage: for each field, its analysed terms in order, split in runs (the
   * sentences of a paragraph). A run with no terms counts as one empty token, as it does when
   * minisearch splits the runs joined by spaces, so field lengths and scores come out the same.
   */
  add(fieldRuns: readonly (readonly (readonly string[])[])[]): void {
    const passage = this.passageCount++;
    for (let field = 0; field < this.fields.length; field++) {
      const runs = fieldRuns[field] ?? [];
      const distinct = new Set<string>();
      let emptyToken = runs.length === 0;
      for (const run of runs) {
        if (run.length === 0) emptyToken = true;
        for (const term of run) {
          if (term === '') {
            emptyToken = true;
            continue;
          }
          distinct.add(term);
          this.count(term, field, passage);
        }
      }
      this.fieldLengths.push(distinct.size + (emptyToken ? 1 : 0));
    }
  }

  /** The id of a term already added: its position in the term list {@link toArrays} gives. */
  termId(term: string): number {
    const entry = this.lists.get(term);
    if (!entry) throw new Error(`The term "${term}" was never added`);
    return entry.id;
  }

  private count(term: string, field: number, passage: number): void {
    let entry = this.lists.get(term);
    if (!entry) {
      entry = { id: this.lists.size, fields: [] };
      this.lists.set(term, entry);
    }
    let list = entry.fields[field];
    if (!list) {
      list = { passages: [], counts: [] };
      entry.fields[field] = list;
    }
    const last = list.passages.length - 1;
    if (list.passages[last] === passage) list.counts[last] = (list.counts[last] ?? 0) + 1;
    else {
      list.passages.push(passage);
      list.counts.push(1);
      this.postingCount++;
    }
  }

  /** The postings as flat arrays; the builder is spent afterwards. */
  toArrays(): PostingArrays {
    const width = this.fields.length;
    const averageFieldLength = new Array<number>(width).fill(0);
    for (let passage = 0; passage < this.passageCount; passage++) {
      // The running mean minisearch keeps while adding, for the very same floating-point result.
      for (let field = 0; field < width; field++) {
        const average = averageFieldLength[field] as number;
        const length = this.fieldLengths[passage * width + field] as number;
        averageFieldLength[field] = (average * passage + length) / (passage + 1);
      }
    }
    const terms = [...this.lists.keys()];
    const offsets = new Uint32Array(terms.length * width + 1);
    const passages = new Uint32Array(this.postingCount);
    const counts = new Uint16Array(this.postingCount);
    let at = 0;
    terms.forEach((term, t) => {
      const perField = this.lists.get(term)?.fields ?? [];
      for (let field = 0; field < width; field++) {
        offsets[t * width + field] = at;
        const list = perField[field];
        if (!list) continue;
        for (let i = 0; i < list.passages.length; i++, at++) {
          passages[at] = list.passages[i] as number;
          counts[at] = Math.min(MAX_COUNT, list.counts[i] as number);
        }
      }
      this.lists.delete(term);
    });
    offsets[terms.length * width] = at;
    const fieldLengths = Uint32Array.from(this.fieldLengths);
    this.fieldLengths.length = 0;
    return {
      fields: [...this.fields],
      passageCount: this.passageCount,
      terms,
      offsets,
      passages,
      counts,
      fieldLengths,
      averageFieldLength,
    };
  }
}
