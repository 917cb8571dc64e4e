import { GrowingArray } from './GrowingArray.js';

/**
 * The index terms of every sentence of every passage, as term ids in flat arrays: sentence `s`
 * of passage `p` is `sentenceStarts[passageSentences[p] + s]`, and its terms run from there to
 * the next sentence's start. Ids instead of strings keep a large archive's sentences small, are
 * saved and restored as bytes, and turn back into the index's own term strings without making
 * new ones, so answering a question leaves little for the garbage collector.
 */
export interface SentenceTermArrays {
  /** Where each passage's sentences start, plus the end of the last. */
  passageSentences: Uint32Array;
  /** Where each sentence's terms start, plus the end of the last. */
  sentenceStarts: Uint32Array;
  /** Term ids (positions in the index's term list), sentence after sentence. */
  termIds: Uint32Array;
}

const uint32 = (length: number) => new Uint32Array(length);

/** Collects {@link SentenceTermArrays} passage by passage. */
export class SentenceTermsBuilder {
  private readonly passageSentences = new GrowingArray(uint32);
  private readonly sentenceStarts = new GrowingArray(uint32);
  private readonly termIds = new GrowingArray(uint32);

  constructor() {
    this.passageSentences.push(0);
    this.sentenceStarts.push(0);
  }

  /** Adds the next passage: the term ids of each of its sentences, in order. */
  add(sentences: readonly (readonly number[])[]): void {
    for (const sentence of sentences) {
      for (const id of sentence) this.termIds.push(id);
      this.sentenceStarts.push(this.termIds.length);
    }
    this.passageSentences.push(this.sentenceStarts.length - 1);
  }

  toArrays(): SentenceTermArrays {
    return {
      passageSentences: this.passageSentences.toArray(),
      sentenceStarts: this.sentenceStarts.toArray(),
      termIds: this.termIds.toArray(),
    };
  }
}

/** The terms of each sentence of a passage, as strings from the index's term list. */
export function sentenceTermsOf(
  arrays: SentenceTermArrays,
  terms: readonly string[],
  passage: number,
): string[][] {
  const { passageSentences, sentenceStarts, termIds } = arrays;
  const first = passageSentences[passage] ?? 0;
  const last = passageSentences[passage + 1] ?? first;
  const sentences: string[][] = [];
  for (let s = first; s < last; s++) {
    const end = sentenceStarts[s + 1] as number;
    const sentence: string[] = [];
    for (let at = sentenceStarts[s] as number; at < end; at++) {
      sentence.push(terms[termIds[at] as number] as string);
    }
    sentences.push(sentence);
  }
  return sentences;
}

/** Throws unless the arrays fit `passageCount` passages and `termCount` terms. */
export function checkSentenceTerms(
  arrays: SentenceTermArrays,
  passageCount: number,
  termCount: number,
): void {
  const { passageSentences, sentenceStarts, termIds } = arrays;
  const fail = (what: string) => {
    throw new Error(`The sentence term arrays are damaged: ${what}`);
  };
  if (passageSentences.length !== passageCount + 1) fail('passage count');
  if (passageSentences[passageCount] !== sentenceStarts.length - 1) fail('sentence count');
  if (sentenceStarts[sentenceStarts.length - 1] !== termIds.length) fail('term count');
  if (!ascending(passageSentences) || !ascending(sentenceStarts)) fail('order');
  for (let i = 0; i < termIds.length; i++) {
    if ((termIds[i] as number) >= termCount) fail('term id');
  }
}

function ascending(array: Uint32Array): boolean {
  for (let i = 1; i < array.length; i++) {
    if ((array[i] as number) < (array[i - 1] as number)) return false;
  }
  return array.length > 0 && array[0] === 0;
}
