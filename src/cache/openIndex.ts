import { createHash } from 'node:crypto';
import { access, mkdir, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../corpus/loadCorpus.js';
import { PassageIndex, type PassageIndexSnapshot } from '../search/PassageIndex.js';
import { type ChunkedParts, readChunkedJson, writeChunkedJson } from './chunkedJson.js';
import { fingerprintFolder } from './fingerprintFolder.js';
import { type PackedCorpus, packCorpus, unpackCorpus } from './packCorpus.js';

/**
 * Bump whenever the corpus model, the text analysis or the index layout changes: an index
 * saved by another version is then rebuilt instead of being trusted.
 */
export const INDEX_FORMAT_VERSION = 9;

/** Options for {@link openIndex}. */
export interface OpenIndexOptions {
  /** Where saved indexes live; none are read or written without it. */
  cacheDir?: string;
  maxFileBytes?: number;
  /** Told why a saved index was not used (stale, corrupt, foreign) and if saving failed. */
  onWarning?: (message: string) => void;
}

/** The index and how it was obtained. */
export interface OpenedIndex {
  index: PassageIndex;
  source: 'cache' | 'built';
}

const POSTING_ARRAYS = ['offsets', 'passages', 'counts', 'fieldLengths'];
const SENTENCE_ARRAYS = ['passageSentences', 'sentenceStarts', 'termIds'];

/** The saved index's big arrays, written a chunk per line, and its typed arrays, as bytes. */
export const SAVED_INDEX_PARTS: ChunkedParts = {
  split: [
    ['corpus', 'articles'],
    ['index', 'postings', 'terms'],
    ['index', 'vocabulary', 'tokens'],
  ],
  binary: [
    ...POSTING_ARRAYS.map((name) => ['index', 'postings', name]),
    ...SENTENCE_ARRAYS.map((name) => ['index', 'sentences', name]),
    ['index', 'vocabulary', 'terms'],
  ],
};

/** What a saved index file holds. */
export interface SavedIndex {
  format: number;
  fingerprint: string;
  root: string;
  corpus: PackedCorpus;
  index: PassageIndexSnapshot;
}

/**
 * Loads and indexes an articles folder, reusing the index saved in `cacheDir` when it was
 * built from exactly the same files by the same version. A saved index that is stale,
 * corrupt, truncated or from elsewhere is reported, discarded and rebuilt; it never stops the
 * start or serves other articles. Saving is atomic (write, then rename).
 */
export async function openIndex(dir: string, options: OpenIndexOptions = {}): Promise<OpenedIndex> {
  return openIndexOnce(dir, options, true);
}

async function openIndexOnce(
  dir: string,
  options: OpenIndexOptions,
  mayWait: boolean,
): Promise<OpenedIndex> {
  const warn = options.onWarning ?? (() => {});
  const root = await realpath(dir);
  // The saved arrays are in this machine's byte order; another order means another format.
  const salt = `newsdesk-index-v${INDEX_FORMAT_VERSION}-${os.endianness()}:${options.maxFileBytes ?? 'default'}`;
  const file = options.cacheDir
    ? path.join(
        options.cacheDir,
        `index-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.jsonl`,
      )
    : undefined;
  // The folder is fingerprinted while the saved index is read: one waits on many small file
  // checks, the other on parsing, so together they take little longer than the parse alone.
  const [fingerprint, saved] = file
    ? await Promise.all([fingerprintFolder(root, salt), readSaved(file, warn)])
    : ['', undefined];

  if (file) {
    if (saved) {
      if (saved.format !== INDEX_FORMAT_VERSION || saved.root !== root) {
        warn(
          `the saved index ${file} was made by another version or for another folder; rebuilding`,
        );
      } else if (saved.fingerprint !== fingerprint) {
        warn(`the articles changed since the saved index ${file} was made; rebuilding`);
      } else {
        try {
          return {
            index: new PassageIndex(unpackCorpus(saved.corpus), {}, saved.index),
            source: 'cache',
          };
        } catch {
          warn(`the saved index ${file} does not match its articles; rebuilding`);
        }
      }
    }
  }

  // Shard processes and hosts that share CACHE_DIR all start, and all see a changed article,
  // at once: the first builds under a lock, the others wait for it and load what it saved.
  const lock = file ? await takeBuildLock(`${file}.lock`) : undefined;
  if (file && !lock && mayWait) {
    await waitForBuildLock(`${file}.lock`);
    return openIndexOnce(dir, options, false);
  }
  try {
    return await buildAndSave(root, file, fingerprint, options, warn);
  } finally {
    await lock?.release();
  }
}

async function buildAndSave(
  root: string,
  file: string | undefined,
  fingerprint: string,
  options: OpenIndexOptions,
  warn: (message: string) => void,
): Promise<OpenedIndex> {
  const corpus = await loadCorpus(
    root,
    options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {},
  );
  // What the index was built from is kept only until it is saved.
  const { index, snapshot } = PassageIndex.build(corpus);
  if (file)
    await save(
      file,
      {
        format: INDEX_FORMAT_VERSION,
        fingerprint,
        root,
        corpus: packCorpus(corpus),
        index: snapshot,
      },
      warn,
    );
  return { index, source: 'built' };
}

/** A build lock older than this is a crashed builder's, and is taken over. */
const STALE_LOCK_MS = 10 * 60 * 1000;
/** How often a waiting process looks whether the build is done. */
const LOCK_POLL_MS = 200;

/** Creates the lock file, or undefined when another process holds it. */
async function takeBuildLock(lockFile: string): Promise<{ release(): Promise<void> } | undefined> {
  await mkdir(path.dirname(lockFile), { recursive: true }).catch(() => {});
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid} ${os.hostname()} ${new Date().toISOString()}\n`);
      await handle.close();
      return { release: () => rm(lockFile, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { release: async () => {} };
      if (!(await isStale(lockFile))) return undefined;
      await rm(lockFile, { force: true });
    }
  }
  return undefined;
}

/** Waits until the lock file is gone (the build saved) or stale (its builder died). */
async function waitForBuildLock(lockFile: string): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    try {
      await access(lockFile);
    } catch {
      return;
    }
    if (await isStale(lockFile)) return;
  }
}

/** Stale: its builder on this machine is gone, or (on another host) it is very old. */
async function isStale(lockFile: string): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(lockFile), readFile(lockFile, 'utf8')]);
    const [pid, host] = text.split(' ');
    if (host === os.hostname() && Number(pid) > 0 && !isAlive(Number(pid))) return true;
    return Date.now() - info.mtimeMs > STALE_LOCK_MS;
  } catch {
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readSaved(
  file: string,
  warn: (message: string) => void,
): Promise<SavedIndex | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  try {
    const saved = (await readChunkedJson(file)) as Partial<SavedIndex>;
    if (
      typeof saved !== 'object' ||
      saved === null ||
      typeof saved.fingerprint !== 'string' ||
      !Array.isArray(saved.corpus?.articles) ||
      typeof saved.index?.postings !== 'object' ||
      saved.index.postings === null ||
      !Array.isArray(saved.index.postings.terms) ||
      !Array.isArray(saved.index.postings.fields) ||
      typeof saved.index.sentences !== 'object' ||
      saved.index.sentences === null
    ) {
      warn(`the saved index ${file} is not one of ours; rebuilding`);
      return undefined;
    }
    return saved as SavedIndex;
  } catch {
    warn(`the saved index ${file} is damaged or incomplete; rebuilding`);
    return undefined;
  }
}

async function save(
  file: string,
  saved: SavedIndex,
  warn: (message: string) => void,
): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeChunkedJson(temporary, saved, SAVED_INDEX_PARTS);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => {});
    warn(`could not save the index to ${file}; the next start will rebuild it`);
  }
}
