import { beforeAll, describe, expect, it } from 'vitest';
import { findArticle } from '../../src/answer/findArticle.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Article } from '../../src/corpus/types.js';
import { fixturesDir } from '../helpers.js';

describe('findArticle', () => {
  let articles: Article[];
  beforeAll(async () => {
    articles = (await loadCorpus(fixturesDir)).articles;
  });

  it('finds an article by its id, in any case', () => {
    expect(findArticle(articles, 'nested/deeper/rail-strike')).toMatchObject({
      found: true,
      article: { id: 'nested/deeper/rail-strike' },
    });
    expect(findArticle(articles, 'LATIN1')).toMatchObject({
      found: true,
      article: { id: 'latin1' },
    });
  });

  it('finds an article by its exact headline', () => {
    expect(findArticle(articles, 'council approves new cycle lanes')).toMatchObject({
      found: true,
      article: { id: 'front-matter' },
    });
  });

  it('finds the single best headline match only when partial matches are allowed', () => {
    expect(findArticle(articles, 'cycle lanes').found).toBe(false);
    expect(findArticle(articles, 'cycle lanes', { allowPartial: true })).toMatchObject({
      found: true,
      article: { id: 'front-matter' },
    });
  });

  it('suggests close articles for an unknown reference', () => {
    const result = findArticle(articles, 'rail');
    expect(result).toMatchObject({ found: false, reason: 'unknown' });
    expect(!result.found && result.suggestions.map((a) => a.id)).toEqual([
      'nested/deeper/rail-strike',
    ]);
  });

  it('never treats the reference as a path', () => {
    for (const reference of ['../../etc/passwd', '/etc/passwd', 'nested/../latin1', '']) {
      expect(findArticle(articles, reference, { allowPartial: true }).found).toBe(false);
    }
  });
});
