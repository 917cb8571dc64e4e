import { describe, expect, it } from 'vitest';
import { checkRewrite } from '../../src/model/rewriteFollowUp.js';

describe('checking a model’s rewrite of a follow-up', () => {
  it('takes a rewrite that keeps every word the reader typed, cleaned of labels and quotes', () => {
    expect(checkRewrite('how old is she?', 'how old is she, Marta Lindqvist?')).toBe(
      'how old is she, Marta Lindqvist?',
    );
    expect(
      checkRewrite(
        'and in 2004?',
        '<think>they mean the jobs</think>\nRewritten question: "How many jobs were created in 2004?"',
      ),
    ).toBe('How many jobs were created in 2004?');
    expect(checkRewrite('who mediated?', '**Who mediated the talks in Abu Dhabi?**')).toBe(
      'Who mediated the talks in Abu Dhabi?',
    );
  });

  it('refuses a rewrite that drops or changes the reader’s words, or answers instead', () => {
    expect(checkRewrite('how many drones?', 'How many missiles were launched?')).toBeUndefined();
    expect(checkRewrite('who replaced her?', 'Paul Egan replaced her.')).toBeUndefined();
    expect(checkRewrite('why?', '')).toBeUndefined();
    expect(checkRewrite('why?', `why ${'really '.repeat(80)}?`)).toBeUndefined();
  });

  it('refuses a link or a mention the reader did not type', () => {
    expect(checkRewrite('who won?', 'who won? see https://evil.example/x')).toBeUndefined();
    expect(checkRewrite('who won?', 'who won @everyone?')).toBeUndefined();
    expect(checkRewrite('who won?', 'who won <@123456789012345678>?')).toBeUndefined();
  });
});
