import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { digestArticles } from '../../src/answer/digestArticles.js';
import { pageSource } from '../../src/answer/pageSource.js';
import type { Answer } from '../../src/answer/types.js';
import { OPERATOR } from '../../src/corpus/collections.js';
import type { Article } from '../../src/corpus/types.js';
import { cut, LIMITS } from '../../src/discord/discordLimits.js';
import { escapeText, formatQuotedSentences } from '../../src/discord/formatText.js';
import { readListPage } from '../../src/discord/readListPage.js';
import { renderAnswerEmbed } from '../../src/discord/renderAnswerEmbed.js';
import {
  renderSourcePage,
  SOURCE_PAGE_CHARS,
  sourceFileName,
} from '../../src/discord/renderSourcePage.js';
import { renderStatsEmbed } from '../../src/discord/renderStatsEmbed.js';
import { DIGEST_PAGE_SIZE, renderDigestPage } from '../../src/discord/renderSummaryEmbed.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { memoryArticleStore } from '../../src/store/memoryArticleStore.js';
import { indexFolder, newsroomDir, seedsDir } from '../helpers.js';

function hostileArticle(text: string): Article {
  return {
    id: 'hostile/one',
    path: 'hostile/one.txt',
    title: `**Bold** @everyone ${'x'.repeat(400)}`,
    metadata: { url: 'https://example.org/a' },
    text,
    paragraphs: [],
  };
}

describe('cut', () => {
  it('keeps short text and ends cut text with an ellipsis within the limit', () => {
    expect(cut('short', 10)).toBe('short');
    expect(cut('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(cut('a'.repeat(20), 10)).toHaveLength(10);
  });
});

describe('escapeText', () => {
  it('shows Markdown as written and defuses mentions', () => {
    expect(escapeText('*stars* _under_ `code` ~~strike~~ ||spoiler||')).toBe(
      '\\*stars\\* \\_under\\_ \\`code\\` \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\|',
    );
    expect(escapeText('@everyone and @here')).toBe('@\u200beveryone and @\u200bhere');
    expect(escapeText('<@123456789012345678> <@&2> <#3>')).toBe(
      '\\<@123456789012345678\\> \\<@&2\\> \\<#3\\>',
    );
    expect(escapeText('# Heading\n> quote\n- item\n1. first\n[link](https://x.y)')).toBe(
      '\\# Heading\n\\> quote\n\\- item\n1\\. first\n\\[link\\]\\(https://x.y\\)',
    );
  });
});

describe('formatQuotedSentences', () => {
  it('bolds key phrases, escapes the rest and marks cuts', () => {
    const text = formatQuotedSentences([
      {
        text: 'It cost *£5m* in 2005',
        start: 0,
        end: 21,
        citation: 1,
        cutBefore: true,
        keyPhrases: [{ start: 17, end: 21 }],
      },
    ]);
    expect(text).toBe('…It cost \\*£5m\\* in **2005** [1]');
  });
});

describe('renderAnswerEmbed', () => {
  let seed: PassageIndex;
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
  });

  it('stays within every embed and button limit, even for a huge question and long headlines', () => {
    const answer = answerQuestion(seed, 'How many ballistic missiles were launched?');
    const long: Answer = {
      ...answer,
      question: `${'why '.repeat(2000)}?`,
      citations: answer.citations.map((c) => ({ ...c, title: 'T'.repeat(2000) })),
    };
    const { embeds, components } = renderAnswerEmbed(long);
    const embed = embeds[0];
    expect(embed?.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed?.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    for (const field of embed?.fields ?? [])
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
      (embed?.footer?.text.length ?? 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const row of components) {
      expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
      for (const button of row.components) {
        expect((button as { label: string }).label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
        expect((button as { custom_id: string }).custom_id.length).toBeLessThanOrEqual(
          LIMITS.customId,
        );
      }
    }
  });

  it('links a source to its article when the article has a url', () => {
    const answer = answerQuestion(seed, 'How many ballistic missiles were launched?');
    const linked: Answer = {
      ...answer,
      citations: answer.citations.map((c) => ({ ...c, url: 'https://example.org/talks' })),
    };
    expect(renderAnswerEmbed(linked).embeds[0]?.fields?.[0]?.value).toMatch(
      /^\[1\] \[Second Round.*\]\(https:\/\/example\.org\/talks\) — paragraph 5/,
    );
  });

  it('words a hedged answer as unsure', () => {
    const answer = answerQuestion(seed, 'How many ballistic missiles were launched?');
    expect(renderAnswerEmbed({ ...answer, hedged: true }).embeds[0]?.description).toMatch(
      /^I'm not sure, but the closest passage says: /,
    );
  });
});

describe('renderSourcePage', () => {
  it('pages a long hostile article within the limits, text escaped, page buttons only when there are pages', () => {
    const paragraph = `*${'word '.repeat(150)}* @everyone <@1>`;
    const text = Array.from({ length: 40 }, () => paragraph).join('\n\n');
    const article = hostileArticle(text);
    const pages = pageSource(article, SOURCE_PAGE_CHARS);
    expect(pages.length).toBeGreaterThan(5);
    for (let page = 1; page <= pages.length; page++) {
      const { embeds, components } = renderSourcePage(article, pages, page, '42');
      expect(embeds[0]?.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(embeds[0]?.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(embeds[0]?.description).not.toMatch(/(^|[^\\])\*/);
      expect(embeds[0]?.description).not.toContain('@everyone');
      expect(embeds[0]?.footer?.text).toBe(`Page ${page} of ${pages.length} · hostile/one`);
      const [previous, next] = components[0]?.components ?? [];
      expect(previous?.disabled).toBe(page === 1);
      expect(next?.disabled).toBe(page === pages.length);
      expect((next as { custom_id: string } | undefined)?.custom_id.length).toBeLessThanOrEqual(
        LIMITS.customId,
      );
    }
    const single = hostileArticle('Short.');
    const [row] = renderSourcePage(
      single,
      pageSource(single, SOURCE_PAGE_CHARS),
      1,
      '42',
    ).components;
    expect(row?.components.map((b) => (b as { label?: string }).label)).toEqual([
      'Related stories',
    ]);
  });

  it('names the attachment safely', () => {
    expect(sourceFileName(hostileArticle(''))).toBe('hostile-one.txt');
    expect(sourceFileName({ ...hostileArticle(''), id: '../../etc/passwd' })).toBe(
      'etc-passwd.txt',
    );
  });
});

describe('renderDigestPage', () => {
  it('shows ten articles a page within the limits, and clamps out-of-range pages', async () => {
    const newsroom = await indexFolder(newsroomDir);
    const store = memoryArticleStore(() => newsroom);
    const render = async (page: number) => {
      const read = await readListPage(store, OPERATOR, {}, page, DIGEST_PAGE_SIZE);
      if (!read.ok) throw new Error(read.message);
      return renderDigestPage(digestArticles(read.list.articles), read.list, '42');
    };
    const last = Math.ceil(newsroom.corpus.articles.length / DIGEST_PAGE_SIZE);
    const page = await render(999);
    expect(page.embeds[0]?.footer?.text).toMatch(new RegExp(`^Page ${last} of ${last}`));
    for (const n of [1, 2, last]) {
      const { embeds } = await render(n);
      expect(embeds[0]?.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    }
    expect((await render(1)).embeds[0]?.description?.split('\n\n')).toHaveLength(DIGEST_PAGE_SIZE);
  });
});

describe('renderStatsEmbed', () => {
  const summary = {
    upVotes: 3,
    downVotes: 1,
    unanswered: 0,
    lowConfidence: 0,
    gaps: [],
    downVoted: [],
  } as unknown as Parameters<typeof renderStatsEmbed>[0];

  it('says how far the bot reaches across shards and processes, live', () => {
    const text = (reach?: Parameters<typeof renderStatsEmbed>[1]) =>
      renderStatsEmbed(summary, reach).footer?.text;
    expect(text({ servers: 1, shards: 1, processes: 1, worstPingMs: 42 })).toBe(
      'In 1 server · ping 42 ms · Only people who can manage this server see this.',
    );
    expect(text({ servers: 2600, shards: 4, processes: 2, worstPingMs: 86.5 })).toBe(
      'In 2600 servers · 4 shards in 2 processes · ping 87 ms · Only people who can manage this server see this.',
    );
    expect(text()).toBe('Only people who can manage this server see this.');
  });
});
