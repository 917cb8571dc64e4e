import type { PublishedDate } from '../time/parsePublished.js';

/**
 * The corpus model: what the loader builds from the articles folder and what every later stage
 * (index, answers, renderers) reads. Offsets are character offsets into `Article.text`, so a
 * citation can always point at the exact place it quotes.
 */

/** Optional facts about an article, taken from its front matter. */
export interface ArticleMetadata {
  url?: string;
  source?: string;
  /** As written in the front matter; {@link Article.published} is the date read from it. */
  published?: string;
  author?: string;
}

/** One sentence, located by its offsets in the article text. */
export interface Sentence {
  /** Offset of the first character in `Article.text`. */
  start: number;
  /** Offset one past the last character in `Article.text`. */
  end: number;
  text: string;
}

/**
 * A block of text separated from its neighbours by blank lines. Headings (a single line without
 * final punctuation) are kept so answers can show their section, but are never quoted as answers.
 */
export interface Paragraph {
  /** 1-based position among the article's paragraphs, headings included, headline excluded. */
  number: number;
  kind: 'body' | 'heading';
  start: number;
  end: number;
  text: string;
  /** The nearest heading above this paragraph, if any. */
  heading?: string;
  sentences: Sentence[];
}

/** One article file, parsed. */
export interface Article {
  /** Path relative to the articles folder, without extension, `/`-separated: `politics/001`. */
  id: string;
  /** Path relative to the articles folder, with extension. */
  path: string;
  title: string;
  metadata: ArticleMetadata;
  /** When it was published, when its front matter gives a valid `published` date. */
  published?: PublishedDate;
  /** The article as read (front matter removed, line endings normalised to `\n`). */
  text: string;
  paragraphs: Paragraph[];
}

/** A file the loader could not use, with a reason written for a person. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** A file the loader used but had to repair (wrong encoding, bad front matter). */
export interface LoadWarning {
  path: string;
  message: string;
}

/** Everything loaded from one articles folder. */
export interface Corpus {
  articles: Article[];
  skipped: SkippedFile[];
  warnings: LoadWarning[];
}
