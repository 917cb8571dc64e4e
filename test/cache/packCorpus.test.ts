import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packCorpus, unpackCorpus } from '../../src/cache/packCorpus.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { fixturesDir, newsroomDir } from '../helpers.js';

describe('packCorpus', () => {
  it('gives back exactly the corpus it packed, for real and awkward articles alike', async () => {
    for (const dir of [newsroomDir, fixturesDir, path.join(fixturesDir, '../dated')]) {
      const corpus = await loadCorpus(dir);
      const saved = JSON.parse(JSON.stringify(packCorpus(corpus)));
      expect(unpackCorpus(saved)).toEqual(corpus);
    }
  });

  it('keeps each article text once', async () => {
    const corpus = await loadCorpus(newsroomDir);
    const packed = JSON.stringify(packCorpus(corpus)).length;
    expect(packed).toBeLessThan(JSON.stringify(corpus).length / 2);
  });
});
