import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { OPERATOR } from '../../src/corpus/collections.js';
import {
  articleChoices,
  resolveArticleOption,
  unknownArticleMessage,
} from '../../src/discord/articleOption.js';
import { LIMITS } from '../../src/discord/discordLimits.js';
import { renderAnswerEmbed } from '../../src/discord/renderAnswerEmbed.js';
import { renderAnswerJson } from '../../src/render/renderJson.js';
import { renderAnswerText } from '../../src/render/renderText.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { memoryArticleStore } from '../../src/store/memoryArticleStore.js';
import { fixturesDir, indexFolder } from '../helpers.js';

/** Fixed, so a failure can be replayed; fast-check prints it with the failing case. */
const SEED = 20261124;
const QUESTION_RUNS = 4000;

const HOSTILE = [
  '',
  '   ',
  '\t\n\r',
  '?!?...;;',
  '🙂🙃🤔🔥',
  '@everyone',
  '@here what happened?',
  '<@123456789012345678> how many drones?',
  '<@&123456789012345678> <#123456789012345678>',
  '```js\nconsole.log("drones")\n```',
  '**bold** __under__ ~~strike~~ ||spoiler|| > quote # heading',
  '../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\system32',
  "'; DROP TABLE articles; --",
  '" OR 1=1 --',
  '.*(a+)+$',
  '(?<=x)\\k<y>[[:alpha:]]',
  '\u200b\u200c\u200d\u2060\ufeff',
  'مرحبا، كم عدد الطائرات المسيرة؟',
  'כמה טילים שוגרו?',
  '\u202eDetaerc si sdnuor\u202c',
  '𝕳𝖔𝖜 𝖒𝖆𝖓𝖞 𝖉𝖗𝖔𝖓𝖊𝖘?',
  '\ud800 lone surrogate \udfff',
  'Zalgo t̷̢̛e̵̡x̶̧t̸̨',
];

/** Questions of every kind people paste into a chat, and worse. */
const questionArbitrary = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'binary', minLength: 300, maxLength: 300 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...HOSTILE),
        fc.constantFrom(
          'drones',
          'missiles',
          'Abu Dhabi',
          'cycle lanes',
          'harbour',
          'fined £15,000',
          'latest',
          'yesterday',
          'in March 2005',
          'since January',
          'from 1 Feb 2005 to',
          'before 2005',
          'in the last 3 days',
          'on 12',
        ),
      ),
      {
        maxLength: 25,
      },
    )
    .map((words) => words.join(' ')),
);

function embedSize(embed: {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0)
  );
}

describe('any question, however hostile', () => {
  let index: PassageIndex;
  beforeAll(async () => {
    index = await indexFolder(fixturesDir);
  });

  it(`is answered without an exception, within Discord's limits, with mentions defused (${QUESTION_RUNS} cases)`, () => {
    fc.assert(
      fc.property(questionArbitrary, (question) => {
        const answer = answerQuestion(index, question);
        const { embeds, components } = renderAnswerEmbed(answer);
        expect(embeds).toHaveLength(1);
        const embed = embeds[0] ?? {};
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
        for (const field of embed.fields ?? [])
          expect(field.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
        expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
        for (const row of components) {
          for (const button of row.components)
            expect(JSON.stringify(button).length).toBeLessThan(400);
        }
        const shown = JSON.stringify(embed);
        expect(shown).not.toMatch(/@(everyone|here)/);
        expect(shown).not.toMatch(/<[@#][!&]?\d+>/);
        expect(renderAnswerText(answer)).toEqual(expect.any(String));
        expect(JSON.parse(JSON.stringify(renderAnswerJson(answer, 'id')))).toMatchObject({
          id: 'id',
          found: answer.found,
        });
      }),
      { seed: SEED, numRuns: QUESTION_RUNS },
    );
  });

  it('of 100,000 characters is answered too', () => {
    for (const question of [
      'drones '.repeat(15_000),
      'x'.repeat(100_000),
      '@everyone '.repeat(10_000),
      'since in on from between March 2005 to '.repeat(3_000),
    ]) {
      const answer = answerQuestion(index, question);
      expect(renderAnswerEmbed(answer).embeds[0]?.title?.length).toBeLessThanOrEqual(
        LIMITS.embedTitle,
      );
    }
  });

  it(`never names an article outside the index when used as an article name (${QUESTION_RUNS} cases)`, async () => {
    const loaded = new Set(index.corpus.articles);
    const store = memoryArticleStore(() => index);
    await fc.assert(
      fc.asyncProperty(questionArbitrary, async (reference) => {
        const resolved = await resolveArticleOption(store, OPERATOR, reference);
        if (resolved.found) expect(loaded.has(resolved.article)).toBe(true);
        else
          for (const suggestion of resolved.suggestions) expect(loaded.has(suggestion)).toBe(true);
        const message = unknownArticleMessage(reference, []);
        expect(message.length).toBeLessThan(LIMITS.content);
        expect(message).not.toMatch(/@(everyone|here)|<[@#][!&]?\d+>/);
        const choices = articleChoices(await store.suggest(reference, OPERATOR, LIMITS.choices));
        expect(choices.length).toBeLessThanOrEqual(LIMITS.choices);
        for (const choice of choices) {
          expect(choice.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
          expect(choice.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
        }
      }),
      { seed: SEED, numRuns: QUESTION_RUNS },
    );
  });
});
