import { describe, expect, it } from 'vitest';
import { createCooldown } from '../../src/discord/cooldown.js';

describe('createCooldown', () => {
  it('allows a person `limit` commands per window and says when they may go on', () => {
    let now = 1_000;
    const check = createCooldown({ limit: 2, windowMs: 10_000, now: () => now });
    expect(check('a')).toEqual({ ok: true });
    now += 1_000;
    expect(check('a')).toEqual({ ok: true });
    expect(check('a')).toEqual({ ok: false, retryAfterMs: 9_000 });
    expect(check('b')).toEqual({ ok: true });
    now += 9_000;
    expect(check('a')).toEqual({ ok: true });
  });
});
