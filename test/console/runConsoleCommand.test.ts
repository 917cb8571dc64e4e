import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quotedAsk } from '../../src/answer/Ask.js';
import { parseConsoleLine } from '../../src/console/parseConsoleLine.js';
import {
  type ConsoleConversation,
  runConsoleCommand,
} from '../../src/console/runConsoleCommand.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { memoryArchive } from '../../src/store/Archive.js';
import { fixturesDir, indexFolder, newsroomDir, seedsDir } from '../helpers.js';

/** The console over an index in memory, answering quoted: the folder mode. */
const runOn = (index: PassageIndex, line: string, conversation?: ConsoleConversation) =>
  runConsoleCommand(
    memoryArchive(() => index),
    parseConsoleLine(line),
    quotedAsk(() => index),
    conversation,
  );

describe('runConsoleCommand on dated articles', () => {
  let dated: PassageIndex;
  const run = (line: string) => runOn(dated, line);
  beforeAll(async () => {
    dated = await indexFolder(path.join(fixturesDir, '../dated'));
  });

  it('lists the articles newest first, dated ones before undated ones', async () => {
    const lines = (await run('/articles')).split('\n');
    expect(lines[0]).toBe('harbour-bridge-opens  15 Mar 2005  Harbour bridge opens to traffic');
    expect(lines[1]).toBe('rail-strike-ends  14 Mar 2005  Rail dispute settled with new pay deal');
    expect(lines.at(-1)).toMatch(/^(bad-date|museum-reopens) {2}[A-Z]/);
  });

  it('keeps /articles and the /summary digest to the dates asked for', async () => {
    expect(await run('/articles from 1 Jan 2005 to 2005-02-28')).toBe(
      [
        '2 articles published from 1 Jan 2005 to 28 Feb 2005:',
        'rail-strike-talks  3 Feb 2005  Talks to avert rail strike break down',
        'rail-strike-called  10 Jan 2005  Rail drivers vote to strike over pay',
      ].join('\n'),
    );
    expect(await run('/summary from December 2004 to December 2004')).toMatch(
      /^1 article published in Dec 2004:\n- Council sets budget for the coming year \(council-budget, 20 Dec 2004\): The council agreed/,
    );
    expect(await run('/articles from 2006')).toBe('No articles were published since 1 Jan 2006.');
    expect(await run('/articles from someday')).toBe(
      'I can\'t read "someday" as a date. Try 2005-03-01, 1 Mar 2005 or March 2005.',
    );
  });

  it('shows related articles with their dates', async () => {
    expect(await run('/related rail-strike-called')).toMatch(
      /^Related to "Rail drivers vote to strike over pay":\n- Talks to avert rail strike break down \(rail-strike-talks, 3 Feb 2005\)/,
    );
    expect(await run('/related')).toBe(
      'Which article? Type /related followed by its id or headline.',
    );
  });

  it('says how sure an answer is and what it searched', async () => {
    expect(await run('What happened to the rail strike in February 2005?')).toMatch(
      /\nConfidence: (high|medium|low) · searched 1 article published in Feb 2005$/,
    );
  });

  it('refuses dates on a corpus without any', async () => {
    const seed = await indexFolder(seedsDir);
    expect(await runOn(seed, '/articles from March 2005')).toBe(
      "None of the articles has a publication date, so I can't pick them by date.",
    );
  });
});

describe('runConsoleCommand in a conversation', () => {
  let newsroom: PassageIndex;
  beforeAll(async () => {
    newsroom = await indexFolder(newsroomDir);
  });

  it('reads a line that follows an answer as a follow-up, and /new starts afresh', async () => {
    const conversation: ConsoleConversation = { turns: [] };
    const run = (line: string) => runOn(newsroom, line, conversation);
    const first = await run('Why did the transport minister resign?');
    expect(first).not.toMatch(/^Answering:/);
    const second = await run('who replaced her?');
    expect(second).toMatch(/^Answering: who replaced her — about .+\n/);
    expect(second).toContain('Paul Egan');
    expect(await run('/new')).toBe('New conversation: your next question stands on its own.');
    expect(conversation.turns).toEqual([]);
    const afresh = await run('who replaced her?');
    expect(afresh).not.toMatch(/^Answering:/);
    expect(afresh).not.toContain('Paul Egan');
  });
});
