import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import {
  renderAnswerJson,
  renderArticleJson,
  renderSourceJson,
} from '../../src/render/renderJson.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { fixturesDir, indexFolder } from '../helpers.js';

describe('JSON renderers', () => {
  let fixtures: PassageIndex;
  beforeAll(async () => {
    fixtures = await indexFolder(fixturesDir);
  });

  it('renderAnswerJson keeps the contract fields first and echoes the id', () => {
    const json = renderAnswerJson(
      answerQuestion(fixtures, 'When will cycle lane work begin?'),
      'q1',
    );
    expect(Object.keys(json).slice(0, 5)).toEqual([
      'id',
      'question',
      'found',
      'answer',
      'citations',
    ]);
    expect(Object.keys(json.citations[0] ?? {}).slice(0, 5)).toEqual([
      'articleId',
      'title',
      'passage',
      'quote',
      'score',
    ]);
    expect(json.citations[0]).toMatchObject({
      url: 'https://example.org/news/cycle-lanes',
      published: '2005-02-12',
    });
    expect(json.answer).toContain('April');
  });

  it('renderSourceJson and renderArticleJson carry the metadata', () => {
    const article = fixtures.corpus.articles.find((a) => a.id === 'front-matter');
    if (!article) throw new Error('fixture missing');
    expect(renderSourceJson(article)).toMatchObject({
      articleId: 'front-matter',
      metadata: { source: 'Example Gazette' },
    });
    expect(renderArticleJson(article)).toEqual({
      articleId: 'front-matter',
      title: 'Council approves new cycle lanes',
      metadata: article.metadata,
      date: '2005-02-12',
      path: 'front-matter.md',
    });
  });
});
