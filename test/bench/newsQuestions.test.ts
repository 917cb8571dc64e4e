import { beforeAll, describe, expect, it } from 'vitest';
import { askNewsdesk, type NewsQuestion, newsFigures } from '../../bench/lib/newsQuestions.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, newsroomDir } from '../helpers.js';

const question = (
  id: string,
  text: string,
  answers: string[],
  articleId = 'sport/cricket-series-win',
): NewsQuestion => ({
  id,
  question: text,
  articleId,
  answers,
  answerable: answers.length > 0,
  paraphrased: false,
  part: 'dev',
});

let index: PassageIndex;
beforeAll(async () => {
  index = await indexFolder(newsroomDir);
});

describe('askNewsdesk', () => {
  it('ranks the first candidate sentence that holds the gold answer', () => {
    const [outcome] = askNewsdesk(index, [
      question('a', 'Who was named player of the match in Colombo?', ['Arjun Mehta']),
    ]);
    expect(outcome?.correct).toBe(true);
    expect(outcome?.answerRank).toBe(1);
  });

  it('ranks 0 when no candidate sentence holds the answer', () => {
    const [outcome] = askNewsdesk(index, [
      question('b', 'Who was named player of the match in Colombo?', ['Don Bradman']),
    ]);
    expect(outcome?.answerRank).toBe(0);
  });
});

describe('newsFigures', () => {
  it('counts where the answer sentence ranked among the answerable questions only', () => {
    const outcomes = askNewsdesk(index, [
      question('a', 'Who was named player of the match in Colombo?', ['Arjun Mehta']),
      question('b', 'Who was named player of the match in Colombo?', ['Don Bradman']),
      question('c', 'What did the Colombo pitch cost to build?', []),
    ]);
    const figures = newsFigures(outcomes);
    expect(figures.answerable).toBe(2);
    expect(figures.answerRanked).toEqual({ first: 0.5, top3: 0.5, top8: 0.5, any: 0.5 });
  });
});
