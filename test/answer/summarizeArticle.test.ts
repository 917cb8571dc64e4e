import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeArticle } from '../../src/answer/summarizeArticle.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, newsroomDir, seedsDir } from '../helpers.js';

describe('summarizeArticle', () => {
  let seed: PassageIndex;
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
  });
  const article = () => seed.corpus.articles[0] as (typeof seed.corpus.articles)[0];

  it('picks 3 to 5 sentences of the article by default, in article order', () => {
    const summary = summarizeArticle(seed, article());
    expect(summary.sentences.length).toBeGreaterThanOrEqual(3);
    expect(summary.sentences.length).toBeLessThanOrEqual(5);
    const starts = summary.sentences.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const s of summary.sentences) expect(article().text.slice(s.start, s.end)).toBe(s.text);
  });

  it('cites every sentence to the paragraph that holds it', () => {
    const summary = summarizeArticle(seed, article());
    for (const s of summary.sentences) {
      const citation = summary.citations.find((c) => c.number === s.citation);
      expect(citation?.quote).toContain(s.text);
      expect(summary.text).toContain(s.text);
    }
    expect(summary.text).toMatch(/\[1\]/);
  });

  it('includes the lead, where news puts the main fact', () => {
    const summary = summarizeArticle(seed, article());
    expect(summary.sentences[0]?.text).toMatch(/^Diplomatic efforts continue/);
  });

  it('grows with the requested length', () => {
    const short = summarizeArticle(seed, article(), { length: 'short' });
    const long = summarizeArticle(seed, article(), { length: 'long' });
    expect(short.sentences.length).toBeLessThanOrEqual(3);
    expect(long.sentences.length).toBeGreaterThan(short.sentences.length);
    expect(short.text.length).toBeLessThan(long.text.length);
  });

  it('keeps default summaries within about 700 characters of sentences', async () => {
    const newsroom = await indexFolder(newsroomDir);
    const lengths = newsroom.corpus.articles.map((a) => {
      const summary = summarizeArticle(newsroom, a);
      return summary.sentences.reduce((n, s) => n + s.text.length + 1, 0);
    });
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeLessThanOrEqual(700);
    expect(mean).toBeGreaterThan(300);
  });
});
