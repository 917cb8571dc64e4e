import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import { type BotProcess, spawnBot } from '../discord/botProcess.js';
import { FakeDiscord, type RecordedRequest } from '../discord/fakeDiscord.js';
import { eventually, projectRoot } from '../helpers.js';
import { importFolder } from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

type Body = { data?: { content?: string; embeds?: { description?: string }[] } };

describe('the bot when PostgreSQL restarts mid-run', () => {
  let cluster: PostgresCluster;
  let fake: FakeDiscord;
  let work: string;
  let bot: BotProcess;

  beforeAll(async () => {
    cluster = await startPostgres();
    fake = await FakeDiscord.start();
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-db-restart-'));
    await cp(path.join(projectRoot, 'test/fixtures/newsroom'), path.join(work, 'newsroom'), {
      recursive: true,
    });
    await importFolder(path.join(work, 'newsroom'), cluster.url);
    bot = spawnBot(
      fake,
      {
        DATABASE_URL: cluster.url,
        SEEDS_DIR: path.join(work, 'newsroom'),
        DATA_DIR: path.join(work, 'data'),
        CACHE_DIR: path.join(work, 'cache'),
        LOG_LEVEL: 'info',
      },
      { killAfterMs: 120_000 },
    );
    await fake.waitFor(() => bot.logs.find((l) => l.msg === 'connected to Discord'), 30_000);
  });
  afterAll(async () => {
    bot?.stop();
    await fake?.close();
    cluster?.remove();
    await rm(work, { recursive: true, force: true });
  });

  const reply = (interaction: { id: string; token: string }, timeoutMs = 10_000) =>
    fake.waitFor(
      () => fake.requests.find((r) => r.path.includes(`/${interaction.id}/${interaction.token}/`)),
      timeoutMs,
    );
  const bodyOf = (r: RecordedRequest) => r.body as Body;
  const QUESTION = 'Why did the transport minister resign?';
  const ask = async () => {
    const sent = await reply(
      fake.sendCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]),
    );
    return { sent, message: fake.messageFrom(bodyOf(sent).data as Record<string, unknown>) };
  };
  const answered = (r: RecordedRequest) =>
    /\[1\]/.test(bodyOf(r).data?.embeds?.[0]?.description ?? '');
  const vote = async (message: Record<string, unknown>, up: boolean) =>
    bodyOf(await reply(fake.sendButton(`ask:vote:${up ? 'up' : 'down'}`, message, fake.newUser())))
      .data?.content;

  it('keeps every vote cast while the database was down, and answers again within 5 seconds of its return', async () => {
    const before = await ask();
    expect(answered(before.sent)).toBe(true);
    const castBefore = [await vote(before.message, true), await vote(before.message, false)];

    cluster.stop();
    // Votes on an answer given before the restart: kept in memory until the database is back.
    const castDuring = [
      await vote(before.message, true),
      await vote(before.message, true),
      await vote(before.message, false),
    ];
    const during = await reply(
      fake.sendCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]),
    );
    expect(answered(during)).toBe(false);
    // An article dropped into the bot's folder meanwhile is kept until the database is back.
    await writeFile(
      path.join(work, 'newsroom', 'ferry-strike.txt'),
      'Ferry crews strike\n\nFerry crews at Ellsmouth will strike for nine days from Monday, their union said.\n',
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(bodyOf(during).data?.content).toBe(
      "I can't reach the articles right now. Please try again in a few seconds.",
    );

    cluster.start();
    const back = Date.now();
    let again: RecordedRequest | undefined;
    while (Date.now() - back < 5000) {
      again = (await ask()).sent;
      if (answered(again)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(again && answered(again)).toBe(true);
    expect(Date.now() - back).toBeLessThan(5000);

    for (const said of [...castBefore, ...castDuring]) expect(said).toMatch(/^Thanks/);
    await eventually(
      () => bot.logs.some((l) => l.msg === 'the database took the kept changes'),
      40_000,
    );
    const strike = await runCliProcess(
      ['ask', '--seeds', path.join(work, 'newsroom'), 'How many days will the ferry crews strike?'],
      { env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' } },
    );
    expect(JSON.parse(strike.stdout).answer).toMatch(/nine days/);
    await fake.waitFor(() => {
      const report = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/report.ts', '--json'],
        {
          cwd: projectRoot,
          env: { ...process.env, DATABASE_URL: cluster.url, DATA_DIR: path.join(work, 'data') },
          encoding: 'utf8',
        },
      );
      const summary = JSON.parse(report.stdout || '{}') as { upVotes?: number; downVotes?: number };
      return summary.upVotes === 3 && summary.downVotes === 2 ? summary : undefined;
    }, 10_000);
    expect(bot.output()).not.toContain(cluster.password);
  });

  it('a console started while the database is down says so once, and answers once it is up', async () => {
    cluster.stop();
    const { DISCORD_TOKEN: _token, ...parentEnv } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...parentEnv,
        LOG_LEVEL: 'warn',
        DATABASE_URL: cluster.url,
        SEEDS_DIR: path.join(work, 'newsroom'),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      await eventually(() => stderr.includes('Trying again'), 15_000);
      cluster.start();
      const up = Date.now();
      await eventually(() => stdout.includes('Type a question'), 20_000);
      expect(Date.now() - up).toBeLessThan(5000);
      child.stdin.write(`${QUESTION}\n`);
      await eventually(() => /\[1\]/.test(stdout), 10_000);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      child.kill();
    }
  });

  it('cli ask --jsonl answers an error line for a question asked while the database is down, and goes on', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'ask',
        '--jsonl',
        '--seeds',
        path.join(work, 'newsroom'),
      ],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise((resolve) => child.on('close', resolve));
    const lines = () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    try {
      child.stdin.write(`${JSON.stringify({ id: 1, question: QUESTION })}\n`);
      await eventually(() => lines().length === 1, 20_000);
      cluster.stop();
      child.stdin.write(`${JSON.stringify({ id: 2, question: QUESTION })}\n`);
      await eventually(() => lines().length === 2, 20_000);
      cluster.start();
      child.stdin.end(`${JSON.stringify({ id: 3, question: QUESTION })}\n`);
      expect(await exited).toBe(1);
      const [first, down, back] = lines();
      expect(first).toMatchObject({ id: 1, found: true });
      expect(down).toMatchObject({ id: 2, found: false, question: QUESTION });
      expect(down.error).toMatch(/^line 2: .*the database at 127\.0\.0\.1:\d+/);
      expect(down.error).not.toContain(cluster.password);
      expect(back).toMatchObject({ id: 3, found: true });
    } finally {
      child.kill();
    }
  });
});
