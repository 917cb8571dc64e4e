import { beforeAll, describe, expect, it } from 'vitest';
import { readSubjects, subjectShare } from '../../src/answer/readSubjects.js';
import { processTerm } from '../../src/search/analyzeText.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, newsroomDir } from '../helpers.js';

describe('readSubjects', () => {
  let newsroom: PassageIndex;
  beforeAll(async () => {
    newsroom = await indexFolder(newsroomDir);
  });
  const subjectsOf = (question: string) =>
    readSubjects(question, newsroom.search(question, 15)).sort();
  const terms = (...words: string[]) => words.map((w) => processTerm(w) as string).sort();

  it('takes the names a question capitalises, not its generic words', () => {
    expect(subjectsOf('Who does Marta Lindqvist play in the final?')).toEqual(
      terms('Marta', 'Lindqvist'),
    );
    expect(subjectsOf('How many jobs will Marlow Motors cut?')).toEqual(terms('Marlow', 'Motors'));
  });

  it('recognises names in a question typed in lower case by how the articles write them', () => {
    expect(subjectsOf('how many jobs will marlow motors cut')).toEqual(terms('marlow', 'motors'));
    expect(subjectsOf('how many jobs will the car plant cut')).toEqual([]);
  });

  it('measures how much of the subjects an article names', () => {
    const article = (id: string) => {
      const found = newsroom.corpus.articles.find((a) => a.id === id);
      if (!found) throw new Error(id);
      return found;
    };
    const subjects = terms('Marlow', 'Motors');
    expect(subjectShare(newsroom, subjects, article('business/harwick-car-plant-cuts'))).toBe(1);
    expect(subjectShare(newsroom, subjects, article('sport/tennis-open-title'))).toBe(0);
    expect(subjectShare(newsroom, [], article('sport/tennis-open-title'))).toBe(1);
  });
});
