import path from 'node:path';
import { looksBinary } from '../corpus/decodeText.js';
import { decodeMarkup } from './decodeMarkup.js';
import { type ExtractedArticle, extractArticle } from './extractArticle.js';
import { type FetchOptions, fetchResource } from './fetchResource.js';
import { type WrittenArticle, writeArticleFile } from './writeArticleFile.js';

/** Settings for fetching pages, shared by `add`, `/add` and the feed poller. */
export type PageFetchSettings = Omit<FetchOptions, 'kind' | 'etag' | 'lastModified'>;

/** A page turned into an article, or why it could not be. */
export type PageResult =
  | { ok: true; article: ExtractedArticle }
  | { ok: false; reason: string; status?: number; retryAfterMs?: number };

/** An added page: the article file written, with its headline and dates. */
export type AddPageResult =
  | ({ ok: true; title: string; url: string; published?: string } & WrittenArticle)
  | { ok: false; reason: string };

/** Fetches a web page and extracts its article, without writing anything. */
export async function fetchArticle(url: string, settings: PageFetchSettings): Promise<PageResult> {
  const fetched = await fetchResource(url, { ...settings, kind: 'page' });
  if (!fetched.ok) return fetched;
  if (fetched.notModified) return { ok: false, reason: 'the site sent no page' };
  const { text } = decodeMarkup(fetched.body, fetched.charset);
  if (looksBinary(text)) return { ok: false, reason: 'it is a binary file, not a web page' };
  return extractArticle(text, fetched.url);
}

/**
 * `add --url` and `/add`: fetches one page, extracts its article and writes it into the
 * articles folder, where the live index picks it up like any other file.
 */
export async function addPage(
  url: string,
  seedsDir: string,
  settings: PageFetchSettings,
  articlesRoot: string = seedsDir,
): Promise<AddPageResult> {
  const page = await fetchArticle(url, settings);
  if (!page.ok) return { ok: false, reason: page.reason };
  return writeArticle(seedsDir, page.article, articlesRoot);
}

/**
 * Writes an extracted article into `seedsDir` and describes what happened, as `add` prints it.
 * When `seedsDir` is a folder inside the articles folder `articlesRoot` (a server's own
 * collection), the id and path are given from `articlesRoot`, as the loader reads them.
 */
export async function writeArticle(
  seedsDir: string,
  article: ExtractedArticle,
  articlesRoot: string = seedsDir,
): Promise<AddPageResult> {
  try {
    const written = await writeArticleFile(seedsDir, article);
    const inside = path.relative(articlesRoot, seedsDir).split(path.sep).join('/');
    const under = (relative: string) => (inside ? `${inside}/${relative}` : relative);
    return {
      ok: true,
      title: article.title,
      url: article.url,
      ...(article.published ? { published: article.published } : {}),
      ...written,
      articleId: under(written.articleId),
      path: under(written.path),
    };
  } catch {
    return { ok: false, reason: `the article could not be written to ${seedsDir}` };
  }
}
