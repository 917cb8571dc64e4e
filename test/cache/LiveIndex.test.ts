import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { LiveIndex } from '../../src/cache/LiveIndex.js';
import { eventually, seedsDir } from '../helpers.js';

describe('LiveIndex', () => {
  let articles: string;
  let cacheDir: string;
  let live: LiveIndex;
  let reloads: number;

  beforeEach(async () => {
    articles = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-live-'));
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-live-cache-'));
    await cp(seedsDir, articles, { recursive: true });
    reloads = 0;
    ({ live } = await LiveIndex.open(articles, {
      cacheDir,
      debounceMs: 200,
      onReload: () => reloads++,
    }));
  });
  afterEach(async () => {
    await live.close();
    await rm(articles, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  const ids = () => live.current().corpus.articles.map((a) => a.id);

  it('picks up an added file within two seconds, answering from the old index until then', async () => {
    const before = live.current();
    await mkdir(path.join(articles, 'local'));
    await writeFile(
      path.join(articles, 'local', 'ferry.txt'),
      'Ferry strike ends\n\nThe ferry strike ended on Friday after 9 days.\n',
    );
    expect(live.current()).toBe(before);
    await eventually(() => ids().includes('local/ferry'), 2000);
    expect(answerQuestion(live.current(), 'How long did the ferry strike last?').text).toContain(
      '9 days',
    );
  });

  it('picks up a changed file', async () => {
    await writeFile(
      path.join(articles, 'ferry.txt'),
      'Ferry strike ends\n\nThe strike ended after 9 days.\n',
    );
    await eventually(() => ids().includes('ferry'));
    await writeFile(
      path.join(articles, 'ferry.txt'),
      'Ferry strike ends\n\nThe strike ended after 12 days.\n',
    );
    await eventually(() =>
      answerQuestion(live.current(), 'How many days did the strike last?').text.includes('12 days'),
    );
  });

  it('drops a deleted file and follows a renamed one', async () => {
    await writeFile(
      path.join(articles, 'ferry.txt'),
      'Ferry strike ends\n\nThe strike ended after 9 days.\n',
    );
    await eventually(() => ids().includes('ferry'));
    await rename(path.join(articles, 'ferry.txt'), path.join(articles, 'ferries.txt'));
    await eventually(() => ids().includes('ferries') && !ids().includes('ferry'));
    await rm(path.join(articles, 'ferries.txt'));
    await eventually(() => !ids().includes('ferries'));
    expect(ids()).toEqual(['ukraine-russia-talks-abu-dhabi']);
  });

  it('rebuilds once for a burst of changes', async () => {
    for (let i = 0; i < 20; i++)
      await writeFile(path.join(articles, `burst-${i}.txt`), `Story ${i}\n\nBody of story ${i}.\n`);
    await eventually(() => ids().length === 21);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reloads).toBe(1);
  });

  it('ignores hidden files', async () => {
    await writeFile(path.join(articles, '.draft.txt'), 'Draft\n\nNot yet.\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reloads).toBe(0);
  });
});
