import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { fixturesDir, indexFolder, seedsDir } from '../helpers.js';

const datedDir = path.join(fixturesDir, '../dated');

describe('answerQuestion with dated articles', () => {
  let dated: PassageIndex;
  beforeAll(async () => {
    dated = await indexFolder(datedDir);
  });

  it('ranks the newest story first when the question asks for the latest', () => {
    const plain = answerQuestion(dated, 'What about the rail strike?');
    const latest = answerQuestion(dated, 'What is the latest on the rail strike?');
    expect(plain.citations[0]?.articleId).toBe('rail-strike-called');
    expect(latest.citations[0]?.articleId).toBe('rail-strike-ends');
    expect(latest.citations[0]?.date).toBe('2005-03-14');
    expect(latest.scope).toEqual({ label: 'latest', recent: true });
  });

  it('keeps to the articles published in a named range', () => {
    const answer = answerQuestion(dated, 'What happened to the rail strike in February 2005?');
    expect(answer.found).toBe(true);
    expect(new Set(answer.citations.map((c) => c.articleId))).toEqual(
      new Set(['rail-strike-talks']),
    );
    expect(answer.articlesSearched).toBe(1);
    expect(answer.scope).toMatchObject({ from: '2005-02-01', to: '2005-02-28' });
  });

  it('resolves "yesterday" against the newest article, in its own time zone', () => {
    // The newest article is dated 15 Mar 2005 local time (16 Mar in UTC).
    const answer = answerQuestion(dated, 'What happened yesterday?');
    expect(answer.found).toBe(true);
    expect(answer.citations.map((c) => c.articleId)).toEqual(['rail-strike-ends']);
    expect(answer.text).toMatch(/^Drivers accepted a 4\.5% pay rise/);
  });

  it('answers "what is the latest?" with the lead of the newest articles', () => {
    const answer = answerQuestion(dated, "What's the latest?");
    expect(answer.citations.map((c) => c.articleId)).toEqual([
      'harbour-bridge-opens',
      'rail-strike-ends',
      'rail-strike-talks',
    ]);
    expect(answer.sentences[0]?.text).toMatch(/^The new harbour bridge opened/);
  });

  it('says plainly when nothing was published in the range', () => {
    const answer = answerQuestion(dated, 'What happened on 1 March 2005?');
    expect(answer).toMatchObject({ found: false, reason: 'none-in-range', articlesSearched: 0 });
    expect(answer.text).toBe(
      'None of the articles was published on 1 Mar 2005. They run from 20 Dec 2004 to 15 Mar 2005.',
    );
  });

  it('reads a date outside the archive as part of the question, not a filter', () => {
    const answer = answerQuestion(dated, 'How much did the council budget rise in 1990?');
    expect(answer.scope).toBeUndefined();
    expect(answer.citations[0]?.articleId).toBe('council-budget');
  });

  it('answers a question without time words exactly as an undated corpus would', async () => {
    const seed = await indexFolder(seedsDir);
    const answer = answerQuestion(seed, 'What happened in the latest round of talks?');
    expect(answer.scope).toBeUndefined();
    expect(answer.articlesSearched).toBe(1);
  });
});

describe('answerQuestion in a folder where most articles are undated', () => {
  it('does not let a named month hide the undated stories', async () => {
    const { cp, mkdtemp, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-mostly-undated-'));
    try {
      // One dated article beside two undated ones (museum-reopens has no date, bad-date's
      // cannot be read): a range cannot rule the undated ones out.
      for (const name of ['rail-strike-talks.md', 'museum-reopens.md', 'bad-date.md'])
        await cp(path.join(datedDir, name), path.join(dir, name));
      const index = await indexFolder(dir);
      expect(index.corpus.articles.filter((a) => a.published)).toHaveLength(1);
      const answer = answerQuestion(index, 'museum roof repairs in February 2005');
      expect(answer.scope).toMatchObject({ from: '2005-02-01', to: '2005-02-28' });
      expect(answer.citations[0]?.articleId).toBe('museum-reopens');
      expect(answer.articlesSearched).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
