import type { AsPlainObject } from 'minisearch';

/** One field of one term: the passages that hold it and how often each does, in passage order. */
export type PostingList = [term: string, field: number, passages: number[], counts: number[]];

/**
 * The inverted index of analysed passages in compact arrays, built in one pass over terms that
 * are already analysed. It is what minisearch would build with `addAll`, handed to minisearch's
 * own `loadJS` instead: adding term by term walks minisearch's radix tree once per word, which
 * was most of the start-up time of a large archive. Arrays of numbers are also quicker to save
 * and read back than minisearch's plain object.
 */
export class Postings {
  /** Field names, in the order their ids are given. */
  readonly fields: readonly string[];
  /** Per passage and field, the number of distinct tokens: minisearch's field length. */
  private fieldLengths: number[] = [];
  private readonly lists = new Map<string, { passages: number[]; counts: number[] }[]>();
  private passageCount = 0;

  constructor(fields: readonly string[]) {
    this.fields = fields;
  }

  /** Restores postings saved by {@link toLists} and {@link toFieldLengths}. */
  static fromSaved(
    fields: readonly string[],
    lists: readonly PostingList[],
    fieldLengths: readonly number[],
  ): Postings {
    const postings = new Postings(fields);
    if (fieldLengths.length % fields.length !== 0) {
      throw new Error('The saved field lengths do not fit the fields');
    }
    postings.fieldLengths = [...fieldLengths];
    postings.passageCount = fieldLengths.length / fields.length;
    for (const [term, field, passages, counts] of lists) {
      if (
        field < 0 ||
        field >= fields.length ||
        !Array.isArray(passages) ||
        passages.length !== counts.length
      ) {
        throw new Error('A saved posting list is damaged');
      }
      postings.fieldsOf(term)[field] = { passages, counts };
    }
    return postings;
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
  add(fieldRuns: readonly (readonly (readonly string[])[])[]): number {
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
    return passage;
  }

  /** A term's posting lists by field id, made empty on first use. */
  private fieldsOf(term: string): { passages: number[]; counts: number[] }[] {
    let perField = this.lists.get(term);
    if (!perField) {
      perField = [];
      this.lists.set(term, perField);
    }
    return perField;
  }

  private count(term: string, field: number, passage: number): void {
    const perField = this.fieldsOf(term);
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

  /** How many passages hold a term in a field. */
  passagesWith(term: string, field: number): number {
    return this.lists.get(term)?.[field]?.passages.length ?? 0;
  }

  /** Every posting list, for saving. */
  *toLists(): Generator<PostingList> {
    for (const [term, perField] of this.lists) {
      for (const [field, list] of perField.entries()) {
        if (list) yield [term, field, list.passages, list.counts];
      }
    }
  }

  /** Every passage's field lengths, flat, for saving. */
  toFieldLengths(): readonly number[] {
    return this.fieldLengths;
  }

  /**
   * The index as minisearch's `loadJS` reads it, passage ids equal to their positions. Term
   * entries are made one at a time as minisearch reads them, so the whole index never exists
   * twice in memory.
   */
  toMiniSearch(): AsPlainObject {
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
    const index = {
      *[Symbol.iterator]() {
        for (const [term, perField] of lists) {
          const data: Record<string, Record<number, number>> = {};
          for (const [field, list] of perField.entries()) {
            if (!list) continue;
            const counts: Record<number, number> = {};
            for (let i = 0; i < list.passages.length; i++) {
              counts[list.passages[i] as number] = list.counts[i] as number;
            }
            data[field] = counts;
          }
          yield [term, data] as [string, Record<string, Record<number, number>>];
        }
      },
    };
    return {
      documentCount: this.passageCount,
      nextId: this.passageCount,
      documentIds,
      fieldIds: Object.fromEntries(this.fields.map((name, id) => [name, id])),
      fieldLength,
      averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      // minisearch only iterates the index once, so a lazy iterable serves as its array.
      index: index as unknown as AsPlainObject['index'],
      serializationVersion: 2,
    };
  }
}
