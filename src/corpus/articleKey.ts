import { createHash } from 'node:crypto';
import type { Article } from './types.js';

/**
 * A short, stable key for an article, for places with tight length limits (button ids and
 * autocomplete values are capped at 100 characters; article ids are not).
 */
export function articleKey(articleId: string): string {
  return createHash('sha256').update(articleId).digest('base64url').slice(0, 12);
}

/** The article with this key, looked up among the loaded articles only. */
export function findArticleByKey(articles: readonly Article[], key: string): Article | undefined {
  return articles.find((article) => articleKey(article.id) === key);
}
