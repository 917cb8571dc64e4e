import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../src/conversation/ConversationStore.js';
import type { Turn } from '../../src/conversation/types.js';

const turn = (question: string): Turn => ({
  question,
  standalone: question,
  subjects: [],
  articleIds: [],
});

describe('ConversationStore', () => {
  it('finds a conversation by any of its keys until it expires', () => {
    let time = 0;
    const store = new ConversationStore({ ttlMs: 1000, now: () => time });
    store.set(['message-1', 'thread-1'], [turn('who won?')]);
    expect(store.get('message-1')?.[0]?.question).toBe('who won?');
    expect(store.get('thread-1')?.[0]?.question).toBe('who won?');
    time = 1001;
    expect(store.get('message-1')).toBeUndefined();
    expect(store.get('unknown')).toBeUndefined();
  });

  it('keeps at most the cap, forgetting the least recently used', () => {
    const store = new ConversationStore({ maxConversations: 3 });
    for (const key of ['a', 'b', 'c']) store.set([key], [turn(key)]);
    store.set(['a'], [turn('a again')]);
    store.set(['d'], [turn('d')]);
    expect(store.size).toBe(3);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.[0]?.question).toBe('a again');
    for (let i = 0; i < 1000; i++) store.set([`k${i}`], [turn('x')]);
    expect(store.size).toBe(3);
  });
});
