import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/discord/startBot.js';
import { indexFolder, inMemory, seedsDir } from '../helpers.js';
import { FakeDiscord, GUILD_ID, type RecordedRequest } from './fakeDiscord.js';

type Body = { data?: { embeds?: { description?: string }[] } };

describe('internal sharding against a loopback Discord', () => {
  let fake: FakeDiscord | undefined;
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    await fake?.close();
    bot = undefined;
    fake = undefined;
  });

  it.each([2, 4])(
    'runs the %i shards Discord recommends, each identifying as [id, count], and answers /ask in guilds on every shard',
    async (count) => {
      const discord = await FakeDiscord.start({ shards: count });
      fake = discord;
      // GUILD_ID lands on some shard; one more guild on every shard.
      const guilds = Array.from({ length: count }, (_, shard) =>
        discord.guildOnShard(shard, count),
      );
      const index = await indexFolder(seedsDir);
      bot = await startBot({
        token: 'test-token.abc.def',
        apiUrl: discord.apiUrl,
        logger: pino({ level: 'silent' }),
        ...inMemory(() => index),
        shards: 'auto',
      });
      expect(discord.identified.map((s) => s.join('/')).sort()).toEqual(
        Array.from({ length: count }, (_, id) => `${id}/${count}`),
      );
      expect(bot.client.guilds.cache.size).toBe(count + 1);
      for (const guild of [GUILD_ID, ...guilds]) {
        const shard = Number((BigInt(guild) >> 22n) % BigInt(count));
        expect(bot.client.guilds.cache.get(guild)?.shardId).toBe(shard);
        const asked = discord.sendCommand(
          'ask',
          [{ name: 'question', type: 3, value: 'How many ballistic missiles were launched?' }],
          discord.newUser(),
          guild,
        );
        const reply: RecordedRequest = await discord.waitFor(() =>
          discord.requests.find((r) => r.path.includes(asked.token)),
        );
        expect((reply.body as Body).data?.embeds?.[0]?.description).toContain(
          '**71** ballistic missiles',
        );
      }
      expect(discord.requestsTo('PUT', /\/commands$/)).toHaveLength(1);
    },
  );

  it('runs only the shards it is given out of a total, as one host of several does', async () => {
    const discord = await FakeDiscord.start({ shards: 4 });
    fake = discord;
    const index = await indexFolder(seedsDir);
    bot = await startBot({
      token: 'test-token.abc.def',
      apiUrl: discord.apiUrl,
      logger: pino({ level: 'silent' }),
      ...inMemory(() => index),
      shards: { ids: [2, 3], count: 4 },
    });
    expect(discord.identified.map((s) => s.join('/')).sort()).toEqual(['2/4', '3/4']);
  });
});
