import v8 from 'node:v8';
import vm from 'node:vm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/discord/startBot.js';
import { indexFolder, inMemory, seedsDir } from '../helpers.js';
import { FakeDiscord, GUILD_ID } from './fakeDiscord.js';

type Log = {
  level: number;
  msg: string;
  route?: string;
  status?: number;
  reason?: string;
  code?: number;
};

/** Faults a bot in a public server meets, each tried against the loopback Discord. */
describe('the bot under Discord faults', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  const logs: Log[] = [];
  const token = 'fault-test-token.secret.value';

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const seed = await indexFolder(seedsDir);
    const logger = pino(
      { level: 'debug' },
      { write: (line: string) => logs.push(JSON.parse(line)) },
    );
    bot = await startBot({
      token,
      guildId: GUILD_ID,
      apiUrl: fake.apiUrl,
      logger,
      ...inMemory(() => seed),
      restTimeoutMs: 1000,
    });
  });

  afterAll(async () => {
    await bot?.stop(100);
    await fake?.close();
  });

  const ask = (question: string) =>
    fake.sendCommand('ask', [{ name: 'question', type: 3, value: question }]);
  const answered = (interaction: { token: string }, timeoutMs = 10_000) =>
    fake.waitFor(() => fake.requests.find((r) => r.path.includes(interaction.token)), timeoutMs);
  const descriptionOf = (body: unknown) =>
    ((body as { data?: { embeds?: { description?: string }[] } }).data?.embeds?.[0]?.description ??
      '') as string;

  it('resumes after the gateway drops, and again when it drops during the resume, then answers', async () => {
    const identifiesBefore = fake.gatewayReceived.filter((p) => p.op === 2).length;
    fake.dropNextResumes = 1;
    fake.dropGateway(4000);
    await fake.waitFor(() => fake.gatewayReceived.filter((p) => p.op === 6).length >= 2, 15_000);
    await fake.waitFor(() => bot.client.ws.status === 0 && bot.client.isReady(), 15_000);
    const reply = await answered(ask('How many drones were used?'));
    expect(descriptionOf(reply.body)).toContain('450');
    expect(fake.gatewayReceived.filter((p) => p.op === 2).length).toBe(identifiesBefore);
    expect(logs.some((l) => l.msg === 'gateway disconnected' || l.msg === 'gateway resumed')).toBe(
      true,
    );
  });

  it('delivers the reply through a 429, a 500 and a timeout, logging one line per fault', async () => {
    const interaction = ask('Where are the talks being held?');
    let attempts = 0;
    fake.intercept(async (request, response) => {
      if (!request.path.includes(interaction.token)) return false;
      attempts++;
      if (attempts === 1) {
        response.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': '0.2',
          'x-ratelimit-scope': 'user',
        });
        response.end(
          JSON.stringify({
            message: 'You are being rate limited.',
            retry_after: 0.2,
            global: false,
          }),
        );
      } else if (attempts === 2) {
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"500: Internal Server Error","code":0}');
      } else if (attempts === 3) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        response.destroy();
      } else {
        // Delivered: answered as Discord answers, with the message when the bot asks for it.
        return false;
      }
      return true;
    });
    const faultsBefore = logs.filter((l) => l.route?.includes('/interactions/')).length;
    await fake.waitFor(() => attempts >= 4, 15_000);
    const delivered = fake.requests.filter((r) => r.path.includes(interaction.token));
    expect(delivered).toHaveLength(4);
    expect(descriptionOf(delivered[3]?.body)).toContain('Abu Dhabi');
    await fake.waitFor(
      () => logs.filter((l) => l.route?.includes('/interactions/')).length >= faultsBefore + 3,
    );
    const faults = logs.filter((l) => l.route?.includes('/interactions/')).slice(faultsBefore);
    expect(faults.map((l) => l.msg)).toEqual([
      'Discord rate limit; waiting',
      'Discord server error; retrying',
      'request to Discord failed; retrying',
    ]);
    expect(faults[2]?.reason).toBe('timed out');
    for (const fault of faults)
      expect(fault.route).toMatch(/^POST \/api\/v10\/interactions\/\d+\/:token\/callback$/);
    expect(JSON.stringify(logs)).not.toContain(interaction.token);
  });

  it('logs one clean line when an interaction has expired, and keeps answering', async () => {
    const interaction = ask('How many ballistic missiles were launched?');
    fake.intercept((request, response) => {
      if (!request.path.includes(interaction.token)) return false;
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Unknown interaction', code: 10062 }));
      return true;
    });
    const line = await fake.waitFor(() =>
      logs.find((l) => l.msg.startsWith('interaction expired')),
    );
    expect(line).toMatchObject({ code: 10062, level: 40 });
    expect(fake.requests.filter((r) => r.path.includes(interaction.token))).toHaveLength(1);
    expect(logs.filter((l) => l.msg === 'handler failed')).toEqual([]);
    expect(descriptionOf((await answered(ask('How many drones were used?'))).body)).toContain(
      '450',
    );
  });

  it('answers or politely refuses every one of 200 commands from 20 users in one second, and frees the memory', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const users = Array.from({ length: 20 }, () => fake.newUser());
    const sent: { token: string }[] = [];
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const user = users[i % 20];
      sent.push(
        fake.sendCommand(
          'ask',
          [{ name: 'question', type: 3, value: `How many drones were used? (${i})` }],
          user,
        ),
      );
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(Date.now() - started).toBeLessThan(1000);
    await fake.waitFor(
      () => sent.every((s) => fake.requests.some((r) => r.path.includes(s.token))),
      20_000,
    );
    const replies = sent.map(
      (s) =>
        fake.requests.find((r) => r.path.includes(s.token))?.body as {
          data: { content?: string; embeds?: unknown[] };
        },
    );
    const answers = replies.filter((r) => r.data.embeds?.length);
    const refusals = replies.filter((r) =>
      /asking faster than I can keep up/.test(r.data.content ?? ''),
    );
    expect(answers.length + refusals.length).toBe(200);
    expect(answers).toHaveLength(100);
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    expect(heapAfter - heapBefore).toBeLessThan(30 * 1024 * 1024);
  });

  it('never writes the token to a log line', () => {
    expect(logs.length).toBeGreaterThan(20);
    expect(JSON.stringify(logs)).not.toContain(token);
  });
});
