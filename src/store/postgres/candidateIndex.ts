import type pg from 'pg';
import type { Viewer } from '../../corpus/collections.js';
import { compareIds } from '../../corpus/loadCorpus.js';
import type { Article, Corpus, Paragraph } from '../../corpus/types.js';
import {
  type ArchiveStats,
  archivePostings,
  PassageIndex,
  type PostingsSearchOptions,
} from '../../search/PassageIndex.js';
import type { PostingArrays } from '../../search/Postings.js';
import type { RankedHit } from '../../search/RankedSearch.js';
import { SentenceTermsBuilder } from '../../search/SentenceTerms.js';
import { UNDATED } from './postingBlocks.js';
import { type DecodedPostings, decodeBlocks, FIELDS, readBlocks, WIDTH } from './readPostings.js';

/** How the question that the candidates are for searches them, by passage. */
export interface CandidateSearch {
  /**
   * What is searched for: words, as the answer's search takes them (its `selectiveWords`), or
   * terms already analysed, as `PassageIndex.searchTerms` takes them.
   */
  query: { words: readonly string[] } | { terms: readonly string[] };
  /** How many passages the search keeps: the candidates are those that may be among its best. */
  limit: number;
  mayBeTypo?: (term: string) => boolean;
  /** The question's date scope, by publication day (see `ScopedQuestion.days`). */
  inScope?: ((day: number | undefined) => boolean) | undefined;
  dayBoost?: ((day: number | undefined) => number) | undefined;
  /** The collections the asker reads: the shared one (0) and these; all when not given. */
  readable?: ReadonlySet<number> | undefined;
  /** Articles to prefer, and by how much (see `AnswerOptions.preferArticles`). */
  prefer?: { articles: readonly string[]; factor: number } | undefined;
  /** An article whose passages are left out (the one whose related stories are sought). */
  exclude?: string | undefined;
}

/**
 * The collections a viewer reads besides the shared one, by their numbers in the postings;
 * undefined when it reads them all.
 */
export async function readableCollections(
  pool: pg.Pool,
  viewer: Viewer | undefined,
): Promise<Set<number> | undefined> {
  if (!viewer || 'all' in viewer) return undefined;
  if (viewer.guildId === null) return new Set();
  const { rows } = await pool.query<{ code: number }>(
    'SELECT code FROM collections WHERE name = $1',
    [viewer.guildId],
  );
  return new Set(rows.map((row) => row.code));
}

/**
 * The stored passages that may be among a question's best, as an index of those passages alone:
 * their field lengths and term counts, the archive's rarity and mean lengths from `stats`. A
 * search of it ranks, filters and boosts exactly as the in-memory index of every article would,
 * but it has no text: it finds which passages to read, not what they say. The passages'
 * articles are stand-ins with an id and a date.
 *
 * Every posting of `terms` (the question's rarest, which bounds what is read) comes in one read
 * of their packed blocks and is ranked in the process by the answer's own scoring. Only the
 * best, with every passage tied with the last of them, are named by a second read: the passages
 * the answer's search would rank first, whichever article id breaks a tie.
 */
export async function candidateIndex(
  pool: pg.Pool,
  terms: readonly string[],
  stats: ArchiveStats,
  search: CandidateSearch,
): Promise<PassageIndex> {
  const [blocks, preferred, excluded] = await Promise.all([
    readBlocks(pool, terms),
    keysOf(pool, search.prefer?.articles ?? []),
    keysOf(pool, search.exclude === undefined ? [] : [search.exclude]),
  ]);
  const postings = decodeBlocks(blocks, terms);
  const best = bestCandidates(postings, stats, search, preferred, excluded);
  if (best.length === 0) return standInIndex([], terms, stats);
  const { rows } = await pool.query<{ key: number; article_id: string; number: number }>({
    name: 'candidate-names',
    text: 'SELECT key, article_id, number FROM passages WHERE key = ANY ($1::int[])',
    values: [best.map((id) => postings.keys[id])],
  });
  const localOf = new Map(best.map((id) => [postings.keys[id] as number, id]));
  return standInIndex(
    rows.map((row) => ({ ...row, id: localOf.get(row.key) as number })),
    terms,
    stats,
    postings,
  );
}

/** The keys of these articles' passages. */
async function keysOf(pool: pg.Pool, articles: readonly string[]): Promise<Set<number>> {
  if (articles.length === 0) return new Set();
  const { rows } = await pool.query<{ key: number }>(
    'SELECT key FROM passages WHERE article_id = ANY ($1::text[])',
    [articles],
  );
  return new Set(rows.map((row) => row.key));
}

/**
 * The candidates the answer's search may rank among its best `limit`: its best by the same
 * scores, and every passage tied with the last of them, since which of them the answer keeps
 * depends on article ids, read only for these.
 */
function bestCandidates(
  postings: DecodedPostings,
  stats: ArchiveStats,
  search: CandidateSearch,
  preferred: ReadonlySet<number>,
  excluded: ReadonlySet<number>,
): number[] {
  if (postings.passageCount === 0 || search.limit <= 0) return [];
  const { keys, days, owners } = postings;
  const dayOf = (id: number) => {
    const day = days[id] as number;
    return day === UNDATED ? undefined : day;
  };
  const options: PostingsSearchOptions = search.mayBeTypo ? { mayBeTypo: search.mayBeTypo } : {};
  const { inScope, dayBoost, readable, prefer } = search;
  if (inScope || readable || excluded.size > 0)
    options.filter = (id) => {
      if (excluded.has(keys[id] as number)) return false;
      const owner = owners[id] as number;
      if (readable && owner !== 0 && !readable.has(owner)) return false;
      return inScope ? inScope(dayOf(id)) : true;
    };
  // As the answer's search multiplies them: the date's boost, then the preference.
  if (dayBoost || (prefer && prefer.factor !== 1 && preferred.size > 0))
    options.boost = (id) =>
      (dayBoost ? dayBoost(dayOf(id)) : 1) *
      (prefer && preferred.has(keys[id] as number) ? prefer.factor : 1);
  const ranking = archivePostings(postings, stats);
  const { query } = search;
  const rank = (limit: number) =>
    'words' in query
      ? ranking.search(query.words.join(' '), limit, options)
      : ranking.searchTerms(query.terms, limit, options);
  let hits: RankedHit[];
  for (let limit = search.limit * 4; ; limit *= 4) {
    hits = rank(limit);
    const last = hits[search.limit - 1];
    if (hits.length < limit || !last || (hits[limit - 1] as RankedHit).score < last.score) break;
  }
  const cut = hits[search.limit - 1]?.score ?? -Infinity;
  return hits.filter((hit) => hit.score >= cut).map((hit) => hit.id);
}

/** A passage of the candidates, named: its position in the postings, article, number and date. */
interface NamedPassage {
  id: number;
  article_id: string;
  number: number;
}

/**
 * The stand-in index a question is searched in: the named passages only, with their counts from
 * `postings` and the archive's statistics, so it ranks them as the whole archive would.
 */
function standInIndex(
  named: readonly NamedPassage[],
  terms: readonly string[],
  stats: ArchiveStats,
  postings?: DecodedPostings,
): PassageIndex {
  // The passages in the in-memory index's order (articles by id, paragraphs by number), so
  // equal scores keep the order they would have there.
  const sorted = [...named].sort(
    (a, b) => compareIds(a.article_id, b.article_id) || a.number - b.number,
  );
  const positionOf = new Int32Array(postings?.passageCount ?? 0).fill(-1);
  sorted.forEach((passage, position) => {
    positionOf[passage.id] = position;
  });
  const articles: Article[] = [];
  for (const passage of sorted) {
    const last = articles[articles.length - 1];
    if (last?.id === passage.article_id) last.paragraphs.push(paragraph(passage.number));
    else articles.push(standIn(passage.article_id, postings?.days[passage.id], passage.number));
  }
  const lists: { passage: number; count: number }[][] = Array.from(
    { length: terms.length * WIDTH },
    () => [],
  );
  if (postings)
    for (let list = 0; list < lists.length; list++)
      for (
        let at = postings.offsets[list] as number;
        at < (postings.offsets[list + 1] as number);
        at++
      ) {
        const position = positionOf[postings.passages[at] as number] as number;
        if (position >= 0)
          lists[list]?.push({ passage: position, count: postings.counts[at] as number });
      }
  for (const list of lists) list.sort((a, b) => a.passage - b.passage);
  const fieldLengths = new Uint32Array(sorted.length * WIDTH);
  const sentences = new SentenceTermsBuilder();
  sorted.forEach(({ id }, position) => {
    if (postings)
      fieldLengths.set(
        postings.fieldLengths.subarray(id * WIDTH, id * WIDTH + WIDTH),
        position * WIDTH,
      );
    sentences.add([]);
  });
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, at) => {
    offsets[at + 1] = (offsets[at] as number) + list.length;
  });
  const arrays: PostingArrays = {
    fields: [...FIELDS],
    passageCount: sorted.length,
    terms: [...terms],
    offsets,
    passages: Uint32Array.from(lists.flat(), (p) => p.passage),
    counts: Uint16Array.from(lists.flat(), (p) => p.count),
    fieldLengths,
    averageFieldLength: [...stats.averageFieldLength],
  };
  const corpus: Corpus = { articles, skipped: [], warnings: [] };
  return new PassageIndex(
    corpus,
    { archive: stats },
    { postings: arrays, sentences: sentences.toArrays() },
  );
}

function paragraph(number: number): Paragraph {
  return { number, kind: 'body', start: 0, end: 0, text: '', sentences: [] };
}

/**
 * An article known only by its id, publication day and the first of its candidate passages.
 * Its time is the day's start: candidates are ranked and scoped by day, never ordered by time.
 */
function standIn(id: string, day: number | undefined, number: number): Article {
  const article: Article = {
    id,
    path: '',
    title: '',
    metadata: {},
    text: '',
    paragraphs: [paragraph(number)],
  };
  if (day !== undefined && day !== UNDATED) article.published = { day, time: day * DAY_MS };
  return article;
}

const DAY_MS = 86_400_000;
