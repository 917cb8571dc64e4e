import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { readChunkedJson, writeChunkedJson } from '../../src/cache/chunkedJson.js';
import { openIndex, SAVED_INDEX_PARTS, type SavedIndex } from '../../src/cache/openIndex.js';

import { seedsDir } from '../helpers.js';

describe('openIndex', () => {
  let articles: string;
  let cacheDir: string;
  let warnings: string[];
  const open = () =>
    openIndex(articles, { cacheDir, onWarning: (message) => warnings.push(message) });
  const cacheFile = async () =>
    path.join(cacheDir, (await readdir(cacheDir)).find((f) => f.endsWith('.jsonl')) ?? '');

  beforeEach(async () => {
    articles = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-articles-'));
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-cache-'));
    await cp(seedsDir, articles, { recursive: true });
    warnings = [];
  });
  afterEach(async () => {
    await rm(articles, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('builds the first time, then restores the same index from the cache', async () => {
    const built = await open();
    expect(built.source).toBe('built');
    const restored = await open();
    expect(restored.source).toBe('cache');
    expect(warnings).toEqual([]);
    const question = 'How many ballistic missiles were launched?';
    expect(answerQuestion(restored.index, question)).toEqual(answerQuestion(built.index, question));
    expect(restored.index.corpus).toEqual(built.index.corpus);
  });

  it('builds once when several open the same folder at once: the others wait and load it', async () => {
    const opened = await Promise.all([open(), open(), open()]);
    expect(opened.map((o) => o.source).sort()).toEqual(['built', 'cache', 'cache']);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('takes over the build lock of a builder that died', async () => {
    await open();
    await writeFile(path.join(articles, 'new.txt'), 'A new story\n\nIt was added later.\n');
    const lock = `${await cacheFile()}.lock`;
    // A process id no process has, on this machine: the builder that held it has crashed.
    await writeFile(lock, `999999999 ${os.hostname()} 2026-01-01T00:00:00.000Z\n`);
    const started = Date.now();
    const reopened = await open();
    expect(reopened.source).toBe('built');
    expect(reopened.index.articleCount).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rebuilds when a file was added, changed or removed', async () => {
    await open();
    await writeFile(
      path.join(articles, 'new.txt'),
      'Ferry strike ends\n\nThe ferry strike ended on Friday after 9 days.\n',
    );
    const added = await open();
    expect(added.source).toBe('built');
    expect(warnings.at(-1)).toMatch(/articles changed/);
    expect(answerQuestion(added.index, 'How long did the ferry strike last?').text).toContain(
      '9 days',
    );
    expect((await open()).source).toBe('cache');
    await rm(path.join(articles, 'new.txt'));
    const removed = await open();
    expect(removed.source).toBe('built');
    expect(removed.index.corpus.articles.map((a) => a.id)).toEqual([
      'ukraine-russia-talks-abu-dhabi',
    ]);
  });

  it('discards a truncated, corrupt or foreign cache file with a warning and rebuilds', async () => {
    await open();
    const file = await cacheFile();
    const bytes = await readFile(file);
    const saved = (await readChunkedJson(file)) as SavedIndex;
    const rewritten = async (value: unknown) => {
      await writeChunkedJson(file, value, SAVED_INDEX_PARTS);
      return readFile(file);
    };
    for (const [damage, expected] of [
      [bytes.subarray(0, bytes.length / 2), /damaged or incomplete/],
      [bytes.subarray(0, bytes.length - 1), /damaged or incomplete/],
      [Buffer.concat([bytes, Buffer.from([0])]), /damaged or incomplete/],
      ['\u0000\u0001garbage', /damaged or incomplete/],
      ['{"split":[],"value":{"hello":"world"}}', /not one of ours/],
      [await rewritten({ ...saved, format: 999 }), /another version or for another folder/],
      [
        await rewritten({ ...saved, root: '/somewhere/else' }),
        /another version or for another folder/,
      ],
    ] as const) {
      await writeFile(file, damage);
      warnings = [];
      const reopened = await open();
      expect(reopened.source).toBe('built');
      expect(warnings.join('\n')).toMatch(expected);
      expect(reopened.index.corpus.articles).toHaveLength(1);
    }
  });

  it('rebuilds rather than trusting a snapshot that does not fit its corpus', async () => {
    await open();
    const file = await cacheFile();
    const saved = (await readChunkedJson(file)) as SavedIndex;
    // One sentence's term pointing past the end of the term list.
    saved.index.sentences.termIds[0] = saved.index.postings.terms.length;
    await writeChunkedJson(file, saved, SAVED_INDEX_PARTS);
    const reopened = await open();
    expect(reopened.source).toBe('built');
    expect(warnings.join('\n')).toMatch(/does not match its articles/);
  });

  it('still answers when the cache cannot be written', async () => {
    const blocked = path.join(cacheDir, 'a-file');
    await writeFile(blocked, 'not a folder');
    const opened = await openIndex(articles, {
      cacheDir: path.join(blocked, 'sub'),
      onWarning: (m) => warnings.push(m),
    });
    expect(opened.source).toBe('built');
    expect(warnings.join('\n')).toMatch(/could not save the index/);
    expect(answerQuestion(opened.index, 'How many drones were used?').found).toBe(true);
  });
});
