import type { Article, Paragraph } from '../corpus/types.js';
import { isoDay } from '../time/calendarDay.js';
import type { Citation } from './types.js';

/** Builds the citation `[number]` for one paragraph, carrying the article's metadata along. */
export function makeCitation(
  article: Article,
  paragraph: Paragraph,
  number: number,
  score: number,
): Citation {
  const citation: Citation = {
    number,
    articleId: article.id,
    title: article.title,
    passage: paragraph.number,
    quote: paragraph.text,
    score: Math.round(score * 1000) / 1000,
    start: paragraph.start,
    end: paragraph.end,
  };
  if (paragraph.heading) citation.heading = paragraph.heading;
  if (article.metadata.url) citation.url = article.metadata.url;
  if (article.metadata.published) citation.published = article.metadata.published;
  if (article.published) citation.date = isoDay(article.published.day);
  if (article.metadata.source) citation.source = article.metadata.source;
  return citation;
}
