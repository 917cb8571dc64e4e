import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { LOW_CONFIDENCE } from '../../src/answer/estimateConfidence.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, newsroomDir, projectRoot, seedsDir } from '../helpers.js';

describe('answerQuestion', () => {
  let seed: PassageIndex;
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
  });

  it('answers with the sentence about 71 ballistic missiles and 450 drones, citing the seed article', () => {
    const answer = answerQuestion(seed, 'How many ballistic missiles were launched?');
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]?.text).toBe(
      "According to Zelenskyy, this offensive involved an unprecedented deployment of 71 ballistic missiles alongside 450 drones, specifically targeting Ukraine's energy infrastructure.",
    );
    expect(answer.text).toMatch(/^According to Zelenskyy.*\[1\]/);
    expect(answer.citations[0]).toMatchObject({
      number: 1,
      articleId: 'ukraine-russia-talks-abu-dhabi',
      title: 'Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes',
    });
  });

  it('cites the paragraph the sentence came from, with offsets into the article', () => {
    const answer = answerQuestion(seed, 'How many ballistic missiles were launched?');
    const article = seed.corpus.articles[0];
    const sentence = answer.sentences[0];
    const citation = answer.citations.find((c) => c.number === sentence?.citation);
    expect(citation?.quote).toContain(sentence?.text);
    expect(article?.text.slice(citation?.start, citation?.end)).toBe(citation?.quote);
    expect(article?.text.slice(sentence?.start, sentence?.end)).toBe(sentence?.text);
    expect(citation?.passage).toBe(
      article?.paragraphs.find((p) => p.text === citation?.quote)?.number,
    );
  });

  it('answers where the talks are held with Abu Dhabi', () => {
    const answer = answerQuestion(seed, 'Where are the talks being held?');
    expect(answer.found).toBe(true);
    expect(answer.sentences[0]?.text).toContain('Abu Dhabi');
  });

  it('quotes a sentence, not a whole paragraph', () => {
    const answer = answerQuestion(seed, 'What did NATO say about the strikes?');
    expect(answer.found).toBe(true);
    const paragraph = answer.citations[0]?.quote ?? '';
    expect(answer.sentences[0]?.text.length).toBeLessThan(paragraph.length);
  });

  it('says it does not know when the articles do not answer the question', () => {
    const answer = answerQuestion(seed, 'Who won the 2004 World Series?');
    expect(answer.found).toBe(false);
    expect(answer.reason).toBe('weak-match');
    expect(answer.sentences).toEqual([]);
    expect(answer.text).toMatch(/couldn't find an answer/);
  });

  it('words as unsure an answer that lacks the kind of fact asked for, however sure otherwise', () => {
    const age = answerQuestion(seed, 'How old is President Zelenskyy');
    expect(age.found).toBe(true);
    expect(age.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(age.hedged).toBe(true);
    expect(age.text).toMatch(/^I'm not sure, but/);
    const date = answerQuestion(seed, 'When did Zelenskyy accuse Moscow?');
    expect(date.hedged).toBeUndefined();
    expect(date.confidenceLevel).toBe('high');
  });

  it('says so when no word of the question is in the articles', () => {
    const answer = answerQuestion(seed, 'zebra quantum chromodynamics');
    expect(answer).toMatchObject({ found: false, reason: 'no-match', citations: [] });
  });

  it('asks for a question when given only stop words, punctuation or nothing', () => {
    for (const question of ['', '   ', '?!?', 'what is the', '🙂🙂']) {
      expect(answerQuestion(seed, question)).toMatchObject({
        found: false,
        reason: 'empty-question',
      });
    }
  });

  it('copes with a very long question', () => {
    const answer = answerQuestion(seed, `${'ballistic missiles '.repeat(20_000)}?`);
    expect(answer.found).toBe(true);
  });

  it('searches only the rarest words when told to, still counting every word it was asked', () => {
    const question =
      'How many ballistic missiles did Zelenskyy say were launched at the energy infrastructure?';
    const full = answerQuestion(seed, question);
    const narrow = answerQuestion(seed, question, { maxPostings: 0 });
    expect(narrow.found).toBe(true);
    expect(narrow.coverage).toBeCloseTo(full.coverage, 10);
    expect(narrow.sentences[0]?.text).toBe(full.sentences[0]?.text);
  });

  it('cites at most three passages, each once', () => {
    const answer = answerQuestion(seed, 'talks in Abu Dhabi');
    expect(answer.citations.length).toBeLessThanOrEqual(3);
    const keys = answer.citations.map((c) => `${c.articleId}#${c.passage}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(answer.citations.map((c) => c.number)).toEqual(answer.citations.map((_, i) => i + 1));
  });

  it('answers from the right one of thirty articles', async () => {
    const newsroom = await indexFolder(newsroomDir);
    const answer = answerQuestion(newsroom, 'How many jobs will Marlow Motors cut?');
    expect(answer.found).toBe(true);
    expect(answer.citations[0]?.articleId).toBe('business/harwick-car-plant-cuts');
    expect(answer.sentences[0]?.text).toContain('450 jobs');
    expect(answer.articlesSearched).toBe(30);
  });

  it('reports how much of the subjects and of what is asked about them the answer holds', async () => {
    const newsroom = await indexFolder(newsroomDir);
    const asked = answerQuestion(newsroom, 'How many jobs will Marlow Motors cut?');
    expect(asked.signals).toMatchObject({ subjects: 1, relation: 1, typed: 1, typeFit: 1 });
    // The story names Dana Whitlock, but no sentence near her says anything of a salary.
    const absent = answerQuestion(newsroom, "What is Dana Whitlock's salary?");
    expect(absent.signals?.subjects).toBe(1);
    expect(absent.signals?.relation).toBe(0);
    const age = answerQuestion(newsroom, 'How old is Marta Lindqvist?');
    expect(age.signals).toMatchObject({ typed: 1 });
  });

  it('leans towards the story that most of the found passages come from', async () => {
    // Two stories say when something leaves for Holm island; the coach story's sentence is the
    // closer match on its own, but the ferry story has more passages about the island. Soft
    // matching is off: it finds the ferry story's "leaves the harbour" closer on its own.
    const index = await indexFolder(`${projectRoot}/test/fixtures/support`);
    const question = 'When does it leave for Holm island?';
    const cited = (article: number) =>
      answerQuestion(index, question, { weights: { article, soft: 0 } }).citations[0]?.articleId;
    expect(cited(0)).toBe('coach-tour');
    expect(cited(8)).toBe('island-ferry');
  });

  it('quotes and cites a paragraph once when the folder holds its story twice', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-copies-'));
    try {
      const story = path.join(newsroomDir, 'business/harwick-car-plant-cuts.txt');
      await copyFile(story, path.join(dir, 'plant-cuts.txt'));
      await copyFile(story, path.join(dir, 'plant-cuts-again.txt'));
      const index = await indexFolder(dir);
      const answer = answerQuestion(index, 'How many people does the Harwick plant employ?');
      expect(answer.found).toBe(true);
      const quoted = answer.sentences.map((sentence) => sentence.text);
      expect(new Set(quoted).size).toBe(quoted.length);
      const cited = answer.citations.map((c) => c.passage);
      expect(new Set(cited).size).toBe(cited.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
