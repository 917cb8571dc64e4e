import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { relatedArticles } from '../../src/answer/relatedArticles.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { fixturesDir, indexFolder, newsroomDir } from '../helpers.js';

describe('relatedArticles', () => {
  let newsroom: PassageIndex;
  let dated: PassageIndex;
  beforeAll(async () => {
    [newsroom, dated] = await Promise.all([
      indexFolder(newsroomDir),
      indexFolder(path.join(fixturesDir, '../dated')),
    ]);
  });
  const article = (index: PassageIndex, id: string) => {
    const found = index.corpus.articles.find((a) => a.id === id);
    if (!found) throw new Error(`no article ${id}`);
    return found;
  };

  it('finds the other stories of the same dispute, never the article itself', () => {
    const related = relatedArticles(dated, article(dated, 'rail-strike-called'));
    const ids = related.map((r) => r.articleId);
    expect(ids).not.toContain('rail-strike-called');
    expect(ids.slice(0, 2).sort()).toEqual(['rail-strike-ends', 'rail-strike-talks']);
    expect(related[0]).toMatchObject({ title: expect.any(String), lead: expect.any(String) });
    expect(related[0]?.date).toMatch(/^2005-0/);
  });

  it('shows nothing below the similarity floor', () => {
    const related = relatedArticles(dated, article(dated, 'museum-reopens'));
    for (const r of related) expect(r.similarity).toBeGreaterThanOrEqual(0.1);
    expect(related.map((r) => r.articleId)).not.toContain('rail-strike-called');
  });

  it('ranks by similarity, highest first, and keeps to the limit', () => {
    const related = relatedArticles(newsroom, article(newsroom, 'politics/council-tax-rise'), {
      limit: 1,
    });
    expect(related).toHaveLength(1);
    const all = relatedArticles(newsroom, article(newsroom, 'politics/council-tax-rise'));
    expect(all.length).toBeGreaterThan(1);
    expect(related[0]).toEqual(all[0]);
    const scores = all.map((r) => r.similarity);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('keeps mostly to the topic of the article', () => {
    const sample = newsroom.corpus.articles;
    let same = 0;
    let shown = 0;
    for (const a of sample) {
      const related = relatedArticles(newsroom, a);
      shown += related.length;
      same += related.filter((r) => r.articleId.split('/')[0] === a.id.split('/')[0]).length;
    }
    // Short stories share few words, so fewer pass the floor than on BBC News (data tier).
    expect(shown).toBeGreaterThan(sample.length);
    expect(same / shown).toBeGreaterThanOrEqual(0.55);
  });
});
