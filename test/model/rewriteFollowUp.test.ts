import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/model/CircuitBreaker.js';
import { createModelClient } from '../../src/model/callModel.js';
import { ModelAllowance } from '../../src/model/ModelAllowance.js';
import { checkRewrite, modelRewriter } from '../../src/model/rewriteFollowUp.js';
import { startLoopbackModel } from './loopbackModel.js';

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

  it('asks the model with the earlier questions only, counts its tokens, and stops at the budget', async () => {
    const model = await startLoopbackModel(() => ({ text: 'who replaced Claire Dunmore, her?' }));
    try {
      const client = createModelClient({
        baseUrl: model.baseUrl,
        model: 'loopback-1',
        timeoutMs: 2000,
        maxAnswerTokens: 60,
      });
      const allowance = new ModelAllowance({ userPerHour: 10, serverPerHour: 10, dailyTokens: 1 });
      const rewrite = modelRewriter(client, new CircuitBreaker(), allowance);
      const before = [
        {
          question: 'why did she go?',
          standalone: 'Why did Claire Dunmore resign?',
          subjects: [],
          articleIds: [],
        },
      ];
      expect(await rewrite('who replaced her?', before)).toBe('who replaced Claire Dunmore, her?');
      expect(model.requests).toHaveLength(1);
      const sent = model.requests[0]?.body.messages.map((m) => m.content).join('\n') ?? '';
      expect(sent).toContain('1. Why did Claire Dunmore resign?');
      expect(sent).not.toContain('Passages');
      expect(await allowance.spentToday()).toBeGreaterThan(0);
      expect(await rewrite('who replaced her?', before)).toBeUndefined();
      expect(model.requests).toHaveLength(1);
    } finally {
      await model.close();
    }
  });
});
