import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { relatedArticles } from '../../src/answer/relatedArticles.js';
import { canSee, collectionOf, isServerId, type Viewer } from '../../src/corpus/collections.js';
import { indexFolder, newsroomDir } from '../helpers.js';

/** A small seeded generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('collections', () => {
  it('reads an article’s collection from its path', () => {
    expect(collectionOf('servers/123456789012345678/web/site/story')).toBe('123456789012345678');
    expect(collectionOf('servers/../etc')).toBeUndefined();
    expect(collectionOf('politics/minister-resigns')).toBeUndefined();
    expect(collectionOf('serversX/1/story')).toBeUndefined();
    expect(isServerId('../x')).toBe(false);
    const server: Viewer = { guildId: '1' };
    expect(canSee(server, 'servers/1/a')).toBe(true);
    expect(canSee(server, 'servers/2/a')).toBe(false);
    expect(canSee({ guildId: null }, 'servers/1/a')).toBe(false);
    expect(canSee({ guildId: null }, 'shared-story')).toBe(true);
    expect(canSee({ all: true }, 'servers/2/a')).toBe(true);
  });

  const work: string[] = [];
  afterAll(async () => {
    for (const dir of work) await rm(dir, { recursive: true, force: true });
  });

  it('never lets an answer or a related story in one server cite another server’s article (random collections and questions)', async () => {
    const next = random(20261205);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
    const guilds = ['101', '202', '303'];
    const files: string[] = [];
    for (const topic of await readdir(newsroomDir, { withFileTypes: true }))
      if (topic.isDirectory())
        for (const file of await readdir(path.join(newsroomDir, topic.name)))
          files.push(path.join(topic.name, file));
    for (let trial = 0; trial < 12; trial++) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-collections-'));
      work.push(dir);
      // Each article goes to the shared collection or to one of three servers, at random.
      for (const file of files) {
        const owner = next() < 0.4 ? undefined : pick(guilds);
        const target = owner ? path.join(dir, 'servers', owner, file) : path.join(dir, file);
        await mkdir(path.dirname(target), { recursive: true });
        await cp(path.join(newsroomDir, file), target);
      }
      const index = await indexFolder(dir);
      const viewer: Viewer = pick([{ guildId: pick(guilds) }, { guildId: null }] as const);
      for (let q = 0; q < 15; q++) {
        // A question made of words of a random article, often another server's.
        const words = pick(index.corpus.articles).text.split(/\s+/).filter(Boolean);
        const start = Math.floor(next() * Math.max(1, words.length - 8));
        const question = `${words.slice(start, start + 3 + Math.floor(next() * 6)).join(' ')}?`;
        const answer = answerQuestion(index, question, { viewer });
        for (const citation of answer.citations)
          expect(
            canSee(viewer, citation.articleId),
            `${question} in ${JSON.stringify(viewer)}`,
          ).toBe(true);
        const article = pick(index.corpus.articles.filter((a) => canSee(viewer, a.id)));
        if (article)
          for (const related of relatedArticles(index, article, { viewer }))
            expect(canSee(viewer, related.articleId)).toBe(true);
      }
    }
  });
});
