import { describe, expect, it } from 'vitest';
import { HostPacer } from '../../src/ingest/HostPacer.js';

describe('HostPacer', () => {
  it('runs one request at a time per host, with the pause between, and other hosts meanwhile', async () => {
    const pacer = new HostPacer(100);
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name} ${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`end ${name} ${Date.now()}`);
      return name;
    };
    const started = Date.now();
    const results = await Promise.all([
      pacer.run('http://a.example/1', task('a1', 50)),
      pacer.run('http://a.example/2', task('a2', 50)),
      pacer.run('http://b.example/1', task('b1', 50)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    const at = (label: string) =>
      Number(events.find((e) => e.startsWith(label))?.split(' ')[2]) - started;
    // Another host does not wait for the first host's request to finish.
    expect(at('start b1')).toBeLessThan(at('end a1'));
    expect(at('start a2') - at('end a1')).toBeGreaterThanOrEqual(95);
  });

  it('does not pause between requests to this machine, only one at a time', async () => {
    const pacer = new HostPacer(60_000);
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(`end ${name}`);
    };
    await Promise.all([
      pacer.run('http://127.0.0.1:8080/a', task('a')),
      pacer.run('http://127.0.0.1:8080/b', task('b')),
    ]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('goes on after a request that failed', async () => {
    const pacer = new HostPacer(0);
    await expect(
      pacer.run('http://a.example/', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await pacer.run('http://a.example/', async () => 'next')).toBe('next');
  });
});
