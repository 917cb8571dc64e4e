import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from './extractArticle.js';
import { htmlToBlocks } from './htmlToBlocks.js';
import type { FeedItem } from './readFeed.js';

/** Fewest characters of text for an item's own content to stand in for its page. */
const MIN_CONTENT_CHARS = 140;

/**
 * The article an item carries in the feed itself (its full content, else a long enough
 * description), for when its page cannot be fetched or is not an article. Undefined when the
 * item carries too little text to be worth an article.
 */
export function articleFromFeedItem(item: FeedItem, feedUrl: string): ExtractedArticle | undefined {
  for (const html of [item.contentHtml, item.summaryHtml]) {
    if (!html) continue;
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const blocks = htmlToBlocks(document.body as unknown as Parameters<typeof htmlToBlocks>[0]);
    const chars = blocks.reduce((sum, block) => sum + block.text.length, 0);
    if (chars < MIN_CONTENT_CHARS) continue;
    const url = item.link ?? new URL(`#${encodeURIComponent(item.key)}`, feedUrl).href;
    const article: ExtractedArticle = {
      title: item.title ?? blocks[0]?.text.slice(0, 120) ?? url,
      blocks,
      url,
      siteName: new URL(url).hostname.replace(/^www\./, ''),
    };
    const published = item.published && Date.parse(item.published);
    if (published) article.published = new Date(published).toISOString();
    if (item.author) article.author = item.author;
    return article;
  }
  return undefined;
}
