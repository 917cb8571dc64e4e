import { splitPassages } from '../../corpus/splitPassages.js';
import type { Article, ArticleMetadata } from '../../corpus/types.js';
import { analyzeText } from '../../search/analyzeText.js';
import { parsePublished } from '../../time/parsePublished.js';
import { paragraphsFromLayout } from './articleLayout.js';

/** The columns an article is rebuilt from. */
export interface ArticleRow {
  id: string;
  path: string;
  title: string;
  text: string;
  metadata: ArticleMetadata;
  headline_in_text: boolean;
  /** See {@link paragraphsFromLayout}; null when the text must be split again. */
  layout: string | null;
}

/** The columns of {@link ArticleRow}, for a SELECT. */
export const ARTICLE_COLUMNS = 'id, path, title, text, metadata, headline_in_text, layout';

/**
 * Whether an article's headline is the first line of its text (its file had no front-matter
 * title): then the folder mode leaves that line out of the paragraphs, and so must a rebuild.
 */
export function headlineInText(article: Article): boolean {
  const split = splitPassages(article.text, { headlineFromFirstLine: true });
  return (
    split.headline === article.title &&
    JSON.stringify(split.paragraphs) === JSON.stringify(article.paragraphs)
  );
}

/**
 * The distinct terms of an article's headline and id, as findArticle's ranking compares them
 * with the words a reader typed.
 */
export function headlineTerms(article: Article): string[] {
  return [...new Set(analyzeText(`${article.title} ${article.id}`))];
}

/** An article as the folder mode would have read its file, from its row. */
export function articleFromRow(row: ArticleRow): Article {
  const paragraphs =
    (row.layout && paragraphsFromLayout(row.text, row.layout)) ||
    splitPassages(row.text, { headlineFromFirstLine: row.headline_in_text }).paragraphs;
  const article: Article = {
    id: row.id,
    path: row.path,
    title: row.title,
    metadata: row.metadata,
    text: row.text,
    paragraphs,
  };
  const published = row.metadata.published && parsePublished(row.metadata.published);
  if (published) article.published = published;
  return article;
}
