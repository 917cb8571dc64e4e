import { beforeAll, describe, expect, it } from 'vitest';
import { pageSource } from '../../src/answer/pageSource.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Article } from '../../src/corpus/types.js';
import { seedsDir } from '../helpers.js';

function articleOf(text: string): Article {
  return { id: 'x', path: 'x.txt', title: 'X', metadata: {}, text, paragraphs: [] };
}

describe('pageSource', () => {
  let seed: Article;
  beforeAll(async () => {
    seed = (await loadCorpus(seedsDir)).articles[0] as Article;
  });

  it('returns a short article as one page, headline included', () => {
    const pages = pageSource(seed);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.text).toBe(seed.text.trim());
  });

  it('breaks long text between paragraphs, every page within the limit, nothing lost', () => {
    const pages = pageSource(seed, 800);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      expect(page.text.length).toBeLessThanOrEqual(800);
      expect(seed.text.slice(page.start, page.end).trim()).toBe(page.text);
    }
    expect(pages.map((p) => p.number)).toEqual(pages.map((_, i) => i + 1));
    expect(pages.map((p) => p.text).join('\n\n')).toBe(seed.text.trim());
  });

  it('breaks a paragraph longer than a page between sentences, and a sentence between words', () => {
    const sentence = 'This sentence is about forty characters. ';
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const text = `Headline\n\n${sentence.repeat(20)}\n\n${words}`;
    const pages = pageSource(articleOf(text), 200);
    for (const page of pages) expect(page.text.length).toBeLessThanOrEqual(200);
    expect(
      pages
        .map((p) => p.text)
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(text.replace(/\s+/g, ' ').trim());
  });
});
