import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { ArticleMetadata } from './types.js';

/** The front matter keys that travel into citations and `/source`. */
const METADATA_KEYS = ['url', 'source', 'published', 'author'] as const;

/** An article's text split into its optional front matter and its body. */
export interface FrontMatter {
  title?: string;
  metadata: ArticleMetadata;
  /** The text after the front matter block (the whole text when there is none). */
  body: string;
  /** Set when a front matter block was present but could not be read. */
  problem?: string;
}

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Reads an optional YAML front matter block (`---` … `---`) at the top of an article. A block
 * that is not valid YAML is dropped with a `problem` note, so a typo in metadata never costs
 * the article itself.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) return { metadata: {}, body: text };
  const body = text.slice(match[0].length);

  let data: unknown;
  try {
    data = loadYaml().parse(match[1] ?? '');
  } catch {
    return { metadata: {}, body, problem: 'its front matter is not valid YAML and was ignored' };
  }
  if (data === null || data === undefined) return { metadata: {}, body };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      metadata: {},
      body,
      problem: 'its front matter is not a list of keys and was ignored',
    };
  }

  const fields = data as Record<string, unknown>;
  const metadata: ArticleMetadata = {};
  for (const key of METADATA_KEYS) {
    const value = asText(fields[key]);
    if (value) metadata[key] = value;
  }
  const title = asText(fields.title);
  return title ? { title, metadata, body } : { metadata, body };
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

/** The YAML parser, loaded only when a file has front matter (it is 70 modules). */
function loadYaml(): typeof Yaml {
  return createRequire(import.meta.url)('yaml') as typeof Yaml;
}
