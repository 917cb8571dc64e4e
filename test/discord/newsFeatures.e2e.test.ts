import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/discord/startBot.js';
import { FeedbackStore } from '../../src/feedback/FeedbackStore.js';
import { fixturesDir, indexFolder, inMemory } from '../helpers.js';
import { FakeDiscord, GUILD_ID, MANAGER_PERMISSIONS, type RecordedRequest } from './fakeDiscord.js';

type Body = Record<string, unknown> & { type?: number; data?: Record<string, unknown> };
type Embed = {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
};
type Row = { components: { label?: string; custom_id: string; emoji?: { name: string } }[] };

describe('dates, related stories, votes and /stats through a loopback Discord', () => {
  let fake: FakeDiscord;
  let bot: RunningBot;
  let dataDir: string;
  let feedback: FeedbackStore;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-data-'));
    feedback = FeedbackStore.open(dataDir);
    const index = await indexFolder(path.join(fixturesDir, '../dated'));
    bot = await startBot({
      token: 'test-token.abc.def',
      guildId: GUILD_ID,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
      ...inMemory(() => index),
      feedback,
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const reply = (interaction: { id: string; token: string }) =>
    fake.waitFor(() =>
      fake.requests.find((r) => r.path.includes(`/${interaction.id}/${interaction.token}/`)),
    );
  const bodyOf = (r: RecordedRequest) => r.body as Body;
  const embedOf = (r: RecordedRequest) =>
    ((bodyOf(r).data ?? bodyOf(r)).embeds as Embed[])[0] as Embed;
  const rowsOf = (r: RecordedRequest) => (bodyOf(r).data?.components ?? []) as Row[];
  const ask = async (question: string, user = fake.newUser()) => {
    const sent = await reply(
      fake.sendCommand('ask', [{ name: 'question', type: 3, value: question }], user),
    );
    return { sent, message: fake.messageFrom(bodyOf(sent).data as Record<string, unknown>) };
  };
  const press = (customId: string, message: Record<string, unknown>, user = fake.newUser()) =>
    reply(fake.sendButton(customId, message, user));

  it('answers "the latest" from the newest story, with its date and how sure it is', async () => {
    const { sent } = await ask('What is the latest on the rail strike?');
    const embed = embedOf(sent);
    expect(embed.fields?.[0]?.value).toMatch(
      /^\[1\] Rail dispute settled with new pay deal — 14 Mar 2005, paragraph 1/,
    );
    expect(embed.footer?.text).toMatch(
      /^Confidence: (high|medium|low) · Searched 7 articles, newest first$/,
    );
    const labels = rowsOf(sent)[1]?.components.map((c) => c.label);
    expect(labels).toEqual(['Helpful', 'Not helpful', 'Related stories', 'Follow up']);
  });

  it('keeps one vote per person per answer, with the question and what it cited', async () => {
    const { message } = await ask('How big was the pay rise for drivers?');
    const voter = fake.newUser();
    const first = await press('ask:vote:up', message, voter);
    expect(bodyOf(first).data).toMatchObject({ content: 'Thanks, glad it helped.', flags: 64 });
    const again = await press('ask:vote:down', message, voter);
    expect(bodyOf(again).data?.content).toBe('You have already rated this answer. Thanks!');
    await press('ask:vote:down', message, fake.newUser());

    const votes = feedback.read().records.filter((r) => r.messageId === message.id);
    expect(votes.map((v) => v.vote)).toEqual(['up', 'down']);
    expect(votes[0]).toMatchObject({
      kind: 'vote',
      question: 'How big was the pay rise for drivers?',
      guildId: GUILD_ID,
      citations: expect.arrayContaining([{ articleId: 'rail-strike-ends', passage: 1 }]),
    });
    expect(votes[0]?.answer).toContain('4.5% pay rise');
    expect(votes[0]?.userHash).not.toContain(voter.id);
  });

  it('keeps a question the articles cannot answer, and nothing about an answered one', async () => {
    const before = feedback.read().records.length;
    await ask('Who won the 2004 World Series?');
    await ask('How much did the harbour bridge cost?');
    const added = feedback.read().records.slice(before);
    expect(added.map((r) => [r.kind, r.question])).toEqual([
      ['unanswered', 'Who won the 2004 World Series?'],
    ]);
  });

  it('shows related stories privately from the button under an answer', async () => {
    const { sent, message } = await ask('Why did rail drivers vote to strike?');
    const related = rowsOf(sent)[1]?.components.find((c) => c.label === 'Related stories');
    const shown = await press(related?.custom_id ?? '', message);
    expect(bodyOf(shown).data?.flags).toBe(64);
    const embed = embedOf(shown);
    expect(embed.title).toBe('Related to: Rail drivers vote to strike over pay');
    expect(embed.description).toMatch(/\*\*Talks to avert rail strike break down\*\* · 3 Feb 2005/);
  });

  it('answers /related for an article chosen by name', async () => {
    const sent = await reply(
      fake.sendCommand('related', [{ name: 'article', type: 3, value: 'rail-strike-talks' }]),
    );
    expect(embedOf(sent).description).toContain('Rail drivers vote to strike over pay');
  });

  it('lists the articles of some days newest first, with /articles and the /summary digest', async () => {
    const listed = embedOf(
      await reply(fake.sendCommand('articles', [{ name: 'from', type: 3, value: 'March 2005' }])),
    );
    expect(listed.title).toBe('2 articles published since 1 Mar 2005');
    expect(listed.description?.split('\n')).toEqual([
      '15 Mar 2005 · **Harbour bridge opens to traffic** `harbour-bridge-opens`',
      '14 Mar 2005 · **Rail dispute settled with new pay deal** `rail-strike-ends`',
    ]);
    const digest = embedOf(
      await reply(
        fake.sendCommand('summary', [
          { name: 'from', type: 3, value: '2005-01-01' },
          { name: 'to', type: 3, value: 'February 2005' },
        ]),
      ),
    );
    expect(digest.title).toBe('2 articles published from 1 Jan 2005 to 28 Feb 2005');
    expect(digest.description).toMatch(
      /^\*\*Talks to avert rail strike break down\*\* · 3 Feb 2005/,
    );
    const bad = await reply(
      fake.sendCommand('articles', [{ name: 'to', type: 3, value: 'soonish' }]),
    );
    expect(bodyOf(bad).data).toMatchObject({
      content: 'I can\'t read "soonish" as a date. Try 2005-03-01, 1 Mar 2005 or March 2005.',
      flags: 64,
    });
  });

  it('shows /stats only to people who can manage the server', async () => {
    const refused = await reply(fake.sendCommand('stats', [], fake.newUser()));
    expect(bodyOf(refused).data).toMatchObject({
      content: 'Only people who can manage this server can see the stats.',
      flags: 64,
    });
    const shown = await reply(fake.sendCommand('stats', [], fake.newUser(MANAGER_PERMISSIONS)));
    expect(bodyOf(shown).data?.flags).toBe(64);
    const embed = embedOf(shown);
    expect(embed.description).toMatch(/^👍 1 · 👎 1 · not found 1 · unsure \d+$/);
    expect(embed.fields?.[0]?.value).toContain('1× Who won the 2004 World Series?');
    expect(embed.fields?.[1]?.value).toContain('1× How big was the pay rise for drivers?');
  });
});
