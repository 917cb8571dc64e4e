import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseFrontMatter } from '../corpus/parseFrontMatter.js';
import type { ExtractedArticle } from './extractArticle.js';

/** Where an article landed, and whether the file is new, rewritten or left as it was. */
export interface WrittenArticle {
  /** The id the corpus loader gives the file: its path without extension. */
  articleId: string;
  /** Path of the file inside the articles folder, `/`-separated. */
  path: string;
  status: 'added' | 'updated' | 'unchanged';
}

/** The folder, inside the articles folder, that fetched articles are written to. */
export const WEB_FOLDER = 'web';

/**
 * Writes an extracted article as a front-matter `.md` file at `web/<site>/<date>-<slug>-<hash>.md`,
 * one file per canonical URL: the hash is the URL's, so the file for a URL is found from the
 * folder's names alone, however many articles the site has. An article fetched again keeps its
 * file (and so its id and its citations) and is rewritten only when its text changed. The file is written to a hidden
 * temporary name and renamed, so the live index never reads half an article.
 */
export async function writeArticleFile(
  seedsDir: string,
  article: ExtractedArticle,
  now: Date = new Date(),
): Promise<WrittenArticle> {
  const site = siteFolder(article.url);
  const folder = path.join(seedsDir, WEB_FOLDER, site);
  await mkdir(folder, { recursive: true });
  const content = formatArticleFile(article);
  const existing = await findFileForUrl(folder, article.url);
  let name: string;
  let status: WrittenArticle['status'];
  if (existing) {
    name = existing.name;
    status = existing.content === content ? 'unchanged' : 'updated';
  } else {
    name = fileName(article, now);
    status = 'added';
  }
  if (status !== 'unchanged') await writeAtomically(path.join(folder, name), content);
  const relative = [WEB_FOLDER, site, name].join('/');
  return { articleId: relative.slice(0, -'.md'.length), path: relative, status };
}

/** The article file's text: YAML front matter, then one block per paragraph or heading. */
export function formatArticleFile(article: ExtractedArticle): string {
  const front: Record<string, string> = { title: article.title, url: article.url };
  front.source = article.siteName ?? new URL(article.url).hostname.replace(/^www\./, '');
  if (article.published) front.published = article.published;
  if (article.author) front.author = article.author;
  if (article.lang) front.language = article.lang;
  const body = article.blocks.map((block) => block.text).join('\n\n');
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${body}\n`;
}

function siteFolder(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  return host.replace(/[^a-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '') || 'site';
}

function fileName(article: ExtractedArticle, now: Date): string {
  const date = (article.published ?? now.toISOString()).slice(0, 10);
  return `${date}-${slugOf(article)}-${urlHash(article.url)}.md`;
}

/** Six hex digits of the URL's SHA-256: enough to tell one site's articles apart. */
function urlHash(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 6);
}

function slugOf(article: ExtractedArticle): string {
  const fromText = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
  const fromTitle = fromText(article.title);
  if (fromTitle.length >= 3) return fromTitle;
  const lastSegment = new URL(article.url).pathname.split('/').filter(Boolean).pop() ?? '';
  const fromPath = fromText(decodeURIComponentSafe(lastSegment).replace(/\.[a-z]+$/i, ''));
  return fromPath.length >= 3 ? fromPath : 'article';
}

/** The file in `folder` for `url`: its name carries the URL's hash, its front matter the URL. */
async function findFileForUrl(
  folder: string,
  url: string,
): Promise<{ name: string; content: string } | undefined> {
  const suffix = `-${urlHash(url)}.md`;
  for (const name of await readdir(folder)) {
    if (!name.endsWith(suffix) || name.startsWith('.')) continue;
    try {
      const content = await readFile(path.join(folder, name), 'utf8');
      if (parseFrontMatter(content).metadata.url === url) return { name, content };
    } catch {
      // Deleted between the listing and the read: then it is not there.
    }
  }
  return undefined;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`,
  );
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
