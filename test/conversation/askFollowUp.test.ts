import { beforeAll, describe, expect, it } from 'vitest';
import { quotedAsk } from '../../src/answer/Ask.js';
import {
  addTurn,
  askFollowUp,
  type FollowUpAsk,
  TURNS_KEPT,
} from '../../src/conversation/askFollowUp.js';
import { readFollowUp } from '../../src/conversation/readFollowUp.js';
import type { Turn } from '../../src/conversation/types.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, newsroomDir } from '../helpers.js';

describe('a follow-up question, read with the turns before it', () => {
  let newsroom: PassageIndex;
  let ask: FollowUpAsk;
  /** Asks each question in turn in one conversation; returns the answers. */
  const converse = async (...questions: string[]) => {
    let turns: Turn[] = [];
    const answers = [];
    for (const question of questions) {
      const { answer, turn } = await ask(question, turns);
      turns = addTurn(turns, turn);
      answers.push(answer);
    }
    return answers;
  };
  beforeAll(async () => {
    newsroom = await indexFolder(newsroomDir);
    ask = askFollowUp(
      quotedAsk(() => newsroom),
      () => newsroom,
    );
  });

  it('carries the subject over to "she", and shows the question it answered', async () => {
    const [, second] = await converse('Who won the Harbour Open tennis title?', 'how old is she?');
    expect(second?.question).toBe('how old is she?');
    expect(second?.standaloneQuestion).toMatch(/^how old is she — about .*Harbour Open/);
    expect(second?.text).toContain('21-year-old');
    expect(second?.citations[0]?.articleId).toBe('sport/tennis-open-title');
  });

  it('finds what "her" means, where the same words alone point to another story', async () => {
    const [, second] = await converse(
      'Why did the transport minister resign?',
      'who replaced her?',
    );
    expect(second?.text).toContain('Paul Egan');
    expect(second?.citations[0]?.articleId).toBe('politics/minister-resigns');
    const alone = await quotedAsk(() => newsroom)('who replaced her?');
    expect(alone.text).not.toContain('Paul Egan');
  });

  it('completes a fragment from the question before', async () => {
    const [, second] = await converse(
      'Who broke the Ellsmouth marathon record?',
      'and the women’s race?',
    );
    expect(second?.standaloneQuestion).toContain('Ellsmouth');
    expect(second?.citations[0]?.articleId).toBe('sport/marathon-record');
  });

  it('starts afresh when the question names a subject of its own', async () => {
    const [, second] = await converse(
      'Who won the Harbour Open tennis title?',
      'Why did Claire Dunmore resign?',
    );
    expect(second?.standaloneQuestion).toBeUndefined();
    expect(second).toEqual(await quotedAsk(() => newsroom)('Why did Claire Dunmore resign?'));
  });

  it('starts afresh when the names it gives belong to another story, whatever words it uses', async () => {
    const question = 'Who did Marta Lindqvist beat in that final?';
    const [, second] = await converse('Why did the transport minister resign?', question);
    expect(second?.standaloneQuestion).toBeUndefined();
    expect(second).toEqual(await quotedAsk(() => newsroom)(question));
    const [, third] = await converse(
      'Who won the Harbour Open tennis title?',
      'how old was Marta Lindqvist then?',
    );
    expect(third?.standaloneQuestion).toMatch(/— about /);
  });

  it('answers a first question exactly as alone', async () => {
    const question = 'Who replaced the transport minister?';
    const [first] = await converse(question);
    expect(first).toEqual(await quotedAsk(() => newsroom)(question));
  });

  it('carries the most recent subject on a third turn', () => {
    const turns: Turn[] = [
      { question: '', standalone: '', subjects: ['Marta Lindqvist'], articleIds: [] },
      {
        question: '',
        standalone: '',
        subjects: ['Daniel Kiprop'],
        articleIds: ['sport/marathon-record'],
      },
    ];
    const read = readFollowUp(newsroom, turns, 'how old is he?');
    expect(read.carried).toEqual(['Daniel Kiprop']);
    expect(read.preferArticles).toEqual(['sport/marathon-record']);
  });

  it('lends the subject of a first turn that found nothing', async () => {
    const [first, second] = await converse(
      'What did Daniel Kiprop eat for breakfast before the race?',
      'how fast was he?',
    );
    expect(second?.standaloneQuestion).toContain('Daniel Kiprop');
    expect(second?.citations[0]?.articleId).toBe('sport/marathon-record');
    expect(first?.question).toBe('What did Daniel Kiprop eat for breakfast before the race?');
  });

  it(`keeps the last ${TURNS_KEPT} turns`, () => {
    let turns: Turn[] = [];
    for (let i = 0; i < TURNS_KEPT + 3; i++)
      turns = addTurn(turns, {
        question: `q${i}`,
        standalone: `q${i}`,
        subjects: [],
        articleIds: [],
      });
    expect(turns.map((t) => t.question)).toEqual(
      Array.from({ length: TURNS_KEPT }, (_, i) => `q${i + 3}`),
    );
  });
});
