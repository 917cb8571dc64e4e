import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { relatedArticles } from '../../src/answer/relatedArticles.js';
import { summarizeArticle } from '../../src/answer/summarizeArticle.js';
import { packCorpus, unpackCorpus } from '../../src/cache/packCorpus.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { PassageIndex } from '../../src/search/PassageIndex.js';
import { projectRoot } from '../helpers.js';
import { bbcDir } from './sharedData.js';

describe('the 2,225 BBC News articles', () => {
  let corpus: Corpus;
  let bbc: PassageIndex;
  beforeAll(async () => {
    corpus = await loadCorpus(bbcDir);
    bbc = new PassageIndex(corpus);
  });

  it('load in full, the Latin-1 one decoded with a note', () => {
    expect(corpus.articles).toHaveLength(2225);
    expect(corpus.skipped).toEqual([]);
    const mutu = corpus.articles.find((a) => a.id === 'sport/199');
    expect(mutu?.title).toBe('Chelsea sack Mutu');
    expect(mutu?.text).toContain('a £15.8m signing');
    expect(corpus.warnings).toEqual([
      { path: 'sport/199.txt', message: 'it is not UTF-8; read it as Windows-1252' },
    ]);
  });

  it('pack and unpack to exactly the same corpus, each text kept once', () => {
    const saved = JSON.stringify(packCorpus(corpus));
    expect(saved.length).toBeLessThan(JSON.stringify(corpus).length / 2);
    expect(unpackCorpus(JSON.parse(saved))).toEqual(corpus);
  });

  it('answer a question from the right article', () => {
    const answer = answerQuestion(bbc, 'How many subscribers did AOL lose in the fourth quarter?');
    expect(answer.found).toBe(true);
    expect(answer.citations[0]?.articleId).toBe('business/001');
    expect(answer.text).toContain('464,000');
    expect(answer.articlesSearched).toBe(2225);
  });

  it('summarise in about 300 to 700 characters of sentences by default', () => {
    const lengths = corpus.articles.slice(0, 200).map((a) => {
      const summary = summarizeArticle(bbc, a);
      return summary.sentences.reduce((n, s) => n + s.text.length + 1, 0);
    });
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeLessThanOrEqual(700);
    expect(mean).toBeGreaterThan(300);
  });

  it('find related articles mostly in the same topic folder', () => {
    const sample = corpus.articles.filter((_, i) => i % 25 === 0);
    let same = 0;
    let shown = 0;
    for (const a of sample) {
      const related = relatedArticles(bbc, a);
      shown += related.length;
      same += related.filter((r) => r.articleId.split('/')[0] === a.id.split('/')[0]).length;
    }
    expect(shown).toBeGreaterThan(sample.length * 3);
    expect(same / shown).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the JSON CLI on the BBC articles', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bbc-cli-'));
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: projectRoot,
        env: { ...process.env, CACHE_DIR: cacheDir },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });

  it('lists all 2,225 articles and shows the Latin-1 one decoded', async () => {
    const { code, stdout } = await cli(['articles', '--seeds', bbcDir]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(2225);
    const source = JSON.parse(
      (await cli(['source', '--seeds', bbcDir, '--article', 'sport/199'])).stdout,
    );
    expect(source.text).toContain('£15.8m');
  });
});
