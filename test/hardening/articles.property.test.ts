import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { findArticle } from '../../src/answer/findArticle.js';
import { pageSource } from '../../src/answer/pageSource.js';
import { summarizeArticle } from '../../src/answer/summarizeArticle.js';
import { decodeText } from '../../src/corpus/decodeText.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { parseFrontMatter } from '../../src/corpus/parseFrontMatter.js';
import { splitPassages } from '../../src/corpus/splitPassages.js';
import { LIMITS } from '../../src/discord/discordLimits.js';
import { renderSourcePage, SOURCE_PAGE_CHARS } from '../../src/discord/renderSourcePage.js';
import { renderSummaryEmbed } from '../../src/discord/renderSummaryEmbed.js';
import { PassageIndex } from '../../src/search/PassageIndex.js';

const SEED = 20261124;
const BYTES_RUNS = 3000;
const FOLDER_RUNS = 40;

/** Text that looks like an article, in any script, with Markdown and mentions mixed in. */
const articleText = fc
  .tuple(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
    fc.array(
      fc.oneof(
        fc.lorem({ mode: 'sentences', maxCount: 5 }),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.constantFrom('@everyone *bold* <@123>', '# Not a heading', '---'),
      ),
      {
        maxLength: 8,
      },
    ),
  )
  .map(([title, paragraphs]) => `${title}\n\n${paragraphs.join('\n\n')}\n`);

/** The bytes of any file someone might drop into the articles folder. */
const fileBytes = fc.oneof(
  articleText.map((text) => new TextEncoder().encode(text)),
  articleText.map((text) =>
    Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text.replace(/\n/g, '\r\n'))]),
  ),
  fc.uint8Array({ maxLength: 3000 }),
  fc
    .uint8Array({ maxLength: 3000 })
    .map((bytes) =>
      Uint8Array.from([...new TextEncoder().encode('Headline\n\nBody '), 0xc3, 0x28, ...bytes]),
    ),
  fc.constant(new Uint8Array(0)),
  articleText.map((text) => new TextEncoder().encode(`---\ntitle: [broken\n---\n${text}`)),
);

describe('any bytes as an article file', () => {
  it(`decode and split without an exception, every offset pointing at its text (${BYTES_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fileBytes, (bytes) => {
        const decoded = decodeText(bytes);
        if (!decoded.ok) {
          expect(decoded.reason).toMatch(
            /^(the file is empty|the file has no text|it looks like a binary file, not text)$/,
          );
          return;
        }
        expect(decoded.text).not.toContain('\r');
        const front = parseFrontMatter(decoded.text);
        const split = splitPassages(front.body, {
          headlineFromFirstLine: front.title === undefined,
        });
        for (const paragraph of split.paragraphs) {
          expect(front.body.slice(paragraph.start, paragraph.end)).toBe(paragraph.text);
          for (const sentence of paragraph.sentences) {
            expect(front.body.slice(sentence.start, sentence.end)).toBe(sentence.text);
            expect(sentence.text.length).toBeLessThanOrEqual(600);
          }
        }
      }),
      { seed: SEED, numRuns: BYTES_RUNS },
    );
  });
});

/** A file name with spaces, accents, scripts and emoji. */
const fileName = fc
  .tuple(
    fc.constantFrom('report', 'Ünïcödé', 'новости', '日本語', 'with spaces', 'emoji 🙂', 'a-b_c.d'),
    fc.nat(999),
  )
  .map(([base, n]) => `${base} ${n}`);

describe('any folder of articles', () => {
  let outside: string;
  beforeAll(async () => {
    outside = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-outside-'));
    await writeFile(path.join(outside, 'secret.txt'), 'Secret\n\nOutside the folder.\n');
  });
  afterAll(async () => {
    await rm(outside, { recursive: true, force: true });
  });

  it(`loads every usable file, reports every other one by name, and serves only loaded articles (${FOLDER_RUNS} folders)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.tuple(fileName, fc.constantFrom('.txt', '.md'), fileBytes, fc.boolean()),
          { minLength: 1, maxLength: 8, selector: ([name]) => name },
        ),
        fc.boolean(),
        async (files, withLink) => {
          const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-prop-'));
          try {
            const expected = new Map<string, boolean>();
            for (const [name, extension, bytes, nested] of files) {
              const relative = nested ? `sub dir/${name}${extension}` : `${name}${extension}`;
              await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
              await writeFile(path.join(dir, relative), bytes);
              expected.set(relative, decodeText(bytes).ok);
            }
            if (withLink)
              await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));

            const corpus = await loadCorpus(dir);
            const loaded = new Set(corpus.articles.map((a) => a.path));
            const skipped = new Set(corpus.skipped.map((s) => s.path));
            for (const [relative, usable] of expected) {
              if (usable)
                expect(loaded.has(relative) || skipped.has(relative), relative).toBe(true);
              else expect(skipped.has(relative), relative).toBe(true);
              if (!usable) expect(loaded.has(relative)).toBe(false);
            }
            expect(loaded.size + skipped.size).toBe(expected.size + (withLink ? 1 : 0));
            if (withLink) expect(skipped.has('link.txt')).toBe(true);
            expect(JSON.stringify(corpus.articles)).not.toContain('Outside the folder');

            const index = new PassageIndex(corpus);
            for (const article of corpus.articles) {
              expect(findArticle(corpus.articles, article.id)).toMatchObject({
                found: true,
                article,
              });
              const summary = renderSummaryEmbed(summarizeArticle(index, article)).embeds[0];
              expect(summary?.description?.length ?? 0).toBeLessThanOrEqual(
                LIMITS.embedDescription,
              );
              const pages = pageSource(article, SOURCE_PAGE_CHARS);
              const page = renderSourcePage(article, pages, pages.length, '1').embeds[0];
              expect(page?.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
              expect(page?.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
            }
            answerQuestion(index, corpus.articles[0]?.title ?? 'anything');
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { seed: SEED, numRuns: FOLDER_RUNS },
    );
  });
});

describe('extreme article files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-extreme-'));
    await writeFile(path.join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'News text. '));
    await writeFile(
      path.join(dir, 'lines.txt'),
      Array.from({ length: 100_000 }, (_, i) => `Line ${i} of the wire feed.`).join('\n'),
    );
    await writeFile(
      path.join(dir, 'long title.txt'),
      `${'Headline '.repeat(1250)}\n\nA short body that follows the very long first line.\n`,
    );
    await writeFile(path.join(dir, 'ok.txt'), 'Normal story\n\nThe normal story still loads.\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skips a 50 MB file by name and loads the rest, including a 100,000-line file and a 10,000-character first line', async () => {
    const corpus = await loadCorpus(dir);
    expect(corpus.skipped).toEqual([
      { path: 'huge.txt', reason: 'it is larger than the 5.0 MB limit (50.0 MB)' },
    ]);
    expect(corpus.articles.map((a) => a.id).sort()).toEqual(['lines', 'long title', 'ok']);
    const longTitle = corpus.articles.find((a) => a.id === 'long title');
    expect(longTitle?.title).toBe('long title');
    const index = new PassageIndex(corpus);
    const answer = answerQuestion(index, 'What does line 99999 of the wire feed say?');
    expect(answer.found).toBe(true);
    const lines = corpus.articles.find((a) => a.id === 'lines');
    const pages = pageSource(lines as NonNullable<typeof lines>, SOURCE_PAGE_CHARS);
    expect(pages.length).toBeGreaterThan(500);
    expect(
      renderSourcePage(lines as NonNullable<typeof lines>, pages, 200, '1').embeds[0]?.description
        ?.length,
    ).toBeLessThanOrEqual(LIMITS.embedDescription);
  });
});
