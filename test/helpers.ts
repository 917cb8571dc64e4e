import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ask, quotedAsk } from '../src/answer/Ask.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { type Archive, memoryArchive } from '../src/store/Archive.js';

/** The project's root folder. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundled seed articles, as a new user gets them. */
export const seedsDir = path.join(projectRoot, 'seeds');
/** Small real article files, bad ones included. */
export const fixturesDir = path.join(projectRoot, 'test/fixtures/articles');
/** Thirty short articles written for the tests, in five topic folders (see its README). */
export const newsroomDir = path.join(projectRoot, 'test/fixtures/newsroom');

/** Loads a folder and indexes it, as the console and the CLI do. */
export async function indexFolder(dir: string): Promise<PassageIndex> {
  return new PassageIndex(await loadCorpus(dir));
}

/** Resolves when `check` holds, polling; fails after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * What the bot serves in the folder mode, over an index that may change between requests:
 * the archive commands read and the quoted answers.
 */
export function inMemory(index: () => PassageIndex): { archive: Archive; ask: Ask } {
  return { archive: memoryArchive(index), ask: quotedAsk(index) };
}
