import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, newsroomDir } from '../helpers.js';
import { runCliProcess } from './runCliProcess.js';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-cli-'));
});
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

/** Runs the JSON CLI in a child process, as scripts do with `npm run --silent cli --`. */
const cli = (args: string[], input = '', env: Record<string, string> = {}) =>
  runCliProcess(args, { input, env: { CACHE_DIR: cacheDir, ...env }, timeoutMs: 20_000 });

describe('JSON CLI', () => {
  it('ask prints one answer object with the contract fields', async () => {
    const { code, stdout } = await cli(['ask', 'How many ballistic missiles were launched?']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer).slice(0, 4)).toEqual(['question', 'found', 'answer', 'citations']);
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain('71 ballistic missiles alongside 450 drones');
    expect(answer.citations[0]).toMatchObject({
      articleId: 'ukraine-russia-talks-abu-dhabi',
      title: 'Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes',
      passage: 5,
    });
    expect(answer.citations[0].quote).toContain(answer.sentences[0].text);
    expect(typeof answer.citations[0].score).toBe('number');
  });

  it('ask answers Abu Dhabi and refuses a question the seed cannot answer', async () => {
    const where = JSON.parse((await cli(['ask', 'Where are the talks being held?'])).stdout);
    expect(where.answer).toContain('Abu Dhabi');
    const series = JSON.parse((await cli(['ask', 'Who won the 2004 World Series?'])).stdout);
    expect(series.found).toBe(false);
    expect(series.answer).toMatch(/couldn't find/);
  });

  it('ask --jsonl answers each line in order with its id, and reports bad lines in place', async () => {
    const input = [
      JSON.stringify({ id: 'a', question: 'How many drones were used?' }),
      '',
      'not json',
      JSON.stringify({ id: 7, question: 'Where are the talks being held?' }),
      JSON.stringify({ id: 'no-question' }),
    ].join('\n');
    const { code, stdout } = await cli(['ask', '--jsonl'], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 7, 'no-question']);
    expect(lines[0].answer).toContain('450 drones');
    expect(lines[1].error).toBe('line 3: not valid JSON');
    expect(lines[2].answer).toContain('Abu Dhabi');
    expect(lines[3]).toMatchObject({ found: false, error: 'line 5: expected a "question" string' });
  });

  it('ask --jsonl follows up within each "conversation" id, in input order', async () => {
    const line = (id: string, question: string, conversation?: unknown) =>
      JSON.stringify({ id, question, ...(conversation === undefined ? {} : { conversation }) });
    const input = [
      line('a1', 'Why did the transport minister resign?', 'a'),
      line('b1', 'Who won the Harbour Open tennis title?', 7),
      line('a2', 'who replaced her?', 'a'),
      line('b2', 'how old is she?', 7),
      line('alone', 'who replaced her?'),
      line('bad', 'who replaced her?', { nested: true }),
    ].join('\n');
    const { code, stdout } = await cli(['ask', '--seeds', newsroomDir, '--jsonl'], input);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(lines.map((l) => l.id)).toEqual(['a1', 'b1', 'a2', 'b2', 'alone', 'bad']);
    expect(byId.a1.standaloneQuestion).toBeUndefined();
    expect(byId.a2.question).toBe('who replaced her?');
    expect(byId.a2.standaloneQuestion).toMatch(/^who replaced her — about /);
    expect(byId.a2.answer).toContain('Paul Egan');
    expect(byId.b2.answer).toContain('21-year-old');
    expect(byId.alone.answer).not.toContain('Paul Egan');
    expect(byId.alone.standaloneQuestion).toBeUndefined();
    expect(byId.bad.error).toBe('line 6: expected "conversation" to be a string or a number');
  });

  it('summary, source and articles print their contract fields', async () => {
    const summary = JSON.parse(
      (await cli(['summary', '--article', 'ukraine-russia-talks-abu-dhabi'])).stdout,
    );
    expect(Object.keys(summary).slice(0, 4)).toEqual([
      'articleId',
      'title',
      'summary',
      'citations',
    ]);
    expect(summary.citations.length).toBeGreaterThan(0);

    const source = JSON.parse(
      (await cli(['source', '--seeds', fixturesDir, '--article', 'front-matter'])).stdout,
    );
    expect(Object.keys(source).slice(0, 4)).toEqual(['articleId', 'title', 'text', 'metadata']);
    expect(source.metadata.url).toBe('https://example.org/news/cycle-lanes');

    const { stdout, stderr } = await cli(['articles', '--seeds', fixturesDir]);
    const list = JSON.parse(stdout);
    expect(list.map((a: { articleId: string }) => a.articleId)).toContain(
      'nested/deeper/rail-strike',
    );
    expect(Object.keys(list[0]).slice(0, 3)).toEqual(['articleId', 'title', 'metadata']);
    const logged = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(logged.map((l: { path: string }) => l.path)).toEqual(
      expect.arrayContaining(['binary.txt', 'latin1.txt']),
    );
  });

  it('summary --all --jsonl prints one line per article', async () => {
    const { stdout } = await cli(['summary', '--seeds', fixturesDir, '--all', '--jsonl']);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.articleId)).toEqual([
      'bad-front-matter',
      'bom-crlf',
      'front-matter',
      'latin1',
      'nested/deeper/rail-strike',
      'utf16',
    ]);
  });

  it('lists a folder of topic folders newest first, undated articles last', async () => {
    const { code, stdout } = await cli(['articles', '--seeds', newsroomDir]);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { articleId: string; date?: string }[];
    expect(list).toHaveLength(30);
    expect(list[0]).toMatchObject({
      articleId: 'culture/museum-dinosaur-exhibit',
      date: '2025-03-14',
    });
    const dates = list.flatMap((a) => (a.date ? [a.date] : []));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(list.slice(dates.length).every((a) => a.date === undefined)).toBe(true);
  });

  it('fails with one line on stderr and a non-zero exit for bad usage or unknown articles', async () => {
    const cases: [string[], number, RegExp][] = [
      [
        ['source', '--article', 'no-such-article'],
        1,
        /^No article "no-such-article" in \.\/seeds\.$/,
      ],
      [['frobnicate'], 2, /^Unknown command "frobnicate"\. Run with --help for usage\.$/],
      [['ask'], 2, /^ask needs a question\./],
      [['ask', '--seeds', 'nowhere', 'hi'], 1, /^The articles folder "nowhere" does not exist\.$/],
      [
        ['summary', '--article', 'x', '--length', 'huge'],
        2,
        /^--length must be short, medium or long\./,
      ],
      [['ask', '--bogus', 'hi'], 2, /^Unknown option '--bogus'/],
    ];
    for (const [args, expectedCode, message] of cases) {
      const { code, stdout, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(expectedCode);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr.trim()).toMatch(message);
    }
  });

  it('related and articles --from/--to serve dated corpora as JSON', async () => {
    const dated = `${fixturesDir}/../dated`;
    const related = await cli(['related', '--seeds', dated, '--article', 'rail-strike-called']);
    expect(related.code).toBe(0);
    const parsed = JSON.parse(related.stdout);
    expect(parsed).toMatchObject({ articleId: 'rail-strike-called' });
    expect(parsed.related[0]).toMatchObject({
      articleId: 'rail-strike-talks',
      date: '2005-02-03',
      similarity: expect.any(Number),
    });
    const listed = await cli(['articles', '--seeds', dated, '--from', 'March 2005']);
    expect(
      JSON.parse(listed.stdout).map((a: { articleId: string; date: string }) => [
        a.articleId,
        a.date,
      ]),
    ).toEqual([
      ['harbour-bridge-opens', '2005-03-15'],
      ['rail-strike-ends', '2005-03-14'],
    ]);
    const bad = await cli(['articles', '--seeds', dated, '--to', 'never']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n').at(-1)).toBe(
      'I can\'t read "never" as a date. Try 2005-03-01, 1 Mar 2005 or March 2005.',
    );
  });
});

describe('JSON CLI and the saved index', () => {
  const question = 'How many jobs will Marlow Motors cut?';
  const debug = { LOG_LEVEL: 'debug' };
  const sourceOf = (stderr: string) =>
    stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string })
      .find((line) => /^index (built|reused from the cache)$/.test(line.msg))?.msg;

  it('builds the index once, then answers from the saved one; --no-cache builds afresh', async () => {
    const own = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-cli-cache-'));
    try {
      const env = { ...debug, CACHE_DIR: own };
      const first = await cli(['ask', '--seeds', newsroomDir, question], '', env);
      const second = await cli(['ask', '--seeds', newsroomDir, question], '', env);
      const fresh = await cli(['ask', '--seeds', newsroomDir, '--no-cache', question], '', env);
      expect([first, second, fresh].map((r) => r.code)).toEqual([0, 0, 0]);
      expect(sourceOf(first.stderr)).toBe('index built');
      expect(sourceOf(second.stderr)).toBe('index reused from the cache');
      expect(sourceOf(fresh.stderr)).toBe('index built');
      expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
      expect(JSON.parse(fresh.stdout)).toEqual(JSON.parse(first.stdout));
      expect(JSON.parse(first.stdout).answer).toContain('450 jobs');
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('lets two processes build at once without harm: both answer, one whole saved index is left', async () => {
    const own = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-cli-race-'));
    try {
      const env = { ...debug, CACHE_DIR: own };
      const both = await Promise.all([
        cli(['ask', '--seeds', newsroomDir, question], '', env),
        cli(['ask', '--seeds', newsroomDir, question], '', env),
      ]);
      expect(both.map((r) => r.code)).toEqual([0, 0]);
      expect(JSON.parse(both[1].stdout)).toEqual(JSON.parse(both[0].stdout));
      const files = await readdir(own);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files.filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
      const after = await cli(['ask', '--seeds', newsroomDir, question], '', env);
      expect(sourceOf(after.stderr)).toBe('index reused from the cache');
      expect(JSON.parse(after.stdout)).toEqual(JSON.parse(both[0].stdout));
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
