import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/corpus/splitSentences.js';

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits on sentence-ending punctuation and trims white space', () => {
    expect(sentencesOf('  The bridge reopened. Was it safe? Yes!  ')).toEqual([
      'The bridge reopened.',
      'Was it safe?',
      'Yes!',
    ]);
  });

  it('keeps titles, initials and dotted abbreviations inside a sentence', () => {
    expect(
      sentencesOf(
        'Mr. Smith met Dr. J. R. Jones in St. Louis. He said U.S. officials paid $3.5m. It was 5 p.m. in London.',
      ),
    ).toEqual([
      'Mr. Smith met Dr. J. R. Jones in St. Louis.',
      'He said U.S. officials paid $3.5m.',
      'It was 5 p.m. in London.',
    ]);
  });

  it('keeps quoted speech with its attribution', () => {
    expect(sentencesOf('"We will not stop," he said. Talks resume today.')).toEqual([
      '"We will not stop," he said.',
      'Talks resume today.',
    ]);
  });

  it('returns offsets into the original string', () => {
    const text = 'First one.   Second one.';
    const [, second] = splitSentences(text);
    expect(second).toEqual({ start: 13, end: 24 });
  });

  it('cuts a run of text without punctuation into pieces of bounded length on word boundaries', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const pieces = sentencesOf(text);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(600);
      expect(piece).toMatch(/^word\d+( word\d+)*$/);
    }
    expect(pieces.join(' ')).toBe(text);
  });
});
