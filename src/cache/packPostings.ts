import type { PostingArrays } from '../search/Postings';

/** Bytes of array per saved chunk: a few hundred kilobytes of text per chunk once encoded. */
const CHUNK_BYTES = 1 << 18;

/** A sequence of base64 chunks that knows its length before it is walked. */
export interface Base64Chunks extends Iterable<string> {
  readonly length: number;
}

/** The posting arrays as the saved index holds them: each typed array as base64 chunks. */
export interface PackedPostings
  extends Omit<PostingArrays, 'offsets' | 'passages' | 'counts' | 'fieldLengths'> {
  offsets: Base64Chunks | string[];
  passages: Base64Chunks | string[];
  counts: Base64Chunks | string[];
  fieldLengths: Base64Chunks | string[];
  /** Each typed array's number of items, checked when read back. */
  lengths: { offsets: number; passages: number; counts: number; fieldLengths: number };
}

/**
 * The posting arrays for saving. Typed arrays written as numbers in JSON would take several
 * times the space and seconds to parse on a large archive; as base64 their bytes are copied
 * back almost as fast as the file is read. Chunks are encoded only as they are written.
 */
export function packPostings(postings: PostingArrays): PackedPostings {
  const { offsets, passages, counts, fieldLengths, ...rest } = postings;
  return {
    ...rest,
    offsets: base64Chunks(offsets),
    passages: base64Chunks(passages),
    counts: base64Chunks(counts),
    fieldLengths: base64Chunks(fieldLengths),
    lengths: {
      offsets: offsets.length,
      passages: passages.length,
      counts: counts.length,
      fieldLengths: fieldLengths.length,
    },
  };
}

/**
 * The posting arrays back from their saved form. Throws when a chunk is missing or cut short;
 * whether the arrays then hold together is checked by the search that uses them.
 */
export function unpackPostings(packed: PackedPostings): PostingArrays {
  const { lengths } = packed;
  return {
    fields: packed.fields,
    passageCount: packed.passageCount,
    terms: packed.terms,
    averageFieldLength: packed.averageFieldLength,
    offsets: fromChunks(packed.offsets, new Uint32Array(lengths.offsets)),
    passages: fromChunks(packed.passages, new Uint32Array(lengths.passages)),
    counts: fromChunks(packed.counts, new Uint16Array(lengths.counts)),
    fieldLengths: fromChunks(packed.fieldLengths, new Uint32Array(lengths.fieldLengths)),
  };
}

function base64Chunks(array: Uint32Array | Uint16Array): Base64Chunks {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return {
    length: Math.ceil(bytes.length / CHUNK_BYTES),
    *[Symbol.iterator]() {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
        yield bytes.subarray(at, at + CHUNK_BYTES).toString('base64');
      }
    },
  };
}

function fromChunks<T extends Uint32Array | Uint16Array>(chunks: Iterable<string>, into: T): T {
  const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
  let at = 0;
  for (const chunk of chunks) {
    if (typeof chunk !== 'string') throw new Error('a saved array chunk is not text');
    const decoded = Buffer.from(chunk, 'base64');
    if (at + decoded.length > bytes.length) throw new Error('a saved array is too long');
    bytes.set(decoded, at);
    at += decoded.length;
  }
  if (at !== bytes.length) throw new Error('a saved array is cut short');
  return into;
}
