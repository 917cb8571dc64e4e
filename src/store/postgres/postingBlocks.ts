import type pg from 'pg';
import type { FieldCounts } from '../../search/passageFieldCounts.js';

/**
 * One term's posting in one stored passage: what ranking that passage for the term needs, and
 * what the scoping of a question reads, so a question scores its candidates without reading a
 * passage row (see migration 008 for the bytes).
 */
export interface Posting {
  /** The passage's key (`passages.key`). */
  key: number;
  /** Its article's publication day, {@link UNDATED} when it has none. */
  day: number;
  /** Its article's collection (`collections.code`), 0 for the shared one. */
  owner: number;
  /** The passage's field lengths: headline, heading, paragraph. */
  lengths: FieldCounts;
  /** The term's count in each of those fields. */
  counts: FieldCounts;
}

/** The day of an undated article. */
export const UNDATED = -(2 ** 31);
/** Bytes of one posting. */
export const POSTING_BYTES = 20;
/**
 * Postings in a block at most: a common term's list is many blocks, each read as one value.
 * New postings join their term's last block while that holds fewer than {@link MERGE_BELOW}
 * and no more than {@link MERGE_FACTOR} times as many as are added: adding articles rewrites
 * only small blocks, at most a few times what is added, and a rare term's postings stay in
 * few blocks.
 */
const BLOCK_POSTINGS = 4096;
const MERGE_BELOW = 512;
const MERGE_FACTOR = 4;

/** Packs postings, in key order, into a block's bytes. */
export function packPostings(postings: readonly Posting[]): Buffer {
  const bytes = Buffer.alloc(postings.length * POSTING_BYTES);
  let at = 0;
  for (const { key, day, owner, lengths, counts } of postings) {
    bytes.writeInt32BE(key, at);
    bytes.writeInt32BE(day, at + 4);
    bytes.writeInt32BE(owner, at + 8);
    bytes.writeUInt16BE(Math.min(lengths[2], 32767), at + 12);
    bytes.writeUInt16BE(Math.min(counts[2], 32767), at + 14);
    bytes.writeUInt8(Math.min(lengths[0], 255), at + 16);
    bytes.writeUInt8(Math.min(lengths[1], 255), at + 17);
    bytes.writeUInt8(Math.min(counts[0], 255), at + 18);
    bytes.writeUInt8(Math.min(counts[1], 255), at + 19);
    at += POSTING_BYTES;
  }
  return bytes;
}

/** The postings of a block's bytes. */
export function unpackPostings(bytes: Buffer): Posting[] {
  const postings: Posting[] = [];
  for (let at = 0; at + POSTING_BYTES <= bytes.length; at += POSTING_BYTES)
    postings.push({
      key: bytes.readInt32BE(at),
      day: bytes.readInt32BE(at + 4),
      owner: bytes.readInt32BE(at + 8),
      lengths: [bytes.readUInt8(at + 16), bytes.readUInt8(at + 17), bytes.readUInt16BE(at + 12)],
      counts: [bytes.readUInt8(at + 18), bytes.readUInt8(at + 19), bytes.readUInt16BE(at + 14)],
    });
  return postings;
}

/** A stored block, as the writers read it back. */
interface BlockRow {
  term: string;
  first_key: number;
  postings: number;
  data: Buffer;
}

/**
 * Adds new passages' postings to their terms' blocks, in the caller's transaction (which holds
 * the import lock, so no other writer changes the same blocks). `byTerm` lists each term's
 * postings; their keys are newer than any stored, so they go after the stored ones.
 */
export async function addPostings(
  client: pg.PoolClient,
  byTerm: ReadonlyMap<string, Posting[]>,
): Promise<void> {
  if (byTerm.size === 0) return;
  const terms = [...byTerm.keys()];
  // Each term's last block, read only when it is small next to what is added: rewriting it
  // costs at most a few times the new postings, however many batches come.
  const { rows: last } = await client.query<BlockRow>(
    `SELECT b.term, b.first_key, b.postings, b.data
     FROM unnest($1::text[], $2::int[]) AS t(term, added) CROSS JOIN LATERAL (
       SELECT term, first_key, postings, data FROM posting_blocks
       WHERE term = t.term ORDER BY first_key DESC LIMIT 1
     ) b
     WHERE b.postings < $3 AND b.postings <= t.added * $4`,
    [terms, terms.map((term) => byTerm.get(term)?.length ?? 0), MERGE_BELOW, MERGE_FACTOR],
  );
  const open = new Map(last.map((row) => [row.term, row]));
  const blocks: { term: string; postings: Posting[]; replaces?: number }[] = [];
  for (const [term, added] of byTerm) {
    const sorted = [...added].sort((a, b) => a.key - b.key);
    const stored = open.get(term);
    // The open block must be the term's last: a key newer than its postings joins it.
    const joined = stored ? [...unpackPostings(stored.data), ...sorted] : sorted;
    for (let start = 0; start < joined.length; start += BLOCK_POSTINGS) {
      const block: { term: string; postings: Posting[]; replaces?: number } = {
        term,
        postings: joined.slice(start, start + BLOCK_POSTINGS),
      };
      if (start === 0 && stored) block.replaces = stored.first_key;
      blocks.push(block);
    }
  }
  await writeBlocks(client, blocks);
}

/**
 * Takes the stored passages of these articles out of their terms' blocks, in the caller's
 * transaction, before the passages themselves are deleted. A block left empty is deleted.
 */
export async function removePostings(
  client: pg.PoolClient,
  articleIds: readonly string[],
): Promise<void> {
  if (articleIds.length === 0) return;
  // Each removed posting's block is its term's last one starting at or before its key.
  const { rows } = await client.query<BlockRow & { removed: number[] }>(
    `WITH removed AS (
       SELECT u.lexeme AS term, p.key FROM passages p CROSS JOIN LATERAL unnest(p.terms) u
       WHERE p.article_id = ANY ($1::text[])
     ), hit AS (
       SELECT b.term, b.first_key, array_agg(r.key) AS removed
       FROM removed r CROSS JOIN LATERAL (
         SELECT term, first_key, last_key FROM posting_blocks
         WHERE term = r.term AND first_key <= r.key ORDER BY first_key DESC LIMIT 1
       ) b
       WHERE b.last_key >= r.key GROUP BY b.term, b.first_key
     )
     SELECT b.term, b.first_key, b.postings, b.data, hit.removed
     FROM hit JOIN posting_blocks b USING (term, first_key)`,
    [articleIds],
  );
  const blocks = rows.map((row) => {
    const removed = new Set(row.removed);
    const kept = unpackPostings(row.data).filter((posting) => !removed.has(posting.key));
    return { term: row.term, postings: kept, replaces: row.first_key };
  });
  await writeBlocks(client, blocks);
}

/** Writes blocks, each replacing the stored block of its term that began at `replaces`. */
async function writeBlocks(
  client: pg.PoolClient,
  blocks: readonly { term: string; postings: Posting[]; replaces?: number }[],
): Promise<void> {
  const replaced = blocks.filter((block) => block.replaces !== undefined);
  if (replaced.length > 0)
    await client.query(
      `DELETE FROM posting_blocks b USING unnest($1::text[], $2::int[]) AS r(term, first_key)
       WHERE b.term = r.term AND b.first_key = r.first_key`,
      [replaced.map((block) => block.term), replaced.map((block) => block.replaces)],
    );
  const written = blocks.filter((block) => block.postings.length > 0);
  if (written.length === 0) return;
  await client.query(
    `INSERT INTO posting_blocks (term, first_key, last_key, postings, data)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::bytea[])`,
    [
      written.map((block) => block.term),
      written.map((block) => (block.postings[0] as Posting).key),
      written.map((block) => (block.postings[block.postings.length - 1] as Posting).key),
      written.map((block) => block.postings.length),
      written.map((block) => packPostings(block.postings)),
    ],
  );
}

/**
 * The numbers of these servers' collections, given the first time a server's article is stored,
 * in the caller's transaction.
 */
export async function collectionCodes(
  client: pg.PoolClient,
  names: readonly string[],
): Promise<Map<string, number>> {
  const distinct = [...new Set(names)];
  if (distinct.length === 0) return new Map();
  await client.query(
    'INSERT INTO collections (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING',
    [distinct],
  );
  const { rows } = await client.query<{ code: number; name: string }>(
    'SELECT code, name FROM collections WHERE name = ANY ($1::text[])',
    [distinct],
  );
  return new Map(rows.map((row) => [row.name, row.code]));
}

/**
 * Merges runs of small blocks into blocks of about {@link BLOCK_POSTINGS}, in the caller's
 * transaction (holding the import lock): articles added a few at a time leave a term's postings
 * in many small blocks, and a question reads a block per row. Only terms with at least
 * `minSmallBlocks` small blocks are merged, of `terms` when given. Gives how many blocks went.
 */
export async function compactPostings(
  client: pg.PoolClient,
  options: { terms?: readonly string[]; minSmallBlocks: number },
): Promise<number> {
  await client.query(
    `CREATE TEMP TABLE merged_blocks (term text, first_key integer, last_key integer,
       postings integer, parts integer[], data bytea) ON COMMIT DROP`,
  );
  // A block's bin is how many whole blocks' worth of postings come before it in its term.
  const merged = await client.query(
    `INSERT INTO merged_blocks
     WITH chosen AS (
       SELECT term FROM posting_blocks
       WHERE postings < $1 AND ($3::text[] IS NULL OR term = ANY ($3::text[]))
       GROUP BY term HAVING count(*) >= $2
     ), numbered AS (
       SELECT b.term, b.first_key, b.last_key, b.postings, b.data,
         (sum(b.postings) OVER (PARTITION BY b.term ORDER BY b.first_key) - b.postings) / $4 AS bin
       FROM posting_blocks b JOIN chosen USING (term)
     )
     SELECT term, min(first_key), max(last_key), sum(postings)::int, array_agg(first_key),
       string_agg(data, ''::bytea ORDER BY first_key)
     FROM numbered GROUP BY term, bin HAVING count(*) > 1`,
    [MERGE_BELOW, options.minSmallBlocks, options.terms ?? null, BLOCK_POSTINGS],
  );
  if (!merged.rowCount) return 0;
  const removed = await client.query(
    `DELETE FROM posting_blocks b USING (SELECT term, unnest(parts) AS first_key FROM merged_blocks) m
     WHERE b.term = m.term AND b.first_key = m.first_key`,
  );
  await client.query(
    `INSERT INTO posting_blocks (term, first_key, last_key, postings, data)
     SELECT term, first_key, last_key, postings, data FROM merged_blocks`,
  );
  return (removed.rowCount ?? 0) - merged.rowCount;
}
