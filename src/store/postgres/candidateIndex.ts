import type pg from 'pg';
import { compareIds } from '../../corpus/loadCorpus.js';
import type { Article, Corpus, Paragraph } from '../../corpus/types.js';
import { type ArchiveStats, PassageIndex } from '../../search/PassageIndex.js';
import type { PostingArrays } from '../../search/Postings.js';
import { SentenceTermsBuilder } from '../../search/SentenceTerms.js';
import { parsePublished } from '../../time/parsePublished.js';
import { quoteLexeme } from './archiveStatistics.js';

/** One term of one stored passage, as the candidate query returns it. */
interface CandidateRow {
  article_id: string;
  number: number;
  title_length: number;
  heading_length: number;
  text_length: number;
  published: string | null;
  term: string;
  title: number;
  heading: number;
  text: number;
}

const FIELDS = ['title', 'heading', 'text'];

/**
 * Every stored passage holding any of `terms` in any field, as an index of those passages
 * alone: their field lengths and term counts from the database, the archive's rarity and
 * mean lengths from `stats`. A search of it for those terms ranks, filters and boosts exactly
 * as the in-memory index of every article would, but it has no text: it finds which passages
 * to read, not what they say. The passages' articles are stand-ins with an id and a date.
 *
 * GIN finds the passages in no order, so the caller keeps `terms` to the rare ones (the
 * answer's own `selectiveWords`); that bounds what this reads.
 */
export async function candidateIndex(
  pool: pg.Pool,
  terms: readonly string[],
  stats: ArchiveStats,
): Promise<PassageIndex> {
  const rows =
    terms.length === 0
      ? []
      : (
          await pool.query<CandidateRow>(
            `SELECT p.article_id, p.number, p.title_length, p.heading_length, p.text_length,
               a.metadata->>'published' AS published, u.lexeme AS term,
               coalesce(cardinality(array_positions(u.weights, 'A')), 0) AS title,
               coalesce(cardinality(array_positions(u.weights, 'B')), 0) AS heading,
               coalesce(cardinality(array_positions(u.weights, 'D')), 0) AS text
             FROM passages p JOIN articles a ON a.id = p.article_id
               CROSS JOIN LATERAL unnest(p.terms) u
             WHERE p.terms @@ $1::tsquery AND u.lexeme = ANY ($2::text[])`,
            [anyOf(terms), terms],
          )
        ).rows;
  return indexOfRows(rows, terms, stats);
}

/** A tsquery matching any of the terms. */
function anyOf(terms: readonly string[]): string {
  return terms.map(quoteLexeme).join(' | ');
}

function indexOfRows(
  rows: readonly CandidateRow[],
  terms: readonly string[],
  stats: ArchiveStats,
): PassageIndex {
  // The passages in the in-memory index's order (articles by id, paragraphs by number), so
  // equal scores keep the order they would have there.
  const byArticle = new Map<string, Map<number, CandidateRow[]>>();
  for (const row of rows) {
    let passages = byArticle.get(row.article_id);
    if (!passages) {
      passages = new Map();
      byArticle.set(row.article_id, passages);
    }
    const list = passages.get(row.number);
    if (list) list.push(row);
    else passages.set(row.number, [row]);
  }
  const articles: Article[] = [];
  const passageRows: CandidateRow[][] = [];
  for (const id of [...byArticle.keys()].sort(compareIds)) {
    const passages = byArticle.get(id) as Map<number, CandidateRow[]>;
    const numbers = [...passages.keys()].sort((a, b) => a - b);
    const first = (passages.get(numbers[0] as number) as CandidateRow[])[0] as CandidateRow;
    articles.push(standIn(id, first.published, numbers));
    for (const number of numbers) passageRows.push(passages.get(number) as CandidateRow[]);
  }

  const width = FIELDS.length;
  const termIds = new Map(terms.map((term, id) => [term, id]));
  const lists: { passage: number; count: number }[][] = Array.from(
    { length: terms.length * width },
    () => [],
  );
  const fieldLengths = new Uint32Array(passageRows.length * width);
  const sentences = new SentenceTermsBuilder();
  passageRows.forEach((termRows, passage) => {
    const [row] = termRows as [CandidateRow];
    fieldLengths.set([row.title_length, row.heading_length, row.text_length], passage * width);
    for (const { term, title, heading, text } of termRows) {
      const id = termIds.get(term);
      if (id === undefined) continue;
      [title, heading, text].forEach((count, field) => {
        if (count > 0) lists[id * width + field]?.push({ passage, count });
      });
    }
    sentences.add([]);
  });
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, at) => {
    offsets[at + 1] = (offsets[at] as number) + list.length;
  });
  const postings: PostingArrays = {
    fields: [...FIELDS],
    passageCount: passageRows.length,
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
    { postings, sentences: sentences.toArrays() },
  );
}

/** An article known only by its id, date and the numbers of its candidate passages. */
function standIn(id: string, published: string | null, numbers: readonly number[]): Article {
  const paragraphs: Paragraph[] = numbers.map((number) => ({
    number,
    kind: 'body',
    start: 0,
    end: 0,
    text: '',
    sentences: [],
  }));
  const article: Article = { id, path: '', title: '', metadata: {}, text: '', paragraphs };
  const date = published ? parsePublished(published) : undefined;
  if (date) article.published = date;
  return article;
}
