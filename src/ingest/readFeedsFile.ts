import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** The feeds an admin listed, and what in the file could not be used. */
export interface FeedList {
  feeds: string[];
  problems: string[];
}

/**
 * Reads `feeds.yml`: a list of feed URLs, either at the top level or under `feeds:`, each a
 * string or `{ url: … }`. A missing file means no feeds; a bad entry is reported and skipped,
 * so one typo never stops the other feeds.
 */
export async function readFeedsFile(file: string): Promise<FeedList> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { feeds: [], problems: [] };
    return { feeds: [], problems: [`${file} could not be read`] };
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return { feeds: [], problems: [`${file} is not valid YAML`] };
  }
  const list = Array.isArray(data) ? data : (data as { feeds?: unknown } | null)?.feeds;
  if (data == null || list == null) return { feeds: [], problems: [] };
  if (!Array.isArray(list))
    return { feeds: [], problems: [`${file}: "feeds" must be a list of URLs`] };
  const feeds: string[] = [];
  const problems: string[] = [];
  list.forEach((entry, position) => {
    const value = typeof entry === 'string' ? entry : (entry as { url?: unknown } | null)?.url;
    const url = typeof value === 'string' ? asHttpUrl(value.trim()) : undefined;
    if (!url) problems.push(`${file}: entry ${position + 1} is not an http(s) URL`);
    else if (!feeds.includes(url)) feeds.push(url);
  });
  return { feeds, problems };
}

function asHttpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
