import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/discord/loadCommands.js';
import { sameCommands } from '../../src/discord/sameCommands.js';
import { asRegistered, GUILD_ID } from './fakeDiscord.js';

type Json = Record<string, unknown>;

describe('sameCommands', () => {
  let ours: Json[];
  const registered = (scope: 'global' | 'guild', commands = ours) =>
    commands.map((c, i) =>
      asRegistered(
        c,
        { id: String(1000 + i), version: '1' },
        scope === 'guild' ? GUILD_ID : undefined,
      ),
    );
  const changed = (name: string, change: (command: Json) => Json) =>
    ours.map((c) => (c.name === name ? change(structuredClone(c)) : c));

  beforeAll(async () => {
    ours = [...(await loadCommands()).values()].map((c) => c.data.toJSON() as unknown as Json);
  });

  it('holds our definitions equal to what Discord gives back for them, defaults filled in', () => {
    expect(sameCommands(registered('guild'), ours, 'guild')).toBe(true);
    expect(sameCommands(registered('global'), ours, 'global')).toBe(true);
    expect(sameCommands([...registered('guild')].reverse(), ours, 'guild')).toBe(true);
  });

  it('sees a missing, an extra or a renamed command', () => {
    expect(sameCommands([], ours, 'guild')).toBe(false);
    expect(sameCommands(registered('guild').slice(1), ours, 'guild')).toBe(false);
    const extra = { name: 'old', description: 'An old command', type: 1 };
    expect(sameCommands([...registered('guild'), extra], ours, 'guild')).toBe(false);
    expect(
      sameCommands(
        registered(
          'guild',
          changed('ask', (c) => ({ ...c, name: 'query' })),
        ),
        ours,
        'guild',
      ),
    ).toBe(false);
  });

  it('sees an older definition: another description, option, choice or permission', () => {
    const older = [
      changed('ask', (c) => ({ ...c, description: 'Ask about the news' })),
      changed('ask', (c) => ({ ...c, options: [] })),
      changed('ask', (c) => {
        (c.options as Json[])[0] = { ...(c.options as Json[])[0], max_length: 200 };
        return c;
      }),
      changed('ask', (c) => {
        (c.options as Json[])[0] = { ...(c.options as Json[])[0], required: false };
        return c;
      }),
      changed('summary', (c) => {
        const length = (c.options as Json[]).find((o) => o.name === 'length') as Json;
        length.choices = (length.choices as Json[]).slice(0, 2);
        return c;
      }),
      changed('stats', (c) => ({ ...c, default_member_permissions: null })),
    ];
    for (const definitions of older) {
      expect(sameCommands(registered('guild', definitions), ours, 'guild')).toBe(false);
    }
  });

  it('compares where a global command may be used only when we say where', () => {
    const anywhere = registered(
      'global',
      changed('stats', (c) => ({ ...c, contexts: [0, 1, 2] })),
    );
    expect(sameCommands(anywhere, ours, 'global')).toBe(false);
    const helpElsewhere = registered('global').map((c) =>
      c.name === 'help' ? { ...c, integration_types: [0, 1] } : c,
    );
    // /help sets no installation contexts, so the app's own setting is whatever Discord has.
    expect(sameCommands(helpElsewhere, ours, 'global')).toBe(true);
  });
});
