import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../src/console/parseConsoleLine.js';

describe('parseConsoleLine', () => {
  it('treats a line without a slash as a question', () => {
    expect(parseConsoleLine('  Where are the talks?  ')).toEqual({
      name: 'ask',
      question: 'Where are the talks?',
    });
  });

  it('reads every command', () => {
    expect(parseConsoleLine('/ask How many drones?')).toEqual({
      name: 'ask',
      question: 'How many drones?',
    });
    expect(parseConsoleLine('/summary')).toEqual({ name: 'summary' });
    expect(parseConsoleLine('/summary politics/001')).toEqual({
      name: 'summary',
      article: 'politics/001',
    });
    expect(parseConsoleLine('/summary politics/001 long')).toEqual({
      name: 'summary',
      article: 'politics/001',
      length: 'long',
    });
    expect(parseConsoleLine('/summary short')).toEqual({ name: 'summary', length: 'short' });
    expect(parseConsoleLine('/source Cycle lanes 2')).toEqual({
      name: 'source',
      article: 'Cycle lanes',
      page: 2,
    });
    expect(parseConsoleLine('/source 2005 budget')).toEqual({
      name: 'source',
      article: '2005 budget',
      page: 1,
    });
    expect(parseConsoleLine('/ARTICLES')).toEqual({ name: 'articles' });
    expect(parseConsoleLine('/help')).toEqual({ name: 'help' });
    expect(parseConsoleLine('/add  https://example.org/news/a ')).toEqual({
      name: 'add',
      url: 'https://example.org/news/a',
    });
    expect(parseConsoleLine('/quit')).toEqual({ name: 'quit' });
    expect(parseConsoleLine('')).toEqual({ name: 'empty' });
    expect(parseConsoleLine('/dance now')).toEqual({ name: 'unknown', typed: '/dance' });
  });
});
