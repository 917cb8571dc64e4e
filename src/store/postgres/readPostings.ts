import type pg from 'pg';
import type { PostingArrays } from '../../search/Postings.js';
import { POSTING_BYTES } from './postingBlocks.js';

/** The candidates' postings, by term and field, with what each passage's scoping needs. */
export interface DecodedPostings extends PostingArrays {
  /** Each passage's key, by its position in these arrays (ascending). */
  keys: Int32Array;
  days: Int32Array;
  owners: Int32Array;
}

/** The fields of a posting's counts, in the order of their ids. */
export const FIELDS = ['title', 'heading', 'text'];
/** How many fields a passage has. */
export const WIDTH = FIELDS.length;

/** Every block of these terms, each term's in key order, in one query. */
export async function readBlocks(
  pool: pg.Pool,
  terms: readonly string[],
): Promise<{ term: string; data: Buffer }[]> {
  if (terms.length === 0) return [];
  // Base64, a third longer than the bytes where bytea's hex is twice as long: a question reads
  // hundreds of kilobytes of postings, and the driver reads every result as text.
  const { rows } = await pool.query<{ term: string; data: string }>({
    name: 'posting-blocks',
    text: `SELECT term, encode(data, 'base64') AS data FROM posting_blocks
     WHERE term = ANY ($1::text[]) ORDER BY term, first_key`,
    values: [terms],
  });
  return rows.map((row) => ({ term: row.term, data: Buffer.from(row.data, 'base64') }));
}

/**
 * The blocks' postings as arrays an `archivePostings` search reads (see search/PassageIndex),
 * passages in key order.
 */
export function decodeBlocks(
  blocks: readonly { term: string; data: Buffer }[],
  terms: readonly string[],
): DecodedPostings {
  let total = 0;
  for (const { data } of blocks) total += data.length / POSTING_BYTES;
  // Each term's keys come ascending (its blocks in key order), so the terms' runs are merged.
  const runs: Int32Array[] = [];
  let runTerm: string | undefined;
  let at = 0;
  const all = new Int32Array(total);
  let runStart = 0;
  for (const { term, data } of blocks) {
    if (term !== runTerm) {
      if (runTerm !== undefined) runs.push(all.subarray(runStart, at));
      runTerm = term;
      runStart = at;
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let byte = 0; byte < data.byteLength; byte += POSTING_BYTES)
      all[at++] = view.getInt32(byte);
  }
  if (runTerm !== undefined) runs.push(all.subarray(runStart, at));
  const keys = runs.reduce(mergeUnique, new Int32Array(0));
  const n = keys.length;
  const days = new Int32Array(n);
  const owners = new Int32Array(n);
  const fieldLengths = new Uint32Array(n * WIDTH);
  const termIds = new Map(terms.map((term, id) => [term, id]));
  // Each list's postings, counted first so they can be laid out in place.
  const listSizes = new Uint32Array(terms.length * WIDTH);
  const listOf = new Uint32Array(total * WIDTH);
  const passageOf = new Uint32Array(total * WIDTH);
  const countOf = new Uint16Array(total * WIDTH);
  let found = 0;
  // A term's blocks come in key order, so its postings walk the sorted keys forward.
  let walkedTerm: string | undefined;
  let passage = 0;
  for (const { term, data } of blocks) {
    const termId = termIds.get(term);
    if (termId === undefined) continue;
    if (term !== walkedTerm) {
      walkedTerm = term;
      passage = 0;
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let byte = 0; byte < data.byteLength; byte += POSTING_BYTES) {
      const key = view.getInt32(byte);
      while ((keys[passage] as number) < key) passage++;
      days[passage] = view.getInt32(byte + 4);
      owners[passage] = view.getInt32(byte + 8);
      fieldLengths[passage * WIDTH] = view.getUint8(byte + 16);
      fieldLengths[passage * WIDTH + 1] = view.getUint8(byte + 17);
      fieldLengths[passage * WIDTH + 2] = view.getUint16(byte + 12);
      for (let field = 0; field < WIDTH; field++) {
        const count = field === 2 ? view.getUint16(byte + 14) : view.getUint8(byte + 18 + field);
        if (count === 0) continue;
        const list = termId * WIDTH + field;
        listSizes[list] = (listSizes[list] as number) + 1;
        listOf[found] = list;
        passageOf[found] = passage;
        countOf[found++] = count;
      }
    }
  }
  const offsets = new Uint32Array(listSizes.length + 1);
  for (let list = 0; list < listSizes.length; list++)
    offsets[list + 1] = (offsets[list] as number) + (listSizes[list] as number);
  const passages = new Uint32Array(found);
  const counts = new Uint16Array(found);
  const next = offsets.slice(0, listSizes.length);
  // Blocks come in key order, term by term, so each list fills in passage order.
  for (let at = 0; at < found; at++) {
    const list = listOf[at] as number;
    const place = next[list] as number;
    next[list] = place + 1;
    passages[place] = passageOf[at] as number;
    counts[place] = countOf[at] as number;
  }
  return {
    fields: [...FIELDS],
    passageCount: n,
    terms: [...terms],
    offsets,
    passages,
    counts,
    fieldLengths,
    averageFieldLength: [1, 1, 1],
    keys,
    days,
    owners,
  };
}

/** The distinct values of two ascending runs, ascending. */
function mergeUnique(a: Int32Array, b: Int32Array): Int32Array {
  const merged = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let size = 0;
  while (i < a.length || j < b.length) {
    const next =
      j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number))
        ? (a[i++] as number)
        : (b[j++] as number);
    if (size === 0 || merged[size - 1] !== next) merged[size++] = next;
  }
  return merged.subarray(0, size);
}
