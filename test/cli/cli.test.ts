import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bbcDir, fixturesDir, projectRoot } from '../helpers';

/** Runs the JSON CLI in a child process, as scripts do with `npm run --silent cli --`. */
function cli(args: string[], input = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: projectRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

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

  it('lists all 2,225 BBC articles with the Latin-1 one decoded', async () => {
    const { code, stdout } = await cli(['articles', '--seeds', bbcDir]);
    expect(code).toBe(0);
    const list = JSON.parse(stdout);
    expect(list).toHaveLength(2225);
    const source = JSON.parse(
      (await cli(['source', '--seeds', bbcDir, '--article', 'sport/199'])).stdout,
    );
    expect(source.text).toContain('£15.8m');
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
