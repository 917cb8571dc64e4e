import { type Dirent, readFileSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parsePublished } from '../time/parsePublished.js';
import { decodeText } from './decodeText.js';
import { parseFrontMatter } from './parseFrontMatter.js';
import { splitPassages } from './splitPassages.js';
import type { Article, Corpus, LoadWarning, SkippedFile } from './types.js';

/** Options for {@link loadCorpus}. */
export interface LoadCorpusOptions {
  /** Files larger than this are skipped, so one stray dump cannot exhaust memory. */
  maxFileBytes?: number;
  /** How many files are read at once. */
  concurrency?: number;
  /** Reads one file's bytes; replaceable so a failing disk can be simulated. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

const DEFAULTS: Required<LoadCorpusOptions> = {
  maxFileBytes: 5 * 1024 * 1024,
  concurrency: 32,
  // Article files are small: a synchronous read takes a few microseconds, where a promise
  // through the thread pool cost about 50 (over a second for 22,000 files).
  readFile: async (file) => readFileSync(file),
};

/** Longest stretch of loading between two turns of the event loop. */
const TURN_MS = 10;

/**
 * Reads may complete at once (the default reader is synchronous), and then the readers would
 * run one after another in microtasks, holding the event loop for the whole load. The function
 * this gives makes every reader wait for one shared turn of the event loop each time
 * {@link TURN_MS} has passed, so a bot re-reading a large folder still answers meanwhile.
 */
function eventLoopTurns(): () => Promise<void> {
  let turn: Promise<void> | undefined;
  let lastTurn = performance.now();
  return async () => {
    if (!turn && performance.now() - lastTurn > TURN_MS) {
      turn = new Promise((resolve) =>
        setImmediate(() => {
          turn = undefined;
          lastTurn = performance.now();
          resolve();
        }),
      );
    }
    if (turn) await turn;
  };
}

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);

/** What reading one file gave. */
type FileOutcome =
  | { kind: 'article'; article: Article; warning?: LoadWarning }
  | { kind: 'skipped'; skipped: SkippedFile };

/**
 * Loads every `.txt` and `.md` file under `dir` (recursively, hidden entries excluded) into a
 * corpus sorted by article id. A file that cannot be used is listed in `skipped` with a reason
 * and never stops the others from loading. Links are followed only to files inside `dir`.
 * Rejects only when `dir` itself cannot be read.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const settings = { ...DEFAULTS, ...options };
  const root = await realpath(dir);
  const { files, skipped } = await listArticleFiles(root);

  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  const pause = eventLoopTurns();
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      await pause();
      outcomes[index] = await readArticle(root, files[index] as string, settings);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, files.length) }, worker));

  const articles: Article[] = [];
  const warnings: LoadWarning[] = [];
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') {
      skipped.push(outcome.skipped);
    } else if (seen.has(outcome.article.id)) {
      skipped.push({
        path: outcome.article.path,
        reason: `another file already has the article id "${outcome.article.id}"`,
      });
    } else {
      seen.add(outcome.article.id);
      articles.push(outcome.article);
      if (outcome.warning) warnings.push(outcome.warning);
    }
  }
  articles.sort((a, b) => compareIds(a.id, b.id));
  skipped.sort((a, b) => compareIds(a.path, b.path));
  return { articles, skipped, warnings };
}

/** Relative, `/`-separated paths of candidate files under the real path `root`, plus the links not followed. */
export async function listArticleFiles(
  root: string,
): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw error;
      skipped.push({ path: relative, reason: 'the folder could not be read' });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(child);
      } else if (ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        if (entry.isSymbolicLink() && !(await linksToFileInside(root, child))) {
          skipped.push({
            path: child,
            reason: 'it is a link to something outside the articles folder',
          });
        } else if (entry.isFile() || entry.isSymbolicLink()) {
          files.push(child);
        }
      }
    }
  };
  await walk('');
  return { files, skipped };
}

async function linksToFileInside(root: string, relative: string): Promise<boolean> {
  try {
    const target = await realpath(path.join(root, relative));
    return target.startsWith(root + path.sep) && (await stat(target)).isFile();
  } catch {
    return false;
  }
}

async function readArticle(
  root: string,
  relative: string,
  settings: Required<LoadCorpusOptions>,
): Promise<FileOutcome> {
  const maxBytes = settings.maxFileBytes;
  const skip = (reason: string): FileOutcome => ({
    kind: 'skipped',
    skipped: { path: relative, reason },
  });
  let bytes: Uint8Array;
  try {
    const info = statSync(path.join(root, relative));
    if (info.size > maxBytes) {
      return skip(
        `it is larger than the ${formatBytes(maxBytes)} limit (${formatBytes(info.size)})`,
      );
    }
    bytes = await settings.readFile(path.join(root, relative));
  } catch {
    return skip('the file could not be read');
  }
  if (bytes.length > maxBytes) return skip(`it is larger than the ${formatBytes(maxBytes)} limit`);

  const decoded = decodeText(bytes);
  if (!decoded.ok) return skip(decoded.reason);

  const id = relative.slice(0, relative.length - path.extname(relative).length);
  const front = parseFrontMatter(decoded.text);
  const split = splitPassages(front.body, { headlineFromFirstLine: front.title === undefined });
  if (split.paragraphs.length === 0 && !split.headline && !front.title) {
    return skip('the file has no text');
  }
  const article: Article = {
    id,
    path: relative,
    title: front.title ?? split.headline ?? titleFromId(id),
    metadata: front.metadata,
    text: front.body,
    paragraphs: split.paragraphs,
  };
  const published = front.metadata.published && parsePublished(front.metadata.published);
  if (published) article.published = published;

  const notes: string[] = [];
  if (decoded.encoding === 'windows-1252') notes.push('it is not UTF-8; read it as Windows-1252');
  if (front.problem) notes.push(front.problem);
  if (front.metadata.published && !published) {
    notes.push(
      `its published date "${front.metadata.published.slice(0, 40)}" is not a date like 2005-02-12 and was ignored`,
    );
  }
  return notes.length > 0
    ? { kind: 'article', article, warning: { path: relative, message: notes.join('; ') } }
    : { kind: 'article', article };
}

function titleFromId(id: string): string {
  const name = id.split('/').pop() ?? id;
  return name.replace(/[-_]+/g, ' ').trim() || id;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Made at first use: ICU's collation data costs a start that reads a saved index ~10 ms. */
let collator: Intl.Collator | undefined;
/** The order articles are listed in: by id, numbers by value ("2" before "10"). */
export function compareIds(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}

/**
 * Reads one article file of a folder (`relative`, `/`-separated) exactly as {@link loadCorpus}
 * reads it, for a writer that knows which file it just wrote; the reason when it cannot be used.
 */
export async function loadArticle(
  dir: string,
  relative: string,
  options: LoadCorpusOptions = {},
): Promise<{ ok: true; article: Article } | { ok: false; reason: string }> {
  const outcome = await readArticle(await realpath(dir), relative, { ...DEFAULTS, ...options });
  return outcome.kind === 'article'
    ? { ok: true, article: outcome.article }
    : { ok: false, reason: outcome.skipped.reason };
}
