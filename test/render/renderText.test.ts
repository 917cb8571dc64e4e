import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { digestArticles } from '../../src/answer/digestArticles.js';
import { pageSource } from '../../src/answer/pageSource.js';
import { summarizeArticle } from '../../src/answer/summarizeArticle.js';
import {
  renderAnswerText,
  renderArticleListText,
  renderDigestText,
  renderSourceText,
  renderSummaryText,
} from '../../src/render/renderText.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { fixturesDir, indexFolder, seedsDir } from '../helpers.js';

describe('text renderers', () => {
  let seed: PassageIndex;
  let fixtures: PassageIndex;
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
    fixtures = await indexFolder(fixturesDir);
  });

  it('renderAnswerText lists the quoted sources, then the others under "See also"', () => {
    const text = renderAnswerText(
      answerQuestion(seed, 'How many ballistic missiles were launched?'),
    );
    const [body, sources] = text.split('\n\n');
    expect(body).toMatch(/450 drones.*\[1\]$/);
    expect(sources).toMatch(
      /^\[1\] Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes — paragraph 5\nSee also:\n\[2\] /,
    );
  });

  it('renderAnswerText names the closest articles when nothing was found', () => {
    const text = renderAnswerText(answerQuestion(seed, 'Who won the 2004 World Series?'));
    expect(text).toMatch(
      /^I couldn't find.*\nClosest articles:\n {2}- Second Round of Ukraine-Russia Talks/,
    );
  });

  it('renderAnswerText shows a link for articles that have a url', () => {
    const text = renderAnswerText(
      answerQuestion(fixtures, 'How many miles of cycle lanes will the council build?'),
    );
    expect(text).toContain(
      '[1] Council approves new cycle lanes — 12 Feb 2005, paragraph 1 <https://example.org/news/cycle-lanes>',
    );
  });

  it('renderSummaryText puts the headline first and the sources last', () => {
    const text = renderSummaryText(summarizeArticle(seed, seed.corpus.articles[0] as never));
    expect(text.split('\n')[0]).toBe(
      'Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes',
    );
    expect(text).toMatch(/\n\[1\] .* — paragraph \d+/);
  });

  it('renderDigestText gives one line per article and counts the rest', () => {
    const articles = fixtures.corpus.articles;
    const text = renderDigestText(digestArticles(articles.slice(0, 2)), articles.length);
    expect(text.split('\n')).toEqual([
      '6 articles:',
      '- Ferry timetable changes (bad-front-matter): The ferry will sail twice a day instead of three times from next month.',
      '- Harbour bridge reopens after repairs (bom-crlf): The harbour bridge reopened on Monday after six weeks of repairs costing £2.4m.',
      '…and 4 more. Type /articles to list them all.',
    ]);
  });

  it('renderSourceText shows metadata and says how to reach the next page', () => {
    const article = fixtures.corpus.articles.find((a) => a.id === 'front-matter');
    if (!article) throw new Error('fixture missing');
    const pages = pageSource(article, 90);
    const text = renderSourceText(
      { articleId: article.id, title: article.title, metadata: article.metadata },
      pages[0] as never,
      pages.length,
    );
    expect(text).toMatch(
      /^Council approves new cycle lanes \(front-matter\)\n2005-02-12 · Example Gazette · by Jo Reporter · https:\/\/example.org\/news\/cycle-lanes\n\n/,
    );
    expect(text).toMatch(/Page 1 of 2\. Type \/source front-matter 2 for the next\.$/);
  });

  it('renderArticleListText says when nothing is loaded', () => {
    expect(renderArticleListText([])).toBe('No articles are loaded.');
  });
});
