import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './runCliProcess.js';

const STORY = [
  'The Harbour Bridge in Ellsmouth will close for six weeks of repairs from Monday, the city council said.',
  'About 18,000 vehicles cross the bridge each day, and drivers are told to use the ring road instead.',
  'Engineers found corrosion in two of the steel cables during an inspection last autumn.',
  'The council said buses would run every ten minutes between the two banks while the bridge is shut.',
].join('\n\n');

/** One article file with front matter, as feeds and /add write them. */
const article = (title: string, site: string, published: string, body: string) =>
  `---\ntitle: ${title}\nurl: https://${site}/news/${title.toLowerCase().replace(/\W+/g, '-')}\nsource: ${site}\npublished: ${published}\n---\n${body}\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-briefing-'));
  const files: Record<string, string> = {
    'gazette.md': article(
      'Harbour bridge to close for repairs',
      'ellsmouth-gazette.example',
      '2025-03-04T17:00:00Z',
      STORY,
    ),
    'herald.md': article(
      'Bridge shuts for six weeks',
      'harwick-herald.example',
      '2025-03-04T18:30:00Z',
      `Commuters face delays. ${STORY}`,
    ),
    'wire.md': article(
      'Ellsmouth bridge closure announced',
      'coast-wire.example',
      '2025-03-05T05:45:00Z',
      STORY.replace('the city council said', 'council officials said'),
    ),
    'marathon.md': article(
      'Kiprop breaks marathon record',
      'ellsmouth-gazette.example',
      '2025-03-04T20:00:00Z',
      'Kenyan runner Daniel Kiprop broke the course record at the Ellsmouth marathon on Sunday, finishing in 2 hours 5 minutes.\n\nHe beat the previous record by 48 seconds.',
    ),
    'old.md': article(
      'Library opens on Sundays',
      'ellsmouth-gazette.example',
      '2025-03-02T09:00:00Z',
      'The central library will open on Sundays from March, the council said.\n\nOpening hours will be from 10am to 4pm.',
    ),
    'undated.txt': 'Undated notes\n\nThis article has no date at all, so no briefing lists it.\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  runCliProcess(args, { env: { CACHE_DIR: path.join(dir, '.cache'), LOG_LEVEL: 'warn' } });

describe('cli briefing', () => {
  it('lists the day’s stories newest first, one copy-joined item per story with each source', async () => {
    const { code, stdout } = await cli([
      'briefing',
      '--seeds',
      dir,
      '--at',
      '2025-03-05T08:00',
      '--timezone',
      'Europe/Berlin',
    ]);
    expect(code).toBe(0);
    const briefing = JSON.parse(stdout);
    expect(briefing).toMatchObject({
      at: '2025-03-05T08:00:00.000+01:00',
      timezone: 'Europe/Berlin',
      from: '2025-03-04T08:00:00.000+01:00',
    });
    expect(briefing.items.map((i: { title: string }) => i.title)).toEqual([
      'Ellsmouth bridge closure announced',
      'Kiprop breaks marathon record',
    ]);
    const [bridge] = briefing.items;
    expect(bridge.articleIds).toEqual(['wire', 'herald', 'gazette']);
    expect(bridge.sources).toEqual([
      'coast-wire.example',
      'harwick-herald.example',
      'ellsmouth-gazette.example',
    ]);
    expect(bridge.citation).toEqual({ articleId: 'wire', passage: 1 });
    expect(bridge.line).toMatch(/^The Harbour Bridge in Ellsmouth will close/);
  });

  it('starts from the last briefing when given, and says what is wrong with a bad time', async () => {
    const since = JSON.parse(
      (
        await cli([
          'briefing',
          '--seeds',
          dir,
          '--at',
          '2025-03-05T08:00Z',
          '--since',
          '2025-03-04T19:00Z',
        ])
      ).stdout,
    );
    expect(since.items.map((i: { articleIds: string[] }) => i.articleIds)).toEqual([
      ['wire'],
      ['marathon'],
    ]);
    const bad = await cli(['briefing', '--seeds', dir, '--at', 'tomorrow morning']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--at must be a date and time such as 2025-03-05T08:00\./);
    const zone = await cli([
      'briefing',
      '--seeds',
      dir,
      '--at',
      '2025-03-05T08:00',
      '--timezone',
      'Mars/Base',
    ]);
    expect(zone.code).toBe(2);
  });
});
