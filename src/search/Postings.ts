import type { AsPlainObject } from 'minisearch';

/** One term of minisearch's plain index: per field id, each passage's count of the term. */
export type IndexEntry = [term: string, fields: Record<string, Record<number, number>>];

/** A sequence that knows its length before it is walked, so it can be written in chunks. */
export interface CountedIterable<T> extends Iterable<T> {
  readonly length: number;
}

/**
 * The inverted index of analysed passages in compact arrays, built in one pass over terms that
 * are already analysed. It is what minisearch would build with `addAll`, handed to minisearch's
 * own `loadJS` instead: adding term by term walks minisearch's radix tree once per word, which
 * was most of the start-up time of a large archive. Kept only while an index is built and
 * saved; a running index needs just {@link passageCounts}.
 */
export class Postings {
  /** Field names, in the order their ids are given. */
  readonly fields: readonly string[];
  /** Per passage and field, the number of distinct tokens: minisearch's field length. */
  private readonly fieldLengths: number[] = [];
  private readonly lists = new Map<string, { passages: number[]; counts: number[] }[]>();
  private passageCount = 0;

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

  private count(term: string, field: number, passage: number): void {
    let perField = this.lists.get(term);
    if (!perField) {
      perField = [];
      this.lists.set(term, perField);
    }
    let list = perField[field];
    if (!list) {
      list = { passages: [], counts: [] };
      perField[field] = list;
    }
    const last = list.passages.length - 1;
    if (list.passages[last] === passage) list.counts[last] = (list.counts[last] ?? 0) + 1;
    else {
      list.passages.push(passage);
      list.counts.push(1);
    }
  }

  /** For each term, how many passages hold it in each field (by field id). */
  passageCounts(): Map<string, number[]> {
    const counts = new Map<string, number[]>();
    for (const [term, perField] of this.lists) {
      counts.set(
        term,
        this.fields.map((_, field) => perField[field]?.passages.length ?? 0),
      );
    }
    return counts;
  }

  /**
   * The index as minisearch's `loadJS` reads it (and its `toJSON` writes it), passage ids equal
   * to their positions. Term entries are made one at a time as they are read, so the whole
   * index never exists twice in memory, neither when minisearch loads it nor when it is saved.
   */
  toMiniSearch(): Omit<AsPlainObject, 'index'> & { index: CountedIterable<IndexEntry> } {
    const width = this.fields.length;
    const documentIds: Record<number, number> = {};
    const fieldLength: Record<number, number[]> = {};
    const averageFieldLength = new Array<number>(width).fill(0);
    for (let passage = 0; passage < this.passageCount; passage++) {
      documentIds[passage] = passage;
      const lengths = this.fieldLengths.slice(passage * width, (passage + 1) * width);
      fieldLength[passage] = lengths;
      // The running mean minisearch keeps while adding, for the very same floating-point result.
      for (let field = 0; field < width; field++) {
        const average = averageFieldLength[field] as number;
        averageFieldLength[field] =
          (average * passage + (lengths[field] as number)) / (passage + 1);
      }
    }
    const lists = this.lists;
    return {
      documentCount: this.passageCount,
      nextId: this.passageCount,
      documentIds,
      fieldIds: Object.fromEntries(this.fields.map((name, id) => [name, id])),
      fieldLength,
      averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: {
        length: lists.size,
        *[Symbol.iterator]() {
          for (const [term, perField] of lists) {
            const data: IndexEntry[1] = {};
            for (const [field, list] of perField.entries()) {
              if (!list) continue;
              const counts: Record<number, number> = {};
              for (let i = 0; i < list.passages.length; i++) {
                counts[list.passages[i] as number] = list.counts[i] as number;
              }
              data[field] = counts;
            }
            yield [term, data];
          }
        },
      },
      serializationVersion: 2,
    };
  }
}
