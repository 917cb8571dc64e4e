import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitPassages } from '../../src/corpus/splitPassages.js';
import { seedsDir } from '../helpers.js';

const seed = readFileSync(path.join(seedsDir, 'ukraine-russia-talks-abu-dhabi.txt'), 'utf8');

describe('splitPassages', () => {
  it('takes the first line as the headline and numbers the paragraphs after it', () => {
    const { headline, paragraphs } = splitPassages(seed, { headlineFromFirstLine: true });
    expect(headline).toBe('Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes');
    expect(paragraphs.map((p) => p.number)).toEqual(paragraphs.map((_, i) => i + 1));
    expect(paragraphs[0]?.text).toBe('Ukraine-Russia Talks Resume After Massive Missile Attacks');
  });

  it('marks one-line paragraphs without final punctuation as headings with no sentences', () => {
    const { paragraphs } = splitPassages(seed, { headlineFromFirstLine: true });
    const headings = paragraphs.filter((p) => p.kind === 'heading').map((p) => p.text);
    expect(headings).toContain('Escalating Violence Undermines Negotiations');
    expect(headings).toContain('Potential Consequences for Ceasefire Violations');
    for (const p of paragraphs.filter((p) => p.kind === 'heading')) expect(p.sentences).toEqual([]);
  });

  it('gives each body paragraph the heading above it as context', () => {
    const { paragraphs } = splitPassages(seed, { headlineFromFirstLine: true });
    const missiles = paragraphs.find((p) => p.text.includes('71 ballistic missiles'));
    expect(missiles?.heading).toBe('Escalating Violence Undermines Negotiations');
  });

  it('keeps offsets that point at the exact paragraph and sentence text', () => {
    const { paragraphs } = splitPassages(seed, { headlineFromFirstLine: true });
    for (const p of paragraphs) {
      expect(seed.slice(p.start, p.end)).toBe(p.text);
      for (const s of p.sentences) expect(seed.slice(s.start, s.end)).toBe(s.text);
    }
    expect(paragraphs.flatMap((p) => p.sentences).length).toBe(15);
  });

  it('keeps a first line too long for a headline as a paragraph', () => {
    const text = `${'A very long opening line that runs on. '.repeat(10)}\n\nSecond paragraph.`;
    const result = splitPassages(text, { headlineFromFirstLine: true });
    expect(result.headline).toBeUndefined();
    expect(result.paragraphs).toHaveLength(2);
  });

  it('treats every block as a paragraph when the headline comes from elsewhere', () => {
    const result = splitPassages('First paragraph here.\n\n\n\nSecond one.', {
      headlineFromFirstLine: false,
    });
    expect(result.headline).toBeUndefined();
    expect(result.paragraphs.map((p) => p.text)).toEqual(['First paragraph here.', 'Second one.']);
  });
});
