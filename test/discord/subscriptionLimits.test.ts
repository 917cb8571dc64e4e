import { describe, expect, it } from 'vitest';
import type { Alert, Follow } from '../../src/delivery/types.js';
import { overLimit, SUBSCRIPTION_LIMITS } from '../../src/discord/subscriptionHelpers.js';

const follow = (n: number, guildId = 'g1'): Follow => ({
  kind: 'follow',
  id: `follow-${guildId}-${n}`,
  guildId,
  channelId: 'c1',
  feedUrl: `https://example.org/${n}.rss`,
  backlog: 0,
  createdAt: '2025-03-05T08:00:00.000Z',
  createdBy: 'u1',
});
const dmAlert = (n: number, user: string): Alert => ({
  kind: 'alert',
  id: `alert-${user}-${n}`,
  guildId: 'g1',
  topic: `topic ${n}`,
  createdAt: '2025-03-05T08:00:00.000Z',
  createdBy: user,
});

describe('how many follows, alerts and briefings one server may have', () => {
  it('refuses a follow past the server’s limit, but never one that replaces an existing follow', () => {
    const full = Array.from({ length: SUBSCRIPTION_LIMITS.follow }, (_, n) => follow(n));
    expect(overLimit(full, follow(99))).toMatch(/^This server has 25 followed feeds already/);
    expect(overLimit(full, follow(3))).toBeUndefined();
    // Another server's follows do not count.
    expect(overLimit(full, follow(99, 'g2'))).toBeUndefined();
  });

  it('counts DM alerts per person, apart from the server’s channel alerts', () => {
    const mine = Array.from({ length: SUBSCRIPTION_LIMITS.dmAlertsPerPerson }, (_, n) =>
      dmAlert(n, 'u1'),
    );
    expect(overLimit(mine, dmAlert(99, 'u1'))).toMatch(/^You have 10 alerts already/);
    expect(overLimit(mine, dmAlert(99, 'u2'))).toBeUndefined();
    expect(overLimit(mine, { ...dmAlert(99, 'u1'), channelId: 'c1' })).toBeUndefined();
  });
});
