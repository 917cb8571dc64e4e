import type { Article } from '../corpus/types.js';
import { PassageIndex } from './PassageIndex.js';

/** A term's occurrences in the headline, section heading and paragraph of one passage. */
export type FieldCounts = [title: number, heading: number, text: number];

/** What ranking needs of one passage, as the in-memory index counts it. */
export interface PassageFieldCounts {
  /** The paragraph's number in its article. */
  number: number;
  /** Each field's length: its distinct terms, as minisearch counts them. */
  lengths: FieldCounts;
  /** Every term of the passage's fields with its count in each. */
  terms: Map<string, FieldCounts>;
}

/**
 * An article's body passages as the search index sees them: their field lengths and each term's
 * count per field, analysed by the very code that builds the in-memory index, so a store that
 * keeps these (the database) ranks a passage exactly as the folder mode does.
 */
export function passageFieldCounts(article: Article): PassageFieldCounts[] {
  const { index, snapshot } = PassageIndex.build({
    articles: [article],
    skipped: [],
    warnings: [],
  });
  const { postings } = snapshot;
  const width = postings.fields.length;
  const passages: PassageFieldCounts[] = index.passages.map((passage) => ({
    number: passage.paragraph.number,
    lengths: [0, 1, 2].map(
      (field) => postings.fieldLengths[passage.id * width + field] as number,
    ) as FieldCounts,
    terms: new Map(),
  }));
  postings.terms.forEach((term, termId) => {
    for (let field = 0; field < width; field++) {
      const start = postings.offsets[termId * width + field] as number;
      const end = postings.offsets[termId * width + field + 1] as number;
      for (let at = start; at < end; at++) {
        const { terms } = passages[postings.passages[at] as number] as PassageFieldCounts;
        let counts = terms.get(term);
        if (!counts) {
          counts = [0, 0, 0];
          terms.set(term, counts);
        }
        counts[field] = postings.counts[at] as number;
      }
    }
  });
  return passages;
}
