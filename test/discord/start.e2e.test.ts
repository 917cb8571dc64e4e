import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers';
import { FakeDiscord } from './fakeDiscord';

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
    const { DISCORD_GUILD_ID: _guild, DISCORD_CLIENT_ID: _client, ...parentEnv } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...parentEnv,
        DISCORD_TOKEN: 'the-secret-token.value',
        DISCORD_API_URL: fake.apiUrl,
        CACHE_DIR: cacheDir,
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
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
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
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

  it('npm run deploy-commands registers the commands without starting the bot', async () => {
    const before = fake.requestsTo('PUT', /commands$/).length;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/discord/deployCommands.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DISCORD_TOKEN: 'the-secret-token.value',
        DISCORD_API_URL: fake.apiUrl,
        CACHE_DIR: cacheDir,
        DISCORD_GUILD_ID: '333333333333333333',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(output.trim()).toBe('Registered 7 commands for server 333333333333333333.');
    const puts = fake.requestsTo(
      'PUT',
      /^\/applications\/\d+\/guilds\/333333333333333333\/commands$/,
    );
    expect(puts.length).toBe(1);
    expect(fake.requestsTo('PUT', /commands$/).length).toBe(before + 1);
    expect(fake.requestsTo('GET', /^\/applications\/@me$/).length).toBeGreaterThan(0);
  });
});
