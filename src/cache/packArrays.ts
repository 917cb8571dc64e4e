/** Bytes of array per saved chunk: a few hundred kilobytes of text per chunk once encoded. */
const CHUNK_BYTES = 1 << 18;

/** The typed arrays an index is made of. */
export type IndexArray = Uint32Array | Uint16Array;

/** A sequence that knows its length before it is walked, so it can be written in chunks. */
export interface CountedChunks extends Iterable<string> {
  readonly length: number;
}

/** A typed array as the saved index holds it: its kind, its length and its bytes in base64. */
export interface PackedArray {
  kind: 'uint32' | 'uint16';
  length: number;
  /** Base64 chunks, encoded only as they are written; read back as an array. */
  chunks: CountedChunks | string[];
}

/** A record with each typed array replaced by its packed form. */
export type Packed<T> = { [K in keyof T]: T[K] extends IndexArray ? PackedArray : T[K] };

/**
 * A record's typed arrays packed for saving. Written as JSON numbers they would take several
 * times the space and seconds to parse on a large archive; as base64 their bytes are copied
 * back almost as fast as the file is read.
 */
export function packArrays<T extends object>(record: T): Packed<T> {
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    packed[key] =
      value instanceof Uint32Array || value instanceof Uint16Array ? pack(value) : value;
  }
  return packed as Packed<T>;
}

/**
 * The record back from {@link packArrays}. Throws when an array is missing, of another kind,
 * or cut short; whether the arrays then hold together is for their user to check.
 */
export function unpackArrays<T extends object>(
  packed: Packed<T>,
  arrayKeys: readonly (keyof T)[],
): T {
  const record: Record<string, unknown> = { ...packed };
  for (const key of arrayKeys) record[key as string] = unpack(packed[key] as PackedArray);
  return record as T;
}

function pack(array: IndexArray): PackedArray {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return {
    kind: array instanceof Uint16Array ? 'uint16' : 'uint32',
    length: array.length,
    chunks: {
      length: Math.ceil(bytes.length / CHUNK_BYTES),
      *[Symbol.iterator]() {
        for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
          yield bytes.subarray(at, at + CHUNK_BYTES).toString('base64');
        }
      },
    },
  };
}

function unpack(packed: PackedArray): IndexArray {
  if (typeof packed !== 'object' || packed === null || !Array.isArray(packed.chunks)) {
    throw new Error('a saved array is missing');
  }
  const length = Number(packed.length);
  if (!Number.isSafeInteger(length) || length < 0) throw new Error('a saved array has no length');
  const into = packed.kind === 'uint16' ? new Uint16Array(length) : new Uint32Array(length);
  const bytes = new Uint8Array(into.buffer);
  let at = 0;
  for (const chunk of packed.chunks) {
    if (typeof chunk !== 'string') throw new Error('a saved array chunk is not text');
    const decoded = Buffer.from(chunk, 'base64');
    if (at + decoded.length > bytes.length) throw new Error('a saved array is too long');
    bytes.set(decoded, at);
    at += decoded.length;
  }
  if (at !== bytes.length) throw new Error('a saved array is cut short');
  return into;
}
