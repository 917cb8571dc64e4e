import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Corpus } from '../../src/corpus/types.js';
import { fixturesDir, newsroomDir } from '../helpers.js';

describe('loadCorpus', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await loadCorpus(fixturesDir);
  });
  const article = (id: string) => corpus.articles.find((a) => a.id === id);

  it('loads .txt and .md files recursively with /-separated ids, sorted, hidden files left out', () => {
    expect(corpus.articles.map((a) => a.id)).toEqual([
      'bad-front-matter',
      'bom-crlf',
      'front-matter',
      'latin1',
      'nested/deeper/rail-strike',
      'utf16',
    ]);
  });

  it('reads a UTF-8 file with a byte-order mark and CRLF line endings', () => {
    const a = article('bom-crlf');
    expect(a?.title).toBe('Harbour bridge reopens after repairs');
    expect(a?.text).not.toContain('\r');
    expect(a?.paragraphs[0]?.text).toContain('£2.4m');
  });

  it('decodes a Latin-1 file instead of dropping it, and says so', () => {
    expect(article('latin1')?.paragraphs[0]?.text).toContain('fined £15,000');
    expect(corpus.warnings).toContainEqual({
      path: 'latin1.txt',
      message: 'it is not UTF-8; read it as Windows-1252',
    });
  });

  it('reads a UTF-16 file', () => {
    expect(article('utf16')?.title).toBe('Library extends opening hours');
  });

  it('takes the title and metadata from front matter', () => {
    const a = article('front-matter');
    expect(a?.title).toBe('Council approves new cycle lanes');
    expect(a?.metadata).toEqual({
      url: 'https://example.org/news/cycle-lanes',
      published: '2005-02-12',
      source: 'Example Gazette',
      author: 'Jo Reporter',
    });
    expect(a?.paragraphs[0]?.text).toMatch(/^The council voted 31 to 12/);
  });

  it('keeps an article whose front matter is invalid, titled by its first line, with a warning', () => {
    expect(article('bad-front-matter')?.title).toBe('Ferry timetable changes');
    expect(corpus.warnings.find((w) => w.path === 'bad-front-matter.md')?.message).toMatch(
      /front matter/,
    );
  });

  it('skips empty, blank and binary files, naming each with a reason', () => {
    expect(corpus.skipped).toEqual([
      { path: 'binary.txt', reason: 'it looks like a binary file, not text' },
      { path: 'blank.txt', reason: 'the file has no text' },
      { path: 'empty.txt', reason: 'the file is empty' },
    ]);
  });

  it('skips files over the size cap and keeps the rest', async () => {
    const small = await loadCorpus(fixturesDir, { maxFileBytes: 200 });
    expect(small.skipped.map((s) => s.path)).toEqual(
      expect.arrayContaining(['bom-crlf.txt', 'front-matter.md']),
    );
    expect(small.skipped.find((s) => s.path === 'front-matter.md')?.reason).toMatch(
      /larger than the 200 bytes limit/,
    );
    expect(small.articles.map((a) => a.id)).toContain('latin1');
  });

  it('skips a file that cannot be read and loads the others', async () => {
    const result = await loadCorpus(fixturesDir, {
      readFile: async (file) => {
        if (file.endsWith('latin1.txt')) throw Object.assign(new Error('EIO'), { code: 'EIO' });
        const { readFile } = await import('node:fs/promises');
        return readFile(file);
      },
    });
    expect(result.skipped).toContainEqual({
      path: 'latin1.txt',
      reason: 'the file could not be read',
    });
    expect(result.articles).toHaveLength(5);
  });

  it('rejects when the folder itself does not exist', async () => {
    await expect(loadCorpus(path.join(fixturesDir, 'missing'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  describe('with links', () => {
    let dir: string;
    let outside: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-links-'));
      outside = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-outside-'));
      await writeFile(path.join(outside, 'secret.txt'), 'Secret\n\nDo not load this.\n');
      await mkdir(path.join(dir, 'real'));
      await writeFile(path.join(dir, 'real', 'story.txt'), 'Story\n\nA real story.\n');
      await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'escape.txt'));
      await symlink(path.join(dir, 'real', 'story.txt'), path.join(dir, 'alias.txt'));
      await symlink(path.join(dir, 'gone.txt'), path.join(dir, 'dangling.txt'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    });

    it('does not follow links that leave the folder, but follows links to files inside it', async () => {
      const result = await loadCorpus(dir);
      expect(result.articles.map((a) => a.id)).toEqual(['alias', 'real/story']);
      expect(result.skipped.map((s) => s.path).sort()).toEqual(['dangling.txt', 'escape.txt']);
      expect(JSON.stringify(result.articles)).not.toContain('Do not load this');
    });
  });

  it('lets the event loop run while a large folder loads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-many-'));
    try {
      const text = `Ferry timetable changes\n\n${'The island ferry will sail twice a day. '.repeat(40)}\n`;
      await Promise.all(
        Array.from({ length: 3000 }, (_, i) => writeFile(path.join(dir, `a${i}.txt`), text)),
      );
      // The longest the event loop waited between two timer ticks, next to the whole load:
      // without turns it would wait for nearly all of the reading.
      let last = performance.now();
      let longestWait = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longestWait = Math.max(longestWait, now - last);
        last = now;
      }, 1);
      const started = performance.now();
      const loaded = await loadCorpus(dir);
      const finished = performance.now();
      clearInterval(timer);
      const took = finished - started;
      longestWait = Math.max(longestWait, finished - last);
      expect(loaded.articles).toHaveLength(3000);
      expect(longestWait).toBeLessThan(took / 3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads a folder of topic folders, plain and front-matter files alike', async () => {
    const newsroom = await loadCorpus(newsroomDir);
    expect(newsroom.articles).toHaveLength(30);
    expect(newsroom.skipped).toEqual([]);
    expect(newsroom.warnings).toEqual([]);
    const topics = new Set(newsroom.articles.map((a) => a.id.split('/')[0]));
    expect([...topics].sort()).toEqual(['business', 'culture', 'politics', 'sport', 'tech']);
    const plain = newsroom.articles.find((a) => a.id === 'sport/tennis-open-title');
    expect(plain?.title).toBe('Marta Lindqvist wins Harbour Open tennis title');
    expect(plain?.metadata).toEqual({});
    const dated = newsroom.articles.find((a) => a.id === 'politics/council-tax-rise');
    expect(dated?.title).toBe('Harwick council votes for 4.9% council tax rise');
    expect(dated?.metadata).toMatchObject({ published: '2025-02-20', author: 'Sam Ridley' });
    expect(dated?.text.startsWith('Harwick council voted on Thursday')).toBe(true);
  });
});
