import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers.js';
import { spawnBot } from './botProcess.js';
import { FakeDiscord, GUILD_ID } from './fakeDiscord.js';

describe('npm start with a Discord token', () => {
  let fake: FakeDiscord;
  let cacheDir: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-start-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('connects, registers the commands, answers /ask, finishes the answer under way on SIGTERM and exits 0, never logging the token', async () => {
    const bot = spawnBot(
      fake,
      { CACHE_DIR: cacheDir, LOG_LEVEL: 'debug' },
      { killAfterMs: 20_000, withStdout: true },
    );
    const { child, exited } = bot;
    try {
      await fake.waitFor(
        () => fake.requestsTo('PUT', /^\/applications\/\d+\/commands$/)[0],
        15_000,
      );
      const asked = fake.sendCommand('ask', [
        { name: 'question', type: 3, value: 'How many ballistic missiles were launched?' },
      ]);
      const reply = await fake.waitFor(() =>
        fake.requests.find((r) => r.path.includes(asked.token)),
      );
      const embed = (reply.body as { data: { embeds: { description: string }[] } }).data
        .embeds[0] ?? { description: '' };
      expect(embed.description).toContain('**71** ballistic missiles');
      // An answer still on its way when the stop signal comes is finished before the exit.
      let slowToken = '';
      fake.intercept(async (request, response) => {
        if (!slowToken || !request.path.includes(slowToken)) return false;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        response.writeHead(204).end();
        return true;
      });
      const slow = fake.sendCommand('ask', [
        { name: 'question', type: 3, value: 'Where are the talks being held?' },
      ]);
      slowToken = slow.token;
      await fake.waitFor(() => fake.requests.find((r) => r.path.includes(slow.token)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      bot.stop();
    }
    const output = bot.output();
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; unfinished?: number });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'articles indexed',
        'connected to Discord',
        'registered slash commands',
        'shutting down: finishing the answers under way',
      ]),
    );
    expect(lines.find((l) => l.msg === 'stopped')?.unfinished).toBe(0);
    expect(output).not.toContain('the-secret-token');
  });

  /** Starts the bot process, waits until it has dealt with its commands, then stops it. */
  async function startAndStop(): Promise<{ code: number | null; logs: { msg: string }[] }> {
    const bot = spawnBot(
      fake,
      { DISCORD_GUILD_ID: GUILD_ID, CACHE_DIR: cacheDir, LOG_LEVEL: 'debug' },
      { killAfterMs: 20_000 },
    );
    const { child, exited } = bot;
    const logs = bot.logs as { msg: string }[];
    try {
      await fake.waitFor(
        () => logs.some((l) => /slash commands|could not register/.test(l.msg)),
        15_000,
      );
      child.kill('SIGTERM');
      return { code: await exited, logs };
    } finally {
      bot.stop();
    }
  }

  it('registers the commands again when Discord lost them, and sends nothing to a Discord that has them', async () => {
    const guildPuts = () =>
      fake.requestsTo('PUT', /^\/applications\/\d+\/guilds\/\d+\/commands$/).length;
    const first = await startAndStop();
    expect(first.code).toBe(0);
    expect(guildPuts()).toBe(1);

    // The app was removed from the server and added again: Discord has no commands, while
    // the cache folder the bot keeps is just as it left it.
    fake.commands.clear();
    const second = await startAndStop();
    expect(second.code).toBe(0);
    expect(guildPuts()).toBe(2);
    expect(second.logs.map((l) => l.msg)).toContain('registered slash commands');
    expect(fake.commands.get(GUILD_ID)).toHaveLength(17);

    const gets = fake.requestsTo('GET', /^\/applications\/\d+\/guilds\/\d+\/commands$/).length;
    const third = await startAndStop();
    expect(third.code).toBe(0);
    expect(guildPuts()).toBe(2);
    expect(third.logs.map((l) => l.msg)).toContain('slash commands unchanged');
    expect(fake.requestsTo('GET', /^\/applications\/\d+\/guilds\/\d+\/commands$/)).toHaveLength(
      gets + 1,
    );
  });

  it('registers anyway, with a warning, when the registered commands cannot be read', async () => {
    const before = fake.requestsTo('PUT', /commands$/).length;
    const stopIntercepting = fake.intercept((request, response) => {
      if (request.method !== 'GET' || !/commands$/.test(request.path)) return false;
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Missing Access', code: 50001 }));
      return true;
    });
    const run = await startAndStop().finally(stopIntercepting);
    expect(run.code).toBe(0);
    expect(run.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'could not read the registered slash commands; registering them anyway',
        'registered slash commands',
      ]),
    );
    expect(fake.requestsTo('PUT', /commands$/).length).toBe(before + 1);
  });

  it('npm run deploy-commands registers the commands when Discord lacks them, or with --force', async () => {
    const deploy = async (args: string[] = []) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/discord/deployCommands.ts', ...args],
        {
          cwd: projectRoot,
          env: {
            ...process.env,
            DISCORD_TOKEN: 'the-secret-token.value',
            DISCORD_API_URL: fake.apiUrl,
            CACHE_DIR: cacheDir,
            DISCORD_GUILD_ID: GUILD_ID,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      return { code, output: output.trim() };
    };
    const puts = () => fake.requestsTo('PUT', new RegExp(`/guilds/${GUILD_ID}/commands$`)).length;

    fake.commands.clear();
    const before = puts();
    expect(await deploy()).toEqual({
      code: 0,
      output: `Registered 17 commands for server ${GUILD_ID}.`,
    });
    expect(puts()).toBe(before + 1);
    expect(await deploy()).toEqual({
      code: 0,
      output: `The 17 commands are already registered for server ${GUILD_ID}; nothing sent (--force sends them anyway).`,
    });
    expect(puts()).toBe(before + 1);
    expect(await deploy(['--force'])).toEqual({
      code: 0,
      output: `Registered 17 commands for server ${GUILD_ID}.`,
    });
    expect(puts()).toBe(before + 2);
    expect(fake.requestsTo('GET', /^\/applications\/@me$/).length).toBeGreaterThan(0);
    expect(await deploy(['--frobnicate'])).toEqual({
      code: 2,
      output: 'Unknown option "--frobnicate". Usage: deploy-commands [--force]',
    });
  });
});
