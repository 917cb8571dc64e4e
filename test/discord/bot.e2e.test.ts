import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REST } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { registerCommands } from '../../src/discord/registerCommands.js';
import { type RunningBot, startBot } from '../../src/discord/startBot.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, inMemory, newsroomDir, seedsDir } from '../helpers.js';
import { APP_ID, FakeDiscord, GUILD_ID, type RecordedRequest } from './fakeDiscord.js';

type Body = Record<string, unknown> & { type?: number; data?: Record<string, unknown> };
type Embed = {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
};

describe('the bot against a loopback Discord', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let seed: PassageIndex;
  let current: PassageIndex;
  let failNext = false;
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    seed = await indexFolder(seedsDir);
    current = seed;
    const logger = pino(
      { level: 'debug' },
      { write: (line: string) => logs.push(JSON.parse(line)) },
    );
    bot = await startBot({
      token: 'test-token.abc.def',
      guildId: GUILD_ID,
      apiUrl: fake.apiUrl,
      logger,
      cooldown: { limit: 4, windowMs: 60_000 },
      ...inMemory(() => {
        if (failNext) {
          failNext = false;
          throw new Error('index exploded for the test');
        }
        return current;
      }),
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  /** Every request that answered one interaction, in order. */
  const repliesTo = (interaction: { id: string; token: string }) =>
    fake.requests.filter(
      (r) =>
        r.path.includes(`/${interaction.id}/${interaction.token}/`) ||
        r.path.includes(`/${interaction.token}/messages`) ||
        r.path.endsWith(`/${interaction.token}`),
    );
  const firstReply = (interaction: { id: string; token: string }) =>
    fake.waitFor(() => repliesTo(interaction)[0]);
  const bodyOf = (r: RecordedRequest) => r.body as Body;
  const embedOf = (r: RecordedRequest) =>
    ((bodyOf(r).data ?? bodyOf(r)).embeds as Embed[])[0] as Embed;

  it('logs in with the Guilds, GuildMessages and DirectMessages intents, none privileged, and becomes ready', () => {
    const identify = fake.gatewayReceived.find((p) => p.op === 2)?.d as {
      intents: number;
      token: string;
    };
    // Guilds 1 << 0, GuildMessages 1 << 9, DirectMessages 1 << 12.
    expect(identify.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    // GuildMembers 1 << 1, GuildPresences 1 << 8, MessageContent 1 << 15: privileged.
    expect(identify.intents & ((1 << 1) | (1 << 8) | (1 << 15))).toBe(0);
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.guilds.cache.has(GUILD_ID)).toBe(true);
  });

  it('registers its seventeen commands in the guild, within Discord’s limits', async () => {
    const put = await fake.waitFor(
      () =>
        fake.requestsTo(
          'PUT',
          new RegExp(`^/applications/${APP_ID}/guilds/${GUILD_ID}/commands$`),
        )[0],
    );
    const commands = put.body as {
      name: string;
      description: string;
      options?: { name: string; description: string; choices?: unknown[]; max_length?: number }[];
    }[];
    expect(commands.map((c) => c.name).sort()).toEqual([
      'add',
      'alert',
      'alerts',
      'articles',
      'ask',
      'briefing',
      'feeds',
      'follow',
      'following',
      'help',
      'related',
      'remove',
      'source',
      'stats',
      'summary',
      'unalert',
      'unfollow',
    ]);
    for (const command of commands) {
      expect(command.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect((command.options ?? []).length).toBeLessThanOrEqual(25);
      for (const option of command.options ?? []) {
        expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect((option.choices ?? []).length).toBeLessThanOrEqual(25);
      }
    }
    const ask = commands.find((c) => c.name === 'ask');
    expect(ask?.options?.[0]).toMatchObject({ name: 'question', max_length: 300 });
  });

  it('registers only when Discord holds other definitions than ours, or when forced', async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken('test-token.abc.def');
    const commands = await loadCommands();
    const place = { rest, applicationId: APP_ID, guildId: GUILD_ID };
    const puts = () => fake.requestsTo('PUT', /commands$/).length;
    const before = puts();
    expect(await registerCommands(commands.values(), place)).toEqual({
      registered: false,
      count: 17,
    });
    expect(puts()).toBe(before);

    // Another deployment registered an older /ask.
    const stored = fake.commands.get(GUILD_ID) as Record<string, unknown>[];
    fake.commands.set(
      GUILD_ID,
      stored.map((c) => (c.name === 'ask' ? { ...c, description: 'Ask me' } : c)),
    );
    expect(await registerCommands(commands.values(), place)).toEqual({
      registered: true,
      count: 17,
      reason: 'changed',
    });
    const ask = (fake.commands.get(GUILD_ID) as Record<string, unknown>[]).find(
      (c) => c.name === 'ask',
    );
    expect(ask?.description).toBe(commands.get('ask')?.data.toJSON().description);

    const forced = await registerCommands(commands.values(), { ...place, force: true });
    expect(forced).toMatchObject({ registered: true, reason: 'forced' });
    expect(puts()).toBe(before + 2);
    const global = await registerCommands(commands.values(), { rest, applicationId: APP_ID });
    expect(global.registered).toBe(true);
    expect(fake.requestsTo('PUT', new RegExp(`^/applications/${APP_ID}/commands$`))).toHaveLength(
      1,
    );
  });

  it('answers /ask with an embed quoting the sentence about 450 drones and citing it', async () => {
    const interaction = fake.sendCommand('ask', [
      { name: 'question', type: 3, value: 'How many drones were used?' },
    ]);
    const reply = await firstReply(interaction);
    expect(reply.path).toBe(`/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(bodyOf(reply).type).toBe(4);
    const embed = embedOf(reply);
    expect(embed.title).toBe('How many drones were used?');
    expect(embed.description).toContain('**450** drones');
    expect(embed.description).toMatch(
      /deployment of \*\*71\*\* ballistic missiles alongside \*\*450\*\* drones.*\[1\]$/,
    );
    expect(embed.fields?.[0]).toMatchObject({ name: 'Sources' });
    expect(embed.fields?.[0]?.value).toMatch(
      /^\[1\] Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes — paragraph 5/,
    );
    expect(embed.footer?.text).toBe('Confidence: high · Searched 1 article');
    const buttons = (
      (bodyOf(reply).data?.components ?? []) as {
        components: { label: string; custom_id: string }[];
      }[]
    )[0]?.components;
    expect(buttons?.[0]?.label).toBe('Show passage [1]');
  });

  it('reveals the full cited paragraph, only to the person who pressed "Show passage"', async () => {
    const asker = fake.newUser();
    const asked = fake.sendCommand('ask', [
      { name: 'question', type: 3, value: 'Where are the talks being held?' },
    ]);
    const reply = await firstReply(asked);
    const data = bodyOf(reply).data as Body;
    const button = (data.components as { components: { custom_id: string }[] }[])[0]?.components[0];
    const pressed = fake.sendButton(button?.custom_id ?? '', fake.messageFrom(data), asker);
    const shown = await firstReply(pressed);
    expect(bodyOf(shown).type).toBe(4);
    expect(bodyOf(shown).data?.flags).toBe(64);
    const embed = embedOf(shown);
    expect(embed.description).toContain(
      'The talks in Abu Dhabi are expected to follow a similar format',
    );
    expect(embed.footer?.text).toMatch(/^Paragraph \d+ · ukraine-russia-talks-abu-dhabi$/);
  });

  it('answers honestly when the articles do not say, naming the closest article', async () => {
    const asker = fake.newUser();
    const interaction = fake.sendCommand(
      'ask',
      [{ name: 'question', type: 3, value: 'Who won the 2004 World Series?' }],
      asker,
    );
    const embed = embedOf(await firstReply(interaction));
    expect(embed.description).toMatch(/^I couldn't find an answer to that in the article I have\./);
    expect(embed.description).toContain(
      '**Closest articles**\n• Second Round of Ukraine-Russia Talks',
    );
  });

  it('summarises the only article when /summary names none, and a named one at the asked length', async () => {
    const asker = fake.newUser();
    const single = embedOf(await firstReply(fake.sendCommand('summary', [], asker)));
    expect(single.title).toBe(
      'Second Round of Ukraine-Russia Talks Begin Amidst Escalating Strikes',
    );
    expect(single.description).toMatch(/\[1\]/);
    const short = embedOf(
      await firstReply(
        fake.sendCommand('summary', [
          { name: 'article', type: 3, value: 'ukraine-russia-talks-abu-dhabi' },
          { name: 'length', type: 3, value: 'short' },
        ]),
      ),
    );
    expect((short.description ?? '').length).toBeLessThan((single.description ?? '').length);
  });

  it('autocompletes article names: at most 25, best matches first, names within 100 characters', async () => {
    current = await indexFolder(newsroomDir);
    try {
      const interaction = fake.sendAutocomplete('summary', 'article', 'Greyfield profits');
      const reply = await firstReply(interaction);
      expect(bodyOf(reply).type).toBe(8);
      const choices = (bodyOf(reply).data as { choices: { name: string; value: string }[] })
        .choices;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(choices[0]).toEqual({
        name: 'Greyfield Bank profits jump on higher interest rates',
        value: 'business/greyfield-bank-profits',
      });
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
      const empty = await firstReply(fake.sendAutocomplete('source', 'article', ''));
      expect((bodyOf(empty).data as { choices: unknown[] }).choices).toHaveLength(25);
    } finally {
      current = seed;
    }
  });

  it('lists every article in a paged digest when several are loaded, pages turnable only by the asker', async () => {
    const asker = fake.newUser();
    const stranger = fake.newUser();
    current = await indexFolder(newsroomDir);
    try {
      const asked = fake.sendCommand('summary', [], asker);
      const reply = await firstReply(asked);
      const data = bodyOf(reply).data as Body;
      const embed = (data.embeds as Embed[])[0] as Embed;
      expect(embed.title).toBe('30 articles');
      expect(embed.footer?.text).toMatch(/^Page 1 of 3/);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
      const next = (data.components as { components: { label: string; custom_id: string }[] }[])[0]
        ?.components[1];
      expect(next?.label).toBe('Next');

      const refusal = await firstReply(
        fake.sendButton(next?.custom_id ?? '', fake.messageFrom(data), stranger),
      );
      expect(bodyOf(refusal).data?.content).toMatch(
        /^Only the person who asked can turn these pages/,
      );
      expect(bodyOf(refusal).data?.flags).toBe(64);

      const turned = await firstReply(
        fake.sendButton(next?.custom_id ?? '', fake.messageFrom(data), asker),
      );
      expect(bodyOf(turned).type).toBe(7);
      expect(embedOf(turned).footer?.text).toMatch(/^Page 2 of 3/);
    } finally {
      current = seed;
    }
  });

  it('shows /source a page at a time after deferring, with the whole text attached', async () => {
    const asker = fake.newUser();
    const stranger = fake.newUser();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-long-'));
    const longFile = path.join(newsroomDir, 'culture/summer-festival-review.txt');
    await writeFile(path.join(dir, 'long.txt'), await readFile(longFile));
    current = await indexFolder(dir);
    try {
      const asked = fake.sendCommand(
        'source',
        [{ name: 'article', type: 3, value: 'long' }],
        asker,
      );
      const deferred = await firstReply(asked);
      expect(bodyOf(deferred).type).toBe(5);
      const edit = await fake.waitFor(() => repliesTo(asked).find((r) => r.method === 'PATCH'));
      expect(`${edit.method} ${edit.path}`).toBe(
        `PATCH /webhooks/${APP_ID}/${asked.token}/messages/@original`,
      );
      const embed = embedOf(edit);
      expect(embed.footer?.text).toMatch(/^Page 1 of [2-9] · long$/);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
      expect(edit.files).toHaveLength(1);
      expect(edit.files[0]?.name).toBe('long.txt');
      expect(edit.files[0]?.text).toBe(
        (await readFile(longFile, 'utf8')).replace(/\r\n/g, '\n').replace(/^\uFEFF/, ''),
      );

      const body = bodyOf(edit);
      const next = (body.components as { components: { custom_id: string }[] }[])[0]?.components[1];
      const turned = await firstReply(
        fake.sendButton(next?.custom_id ?? '', fake.messageFrom(body), asker),
      );
      expect(bodyOf(turned).type).toBe(7);
      expect(embedOf(turned).footer?.text).toMatch(/^Page 2 of/);
      const refused = await firstReply(
        fake.sendButton(next?.custom_id ?? '', fake.messageFrom(body), stranger),
      );
      expect(bodyOf(refused).data?.content).toMatch(/^Only the person who asked/);
    } finally {
      current = seed;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so when /source names an unknown article', async () => {
    const asker = fake.newUser();
    const reply = await firstReply(
      fake.sendCommand('source', [{ name: 'article', type: 3, value: '../../etc/passwd' }], asker),
    );
    expect(bodyOf(reply).data?.flags).toBe(64);
    expect(bodyOf(reply).data?.content).toMatch(/^I have no article called/);
  });

  it('answers /help with what it knows', async () => {
    const asker = fake.newUser();
    const embed = embedOf(await firstReply(fake.sendCommand('help', [], asker)));
    expect(embed.description).toMatch(/^I answer questions from 1 news article by quoting them/);
  });

  it('replies with an error id when a handler fails, logs the same id, and keeps answering', async () => {
    const asker = fake.newUser();
    failNext = true;
    const reply = await firstReply(
      fake.sendCommand('ask', [{ name: 'question', type: 3, value: 'How many drones?' }], asker),
    );
    const content = String(bodyOf(reply).data?.content);
    expect(bodyOf(reply).data?.flags).toBe(64);
    const errorId = /error ([0-9a-f]{8})/.exec(content)?.[1];
    expect(errorId).toBeDefined();
    const logged = logs.find((l) => l.errorId === errorId) as {
      err: { stack: string };
      msg: string;
    };
    expect(logged.msg).toBe('handler failed');
    expect(logged.err.stack).toContain('index exploded for the test');
    expect(content).not.toContain('exploded');

    const after = embedOf(
      await firstReply(
        fake.sendCommand(
          'ask',
          [{ name: 'question', type: 3, value: 'How many drones were used?' }],
          asker,
        ),
      ),
    );
    expect(after.description).toContain('450');
  });

  it('stops one person from flooding it with a polite cooldown note, without affecting others', async () => {
    const flooder = { id: '555555555555555599', username: 'flooder' };
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(fake.sendCommand('help', [], flooder));
    const bodies = await Promise.all(replies.map(async (r) => bodyOf(await firstReply(r))));
    const cooled = bodies.filter((b) =>
      /asking faster than I can keep up/.test(String(b.data?.content)),
    );
    expect(cooled).toHaveLength(2);
    for (const b of cooled) expect(b.data?.flags).toBe(64);
    const other = await firstReply(
      fake.sendCommand('help', [], { id: '555555555555555598', username: 'calm' }),
    );
    expect(String(bodyOf(other).data?.content ?? '')).not.toMatch(/faster/);
  });

  it('never lets a message mention anyone, even when the question tries to', async () => {
    const asker = fake.newUser();
    const reply = await firstReply(
      fake.sendCommand(
        'ask',
        [
          {
            name: 'question',
            type: 3,
            value: '@everyone <@123456789012345678> <@&123456789012345678> how many drones?',
          },
        ],
        asker,
      ),
    );
    expect(embedOf(reply).title).toContain('@\u200beveryone');
    const messages = fake.requests.filter(
      (r) =>
        (r.path.endsWith('/callback') && [4, 7].includes(bodyOf(r).type ?? 0)) ||
        r.path.startsWith('/webhooks/'),
    );
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) {
      const body = bodyOf(message);
      const payload = message.path.endsWith('/callback') ? body.data : body;
      expect(payload?.allowed_mentions, `${message.method} ${message.path}`).toEqual({
        parse: [],
        replied_user: false,
      });
    }
  });
});
