import { GrowingArray } from './GrowingArray.js';

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
 * Builds {@link PostingArrays} in one pass over passages whose terms are already analysed and
 * numbered. Each passage's distinct terms per field go into flat growing arrays, and
 * {@link toArrays} sorts them into per-term lists by counting: no map or array per term, which
 * was most of the time of indexing a large archive. Field lengths and their means are counted
 * exactly as minisearch counts them, so scores come out the same as minisearch's.
 */
export class Postings {
  /** Field names, in the order their ids are given. */
  readonly fields: readonly string[];
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per passage and field, the number of distinct tokens: minisearch's field length. */
  private readonly fieldLengths = new GrowingArray(uint32);
  /** Where each passage's field's entries start, in passage then field order. */
  private readonly groupStarts = new GrowingArray(uint32);
  private readonly entryTerms = new GrowingArray(uint32);
  private readonly entryCounts = new GrowingArray(uint32);
  // Scratch for counting one field of one passage, indexed by term id.
  private lastGroup = new Int32Array(1024).fill(-1);
  private termCount = new Uint32Array(1024);
  private passageCount = 0;

  constructor(fields: readonly string[]) {
    this.fields = fields;
    this.groupStarts.push(0);
  }

  /** Number of passages added so far. */
  get size(): number {
    return this.passageCount;
  }

  /** A term's id, given in the order terms are first seen: its position in the term list. */
  intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      if (id >= this.lastGroup.length) this.growScratch();
    }
    return id;
  }

  /**
   * Adds the next passage: for each field, its term ids (from {@link intern}) in order, split
   * in runs (the sentences of a paragraph). A run with no terms counts as one empty token, as
   * it does when minisearch splits the runs joined by spaces, so field lengths come out the same.
   */
  add(fieldRuns: readonly (readonly (readonly number[])[])[]): void {
    for (let field = 0; field < this.fields.length; field++) {
      const group = this.groupStarts.length - 1;
      const runs = fieldRuns[field] ?? [];
      const first = this.entryTerms.length;
      let emptyToken = runs.length === 0;
      for (const run of runs) {
        if (run.length === 0) emptyToken = true;
        for (const id of run) {
          if (this.lastGroup[id] !== group) {
            this.lastGroup[id] = group;
            this.termCount[id] = 1;
            this.entryTerms.push(id);
          } else this.termCount[id] = (this.termCount[id] as number) + 1;
        }
      }
      for (let at = first; at < this.entryTerms.length; at++) {
        this.entryCounts.push(this.termCount[this.entryTerms.at(at)] as number);
      }
      this.fieldLengths.push(this.entryTerms.length - first + (emptyToken ? 1 : 0));
      this.groupStarts.push(this.entryTerms.length);
    }
    this.passageCount++;
  }

  private growScratch(): void {
    const lastGroup = new Int32Array(this.lastGroup.length * 2).fill(-1);
    lastGroup.set(this.lastGroup);
    this.lastGroup = lastGroup;
    const termCount = new Uint32Array(this.termCount.length * 2);
    termCount.set(this.termCount);
    this.termCount = termCount;
  }

  /** The postings as flat arrays. */
  toArrays(): PostingArrays {
    const width = this.fields.length;
    const fieldLengths = this.fieldLengths.toArray();
    const averageFieldLength = new Array<number>(width).fill(0);
    for (let passage = 0; passage < this.passageCount; passage++) {
      // The running mean minisearch keeps while adding, for the very same floating-point result.
      for (let field = 0; field < width; field++) {
        const average = averageFieldLength[field] as number;
        const length = fieldLengths[passage * width + field] as number;
        averageFieldLength[field] = (average * passage + length) / (passage + 1);
      }
    }
    const groups = this.groupStarts.length - 1;
    const offsets = new Uint32Array(this.terms.length * width + 1);
    for (let group = 0; group < groups; group++) {
      const field = group % width;
      for (let at = this.groupStarts.at(group); at < this.groupStarts.at(group + 1); at++) {
        const list = this.entryTerms.at(at) * width + field;
        offsets[list + 1] = (offsets[list + 1] as number) + 1;
      }
    }
    for (let list = 1; list < offsets.length; list++) {
      offsets[list] = (offsets[list] as number) + (offsets[list - 1] as number);
    }
    const next = offsets.slice(0, -1);
    const passages = new Uint32Array(this.entryTerms.length);
    const counts = new Uint16Array(this.entryTerms.length);
    for (let group = 0; group < groups; group++) {
      const passage = Math.floor(group / width);
      const field = group % width;
      for (let at = this.groupStarts.at(group); at < this.groupStarts.at(group + 1); at++) {
        const list = this.entryTerms.at(at) * width + field;
        const to = next[list] as number;
        next[list] = to + 1;
        passages[to] = passage;
        counts[to] = Math.min(MAX_COUNT, this.entryCounts.at(at));
      }
    }
    return {
      fields: [...this.fields],
      passageCount: this.passageCount,
      terms: [...this.terms],
      offsets,
      passages,
      counts,
      fieldLengths,
      averageFieldLength,
    };
  }
}

const uint32 = (length: number) => new Uint32Array(length);
