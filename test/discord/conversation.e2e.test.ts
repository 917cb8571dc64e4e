import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENTION_HELP } from '../../src/discord/handleMessage.js';
import { type RunningBot, startBot } from '../../src/discord/startBot.js';
import { indexFolder, inMemory, newsroomDir } from '../helpers.js';
import {
  BOT_USER_ID,
  CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  type RecordedRequest,
} from './fakeDiscord.js';

type Embed = { title?: string; description?: string };
type Body = {
  type?: number;
  data?: Record<string, unknown> & { embeds?: Embed[]; custom_id?: string };
  embeds?: Embed[];
  content?: string;
  message_reference?: { message_id?: string };
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  components?: { components: { custom_id?: string; label?: string }[] }[];
};

describe('conversations against a loopback Discord: mentions, replies, the Follow up box, threads, DMs', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const newsroom = await indexFolder(newsroomDir);
    bot = await startBot({
      token: 'test-token.abc.def',
      guildId: GUILD_ID,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
      cooldown: { limit: 50, windowMs: 60_000 },
      ...inMemory(() => newsroom),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  /** The bot's message replying to `message`, once it has sent it. */
  const replyTo = (message: Record<string, unknown>, timeoutMs = 5000) =>
    fake.waitFor(
      () =>
        fake.requests.find(
          (r) =>
            r.method === 'POST' &&
            /^\/channels\/\d+\/messages$/.test(r.path) &&
            (r.body as Body).message_reference?.message_id === message.id,
        ),
      timeoutMs,
    );
  const bodyOf = (r: RecordedRequest) => (r.body ?? {}) as Body;
  const sentMessage = (r: RecordedRequest) =>
    fake.channelMessages.find(
      (m) =>
        (m.message_reference as { message_id?: string } | undefined)?.message_id ===
        bodyOf(r).message_reference?.message_id,
    ) as Record<string, unknown>;
  const buttonsOf = (body: Body) =>
    (body.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id));
  const mention = (
    content: string,
    extra: Parameters<FakeDiscord['sendMessage']>[0] = { content: '' },
  ) => fake.sendMessage({ ...extra, content: `<@${BOT_USER_ID}> ${content}`, mentionsBot: true });

  it('answers a mention as a reply within 3 s, with citations, buttons and no pings', async () => {
    const started = Date.now();
    const asked = mention('Why did Claire Dunmore resign? @everyone');
    const reply = await replyTo(asked, 3000);
    expect(Date.now() - started).toBeLessThan(3000);
    const body = bodyOf(reply);
    expect(body.embeds?.[0]?.title).toBe('Why did Claire Dunmore resign? @\u200beveryone');
    expect(body.embeds?.[0]?.description).toContain('Dunmore');
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(buttonsOf(body)).toContain('ask:follow');
    expect(buttonsOf(body).some((id) => id?.startsWith('ask:passage:'))).toBe(true);
  });

  it('answers a reply to its answer with the first question in mind', async () => {
    const answer = sentMessage(await replyTo(mention('Why did the transport minister resign?')));
    const followUp = fake.sendMessage({ content: 'who replaced her?', replyTo: answer });
    const body = bodyOf(await replyTo(followUp));
    expect(body.embeds?.[0]?.description).toContain('Paul Egan');
    expect(body.embeds?.[0]?.description).toMatch(/Answering: who replaced her/);
  });

  it('leaves a reply with its ping turned off alone: Discord sends the bot no text', async () => {
    const answer = sentMessage(await replyTo(mention('Why did the transport minister resign?')));
    const quiet = fake.sendMessage({
      content: 'who replaced her?',
      replyTo: answer,
      pingReply: false,
    });
    const marker = mention('Who won the Harbour Open tennis title?');
    await replyTo(marker);
    expect(fake.requests.some((r) => bodyOf(r).message_reference?.message_id === quiet.id)).toBe(
      false,
    );
  });

  it('answers the "Follow up" box with the question of the answer it was opened on', async () => {
    const asked = fake.sendCommand('ask', [
      { name: 'question', type: 3, value: 'Why did the transport minister resign?' },
    ]);
    const first = await fake.waitFor(() => fake.requests.find((r) => r.path.includes(asked.token)));
    expect(buttonsOf(bodyOf(first).data as Body)).toContain('ask:follow');
    const answer = fake.channelMessages.find(
      (m) => (m.embeds as Embed[])[0]?.title === 'Why did the transport minister resign?',
    ) as Record<string, unknown>;
    const pressed = fake.sendButton('ask:follow', answer, fake.newUser());
    const box = bodyOf(
      await fake.waitFor(() => fake.requests.find((r) => r.path.includes(pressed.token))),
    );
    expect(box.type).toBe(9);
    expect(box.data?.custom_id).toBe(`ask:followup:${answer.id}`);
    const sent = fake.sendModalSubmit(
      `ask:followup:${answer.id}`,
      { question: 'who replaced her?' },
      answer,
    );
    const reply = bodyOf(
      await fake.waitFor(() => fake.requests.find((r) => r.path.includes(sent.token))),
    );
    expect(reply.type).toBe(4);
    expect(reply.data?.embeds?.[0]?.description).toContain('Paul Egan');
    expect(reply.data?.embeds?.[0]?.title).toBe('who replaced her?');
  });

  it('reads the conversation back from the answer message when memory no longer has it', async () => {
    const answer = fake.messageFrom({
      embeds: [
        {
          title: 'Why did the transport minister resign?',
          description: 'Transport minister Claire Dunmore has resigned [1]',
        },
      ],
      components: [
        {
          type: 1,
          components: [{ type: 2, style: 1, label: 'Follow up', custom_id: 'ask:follow' }],
        },
      ],
    });
    const sent = fake.sendModalSubmit(
      `ask:followup:${answer.id}`,
      { question: 'who replaced her?' },
      answer,
    );
    const reply = bodyOf(
      await fake.waitFor(() => fake.requests.find((r) => r.path.includes(sent.token))),
    );
    expect(reply.data?.embeds?.[0]?.description).toContain('Paul Egan');
  });

  it('opens a thread on /ask with thread:, where a mention continues the conversation', async () => {
    const asked = fake.sendCommand('ask', [
      { name: 'question', type: 3, value: 'Why did the transport minister resign?' },
      { name: 'thread', type: 5, value: true },
    ]);
    const opened = await fake.waitFor(() =>
      fake.requests.find((r) => r.method === 'POST' && /\/threads$/.test(r.path)),
    );
    expect((opened.body as { name?: string }).name).toBe('Why did the transport minister resign?');
    expect(fake.requests.some((r) => r.path.includes(asked.token))).toBe(true);
    const threadId = opened.path.split('/')[4] as string;
    const inThread = mention('who replaced her?', { content: '', channelId: threadId });
    const body = bodyOf(await replyTo(inThread));
    expect(body.embeds?.[0]?.description).toContain('Paul Egan');
  });

  it('answers a DM, and a DM that follows it continues the conversation', async () => {
    const user = fake.newUser();
    const first = fake.sendMessage({
      content: 'Why did Claire Dunmore resign?',
      dm: true,
      user,
    });
    expect(bodyOf(await replyTo(first)).embeds?.[0]?.description).toContain('Dunmore');
    const second = fake.sendMessage({ content: 'who replaced her?', dm: true, user });
    const reply = await replyTo(second);
    expect(reply.path).toBe(`/channels/${first.channel_id}/messages`);
    expect(bodyOf(reply).embeds?.[0]?.description).toMatch(
      /^\*Answering: who replaced her — about Claire Dunmore\?\*/,
    );
  });

  it('never answers another bot, gives a bare mention a help line and a huge one a short note', async () => {
    const fromBot = fake.sendMessage({
      content: `<@${BOT_USER_ID}> who replaced her?`,
      mentionsBot: true,
      bot: true,
    });
    const bare = mention('');
    expect(bodyOf(await replyTo(bare)).content).toBe(MENTION_HELP);
    const huge = mention('why '.repeat(1000));
    expect(bodyOf(await replyTo(huge)).content).toMatch(/^That's a long question/);
    expect(fake.requests.some((r) => bodyOf(r).message_reference?.message_id === fromBot.id)).toBe(
      false,
    );
  });

  it('ignores messages that neither mention it nor reply to it', async () => {
    const chatter = fake.sendMessage({ content: 'anyone watching the match?' });
    const marker = mention('Who won the Harbour Open tennis title?');
    await replyTo(marker);
    expect(chatter.content).toBe('');
    expect(fake.requests.some((r) => bodyOf(r).message_reference?.message_id === chatter.id)).toBe(
      false,
    );
    expect(CHANNEL_ID).toBeTruthy();
  });
});
